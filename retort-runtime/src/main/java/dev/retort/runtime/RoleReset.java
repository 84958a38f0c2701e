package dev.retort.runtime;

import dev.retort.operation.Autocommit;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ends, with its migration, a role the migration took: {@code SET ROLE app_owner} (often written so that the tables
 * it creates belong to that role) would otherwise stay for the rest of the session, so that the migration's own
 * version row was written as that role, which may not touch the version table ("permission denied for table
 * retort_version"), and the next migration ran as it too, but only when it ran in the same command. As Flyway
 * restores the role after each migration, the step resets it after its statements, before its version row.
 */
final class RoleReset {
    /** {@code SET [SESSION | LOCAL] ROLE}, {@code SET SESSION AUTHORIZATION}, {@code set_config('role', ...)}. */
    private static final Pattern TAKES_ROLE = Pattern.compile(
            "(?i)\\bSET\\s+(?:(?:SESSION|LOCAL)\\s+)?ROLE\\b|\\bset_config\\s*\\(\\s*'role'");
    private static final Pattern TAKES_SESSION_USER = Pattern.compile("(?i)\\bSET\\s+SESSION\\s+AUTHORIZATION\\b");

    private RoleReset() {
    }

    /**
     * {@code operations}, followed by what gives the session back the user Retort connected as when one of them
     * changes it; {@code operations} itself when none does.
     */
    static List<Operation> appendedTo(List<Operation> operations) {
        String sql = handWritten(operations);
        boolean role = TAKES_ROLE.matcher(sql).find();
        boolean sessionUser = TAKES_SESSION_USER.matcher(sql).find();
        if (!role && !sessionUser) {
            return operations;
        }
        List<Operation> reset = new ArrayList<>(operations);
        if (sessionUser) {
            reset.add(new Execute("RESET SESSION AUTHORIZATION"));
        }
        reset.add(new Execute("RESET ROLE"));
        return List.copyOf(reset);
    }

    /** The SQL written by hand among {@code operations}, which alone can change the role; the others build DDL. */
    private static String handWritten(List<Operation> operations) {
        StringBuilder sql = new StringBuilder();
        for (Operation operation : operations) {
            if (operation instanceof Execute execute) {
                sql.append(execute.sql()).append('\n');
            } else if (operation instanceof Autocommit block) {
                sql.append(handWritten(block.operations()));
            }
        }
        return sql.toString();
    }
}
