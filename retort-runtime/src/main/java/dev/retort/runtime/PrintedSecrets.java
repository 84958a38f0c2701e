package dev.retort.runtime;

import dev.retort.operation.Operation;
import dev.retort.revision.Direction;
import dev.retort.script.Script;
import dev.retort.script.ScriptKind;

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

    /** Warns through the run's listener of every statement of {@code steps} that holds a password. */
    static void warn(RunContext context, BuiltSteps steps) {
        for (int i = 0; i < steps.size(); i++) {
            Script script = steps.script(i);
            boolean upgrade = steps.step(i).direction() == Direction.UPGRADE;
            for (Operation operation : steps.operations(i)) {
                for (String sql : context.dialect().render(operation)) {
                    if (!SecretsInSql.masked(sql).equals(sql)) {
                        context.listener().warning(where(context, script, upgrade, sql) + ": `"
                                + StepFailures.abbreviate(sql) + "` is printed with its password, as the migration "
                                + "holds it; keep the script out of tickets and logs, or move the password out of "
                                + "the migration");
                    }
                }
            }
        }
    }

    /** {@code file, line N} for a SQL migration, {@code File.java:N} for a Java one, as step failures name them. */
    private static String where(RunContext context, Script script, boolean upgrade, String sql) {
        int line = context.loader().lineOf(script, upgrade, sql);
        String file = StepFailures.display(script.path());
        if (line <= 0) {
            return file;
        }
        return script.kind() == ScriptKind.SQL ? file + ", line " + line : file + ":" + line;
    }
}
