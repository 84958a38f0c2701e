package dev.retort.runtime;

import dev.retort.dialect.SecretsInSql;
import dev.retort.dialect.TableColumns;
import dev.retort.operation.Operation;
import dev.retort.revision.Direction;
import dev.retort.script.Script;
import dev.retort.script.ScriptKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Warns, for {@code upgrade --sql} and {@code downgrade --sql}, of each printed statement that holds a password as
 * its migration wrote it ({@code CREATE ROLE app PASSWORD 'x'}, a {@code dblink} connection string).
 *
 * <p>The script is printed as it is: it is meant to be run by whoever reviews it, and with the password hidden it
 * would set a role's password to {@code ***} or fail to connect. Alembic, Flyway and Liquibase print it as it is
 * too, silently. A script that goes to a ticket, a pull request or a CI log takes the password there, so each such
 * statement is named on stderr (file and line, the password hidden), where the output file does not get it.
 */
final class PrintedSecrets {
    private PrintedSecrets() {
    }

    /**
     * Warns through the run's listener of every statement of {@code steps} that holds a password, and of every
     * {@code INSERT} that lists no columns into a table that none of the steps before it makes, whose strings may
     * hold one: with no database, which of them goes to a password column is not known.
     */
    static void warn(RunContext context, BuiltSteps steps) {
        TableColumns columns = new TableColumns();
        TableColumns knownColumns = columns.knownOnly();
        for (int i = 0; i < steps.size(); i++) {
            Script script = steps.script(i);
            boolean upgrade = steps.step(i).direction() == Direction.UPGRADE;
            // How many of each statement the step printed so far: a migration may write one twice.
            Map<String, Integer> printed = new HashMap<>();
            for (Operation operation : steps.operations(i)) {
                for (String sql : context.dialect().render(operation)) {
                    int earlier = printed.merge(sql, 1, Integer::sum) - 1;
                    String flat = sql.strip().replaceAll("\\s+", " ");
                    String shown = SecretsInSql.masked(flat, columns);
                    // Most statements hide nothing; only one that does is masked again, by the known columns alone.
                    if (!shown.equals(flat)) {
                        boolean known = !SecretsInSql.masked(flat, knownColumns).equals(flat);
                        String where = where(context, script, upgrade, sql, earlier);
                        context.listener().warning(where + ": `" + cut(shown) + "` "
                                + (known ? "is printed with its password, as the migration holds it; keep the script "
                                        + "out of tickets and logs, or move the password out of the migration"
                                : "is printed as the migration holds it and may hold a password: no statement "
                                        + "printed before it surely makes its table, so which of its values goes to a "
                                        + "password column is not known here; list its columns, or check the script "
                                        + "before it goes to tickets and logs"));
                    }
                    columns.learn(sql);
                }
            }
        }
    }

    /** {@code text}, cut at 160 characters as a failed statement is. */
    private static String cut(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    /** {@code file, line N} for a SQL migration, {@code File.java:N} for a Java one, as step failures name them. */
    private static String where(RunContext context, Script script, boolean upgrade, String sql, int earlier) {
        int line = context.loader().lineOf(script, upgrade, sql, earlier);
        String file = StepFailures.display(script.path());
        if (line <= 0) {
            return file;
        }
        return script.kind() == ScriptKind.SQL ? file + ", line " + line : file + ":" + line;
    }
}
