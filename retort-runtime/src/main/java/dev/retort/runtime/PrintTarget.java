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
        print(terminated(sql.strip()));
        return 1;
    }

    /**
     * {@code sql} with its semicolon: on a line of its own when the statement's last line has a line comment (an
     * operation's expression written with one, {@code balance::bigint -- widen}), which would take the semicolon in,
     * so that psql joined the statement with the next. A {@code --} in a string there costs only the line break.
     */
    static String terminated(String sql) {
        return sql.substring(sql.lastIndexOf('\n') + 1).contains("--") ? sql + "\n;" : sql + ";";
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
