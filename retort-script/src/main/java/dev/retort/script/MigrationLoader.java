package dev.retort.script;

import dev.retort.Migration;
import dev.retort.RetortException;
import dev.retort.dialect.ClientEncoding;
import dev.retort.dialect.DateStyle;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.NonTransactional;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.SqlSyntaxException;
import dev.retort.dialect.TransactionControl;
import dev.retort.operation.Autocommit;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns the scripts a plan needs into operations: SQL files through the dialect's splitter, Java files
 * through the compiler (all stale files in one task) and their {@code upgrade}/{@code downgrade} methods.
 */
public final class MigrationLoader {
    /** How to take a statement out of the transaction, in a SQL migration and in a Java one. */
    private static final String OUTSIDE_SQL = "put it between '-- +autocommit' and '-- +end-autocommit' lines";
    private static final String OUTSIDE_JAVA = "put it inside op.autocommit(() -> ...)";

    private final Dialect dialect;
    private final Path compileCache;
    private final MigrationClasspath classpath;
    private final Map<String, Migration> javaMigrations = new HashMap<>();
    private final Map<String, SqlMigration> sqlMigrations = new HashMap<>();
    /** Where the operations of a Java migration's section were recorded, once asked for, by {@link #section}. */
    private final Map<String, Traced> traced = new HashMap<>();

    /**
     * The run's {@code -x} arguments, which every call to a Java migration is given ({@link Operations#argument}).
     * They are fixed for the loader's life, so the sections recorded again (to trace a call, to count an upgrade)
     * record what the run recorded; a command with other arguments makes a loader of its own.
     */
    private final Map<String, String> arguments;

    /** Loads migrations for a run given no {@code -x} arguments. */
    public MigrationLoader(Dialect dialect, Path compileCache) {
        this(dialect, compileCache, Map.of());
    }

    /** Loads migrations for a run given the {@code -x KEY=VALUE} {@code arguments}, which Java migrations read. */
    public MigrationLoader(Dialect dialect, Path compileCache, Map<String, String> arguments) {
        this(dialect, compileCache, arguments, MigrationClasspath.NONE);
    }

    /**
     * Loads migrations for a run given the {@code -x} {@code arguments}, compiling Java migrations against
     * {@code classpath} besides Retort's API.
     */
    public MigrationLoader(Dialect dialect, Path compileCache, Map<String, String> arguments,
            MigrationClasspath classpath) {
        this.dialect = dialect;
        this.classpath = classpath;
        // The compiler is made when a Java migration needs it: its class links the JDK's compiler API, which a run
        // of SQL migrations (or one with nothing to do) does not load.
        this.compileCache = compileCache;
        this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** Parses and compiles the given scripts up front, so that errors surface before anything runs. */
    public void prepare(List<Script> scripts) {
        List<Script> java = new ArrayList<>();
        for (Script script : scripts) {
            if (script.kind() == ScriptKind.JAVA) {
                if (!javaMigrations.containsKey(script.id())) {
                    java.add(script);
                }
            } else {
                sqlMigrations.computeIfAbsent(script.id(),
                        id -> SqlMigrationParser.body(script.shownName(), script.source(), dialect));
            }
        }
        if (!java.isEmpty()) {
            javaMigrations.putAll(new JavaMigrationCompiler(compileCache, classpath).load(java));
        }
    }

    /** The operations of one direction of a script, in order. */
    public List<Operation> operations(Script script, boolean upgrade) {
        prepare(List.of(script));
        if (script.kind() == ScriptKind.SQL) {
            Operations op = new Operations();
            SqlMigration sql = sqlMigrations.get(script.id());
            List<SqlMigration.Block> blocks = upgrade ? sql.upgrade() : sql.downgrade().orElseThrow(() ->
                    new ScriptException(script.shownName() + " has no '-- +downgrade' section, so revision "
                            + script.id() + " cannot be reverted; add the section (it may be empty) to allow "
                            + "downgrading past it."));
            for (SqlMigration.Block block : blocks) {
                if (block.autocommit()) {
                    op.autocommit(() -> block.statements().forEach(s -> op.execute(s.sql())));
                } else {
                    block.statements().forEach(s -> op.execute(s.sql()));
                }
            }
            return op.operations();
        }
        Migration migration = javaMigrations.get(script.id());
        Operations op = new Operations(arguments);
        try {
            if (upgrade) {
                migration.upgrade(op);
            } else {
                migration.downgrade(op);
            }
            // The options of an operation are checked when it is built, once the method has set them all.
            return op.operations();
        } catch (RetortException e) {
            throw new ScriptException(thrownAt(script, e) + ": " + e.getMessage(), e);
        } catch (Exception | Error e) {
            if (!upgrade && declaresIrreversible(migration, e)) {
                throw cannotRevert(script, (UnsupportedOperationException) e);
            }
            // Whatever the migration's code throws is its failure, not Retort's: a checked exception thrown sneakily
            // (javac does not stop one), an Error of its own, an assert, runaway recursion, even running out of
            // memory. Nothing has run yet, and the user needs the file and line, not a stack trace.
            throw threw(script, upgrade, e);
        }
    }

    /**
     * Splits the SQL of each {@code op.execute(...)} of a Java migration's section ({@code operations}), so that SQL
     * that cannot be split (an unclosed quote, a psql command) is reported with the file and method it is in, before
     * anything runs, as a SQL migration's is when it is parsed. {@link #checkTransactions} does this first.
     */
    public void checkExecutedSql(Script script, boolean upgrade, List<Operation> operations) {
        if (script.kind() == ScriptKind.SQL) {
            return;
        }
        List<Operation> flat = Autocommit.flatten(operations);
        for (int i = 0; i < flat.size(); i++) {
            if (flat.get(i) instanceof Execute execute) {
                try {
                    dialect.split(execute.sql());
                } catch (SqlSyntaxException e) {
                    String sql = execute.sql().strip().replaceAll("\\s+", " ");
                    sql = sql.length() > 60 ? sql.substring(0, 57) + "..." : sql;
                    throw new ScriptException(javaWhere(script, upgrade, i)
                            + ", in the SQL of op.execute(\"" + sql + "\"): " + e.getMessage()
                            + ". Fix the migration and run again.", e);
                }
            }
        }
    }

    /**
     * Whether {@code script} can be reverted: a SQL migration needs a {@code -- +downgrade} section (an empty one
     * will do), and a Java migration's {@code downgrade()} must not throw {@link UnsupportedOperationException}
     * itself ({@link #declaresIrreversible}), the Java way to say that an operation is not supported, here that the
     * migration is irreversible. Other failures of {@code downgrade()} are left for {@link #operations} to report.
     * What {@code downgrade()} prints is muted: it is printed when the downgrade runs, and a look at it is not a run.
     */
    public boolean canRevert(Script script) {
        prepare(List.of(script));
        if (script.kind() == ScriptKind.SQL) {
            return sqlMigrations.get(script.id()).downgrade().isPresent();
        }
        Migration migration = javaMigrations.get(script.id());
        return ThreadOutput.muted(() -> {
            try {
                migration.downgrade(new Operations(arguments));
                return true;
            } catch (UnsupportedOperationException e) {
                return !declaresIrreversible(migration, e);
            } catch (Exception | Error e) {
                return true;
            }
        });
    }

    /**
     * Whether {@code e} is {@code migration}'s word that it cannot be reverted: an UnsupportedOperationException that
     * its {@code downgrade()} throws itself, {@code throw new UnsupportedOperationException("why")} written there. One
     * thrown deeper, by the JDK ({@code List.of(...).add}) or a helper, is a mistake to report as any other, not a
     * revision to skip in {@code retort test} and to refuse to downgrade past.
     */
    private static boolean declaresIrreversible(Migration migration, Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        return e instanceof UnsupportedOperationException && frames.length > 0
                && frames[0].getClassName().equals(migration.getClass().getName())
                && frames[0].getMethodName().equals("downgrade");
    }

    private static ScriptException cannotRevert(Script script, UnsupportedOperationException e) {
        String why = e.getMessage() == null ? "" : ": " + firstLine(e.getMessage());
        return new ScriptException(script.shownName() + ": revision " + script.id() + " cannot be reverted (its "
                + "downgrade() throws UnsupportedOperationException" + why + "), so no downgrade can go past it.", e);
    }

    private static ScriptException threw(Script script, boolean upgrade, Throwable e) {
        return new ScriptException(thrownAt(script, e) + ": " + (upgrade ? "upgrade" : "downgrade") + "() threw "
                + firstLine(e.toString()) + ", so none of its operations ran; fix the migration and run again.", e);
    }

    /**
     * The file, with the line of the migration's own code that threw {@code e} or called what threw it, as javac
     * wrote it into the class: without it, a NullPointerException somewhere in a long upgrade() is a search.
     */
    static String thrownAt(Script script, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (script.fileName().equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                    return script.shownName() + ":" + frame.getLineNumber();
                }
            }
        }
        return script.shownName();
    }

    /**
     * Refuses a section of {@code script} that ends or opens a transaction outside its autocommit blocks, as
     * {@link TransactionControl} explains, or runs a statement there that PostgreSQL refuses inside a transaction
     * block ({@link NonTransactional}); {@code operations} are the section's. A run checks every step before its
     * first, so that it refuses with nothing applied rather than after the revisions before the faulty one; lint
     * reports the same as findings instead.
     */
    public void checkTransactions(Script script, boolean upgrade, List<Operation> operations) {
        checkExecutedSql(script, upgrade, operations);
        if (script.kind() == ScriptKind.SQL) {
            SqlMigration sql = sqlMigrations.get(script.id());
            for (SqlMigration.Block block : upgrade ? sql.upgrade() : sql.downgrade().orElse(List.of())) {
                for (SqlStatement statement : block.statements()) {
                    checkSession(() -> script.shownName() + ", line " + statement.line(), statement.sql());
                }
                for (SqlStatement statement : block.autocommit() ? List.<SqlStatement>of() : block.statements()) {
                    String where = script.shownName() + ", line " + statement.line();
                    String keyword = TransactionControl.keyword(statement.sql());
                    if (keyword != null) {
                        throw refused(where, keyword,
                                "put the statements that must commit on their own in a `-- +autocommit` block");
                    }
                    String outside = NonTransactional.statement(statement.sql());
                    if (outside != null) {
                        throw refusedInTransaction(where, outside, OUTSIDE_SQL);
                    }
                }
            }
            return;
        }
        List<Operation> flat = Autocommit.flatten(operations);
        for (int i = 0; i < flat.size(); i++) {
            for (String sql : flat.get(i) instanceof Execute ? dialect.render(flat.get(i)) : List.<String>of()) {
                int index = i;
                checkSession(() -> javaWhere(script, upgrade, index), sql);
            }
        }
        int index = 0;
        for (Operation operation : operations) {
            if (operation instanceof Autocommit block) {
                index += block.operations().size();
                continue;
            }
            for (String sql : operation instanceof Execute ? dialect.render(operation) : List.<String>of()) {
                String keyword = TransactionControl.keyword(sql);
                if (keyword != null) {
                    throw refused(javaWhere(script, upgrade, index), "op.execute(\"" + keyword + "\")",
                            "run the statements that must commit on their own in op.autocommit(...)");
                }
                String outside = NonTransactional.statement(sql);
                if (outside != null) {
                    throw refusedInTransaction(javaWhere(script, upgrade, index), outside, OUTSIDE_JAVA);
                }
            }
            index++;
        }
    }

    /**
     * The line of {@code script}'s file that the statement {@code sql} of a section comes from, or 0 when it is not
     * known: for a SQL migration where the statement starts, for a Java one the line of the call on {@code op} that
     * made it (as the compiled class records it). It is the statement of that text that follows {@code earlier}
     * others of the same text in the section: a section may write a statement twice (the same INSERT, the same
     * op.addColumn), and the one that failed is not always the first. 0 when the section has fewer of them.
     */
    public int lineOf(Script script, boolean upgrade, String sql, int earlier) {
        if (sql == null) {
            return 0;
        }
        String wanted = sql.strip();
        int seen = 0;
        if (script.kind() == ScriptKind.SQL) {
            for (SqlStatement statement : statements(script, upgrade)) {
                if (statement.sql().strip().equals(wanted) && seen++ == earlier) {
                    return statement.line();
                }
            }
            return 0;
        }
        Traced section = trace(script, upgrade);
        for (int i = 0; i < section.operations().size(); i++) {
            for (String statement : dialect.render(section.operations().get(i))) {
                if (statement.strip().equals(wanted) && seen++ == earlier) {
                    return section.line(i);
                }
            }
        }
        return 0;
    }

    /** {@code File.java:LINE, upgrade()} for the {@code index}th of a Java section's (flattened) operations. */
    private String javaWhere(Script script, boolean upgrade, int index) {
        int line = trace(script, upgrade).line(index);
        return script.shownName() + (line > 0 ? ":" + line : "") + ", " + (upgrade ? "upgrade" : "downgrade") + "()";
    }

    /**
     * Runs a Java migration's section again, noting where each operation is recorded. Only a failure asks for it:
     * noting the calls of every section of a run took a few percent of its time (a stack walk per operation, and
     * 10 ms for the first). The section records what it recorded before, as it only describes changes and is given
     * the run's arguments again; what it prints is muted, as the run that failed has printed it already.
     */
    private Traced trace(Script script, boolean upgrade) {
        return traced.computeIfAbsent(section(script, upgrade), key -> ThreadOutput.muted(() -> {
            Migration migration = javaMigrations.get(script.id());
            Operations op = new Operations(migration.getClass(), arguments);
            try {
                if (upgrade) {
                    migration.upgrade(op);
                } else {
                    migration.downgrade(op);
                }
                return new Traced(Autocommit.flatten(op.operations()), op.callers());
            } catch (Exception | Error e) {
                return new Traced(List.of(), List.of());
            }
        }));
    }

    /** A section's operations, flattened, and the calls that recorded them (null for one made elsewhere). */
    private record Traced(List<Operation> operations, List<StackTraceElement> callers) {
        int line(int index) {
            StackTraceElement call = index < callers.size() ? callers.get(index) : null;
            return call == null ? 0 : Math.max(0, call.getLineNumber());
        }
    }

    private static String section(Script script, boolean upgrade) {
        return script.id() + (upgrade ? "+" : "-");
    }

    /**
     * A statement PostgreSQL refuses inside a transaction block, outside an autocommit block: it could only fail,
     * after the revisions before it in the run were applied.
     */
    private static ScriptException refusedInTransaction(String where, String statement, String instead) {
        return new ScriptException(where + ": " + statement + " cannot run inside a transaction block, and Retort "
                + "runs the revision's statements in one; " + instead + " to run it outside.");
    }

    /** The first line of an error's description, for a one-line message: exception messages may run on. */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** The SQL statements of a SQL script's section, for messages that point at a line. */
    public List<SqlStatement> statements(Script script, boolean upgrade) {
        prepare(List.of(script));
        SqlMigration sql = sqlMigrations.get(script.id());
        if (sql == null) {
            return List.of();
        }
        List<SqlStatement> all = new ArrayList<>();
        for (SqlMigration.Block b : upgrade ? sql.upgrade() : sql.downgrade().orElse(List.of())) {
            all.addAll(b.statements());
        }
        return all;
    }

    /**
     * Refuses {@code sql}, at {@code where}, when it sets the session's client_encoding to another than UTF-8
     * ({@link ClientEncoding}) or its DateStyle to another output format than ISO ({@link DateStyle}).
     */
    /**
     * Refuses statement {@code sql} if it sets the session up in a way the run cannot keep; {@code where} names it,
     * asked only then: for a Java migration it runs the section again (see {@link #trace}).
     */
    private static void checkSession(Supplier<String> where, String sql) {
        String encoding = ClientEncoding.otherThanUtf8(sql);
        if (encoding != null) {
            throw new ScriptException(where.get() + ": the statement sets client_encoding to " + encoding
                    + ", but Retort reads the file as UTF-8 and sends it so (a live run's driver talks nothing else, "
                    + "and a --sql script sets UTF8 at its start); remove the statement"
                    + (encoding.equals("DEFAULT") ? ""
                            : " and save the file in UTF-8 (iconv -f " + encoding + " -t UTF-8)") + ".");
        }
        String style = DateStyle.notIso(sql);
        if (style != null) {
            throw new ScriptException(where.get() + ": the statement sets DateStyle to " + style
                    + ", but the JDBC driver that runs migrations reads dates in ISO format only, and drops the "
                    + "connection when the session leaves it; set only the field order (SET DateStyle = 'ISO, DMY'), "
                    + "or format dates with to_char().");
        }
    }

    /**
     * A statement that ends or opens a transaction, {@code where} naming the file (and line) it is in. Retort runs
     * each revision in a transaction with its version row: a {@code COMMIT} in the middle would commit half of the
     * revision, so that a failure after it could no longer roll back what came before, and the version table would
     * not say where the database stands.
     */
    private static ScriptException refused(String where, String keyword, String instead) {
        return new ScriptException(where + ": " + keyword + " would end or open a transaction in the middle of the "
                + "one Retort runs the revision in with its version row, so a failure after it could not roll back "
                + "what came before; remove it, or " + instead + ".");
    }
}
