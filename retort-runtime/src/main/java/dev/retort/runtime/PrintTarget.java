package dev.retort.runtime;

import java.io.PrintStream;

/**
 * Prints the statements of a run as a SQL script, for {@code upgrade --sql} and {@code downgrade --sql}.
 *
 * <p>{@code BEGIN} is printed just before the first statement of a transaction, so the script holds no
 * empty transactions.
 */
final class PrintTarget implements SqlTarget {
    private final PrintStream out;
    private boolean wantTransaction;
    private boolean inTransaction;

    PrintTarget(PrintStream out) {
        this.out = out;
    }

    @Override
    public void begin() {
        wantTransaction = true;
    }

    @Override
    public void commit() {
        if (inTransaction) {
            print("COMMIT;");
        }
        inTransaction = false;
        wantTransaction = false;
    }

    @Override
    public void rollback() {
        inTransaction = false;
        wantTransaction = false;
    }

    @Override
    public int execute(String sql) {
        if (wantTransaction && !inTransaction) {
            print("BEGIN;");
            inTransaction = true;
        }
        print(sql.strip() + ";");
        return 1;
    }

    @Override
    public void enterAutocommit() {
        commit();
        print("-- outside a transaction:");
    }

    @Override
    public void exitAutocommit() {
        begin();
    }

    @Override
    public void comment(String text) {
        print("-- " + text);
    }

    @Override
    public boolean live() {
        return false;
    }

    private void print(String line) {
        out.println(line);
        out.println();
    }
}
