package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.MadeAgain;
import dev.retort.dialect.SecretsInSql;
import dev.retort.dialect.TableColumns;
import dev.retort.operation.AddColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.revision.Direction;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.script.MigrationLoader;
import dev.retort.script.Script;
import dev.retort.script.ScriptKind;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns what failed in a run into a message that names the revision, its file and line, the statement, and what
 * stayed applied; it follows the steps the run commits so far, so that it can tell the last.
 */
final class StepFailures {
    /** What to do about the statements a revision's autocommit part committed before it failed or was stopped. */
    static final String UNDO_AUTOCOMMIT = "undo them by hand or make them idempotent before running again.";
    /** dependent_objects_still_exist: a DROP (or a column's type change) that other objects stand in the way of. */
    private static final String DEPENDENT_OBJECTS = "2BP01";
    private static final String NOT_NULL_VIOLATION = "23502";
    /**
     * feature_not_supported: among others, a column's type change that a view or rule, a trigger, a policy or a
     * generated column uses, whose detail names it ({@code rule _RETURN on view v depends on column "body"}).
     */
    private static final String FEATURE_NOT_SUPPORTED = "0A000";
    private static final Pattern TYPE_CHANGE = Pattern.compile("(?is)\\s*ALTER\\s+TABLE\\b.*\\bTYPE\\b.*");
    private static final String TYPE_CHANGE_HINT = " PostgreSQL cannot change the type of a column that another "
            + "object uses: drop that object earlier in the migration and create it again after the ALTER (for a view, "
            + "DROP VIEW before it and CREATE VIEW after it).";
    /**
     * A statement that runs PL/pgSQL (a {@code DO} block, a procedure's {@code CALL}), comments before it: what it
     * runs is refused ("cannot be executed from a function") even outside a transaction.
     */
    private static final Pattern ROUTINE_CALL = Pattern.compile(
            "(?is)(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*(?:DO|CALL)\\b");
    /** A DROP ROLE (or its synonyms), which has no CASCADE. */
    private static final Pattern DROP_ROLE = Pattern.compile("(?is)\\s*DROP\\s+(?:ROLE|USER|GROUP)\\b.*");
    /** The role of a DROP ROLE that failed: {@code role "reporter" cannot be dropped because ...}. */
    private static final Pattern UNDROPPABLE_ROLE = Pattern.compile("role \"(.+?)\" cannot be dropped");
    /** How many of the dependent objects a hint names, as the detail before it names them all. */
    private static final int DEPENDENTS_NAMED = 3;
    /** How much of the list of dependent objects a message shows: the server's own list stops at about a hundred. */
    private static final int DEPENDENTS_SHOWN = 400;
    /** A duration of zero, as retort.toml writes "no timeout": "0", "0ms", "0s". */
    private static final Pattern DURATION_OF_NONE = Pattern.compile("0+\\s*[a-z]*");
    private final MigrationLoader loader;
    private final List<Step> steps;
    private final boolean perMigration;
    /** How it names the database: the project's, a scratch database made for the run, or a tenant's version table. */
    private final String database;
    /** Whether that is a scratch database, made empty for the run: never one made before Retort managed it. */
    private final boolean scratch;
    /** The statement_timeout the run sets on its session: retort.toml's, "0" (none) by default. */
    private final String statementTimeout;
    /** The lock_timeout the run sets on its session: retort.toml's. */
    private final String lockTimeout;
    /** The steps' operations: a timeout a failed step's migration set before its statement is the one in force. */
    private final BuiltSteps built;
    private final RunContext context;
    /** Where the run's statements go: the database whose catalog has the columns of the tables they fill. */
    private final SqlTarget target;
    /**
     * Where a run in one transaction stands once it fails: where it started, or after the last step that ran
     * statements outside a transaction, which committed the run so far and commits itself at its end.
     */
    private Set<String> committedHeads;
    /** The heads the plan ends on: several where it runs several branches. */
    private final Set<String> endHeads;
    /** The step whose autocommit part committed the run's one transaction before it, if one did. */
    private Step splitAt;
    /** The first step that the run's last transaction holds, in a run that is one transaction. */
    private int firstUncommitted;

    StepFailures(RunContext context, Plan plan, BuiltSteps built, SqlTarget target) {
        this.context = context;
        this.target = target;
        this.built = built;
        this.lockTimeout = context.options().lockTimeout().strip();
        this.loader = context.loader();
        this.steps = plan.steps();
        this.perMigration = context.options().transactionPerMigration();
        this.database = context.databaseShown();
        this.scratch = context.options().scratchDatabase().isPresent();
        this.statementTimeout = context.options().statementTimeout().strip();
        this.committedHeads = plan.startHeads();
        this.endHeads = plan.endHeads();
    }

    /** Notes that step {@code i} committed, with every step before it. */
    void committed(int i) {
        committedHeads = steps.get(i).headsAfter();
        firstUncommitted = i + 1;
    }

    /**
     * Notes that step {@code i} entered its autocommit part, which commits the steps before it: in one transaction for
     * the whole run, a failure after that no longer rolls them back.
     */
    void enteredAutocommit(int i) {
        if (!perMigration && firstUncommitted <= i) {
            committedHeads = steps.get(i).headsBefore();
            firstUncommitted = i;
            splitAt = steps.get(i);
        }
    }

    /** True when the run's last transaction holds no step, all of them having committed. */
    boolean allCommitted() {
        return firstUncommitted >= steps.size();
    }

    /**
     * The failure of the run's COMMIT, in a run that is one transaction with steps in its last transaction: the
     * revisions that transaction held, one of which broke a deferred constraint, and where the database stays.
     */
    RetortException ofRunCommit(SQLException e) {
        Step first = steps.get(firstUncommitted);
        Step last = steps.get(steps.size() - 1);
        if (Runner.connectionLost(e)) {
            return lostDuring(first, last, e);
        }
        String which = first == last ? "revision " + first.revision().id()
                : "one of the revisions " + first.revision().id() + " to " + last.revision().id();
        String stays = committedHeads.isEmpty() ? "base (no revision)" : String.join(", ", committedHeads);
        return new MigrationException("The run's COMMIT failed: " + Runner.firstLine(e.getMessage()) + ". A run in "
                + "one transaction (transaction_per_migration = false) checks a DEFERRABLE INITIALLY DEFERRED "
                + "constraint at its end, so " + which + " broke it. The run's transaction was rolled back; "
                + database + " stays at " + stays + ". Set transaction_per_migration = true to learn which revision "
                + "it is.", e);
    }

    /** The connection broke while {@code members} ran: which of them committed is not known here. */
    RetortException lostDuring(List<StepGroup.Member> members, SQLException e) {
        return lostDuring(members.get(0).step(), members.get(members.size() - 1).step(), e);
    }

    RetortException lostDuring(Step step, SQLException e) {
        return lostDuring(step, step, e);
    }

    private RetortException lostDuring(Step from, Step to, SQLException e) {
        String first = from.revision().id();
        String last = to.revision().id();
        String which = first.equals(last) ? "revision " + first + " ran"
                : "revisions " + first + " to " + last + " ran";
        return new RetortException("Lost the connection while " + which + ": " + Runner.firstLine(e.getMessage())
                + ". Every revision is applied whole or not at all; run `retort current` to see where the database "
                + "stands, and run the command again once the database is back.", e);
    }

    /**
     * The failure of a step at statement {@code sql} of its file, or in its version and history rows when
     * {@code sql} is null; {@code earlier} statements of the same text ran before it in the step.
     */
    MigrationException of(Step step, Script script, String sql, int earlier, SQLException e,
            List<String> committedOutside, String leftIndex) {
        return of(step, script, sql, earlier, 0, e, committedOutside, leftIndex);
    }

    /**
     * The failure of a step at statement {@code sql} of its file, after {@code earlier} statements of the same text in
     * the step, which starts {@code offset} characters into the query that was sent (statements sent together as one
     * query), where the server's error position counts from.
     */
    MigrationException of(Step step, Script script, String sql, int earlier, int offset, SQLException e,
            List<String> committedOutside, String leftIndex) {
        TableColumns columns = columnsBefore(step, sql, earlier);
        String what = sql == null ? "updating the version table" : "statement `" + abbreviate(sql, columns) + "`";
        return of(step, " (" + display(script.path()) + lineOf(step, script, sql, earlier, offset, e) + ") failed at "
                + what, sql, sql == null ? List.of() : List.of(sql), columns, e, committedOutside,
                outsideTransactionHint(script, sql, e) + leftIndex);
    }

    /**
     * How many statements of {@code statements}, from {@code from} up to {@code at}, have the text of the one at
     * {@code at}: what tells a failed statement from the same one written earlier in its migration.
     */
    static int earlier(List<String> statements, int from, int at) {
        String sql = statements.get(at);
        int count = 0;
        for (int i = Math.max(0, from); i < at; i++) {
            if (statements.get(i).equals(sql)) {
                count++;
            }
        }
        return count;
    }

    /**
     * What to do when the first revision meets a table or type it creates already there (42P07 duplicate_table,
     * 42710 duplicate_object): most often a database made before Retort managed it, whose schema the revision
     * describes. Flyway calls recording it a baseline; here it is a stamp. A schema or an extension made beforehand
     * (by whoever administers the database) is no sign of that, and gets no such advice; nor does a scratch
     * database, made empty for the run. The version table of the tool that made the database, when the run found one,
     * is named with the advice.
     */
    private String madeBeforeRetortHint(Step step, SQLException e) {
        boolean exists = "42P07".equals(e.getSQLState()) || "42710".equals(e.getSQLState());
        if (scratch || step.direction() != Direction.UPGRADE || !step.headsBefore().isEmpty() || !exists) {
            return "";
        }
        String last = steps.get(steps.size() - 1).revision().id();
        // The run's first revision met what it creates; the database may hold the schema of later ones too (a project
        // moved from another tool, its last version already applied), which a stamp of the first would run again.
        // A run over several branches ends on each branch's last revision: a stamp of one would run the others again.
        String stamp = last.equals(step.revision().id()) ? "`retort stamp " + last + "`"
                : "`retort stamp REV` with the last revision whose schema it holds: `retort stamp " + stampOfAll(last)
                        + "` when it holds them all, `retort stamp " + step.revision().id() + "` when only the first";
        if (context.otherTool().isPresent()) {
            OtherTool tool = context.otherTool().get();
            return " The database holds " + tool.tool() + "'s table " + tool.table() + "; " + tool.advice(stamp);
        }
        return " If the database was made before Retort managed it (its tables are there already), record the "
                + "revisions that made it instead of running them (" + stamp + "), then compare it with the models "
                + "(`retort check`).";
    }

    /**
     * What {@code retort stamp} takes to record every revision of the plan, which ends on {@code last}: {@code heads}
     * where it ends on every head of several, as {@code upgrade heads} does, and those it ends on where only on some.
     */
    private String stampOfAll(String last) {
        if (endHeads.size() < 2) {
            return last;
        }
        boolean everyHead = context.scripts() != null && context.scripts().map().heads().stream()
                .map(Revision::id).collect(Collectors.toSet()).equals(endHeads);
        return everyHead ? "heads" : String.join(" ", endHeads);
    }

    /**
     * How to run a statement PostgreSQL refuses inside a transaction block (25001: VACUUM, CREATE INDEX
     * CONCURRENTLY, ALTER SYSTEM, ...), which a migration's statements are in unless it says otherwise; and how to
     * commit a new enum value before a statement uses it (55P04, unsafe_new_enum_value_usage).
     */
    private static String outsideTransactionHint(Script script, String sql, SQLException e) {
        String block = script.kind() == ScriptKind.SQL ? "between '-- +autocommit' and '-- +end-autocommit' lines"
                : "inside op.autocommit(() -> ...)";
        if ("25001".equals(e.getSQLState()) && sql != null && ROUTINE_CALL.matcher(sql).lookingAt()) {
            return " PostgreSQL refuses it inside a DO block or a function, in or out of a transaction: run it as a "
                    + "statement of its own, " + block + ".";
        }
        if ("25001".equals(e.getSQLState())) {
            return " Run the statement outside the migration's transaction: put it " + block + ".";
        }
        if ("55P04".equals(e.getSQLState())) {
            return " A new enum value can be used once the transaction that added it has committed: put the ALTER "
                    + "TYPE ... ADD VALUE " + block + ", or use the value in the next migration.";
        }
        return "";
    }

    /**
     * The failure of a step, {@code at} saying where it failed after the revision's id: {@code " (file) failed"}, for
     * a failure the server's error does not tie to a statement. {@code sent} are the statements the server ran, whose
     * passwords its error may quote ({@code syntax error at or near "S3cret"}, from a statement a block executes).
     */
    MigrationException of(Step step, String at, SQLException e, List<String> sent, List<String> committedOutside,
            String leftIndex) {
        return of(step, at, null, sent, columnsBefore(step, null, 0), e, committedOutside, leftIndex);
    }

    /** The failure of a step at statement {@code sql}, or after its statements when {@code sql} is null. */
    private MigrationException of(Step step, String at, String sql, List<String> sent, TableColumns columns,
            SQLException e, List<String> committedOutside, String leftIndex) {
        List<String> passwords = passwords(sent, columns);
        // The value the server quotes back is the password column's; a --debug trace of the error shows it too.
        inputValue(Runner.firstLine(e.getMessage()), sql).ifPresent(passwords::add);
        // Where a failure leaves the database: a step with its own transaction rolls back to where it started.
        Set<String> rollbackPoint = perMigration ? step.headsBefore() : committedHeads;
        String stays = rollbackPoint.isEmpty() ? "base (no revision)" : String.join(", ", rollbackPoint);
        boolean lockTimeout = "55P03".equals(e.getSQLState()) && committedOutside.isEmpty();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint = state.equals("55P03") ? lockHint(step, sql)
                : state.equals(DEPENDENT_OBJECTS) ? dependentsHint(sql, e)
                : state.equals(NOT_NULL_VIOLATION) ? restoreHint(step, sql)
                : state.equals(FEATURE_NOT_SUPPORTED) ? typeChangeHint(sql, e) + partitionedHint(e)
                // 42809, wrong_object_type: a NOT VALID foreign key on a partitioned table, before PostgreSQL 18.
                : state.equals("42809") ? partitionedHint(e)
                : cancelledHint(step, sql, e);
        String lost = state.startsWith("08") || state.startsWith("57P") ? " The connection was lost (was the server "
                + "stopped or restarted?); run the command again once the database is back." : "";
        String outcome = committedOutside.isEmpty() && step == splitAt
                ? " The revision was rolled back; its autocommit part committed the run's transaction before it, so "
                        + database + " is at " + stays + "."
                : committedOutside.isEmpty()
                ? (perMigration ? " The revision was rolled back" : " The run's transaction was rolled back")
                        + "; " + database + " stays at " + stays + "."
                : " The revision was rolled back except " + committedByAutocommit(committedOutside, columns) + "; "
                        + UNDO_AUTOCOMMIT + (perMigration ? "" : " Its autocommit part committed the run's "
                        + "transaction before it, so " + database + " is at " + (step.headsBefore().isEmpty()
                        ? "base (no revision)" : String.join(", ", step.headsBefore())) + ".");
        return new MigrationException((step.direction() == Direction.UPGRADE ? "Upgrade" : "Downgrade")
                + " of revision " + step.revision().id() + at + ": "
                // The server may quote the statement's password back: at or near "S3cret", for one left unquoted.
                + SecretsInSql.masked(SecretsInSql.hiddenValues(inputHidden(Runner.firstLine(e.getMessage()), sql)
                        + keyDetail(e)
                        + dependents(e) + ErrorPosition.inFunction(e), passwords)) + "." + hint + outcome
                + madeBeforeRetortHint(step, e) + lost + leftIndex, e, lockTimeout, sql, passwords);
    }

    /**
     * What to do about a DROP that other objects stand in the way of (2BP01). A role has no CASCADE: what it owns goes
     * to another role, and its privileges are revoked. Anything else, the objects are dropped before and made again
     * after; CASCADE would drop them too, which the message says rather than offer it as the easy way out.
     */
    private static String dependentsHint(String sql, SQLException e) {
        if (sql != null && DROP_ROLE.matcher(sql).matches()) {
            Matcher role = UNDROPPABLE_ROLE.matcher(e.getMessage() == null ? "" : e.getMessage());
            String name = role.find() ? SecretsInSql.masked(role.group(1)) : "the role";
            return " DROP ROLE has no CASCADE: earlier in the migration, hand what " + name + " owns to another role "
                    + "(REASSIGN OWNED BY " + name + " TO another_role) and revoke its privileges (REVOKE ... FROM "
                    + name + ", or DROP OWNED BY " + name + ", which also drops what it still owns), in each database "
                    + "where it has any.";
        }
        List<String> objects = dependentObjects(e);
        boolean one = objects.size() == 1;
        String them = objects.isEmpty() || objects.size() > DEPENDENTS_NAMED ? "those objects"
                : String.join(", ", objects);
        return " Drop or change " + them + " earlier in the migration, and create " + (one ? "it" : "them")
                + " again after the statement if " + (one ? "it stays" : "they stay") + " (for a view, with its query "
                + "from pg_get_viewdef); adding CASCADE to the statement drops " + (one ? "it" : "them")
                + " too, without a word, so add it only if " + (one ? "it is" : "they are") + " meant to go.";
    }

    /**
     * The objects the detail of a failed DROP (2BP01) names, one a line: {@code view order_notes} of
     * {@code view order_notes depends on table orders}; none where it has no detail.
     */
    private static List<String> dependentObjects(SQLException e) {
        ServerErrorMessage error = ErrorPosition.serverError(e);
        if (error == null || error.getDetail() == null) {
            return List.of();
        }
        return error.getDetail().lines().map(String::strip).filter(line -> line.contains(" depends on "))
                .map(line -> SecretsInSql.masked(line.substring(0, line.indexOf(" depends on ")))).distinct()
                .toList();
    }

    /**
     * What to do about a column's type change that an object using the column stands in the way of (0A000, with a
     * detail that names the object): PostgreSQL changes no column that a view's query reads, and {@code CASCADE} is
     * no help.
     */
    private static String typeChangeHint(String sql, SQLException e) {
        return sql != null && TYPE_CHANGE.matcher(sql).matches() && !dependents(e).isEmpty() ? TYPE_CHANGE_HINT : "";
    }

    /**
     * What to do instead of the online forms lint asks for, which PostgreSQL refuses on a partitioned table: an index
     * built {@code CONCURRENTLY} (0A000), a foreign key added {@code NOT VALID} (42809).
     */
    private static String partitionedHint(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("on partitioned table") && message.contains("concurrently")) {
            return " Build it in parts instead: CREATE INDEX ... ON ONLY the partitioned table (invalid until every "
                    + "partition has its index), then for each partition CREATE INDEX CONCURRENTLY in an autocommit "
                    + "block and ALTER INDEX ... ATTACH PARTITION; or build it without CONCURRENTLY, which blocks "
                    + "writes while it runs.";
        }
        if (message.contains("NOT VALID") && message.contains("on partitioned table")) {
            return " PostgreSQL before 18 adds a foreign key to a partitioned table only validated: add it without NOT "
                    + "VALID (it checks every row, under a lock).";
        }
        return "";
    }

    /**
     * What to do when a downgrade adds back a {@code NOT NULL} column that a table's rows have no values for, the
     * usual revert of a revision that dropped one: {@code --restore} fills it from the upgrade's backup first, when
     * the failed statement is one it would fill (not a column it leaves to the server). Raw SQL that adds the column
     * {@code NOT NULL} without a default fails before anything could fill it, with {@code --restore} or without: it
     * has to add the column nullable first.
     */
    private String restoreHint(Step step, String sql) {
        int i = steps.indexOf(step);
        if (step.direction() != Direction.DOWNGRADE || sql == null || i < 0) {
            return "";
        }
        if (addsRawNotNull(built.operations(i), sql)) {
            String typed = built.script(i).kind() == ScriptKind.JAVA ? " (or use op.addColumn)" : "";
            return context.options().restore()
                    ? " --restore fills a column only once it is there: add it nullable in the downgrade and SET NOT "
                            + "NULL in a statement after it" + typed + ", and --restore fills it in between from the "
                            + "upgrade's copy (docs/backups.md)."
                    : " If the upgrade that dropped the column ran with --backup, add it nullable in the downgrade "
                            + "and SET NOT NULL in a statement after it" + typed + ", then run the downgrade again "
                            + "with --restore, which fills it in between from that copy (docs/backups.md); otherwise "
                            + "give the column a default in the downgrade.";
        }
        if (context.options().restore() || built.operations(i).stream().noneMatch(operation -> Restores.fills(operation)
                && !((AddColumn) operation).column().nullable()
                && context.dialect().render(operation).stream()
                        .anyMatch(rendered -> rendered.strip().equals(sql.strip())))) {
            return "";
        }
        return " If the upgrade that dropped the column ran with --backup, run the downgrade again with --restore, "
                + "which fills it from that copy first (docs/backups.md); otherwise give the column a default in the "
                + "downgrade.";
    }

    /**
     * Whether {@code sql} is a statement of the raw SQL among {@code operations} (outside an autocommit block, as
     * {@code --restore} reads it) that adds a column {@code NOT NULL} without a default, one {@code --restore} would
     * fill were it added nullable.
     */
    private boolean addsRawNotNull(List<Operation> operations, String sql) {
        String failed = sql.strip();
        for (Operation operation : operations) {
            if (!(operation instanceof Execute execute)) {
                continue;
            }
            for (String statement : context.dialect().render(execute)) {
                if (statement.strip().equals(failed) && MadeAgain.of(statement).stream().anyMatch(made -> made.notNull()
                        && !made.hasDefault() && made.column() != null && !made.filledByServer()
                        && !made.primaryKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What to do about a cancelled statement (57014, query_canceled). statement_timeout cancels one: the run sets it on
     * its session, over what the user or the database sets, so it is retort.toml's or one the migration sets itself.
     * So does a cancel from another session ({@code pg_cancel_backend}), which no setting would help; the server's
     * message tells the two apart. A server that words its messages in another language gets the advice about the
     * timeout as a condition.
     */
    private String cancelledHint(Step step, String sql, SQLException e) {
        if (!"57014".equals(e.getSQLState())) {
            return "";
        }
        Optional<String> own = setByMigration(step, sql, "statement_timeout");
        String advice = own.isPresent()
                ? "the migration sets it to " + own.get() + overTheRuns(statementTimeout)
                        + "; raise or remove it there."
                : DURATION_OF_NONE.matcher(statementTimeout).matches()
                ? "the migration sets it, as the run itself sets none; raise or remove it there."
                : "retort.toml sets it to " + statementTimeout + " for the run; raise it there (\"0\" for none), or "
                        + "SET statement_timeout in the migration before the statement that needs longer.";
        String message = Runner.firstLine(e.getMessage());
        if (message.contains("due to statement timeout")) {
            return " It ran longer than statement_timeout: " + advice;
        }
        if (message.contains("due to user request")) {
            return " Someone cancelled it (pg_cancel_backend), not a timeout; run the command again when it should go "
                    + "on.";
        }
        return " If statement_timeout ended it, not someone's cancel: " + advice;
    }

    /**
     * What to do about a lock the statement could not have (55P03): the wait ended at the lock_timeout in force, the
     * migration's own when it set one before the statement, or else retort.toml's.
     */
    private String lockHint(Step step, String sql) {
        String hint = " Another session holds a lock it needs (see pg_stat_activity); try again when it is done, or ";
        Optional<String> own = setByMigration(step, sql, "lock_timeout");
        return hint + (own.isPresent() ? "raise the lock_timeout the migration sets (" + own.get()
                + overTheRuns(lockTimeout) + ")." : "raise lock_timeout in retort.toml.");
    }

    /** {@code ", over the run's 5s from retort.toml"}, or nothing when the run sets none. */
    private static String overTheRuns(String runs) {
        return DURATION_OF_NONE.matcher(runs).matches() ? "" : ", over the run's " + runs + " from retort.toml";
    }

    /**
     * What {@code step}'s migration set the timeout {@code name} to before {@code sql}, the statement that failed; read
     * from the statements it wrote, and only now that one failed.
     */
    private Optional<String> setByMigration(Step step, String sql, String name) {
        int i = steps.indexOf(step);
        if (i < 0) {
            return Optional.empty();
        }
        // The migration's statements, without the one that gives the timeout back the run's value after them.
        String restore = SessionReset.restoreSql(name, name.equals("lock_timeout")
                ? context.options().lockTimeout() : context.options().statementTimeout());
        List<String> statements = new ArrayList<>();
        for (Operation operation : built.operations(i)) {
            List<Operation> inner = operation instanceof Autocommit block ? block.operations() : List.of(operation);
            for (Operation each : inner) {
                if (each instanceof Execute execute && !execute.sql().equals(restore)) {
                    statements.addAll(context.dialect().render(each));
                }
            }
        }
        return TimeoutInForce.setBefore(statements, sql, name);
    }

    /** What a failed or stopped revision's autocommit part leaves: {@code 2 statement(s) committed by ...}. */
    static String committedByAutocommit(List<String> committedOutside) {
        return committedByAutocommit(committedOutside, new TableColumns());
    }

    private static String committedByAutocommit(List<String> committedOutside, TableColumns columns) {
        return committedOutside.size() + " statement(s) committed by its autocommit part ("
                + abbreviate(committedOutside.get(0), columns) + (committedOutside.size() > 1 ? ", ..." : "") + ")";
    }

    /**
     * The columns of the tables that the run's statements before {@code sql} of {@code step} (after {@code earlier}
     * of the same text) make (before the step's statements, when {@code sql} is null), and else those the database
     * has now that the failed step was rolled back: what ties the values of an {@code INSERT} that lists no columns
     * to a password column.
     */
    private TableColumns columnsBefore(Step step, String sql, int earlier) {
        TableColumns columns = new TableColumns(this::catalogColumns);
        int last = steps.indexOf(step);
        int seen = 0;
        for (int i = 0; i <= last && i < built.size(); i++) {
            for (Operation operation : Autocommit.flatten(built.operations(i))) {
                for (String statement : context.dialect().render(operation)) {
                    if (i == last && (sql == null || statement.equals(sql) && seen++ == earlier)) {
                        return columns;
                    }
                    columns.learn(statement);
                }
            }
        }
        return columns;
    }

    /**
     * The columns of table {@code name} in {@code schema} (null: the one the search path finds) as the database's
     * catalog has them, in their order; empty when it has no such table or cannot be asked.
     */
    private Optional<List<String>> catalogColumns(String schema, String name) {
        if (!target.live() || name.isEmpty() || schema != null && schema.isEmpty()) {
            return Optional.empty();
        }
        // to_regclass takes the name quoted as it must be, so that no name makes it fail: it is null for no table.
        String relation = context.dialect().literal(context.dialect().quote(QualifiedName.of(schema, name)));
        // The failed step's own SET search_path was rolled back with it, so an unqualified name may now find another
        // schema's table than the statement did: it is read only when no other relation has that name.
        String alone = schema != null ? "" : " AND (SELECT count(*) FROM pg_catalog.pg_class WHERE relname = "
                + context.dialect().literal(name) + " AND relkind IN ('r', 'p', 'v', 'f', 'm')) = 1";
        try {
            List<String> columns = target.query("SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = "
                    + "to_regclass(" + relation + ") AND attnum > 0 AND NOT attisdropped" + alone + " ORDER BY attnum");
            return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
        } catch (SQLException e) {
            return Optional.empty();
        } finally {
            // The query began a transaction where the failed one was rolled back; nothing may stay open after it,
            // also when the query failed (a schema the user may not read).
            try {
                target.rollback();
            } catch (SQLException e) {
                // the connection is gone: what comes next says so
            }
        }
    }

    /**
     * The key a unique or foreign key constraint refused, or that a unique index cannot be built over: {@code ": Key
     * (email)=(a@example.com) already exists"}, from the error's detail, which the message's first line leaves out.
     * Without it, a data migration that breaks a constraint gives no clue which of its rows did.
     */
    /**
     * The server's first line without the value it quotes when the statement reads a password column: retyping one
     * fails on a row's value ({@code invalid input syntax for type uuid: "..."}), which is the password or its hash.
     */
    private static String inputHidden(String firstLine, String sql) {
        return inputValue(firstLine, sql).isEmpty() ? firstLine
                : firstLine.substring(0, firstLine.lastIndexOf(": \"")) + ": \"***\"";
    }

    /** The value that {@link #inputHidden} hides of {@code firstLine}, if it hides one. */
    private static Optional<String> inputValue(String firstLine, String sql) {
        if (sql == null || !SecretsInSql.readsPassword(sql) || !firstLine.endsWith("\"")) {
            return Optional.empty();
        }
        int open = firstLine.lastIndexOf(": \"");
        return open < 0 || open + 3 > firstLine.length() - 1 ? Optional.empty()
                : Optional.of(firstLine.substring(open + 3, firstLine.length() - 1));
    }

    private static String keyDetail(SQLException e) {
        ServerErrorMessage error = ErrorPosition.serverError(e);
        String detail = error == null || error.getDetail() == null ? "" : error.getDetail().strip();
        if (!detail.startsWith("Key (")) {
            return "";
        }
        // abbreviate hides the values when a password column (or an expression of one) is part of the key:
        // "Key (email, password_hash)=(***) already exists", "Key (lower(password_hash))=(***) is duplicated".
        String flat = abbreviate(detail);
        return ": " + (flat.endsWith(".") ? flat.substring(0, flat.length() - 1) : flat);
    }

    /**
     * The objects that stand in the way of a DROP (2BP01), from the error's detail, one line: {@code " (policy
     * own_rows on table notes depends on column owner of table notes; view v depends on table notes)"}. The message's
     * first line says only that "other objects depend on it", and naming them is what tells the user which to drop
     * first. So for what the server does not support (0A000), whose detail says why: the object that uses a column
     * whose type a statement changes ({@code rule _RETURN on view v_notes depends on column "body"}), where the first
     * line says only "a view or rule". Passwords are masked as in a statement, in case a name quotes one.
     */
    private static String dependents(SQLException e) {
        ServerErrorMessage error = ErrorPosition.serverError(e);
        boolean detailed = DEPENDENT_OBJECTS.equals(e.getSQLState()) || FEATURE_NOT_SUPPORTED.equals(e.getSQLState());
        if (!detailed || error == null || error.getDetail() == null
                || error.getDetail().isBlank()) {
            return "";
        }
        String flat = SecretsInSql.masked(String.join("; ", error.getDetail().strip().lines()
                .map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty()).toList()));
        if (flat.endsWith(".")) {
            flat = flat.substring(0, flat.length() - 1);
        }
        return " (" + (flat.length() <= DEPENDENTS_SHOWN ? flat : flat.substring(0, DEPENDENTS_SHOWN - 3) + "...")
                + ")";
    }

    /**
     * Where in its file the failed statement comes from: {@code ", line 3"} in a SQL migration, the line of the error
     * when the server says where in the statement it is, else of the statement's start; {@code ":42"} (the line of
     * the call on {@code op} that made it) in a Java one, as {@code File.java:42} reads in a stack trace. Of a
     * statement written more than once, the one after {@code earlier} of them.
     */
    private String lineOf(Step step, Script script, String sql, int earlier, int offset, SQLException e) {
        int line = loader.lineOf(script, step.direction() == Direction.UPGRADE, sql, earlier);
        if (line <= 0) {
            return "";
        }
        return script.kind() == ScriptKind.SQL ? ", line " + (line + ErrorPosition.linesInto(sql, offset, e))
                : ":" + line;
    }

    /** The passwords {@code statements} hold, as written, each read after those before it. */
    private static List<String> passwords(List<String> statements, TableColumns columns) {
        List<String> found = new ArrayList<>();
        for (String sql : statements) {
            found.addAll(SecretsInSql.values(sql, columns));
            columns.learn(sql);
        }
        return found;
    }

    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /**
     * {@code sql} on one line, its passwords hidden, cut at 160 characters. The values of an {@code INSERT} that lists
     * no columns are all hidden, as nothing here says which of them is a password.
     */
    static String abbreviate(String sql) {
        return abbreviate(sql, new TableColumns());
    }

    /** {@code sql} on one line, its passwords hidden by {@code columns} too, cut at 160 characters. */
    private static String abbreviate(String sql, TableColumns columns) {
        String flat = SecretsInSql.masked(sql.strip().replaceAll("\\s+", " "), columns);
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }
}
