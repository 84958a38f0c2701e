package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
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
 *       migration ran as it too, but only when it ran in the same command. The role goes back to the one an
 *       application's pool lent the session as ({@code SET ROLE} in its init SQL), not to the user it logged in as,
 *       or the tables of later migrations would belong to another role than those of earlier ones.</li>
 *   <li>The {@code search_path}: {@code SET search_path TO billing} would otherwise send the next migration's
 *       unqualified {@code CREATE TABLE payments} to {@code billing} when both ran in one command and to
 *       {@code public} when they ran in two, so that a fresh deploy and step-by-step upgrades built different
 *       schemas, and a later downgrade did not find its table.</li>
 *   <li>The run's timeouts: a {@code SET lock_timeout = 0} (as every pg_dump begins) would otherwise take the
 *       run's {@code lock_timeout} away from every migration after it in the same command, which could then queue
 *       every query on a table behind it. Restored to the run's values, not reset.</li>
 *   <li>Any other setting a statement of the migration takes with {@code SET} (or {@code set_config}):
 *       {@code check_function_bodies}, {@code row_security}, {@code client_min_messages} and the others of a
 *       pg_dump, a {@code SET TIME ZONE}, an application's {@code app.tenant}, the transaction defaults of a
 *       {@code SET SESSION CHARACTERISTICS}.</li>
 *   <li>Whatever code the migration runs may set ({@link UserCode}): a {@code DO} block, a function it calls, the
 *       function of a trigger that its {@code INSERT} fires. What that set cannot be read from the text, so the step
 *       gives the session back whole ({@link #resetWhatTheSessionHolds}); a step of plain DDL gets none of it.</li>
 *   <li>A {@code RESET} of the migration's own ({@code RESET lock_timeout}, {@code RESET ALL}), which takes a setting
 *       to the server's default rather than to the run's timeout or to what a lent session held: the session is
 *       given back whole too.</li>
 * </ul>
 *
 * <p>The step resets what it took after its statements, before its version row. {@code RESET} returns to the
 * session's default, which keeps what the connection itself asked for ({@code ?currentSchema=} or {@code options}
 * in the URL, a role's or database's {@code ALTER ... SET}). A session an application's pool lent Retort may hold
 * settings of its own, made after it started (the pool's init SQL, {@code setSchema}): a setting goes back to that
 * value instead, so that a migration's {@code SET search_path} does not send the next one's tables from the schema
 * the application's sessions work in to {@code public}.
 */
final class SessionReset {
    /**
     * Settings given back otherwise (role, search path, the run's timeouts), or that are no setting; and those that
     * end with the transaction (or, for {@code seed}, only seed the random numbers once), which PostgreSQL 16 and
     * later refuse to reset ("parameter "seed" cannot be reset"), failing a migration that ran.
     */
    private static final Set<String> NOT_RESET_BY_NAME = Set.of("role", "session", "search_path", "schema",
            "lock_timeout", "statement_timeout", "session_authorization", "seed", "transaction_isolation",
            "transaction_read_only", "transaction_deferrable", "client_encoding", "local");
    /**
     * The encoding a run's session talks: a live run's driver knows no other, and a printed script sets it at its
     * start. A migration may set no other ({@code ClientEncoding}), so that its own {@code SET client_encoding} needs
     * no reset; the {@code RESET ALL} of {@link #resetWhatTheSessionHolds} is followed by this, or in a script run by
     * psql it would go back to psql's encoding, and the next migration's text would be read in that.
     */
    static final String CLIENT_ENCODING = "SET client_encoding = 'UTF8'";
    /**
     * The role the session started with, which {@code RESET ROLE} goes back to: the login user, or the role a
     * {@code role} setting of the login user, the database or the connection's {@code options} made it start as.
     */
    private static final String STARTING_ROLE = "(SELECT reset_val FROM pg_catalog.pg_settings WHERE name = 'role')";
    /**
     * The settings other than its timeouts that a run takes on its session before its first step ({@link Runner},
     * {@link Durability}), which {@link #resetWhatTheSessionHolds} keeps. A setting the run comes to take on its
     * session belongs here.
     */
    static final List<String> RUNS_OWN = List.of("client_connection_check_interval", "idle_session_timeout",
            "synchronous_commit");
    /**
     * The settings a run takes for a transaction ({@code set_config(..., true)}), which {@code RESET ALL} would end
     * too: the start of a step sent in a group, from which {@link GroupSender} measures it.
     */
    static final List<String> RUNS_OWN_LOCAL = List.of("retort.step_started");
    /** What {@code SET SESSION CHARACTERISTICS} sets. */
    private static final List<String> TRANSACTION_DEFAULTS = List.of("default_transaction_deferrable",
            "default_transaction_isolation", "default_transaction_read_only");

    private SessionReset() {
    }

    /**
     * {@code operations}, followed by what gives the session back the user Retort connected as, the connection's own
     * {@code search_path}, the run's timeouts ({@code lockTimeout}, {@code statementTimeout}) and the default of any
     * other setting when one of them changes it, or may run code that could ({@link UserCode}); {@code operations}
     * itself when none does. {@code dialect} renders the operations, as the step will send them.
     */
    static List<Operation> appendedTo(List<Operation> operations, Dialect dialect, String lockTimeout,
            String statementTimeout) {
        return appendedTo(operations, dialect, lockTimeout, statementTimeout, Map.of());
    }

    /**
     * Like {@link #appendedTo(List, Dialect, String, String)}, for a session that held {@code sessionSettings} (by name
     * in lower case) when Retort had it: a setting among them goes back to its value there rather than to its default.
     */
    static List<Operation> appendedTo(List<Operation> operations, Dialect dialect, String lockTimeout,
            String statementTimeout, Map<String, String> sessionSettings) {
        return appendedTo(operations, dialect, lockTimeout, statementTimeout, sessionSettings, false);
    }

    /**
     * Like {@link #appendedTo(List, Dialect, String, String, Map)}; with {@code sharedTransaction} (a run in one
     * transaction, {@code transaction_per_migration = false}) a {@code SET LOCAL} is reset too: it would otherwise
     * last until the run's commit, so that a {@code SET LOCAL check_function_bodies = off} let the functions of every
     * later migration be created unchecked, but only when they ran in the same command. The reset runs in the shared
     * transaction, at the end of the migration's statements.
     */
    static List<Operation> appendedTo(List<Operation> operations, Dialect dialect, String lockTimeout,
            String statementTimeout, Map<String, String> sessionSettings, boolean sharedTransaction) {
        Read read = Read.of(operations, dialect);
        if (read.runsCode() || read.resets()) {
            // What code sets cannot be read from the migration's text: the server says what the session holds. A
            // RESET of the migration's own is given back whole too: it took the run's timeouts, or a setting of
            // the session an application's pool lent, back to the server's default.
            List<Operation> reset = new ArrayList<>(operations);
            for (String statement : read.mentionsSet() ? read.handWritten() : List.<String>of()) {
                if (Patterns.TAKES_SESSION_USER.matcher(statement).find()) {
                    reset.add(new Execute("RESET SESSION AUTHORIZATION"));
                    break;
                }
            }
            reset.add(new Execute(resetWhatTheSessionHolds(lockTimeout, statementTimeout, sessionSettings)));
            return List.copyOf(reset);
        }
        if (!read.mentionsSet()) {
            return operations; // every pattern below needs a SET or a set_config
        }
        String sql = String.join("\n", read.handWritten());
        List<Operation> reset = new ArrayList<>(operations);
        reset.addAll(roleAndSearchPath(sql, sessionSettings));
        Set<String> timeouts = new TreeSet<>();
        Matcher timeout = Patterns.TIMEOUT.matcher(sql);
        while (timeout.find()) {
            timeouts.add((timeout.group(1) != null ? timeout.group(1) : timeout.group(2)).toLowerCase(Locale.ROOT));
        }
        for (String name : timeouts) {
            String value = name.equals("lock_timeout") ? lockTimeout : statementTimeout;
            reset.add(new Execute(restoreSql(name, value)));
        }
        for (String name : otherSettings(read.handWritten(), sharedTransaction)) {
            reset.add(new Execute(resetSql(name, sessionSettings)));
        }
        // The role the session was lent as last: the resets above run as the user Retort connected as, who may set
        // what the lent role may not (a superuser's session_replication_role).
        if (sessionSettings.containsKey("role") && (Patterns.TAKES_ROLE.matcher(sql).find()
                || Patterns.TAKES_SESSION_USER.matcher(sql).find())) {
            reset.add(new Execute(resetSql("role", sessionSettings)));
        }
        return reset.size() == operations.size() ? operations : List.copyOf(reset);
    }

    /**
     * What a step's operations tell the reset, read in one pass over them, each rendered once, as the step will
     * send it: the statements written by hand ({@code Execute}), which alone can change the session by their own
     * text, and whether an operation may run code that takes a setting out of sight of the patterns
     * ({@link UserCode}): a statement of either kind, or a bulk insert (an {@code INSERT}, which fires the table's
     * triggers). An operation that cannot be rendered counts as code (its step fails when it comes to it), and an
     * {@code Execute} that cannot be split counts as one statement.
     */
    private record Read(List<String> handWritten, boolean runsCode) {
        boolean mentionsSet() {
            for (String statement : handWritten) {
                if (SessionReset.mentionsSet(statement)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a statement written by hand resets a setting ({@code RESET name}, {@code RESET ALL}). */
        boolean resets() {
            for (String statement : handWritten) {
                List<UserCode.Token> words = UserCode.Token.read(statement, 2);
                if (words.size() == 2 && words.get(0).text().equals("reset") && !words.get(1).text().equals("role")
                        && !words.get(1).text().equals("session")) {
                    return true;
                }
            }
            return false;
        }

        static Read of(List<Operation> operations, Dialect dialect) {
            List<String> handWritten = new ArrayList<>();
            boolean runsCode = false;
            for (Operation operation : Autocommit.flatten(operations)) {
                boolean execute = operation instanceof Execute;
                if (operation instanceof BulkInsert || runsCode && !execute) {
                    runsCode = true;
                    continue;
                }
                List<String> rendered;
                try {
                    rendered = dialect.render(operation);
                } catch (RuntimeException e) {
                    runsCode = true;
                    if (execute) {
                        handWritten.add(((Execute) operation).sql());
                    }
                    continue;
                }
                if (execute) {
                    handWritten.addAll(rendered);
                }
                for (int i = 0; i < rendered.size() && !runsCode; i++) {
                    runsCode = UserCode.mayRun(rendered.get(i));
                }
            }
            return new Read(handWritten, runsCode);
        }
    }

    /** Whether {@code statement} has the letters of {@code SET} (or of {@code set_config}) in any case. */
    private static boolean mentionsSet(String statement) {
        for (int i = 0, end = statement.length() - 2; i < end; i++) {
            // c | 0x20 is c in lower case for a letter, and is 's' for no character but 's' and 'S'.
            if ((statement.charAt(i) | 0x20) == 's' && (statement.charAt(i + 1) | 0x20) == 'e'
                    && (statement.charAt(i + 2) | 0x20) == 't') {
                return true;
            }
        }
        return false;
    }

    /**
     * One statement that gives the session back what Retort connected with, whatever the migration's code set: the
     * user ({@code RESET ROLE}), every setting ({@code RESET ALL}, which returns to the connection's own values and
     * leaves the role and the {@code transaction_*} settings alone), then what the run set itself: the settings of
     * {@link #RUNS_OWN} and {@link #RUNS_OWN_LOCAL} as they were, and the run's timeouts. A {@code DO} block, so
     * that it goes to the server with the step's other statements, in no extra round trip; {@code RESET ALL} costs
     * the server a fraction of what reading {@code pg_settings} for the settings to reset would.
     */
    static String resetWhatTheSessionHolds(String lockTimeout, String statementTimeout) {
        return resetWhatTheSessionHolds(lockTimeout, statementTimeout, Map.of());
    }

    /**
     * Like {@link #resetWhatTheSessionHolds(String, String)}, making the settings the session held when Retort had
     * it, {@code sessionSettings}, again after {@code RESET ALL}, before the run's own, which it sets after them.
     */
    static String resetWhatTheSessionHolds(String lockTimeout, String statementTimeout,
            Map<String, String> sessionSettings) {
        StringBuilder keep = new StringBuilder();
        StringBuilder restore = new StringBuilder();
        List<String> own = new ArrayList<>(RUNS_OWN);
        own.addAll(RUNS_OWN_LOCAL);
        new TreeMap<>(sessionSettings).forEach((name, value) -> {
            if (!own.contains(name) && !name.equals("lock_timeout") && !name.equals("statement_timeout")
                    && !name.equals("role")) {
                restore.append("PERFORM set_config(").append(literal(name)).append(", ").append(literal(value))
                        .append(", false); ");
            }
        });
        for (int i = 0; i < own.size(); i++) {
            boolean local = RUNS_OWN_LOCAL.contains(own.get(i));
            keep.append("s").append(i).append(" text := current_setting('").append(own.get(i)).append("', true); ");
            restore.append("IF s").append(i).append(" <> '' THEN PERFORM set_config('").append(own.get(i))
                    .append("', s").append(i).append(", ").append(local).append("); END IF; ");
        }
        // The role the session was lent as last, once the settings are made as the session user again.
        String lentRole = sessionSettings.get("role");
        if (lentRole != null) {
            restore.append("PERFORM set_config('role', ").append(literal(lentRole)).append(", false); ");
        }
        return "DO $retort$DECLARE " + keep + "BEGIN IF current_user IS DISTINCT FROM session_user THEN "
                + "RESET ROLE; END IF; RESET ALL; PERFORM set_config('client_encoding', 'UTF8', false); " + restore
                + "EXECUTE " + literal(restoreSql("lock_timeout", lockTimeout)) + "; "
                + "EXECUTE " + literal(restoreSql("statement_timeout", statementTimeout)) + "; END$retort$";
    }

    /**
     * One statement that runs {@code statements}, Retort's own rows written in the middle of a step (the mark of an
     * autocommit part), as the role the session started with, or the role the session was lent as ({@code
     * sessionSettings}): a migration's {@code SET ROLE} holds until its step ends, and the role it takes may have no
     * rights on Retort's tables. The role is set for the transaction: in one, until its commit, which comes right
     * after (before the autocommit part, whose statements the migration's role runs again); outside one, for this
     * statement only.
     *
     * <p>The role the session started with is what {@code RESET ROLE} gives, its {@code reset_val}: the login user's
     * own, or the role an {@code ALTER ROLE deployer SET role = 'app_owner'} (or {@code options=-c role=...}) gives
     * the session. Not {@code none}, the login user itself, which may hold no rights on Retort's tables when it is
     * {@code NOINHERIT} and its role gave them (they belong to that role).
     */
    static String asRetort(Map<String, String> sessionSettings, String... statements) {
        String lentRole = sessionSettings.get("role");
        StringBuilder block = new StringBuilder("DO $retort$BEGIN PERFORM pg_catalog.set_config('role', ")
                .append(lentRole != null ? literal(lentRole) : STARTING_ROLE).append(", true); ");
        for (String sql : statements) {
            block.append("EXECUTE ").append(literal(sql)).append("; ");
        }
        return block.append("END$retort$").toString();
    }

    private static String literal(String sql) {
        return "'" + sql.replace("'", "''") + "'";
    }

    /**
     * The statement that gives {@code name} back the value the session held when Retort had it, from
     * {@code sessionSettings}, or else its default.
     */
    private static String resetSql(String name, Map<String, String> sessionSettings) {
        String value = sessionSettings.get(name);
        return value == null ? "RESET " + name
                : "SELECT pg_catalog.set_config(" + literal(name) + ", " + literal(value) + ", false)";
    }

    /** The statement that gives a timeout back the run's value, after a migration that set it. */
    static String restoreSql(String name, String value) {
        return "SET " + name + " = '" + value.replace("'", "''") + "'";
    }

    /**
     * The settings other than those given back by name that the statements set, lower-case, in order of name; those
     * of a {@code SET LOCAL} only when the migration shares its transaction with those after it.
     */
    private static Set<String> otherSettings(List<String> statements, boolean sharedTransaction) {
        Set<String> names = new TreeSet<>();
        for (String statement : statements) {
            if (Patterns.SESSION_CHARACTERISTICS.matcher(statement).find()) {
                names.addAll(TRANSACTION_DEFAULTS);
            }
            Matcher set = Patterns.SET_STATEMENT.matcher(statement);
            if (set.find() && (set.group(1) == null || sharedTransaction)) {
                String name = set.group(2).toLowerCase(Locale.ROOT);
                String rest = statement.substring(set.end()).stripLeading().toLowerCase(Locale.ROOT);
                names.add(switch (name) {
                    case "time" -> rest.startsWith("zone") ? "timezone" : name;
                    case "xml" -> rest.startsWith("option") ? "xmloption" : name;
                    case "names" -> "client_encoding";
                    default -> name;
                });
            }
            if (!Patterns.DEFINES_ROUTINE.matcher(statement).find()) {
                Matcher config = Patterns.SET_CONFIG.matcher(statement);
                while (config.find()) {
                    names.add(config.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        names.removeAll(NOT_RESET_BY_NAME);
        return names;
    }

    /**
     * What gives the session back the user Retort connected as and the connection's own {@code search_path} when
     * {@code sql} changes one of them; none when it does not.
     */
    private static List<Operation> roleAndSearchPath(String sql, Map<String, String> sessionSettings) {
        boolean role = Patterns.TAKES_ROLE.matcher(sql).find();
        boolean sessionUser = Patterns.TAKES_SESSION_USER.matcher(sql).find();
        boolean searchPath = Patterns.CHANGES_SEARCH_PATH.matcher(sql).find();
        List<Operation> reset = new ArrayList<>();
        if (sessionUser) {
            reset.add(new Execute("RESET SESSION AUTHORIZATION"));
        }
        if (role || sessionUser) {
            reset.add(new Execute("RESET ROLE"));
        }
        if (searchPath) {
            reset.add(new Execute(resetSql("search_path", sessionSettings)));
        }
        return reset;
    }

    /**
     * The patterns, compiled when a step's SQL first mentions a setting: compiling them cost a run of plain DDL,
     * which needs none of them, several milliseconds of its start.
     */
    private static final class Patterns {
        /** {@code SET [SESSION | LOCAL] ROLE}, {@code set_config('role', ...)}. */
        static final Pattern TAKES_ROLE = Pattern.compile(
                "(?i)\\bSET\\s+(?:(?:SESSION|LOCAL)\\s+)?ROLE\\b|\\bset_config\\s*\\(\\s*'role'");
        static final Pattern TAKES_SESSION_USER = Pattern.compile("(?i)\\bSET\\s+SESSION\\s+AUTHORIZATION\\b");
        /**
         * {@code SET [SESSION | LOCAL] search_path}, {@code SET SCHEMA 'name'} (its literal tells it from
         * {@code ALTER TABLE t SET SCHEMA s}), {@code set_config('search_path', ...)}.
         */
        static final Pattern CHANGES_SEARCH_PATH = Pattern.compile(
                "(?i)\\bSET\\s+(?:(?:SESSION|LOCAL)\\s+)?(?:search_path\\b|\"search_path\"|SCHEMA\\s+')"
                        + "|\\bset_config\\s*\\(\\s*'search_path'");
        /**
         * {@code SET [SESSION | LOCAL] lock_timeout} or {@code statement_timeout},
         * {@code set_config('...timeout')}.
         */
        static final Pattern TIMEOUT = Pattern.compile(
                "(?i)\\bSET\\s+(?:(?:SESSION|LOCAL)\\s+)?(lock_timeout|statement_timeout)\\b"
                        + "|\\bset_config\\s*\\(\\s*'(lock_timeout|statement_timeout)'");
        /**
         * A statement that is a {@code SET} of a setting, after any comments; group 1 is {@code LOCAL} for one that
         * ends with the transaction (null otherwise), group 2 the setting, or the first word of {@code TIME ZONE},
         * {@code XML OPTION}.
         */
        static final Pattern SET_STATEMENT = Pattern.compile(
                "(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*SET\\s+(?:SESSION\\s+|(LOCAL)\\s+)?"
                        + "(?!ROLE\\b|AUTHORIZATION\\b|CHARACTERISTICS\\b|CONSTRAINTS\\b|TRANSACTION\\b)"
                        + "([A-Za-z_][A-Za-z0-9_$]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*)?)\\b");
        /**
         * A statement that defines a function or procedure, after any comments: a {@code set_config} in its body
         * runs when it is called, not now, and a RESET of what it would set may need more than the migration's user
         * has ({@code session_replication_role} takes a superuser).
         */
        static final Pattern DEFINES_ROUTINE = Pattern.compile(
                "(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*CREATE\\s+(?:OR\\s+REPLACE\\s+)?"
                        + "(?:FUNCTION|PROCEDURE)\\b");
        /** {@code set_config('name', ...)}: group 1 is the setting. */
        static final Pattern SET_CONFIG = Pattern.compile(
                "(?i)\\bset_config\\s*\\(\\s*'([A-Za-z_][A-Za-z0-9_$]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*)?)'");
        /**
         * {@code SET SESSION CHARACTERISTICS AS TRANSACTION ...}, which sets the defaults of every later
         * transaction ({@link #TRANSACTION_DEFAULTS}), so that a {@code READ ONLY} there would make the next
         * migration of the command fail and not that of the next one.
         */
        static final Pattern SESSION_CHARACTERISTICS = Pattern.compile(
                "(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*SET\\s+SESSION\\s+CHARACTERISTICS\\b");
    }
}
