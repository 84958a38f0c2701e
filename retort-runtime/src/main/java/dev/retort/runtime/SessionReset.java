package dev.retort.runtime;

import dev.retort.operation.Autocommit;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ends, with its migration, a session setting the migration took, as Flyway restores the session after each
 * migration; each migration then starts from the session Retort connected with, whether it runs in the same command
 * as the one before it or in the next.
 *
 * <ul>
 *   <li>A role: {@code SET ROLE app_owner} (often written so that the tables it creates belong to that role) would
 *       otherwise stay for the rest of the session, so that the migration's own version row was written as that
 *       role, which may not touch the version table ("permission denied for table retort_version"), and the next
 *       migration ran as it too, but only when it ran in the same command.</li>
 *   <li>The {@code search_path}: {@code SET search_path TO billing} would otherwise send the next migration's
 *       unqualified {@code CREATE TABLE payments} to {@code billing} when both ran in one command and to
 *       {@code public} when they ran in two, so that a fresh deploy and step-by-step upgrades built different
 *       schemas, and a later downgrade did not find its table.</li>
 * </ul>
 *
 * <p>The step resets what it took after its statements, before its version row. {@code RESET} returns to the
 * session's default, which keeps what the connection itself asked for ({@code ?currentSchema=} or {@code options}
 * in the URL, a role's or database's {@code ALTER ... SET}).
 */
final class SessionReset {
    /** {@code SET [SESSION | LOCAL] ROLE}, {@code set_config('role', ...)}. */
    private static final Pattern TAKES_ROLE = Pattern.compile(
            "(?i)\\bSET\\s+(?:(?:SESSION|LOCAL)\\s+)?ROLE\\b|\\bset_config\\s*\\(\\s*'role'");
    private static final Pattern TAKES_SESSION_USER = Pattern.compile("(?i)\\bSET\\s+SESSION\\s+AUTHORIZATION\\b");
    /**
     * {@code SET [SESSION | LOCAL] search_path}, {@code SET SCHEMA 'name'} (its literal tells it from {@code ALTER
     * TABLE t SET SCHEMA s}), {@code set_config('search_path', ...)}.
     */
    private static final Pattern CHANGES_SEARCH_PATH = Pattern.compile(
            "(?i)\\bSET\\s+(?:(?:SESSION|LOCAL)\\s+)?(?:search_path\\b|\"search_path\"|SCHEMA\\s+')"
                    + "|\\bset_config\\s*\\(\\s*'search_path'");

    private SessionReset() {
    }

    /**
     * {@code operations}, followed by what gives the session back the user Retort connected as and the connection's
     * own {@code search_path} when one of them changes it; {@code operations} itself when none does.
     */
    static List<Operation> appendedTo(List<Operation> operations) {
        String sql = handWritten(operations);
        boolean role = TAKES_ROLE.matcher(sql).find();
        boolean sessionUser = TAKES_SESSION_USER.matcher(sql).find();
        boolean searchPath = CHANGES_SEARCH_PATH.matcher(sql).find();
        if (!role && !sessionUser && !searchPath) {
            return operations;
        }
        List<Operation> reset = new ArrayList<>(operations);
        if (sessionUser) {
            reset.add(new Execute("RESET SESSION AUTHORIZATION"));
        }
        if (role || sessionUser) {
            reset.add(new Execute("RESET ROLE"));
        }
        if (searchPath) {
            reset.add(new Execute("RESET search_path"));
        }
        return List.copyOf(reset);
    }

    /** The SQL written by hand among {@code operations}, which alone can change the session; the others build DDL. */
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
