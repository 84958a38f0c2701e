package dev.retort.operation;

import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records the changes a migration's {@code upgrade} or {@code downgrade} makes, in order.
 *
 * <p>Each method records one {@link Operation} and returns its options, which can be refined until
 * {@link #operations()} turns everything into immutable records:
 * <pre>{@code
 * op.addColumn("users", column("phone_number", "varchar(20)"));
 * op.createIndex("ix_users_email", "users", "email").unique().concurrently();
 * }</pre>
 * Nothing touches the database here. Table, column and other names are used exactly as written;
 * types, defaults, conditions and expressions are SQL text. The static factories ({@link #column},
 * {@link #primaryKey}, {@link #foreignKey}, ...) are meant to be imported with
 * {@code import static dev.retort.operation.Operations.*}.
 *
 * <p>A migration may also read the run's {@code -x KEY=VALUE} arguments with {@link #argument(String)}, to decide
 * what to record: {@code retort -x data=true upgrade head}, as Alembic's {@code context.get_x_argument()}.
 *
 * <p>Operations are recorded from the thread that made this (the one that runs the migration's method) alone: a call
 * from another thread, such as a parallel stream's, is refused, as the order of its operations would vary from run to
 * run.
 */
public final class Operations {
    private static final StackWalker STACK = StackWalker.getInstance();

    private final List<Supplier<Operation>> recorded = new ArrayList<>();
    private List<Supplier<Operation>> current = recorded;
    /** The class whose calls {@link #callers} notes, and the prefix of the classes nested in it; null for none. */
    private final String migrationClass;
    private final String nestedPrefix;
    private final List<StackTraceElement> callers = new ArrayList<>();
    /** The thread that made this, the only one that may record (see {@link #requireOwnThread}). */
    private final Thread owner = Thread.currentThread();
    /** The refusal of a recording from another thread, kept should the thread's code have swallowed it. */
    private volatile RetortException otherThread;
    /** The run's {@code -x} arguments but {@code url} (in any case), in the order given. */
    private final Map<String, String> arguments;

    /** Records operations, for a run given no {@code -x} arguments. */
    public Operations() {
        this(Map.of());
    }

    /**
     * Records operations for a run given the {@code -x KEY=VALUE} {@code arguments}, which the migration reads with
     * {@link #argument(String)}; {@code url} among them is left out, as {@link #arguments()} says.
     */
    public Operations(Map<String, String> arguments) {
        migrationClass = null;
        nestedPrefix = null;
        this.arguments = migrationArguments(arguments);
    }

    /**
     * Records operations, noting for each one the line of {@code migration}'s source that recorded it (a line of a
     * class nested in it, a lambda's included), so that a statement that fails can be traced to its call.
     */
    public Operations(Class<?> migration) {
        this(migration, Map.of());
    }

    /**
     * Records operations as {@link #Operations(Class)} does, for a run given the {@code -x} {@code arguments}: a
     * section run again to trace a call must be given the arguments of the run, to record what the run recorded.
     */
    public Operations(Class<?> migration, Map<String, String> arguments) {
        migrationClass = Require.present(migration, "the migration class").getName();
        nestedPrefix = migrationClass + "$";
        this.arguments = migrationArguments(arguments);
    }

    /**
     * The value of the run's {@code -x KEY=VALUE} argument {@code key}: {@code retort -x tenant=acme upgrade head}
     * gives {@code op.argument("tenant")} the value {@code "acme"}, and an argument the run was not given is empty.
     * {@code -x url=...} is never here (see {@link #arguments()}).
     *
     * <p>The value decides what a migration records, as in Alembic's
     * {@code context.get_x_argument(as_dictionary=True)}; load data only when asked:
     * <pre>{@code
     * if (op.argument("data").map(Boolean::parseBoolean).orElse(false)) {
     *     op.bulkInsert("colours", "name").row("red").row("green");
     * }
     * }</pre>
     * Retort gives every call it makes to a migration in one command the same arguments: the run, {@code --sql},
     * {@code lint}, {@code test}, and the calls that only look at a migration. A SQL migration reads none: Retort
     * does not substitute anything into its SQL.
     */
    public Optional<String> argument(String key) {
        return Optional.ofNullable(arguments.get(Require.present(key, "the name of the -x argument")));
    }

    /**
     * All the run's {@code -x KEY=VALUE} arguments, in the order given, unmodifiable. Left out is {@code url}, in any
     * case ({@code -x URL=...} too), which sets the database and may hold its password: it does not reach a migration
     * this way, to be printed or written into its SQL.
     */
    public Map<String, String> arguments() {
        return arguments;
    }

    /**
     * The operations recorded so far, in order, with all their options applied; refused when a thread other than the
     * one that made this tried to record one, even if that thread's code went on.
     */
    public List<Operation> operations() {
        RetortException refused = otherThread;
        if (refused != null) {
            throw refused;
        }
        return build(recorded);
    }

    /**
     * Where each operation of {@code Autocommit.flatten(operations())} was recorded, in the same order: the frame of
     * the call in the class given to {@link #Operations(Class)}, or null where that class made no call (or none was
     * given). A tool reports a failed operation at that file and line.
     */
    public List<StackTraceElement> callers() {
        return Collections.unmodifiableList(callers);
    }

    /** Records an operation built elsewhere, for example by autogenerate. */
    public void add(Operation operation) {
        Operation recordedOperation = Require.present(operation, "the operation to add");
        requireOwnThread();
        noteCaller(recordedOperation instanceof Autocommit block ? block.operations().size() : 1);
        current.add(() -> recordedOperation);
    }

    /**
     * Records the operations of {@code block} as one {@link Autocommit} block, run outside the
     * migration's transaction.
     *
     * <p>Use it for statements PostgreSQL refuses inside a transaction, or to commit a new enum value
     * before using it. A block inside a block simply joins the outer one.
     */
    public void autocommit(Runnable block) {
        requireOwnThread();
        if (current != recorded) {
            block.run();
            return;
        }
        List<Supplier<Operation>> inner = new ArrayList<>();
        current = inner;
        try {
            block.run();
        } finally {
            current = recorded;
        }
        if (!inner.isEmpty()) {
            recorded.add(() -> new Autocommit(build(inner)));
        }
    }

    // ---- tables

    /** Creates {@code table} with the given columns and constraints, for example {@code column(...)}, {@code primaryKey(...)}. */
    public CreateTableBuilder createTable(String table, TableElement... elements) {
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        for (TableElement element : elements) {
            if (element instanceof ColumnDef column) {
                columns.add(column);
            } else {
                constraints.add((TableConstraint) Require.present(element, "an element of table " + table));
            }
        }
        return record(new CreateTableBuilder(QualifiedName.of(table), columns, constraints), CreateTableBuilder::build);
    }

    /** Drops {@code table}. */
    public DropBuilder dropTable(String table) {
        return record(new DropBuilder(QualifiedName.of(table), DropTable::new), DropBuilder::build);
    }

    /** Renames {@code table} to {@code newName}. */
    public SchemaOption renameTable(String table, String newName) {
        return schemaOption(table, name -> new RenameTable(name, newName));
    }

    /** Sets the comment of {@code table}. */
    public SchemaOption setTableComment(String table, String comment) {
        return schemaOption(table, name -> new SetTableComment(name, comment));
    }

    /** Removes the comment of {@code table}. */
    public SchemaOption dropTableComment(String table) {
        return schemaOption(table, name -> new SetTableComment(name, null));
    }

    /** Makes {@code table} unlogged ({@code SET UNLOGGED}): emptied after a crash, not replicated. */
    public SchemaOption setTableUnlogged(String table) {
        return schemaOption(table, name -> new SetTablePersistence(name, true));
    }

    /** Makes {@code table} logged again ({@code SET LOGGED}). */
    public SchemaOption setTableLogged(String table) {
        return schemaOption(table, name -> new SetTablePersistence(name, false));
    }

    // ---- columns

    /** Adds {@code column} to {@code table}. */
    public AddColumnBuilder addColumn(String table, ColumnDef column) {
        return record(new AddColumnBuilder(QualifiedName.of(table), column), AddColumnBuilder::build);
    }

    /**
     * Drops {@code column} from {@code table}; {@code .only()} drops it from that table alone, leaving it to the
     * tables that inherit it.
     */
    public DropColumnBuilder dropColumn(String table, String column) {
        return record(new DropColumnBuilder(QualifiedName.of(table), column), DropColumnBuilder::build);
    }

    /** Changes {@code column} of {@code table}: its type, nullability, default, comment or name. */
    public AlterColumnBuilder alterColumn(String table, String column) {
        return record(new AlterColumnBuilder(QualifiedName.of(table), column), AlterColumnBuilder::build);
    }

    // ---- indexes

    /** Creates index {@code name} on {@code columns} of {@code table}. */
    public CreateIndexBuilder createIndex(String name, String table, String... columns) {
        return createIndex(name, table, Arrays.stream(columns).map(IndexElement::column).toArray(IndexElement[]::new));
    }

    /** Creates index {@code name} on columns or expressions of {@code table}, such as {@code IndexElement.expression("lower(email)")}. */
    public CreateIndexBuilder createIndex(String name, String table, IndexElement... elements) {
        return record(new CreateIndexBuilder(name, QualifiedName.of(table), Arrays.asList(elements)),
                CreateIndexBuilder::build);
    }

    /** Drops index {@code name}. */
    public DropIndexBuilder dropIndex(String name) {
        return record(new DropIndexBuilder(QualifiedName.of(name)), DropIndexBuilder::build);
    }

    // ---- constraints

    /** Adds primary key {@code name} (null lets PostgreSQL name it) on {@code columns} of {@code table}. */
    public SchemaOption createPrimaryKey(String name, String table, String... columns) {
        return addConstraint(table, primaryKey(columns).named(name));
    }

    /** Adds unique constraint {@code name} (null lets PostgreSQL name it) on {@code columns} of {@code table}. */
    public UniqueConstraintBuilder createUniqueConstraint(String name, String table, String... columns) {
        return record(new UniqueConstraintBuilder(QualifiedName.of(table), unique(columns).named(name)),
                UniqueConstraintBuilder::build);
    }

    /**
     * Adds foreign key {@code name} (null lets PostgreSQL name it): {@code localColumns} of
     * {@code sourceTable} reference {@code remoteColumns} of {@code referentTable}.
     */
    public ForeignKeyBuilder createForeignKey(String name, String sourceTable, String referentTable,
                                              List<String> localColumns, List<String> remoteColumns) {
        ForeignKeyDef constraint = new ForeignKeyDef(name, localColumns, QualifiedName.of(referentTable), remoteColumns,
                ForeignKeyAction.NO_ACTION, ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE, Deferral.NOT_DEFERRABLE);
        return record(new ForeignKeyBuilder(QualifiedName.of(sourceTable), constraint), ForeignKeyBuilder::build);
    }

    /** Adds check constraint {@code name} (null lets PostgreSQL name it) with the SQL {@code condition}. */
    public SchemaOption createCheckConstraint(String name, String table, String condition) {
        return addConstraint(table, check(condition).named(name));
    }

    /**
     * Adds exclusion constraint {@code name} (null lets PostgreSQL name it) to {@code table}; {@code definition} is
     * the SQL after {@code EXCLUDE}, such as {@code USING gist (room WITH =, during WITH &&)}.
     */
    public SchemaOption createExclusionConstraint(String name, String table, String definition) {
        return addConstraint(table, exclude(definition).named(name));
    }

    /** Adds {@code constraint} to {@code table}. */
    public SchemaOption addConstraint(String table, TableConstraint constraint) {
        return schemaOption(table, name -> new AddConstraint(name, constraint));
    }

    /** Drops constraint {@code name} from {@code table}. */
    public DropBuilder dropConstraint(String name, String table) {
        return record(new DropBuilder(QualifiedName.of(table),
                (tableName, ifExists, cascade) -> new DropConstraint(tableName, name, ifExists, cascade)),
                DropBuilder::build);
    }

    // ---- enum types

    /** Creates enum type {@code name} with {@code values}, in that order. */
    public SchemaOption createEnum(String name, String... values) {
        List<String> labels = Arrays.asList(values);
        return schemaOption(name, type -> new CreateEnum(type, labels));
    }

    /** Drops enum type {@code name}. */
    public DropBuilder dropEnum(String name) {
        return record(new DropBuilder(QualifiedName.of(name), DropEnum::new), DropBuilder::build);
    }

    /** Adds {@code value} to enum type {@code type}, at the end unless placed before or after another. */
    public AddEnumValueBuilder addEnumValue(String type, String value) {
        return record(new AddEnumValueBuilder(QualifiedName.of(type), value), AddEnumValueBuilder::build);
    }

    /** Renames value {@code from} of enum type {@code type} to {@code to}. */
    public SchemaOption renameEnumValue(String type, String from, String to) {
        return schemaOption(type, name -> new RenameEnumValue(name, from, to));
    }

    // ---- casts

    /**
     * Creates a cast from type {@code source} to type {@code target} through their text forms ({@code WITH INOUT}),
     * applied only when written out unless made an assignment or implicit one. The types are SQL text, as a
     * column's type is: {@code op.createCast("character varying", "status").asImplicit()}.
     */
    public CreateCastBuilder createCast(String source, String target) {
        return record(new CreateCastBuilder(source, target), CreateCastBuilder::build);
    }

    /** Drops the cast from type {@code source} to type {@code target}. */
    public DropCastBuilder dropCast(String source, String target) {
        return record(new DropCastBuilder(source, target), DropCastBuilder::build);
    }

    // ---- sequences

    /** Creates sequence {@code name}. */
    public CreateSequenceBuilder createSequence(String name) {
        return record(new CreateSequenceBuilder(QualifiedName.of(name)), CreateSequenceBuilder::build);
    }

    /** Changes the settings of sequence {@code name}. */
    public AlterSequenceBuilder alterSequence(String name) {
        return record(new AlterSequenceBuilder(QualifiedName.of(name)), AlterSequenceBuilder::build);
    }

    /** Drops sequence {@code name}. */
    public DropBuilder dropSequence(String name) {
        return record(new DropBuilder(QualifiedName.of(name), DropSequence::new), DropBuilder::build);
    }

    // ---- schemas

    /** Creates schema {@code name}. */
    public CreateSchemaBuilder createSchema(String name) {
        return record(new CreateSchemaBuilder(name), CreateSchemaBuilder::build);
    }

    /** Drops schema {@code name}. */
    public DropSchemaBuilder dropSchema(String name) {
        return record(new DropSchemaBuilder(name), DropSchemaBuilder::build);
    }

    // ---- extensions

    /** Installs extension {@code name}, such as {@code citext}; the server must ship it (contrib or a package). */
    public CreateExtensionBuilder createExtension(String name) {
        return record(new CreateExtensionBuilder(name), CreateExtensionBuilder::build);
    }

    /**
     * Moves extension {@code name} and its types to {@code schema} ({@code public} for the default one); the columns
     * of its types follow. PostgreSQL refuses it for an extension that is not relocatable.
     */
    public void setExtensionSchema(String name, String schema) {
        add(new SetExtensionSchema(name, schema));
    }

    /** Removes extension {@code name}; it fails while a column, index or default uses it, unless {@code .cascade()}. */
    public DropExtensionBuilder dropExtension(String name) {
        return record(new DropExtensionBuilder(name), DropExtensionBuilder::build);
    }

    // ---- data and raw SQL

    /** Runs SQL written by hand: one statement or several separated by {@code ;}. */
    public void execute(String sql) {
        add(new Execute(sql));
    }

    /**
     * Inserts {@code rows} into {@code table}, each a map from column name to value.
     *
     * <p>Every row must have the same columns; they are written in alphabetical order so that the
     * SQL is the same whatever kind of map holds them. See {@link BulkInsert} for the value types.
     * An empty list inserts nothing.
     */
    public BulkInsertBuilder bulkInsert(String table, List<Map<String, Object>> rows) {
        Require.present(rows, "the rows to insert into " + table);
        if (rows.isEmpty()) {
            return new BulkInsertBuilder(QualifiedName.of(table), List.of());
        }
        List<String> columns = List.copyOf(new TreeSet<>(rows.get(0).keySet()));
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> rowColumns = List.copyOf(new TreeSet<>(row.keySet()));
            if (!rowColumns.equals(columns)) {
                throw new RetortException("Row " + (values.size() + 1) + " of the bulk insert into " + table
                        + " has columns " + rowColumns + " but row 1 has " + columns
                        + "; give every row the same columns.");
            }
            values.add(columns.stream().map(row::get).toList());
        }
        return bulkInsert(table, columns.toArray(String[]::new)).rows(values);
    }

    /** Inserts rows into {@code columns} of {@code table}; add them with {@link BulkInsertBuilder#row(Object...)}. */
    public BulkInsertBuilder bulkInsert(String table, String... columns) {
        return record(new BulkInsertBuilder(QualifiedName.of(table), Arrays.asList(columns)), BulkInsertBuilder::build);
    }

    // ---- values for createTable and addConstraint

    /** A nullable column of SQL type {@code type}, refined with {@code .notNull()}, {@code .defaultExpression(...)} and so on. */
    public static ColumnDef column(String name, String type) {
        return ColumnDef.of(name, type);
    }

    /** A primary key on {@code columns}; name it with {@code .named(...)}. */
    public static PrimaryKeyDef primaryKey(String... columns) {
        return new PrimaryKeyDef(null, Arrays.asList(columns));
    }

    /** A unique constraint on {@code columns}; name it with {@code .named(...)}. */
    public static UniqueDef unique(String... columns) {
        return new UniqueDef(null, Arrays.asList(columns), Deferral.NOT_DEFERRABLE);
    }

    /** A foreign key from {@code column} to {@code referencedColumn} of {@code referencedTable}. */
    public static ForeignKeyDef foreignKey(String column, String referencedTable, String referencedColumn) {
        return foreignKey(List.of(column), referencedTable, List.of(referencedColumn));
    }

    /** A foreign key from {@code columns} to {@code referencedColumns} (empty: the primary key) of {@code referencedTable}. */
    public static ForeignKeyDef foreignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {
        return ForeignKeyDef.of(columns, QualifiedName.of(referencedTable), referencedColumns);
    }

    /** A check constraint with the SQL {@code condition}; name it with {@code .named(...)}. */
    public static CheckDef check(String condition) {
        return new CheckDef(null, condition);
    }

    /**
     * An exclusion constraint whose {@code definition} is the SQL after {@code EXCLUDE}, such as
     * {@code USING gist (room WITH =, during WITH &&)}; name it with {@code .named(...)}.
     */
    public static ExcludeDef exclude(String definition) {
        return new ExcludeDef(null, definition, Deferral.NOT_DEFERRABLE);
    }

    // ---- recording

    private <B> B record(B builder, Function<B, Operation> build) {
        requireOwnThread();
        noteCaller(1);
        current.add(() -> build.apply(builder));
        return builder;
    }

    /**
     * Refuses a recording from a thread other than the one that made this, which runs the migration's method: the
     * order of operations recorded from several threads (a parallel stream's) varies from run to run, so a live run
     * and {@code --sql} would not record the same statements in the same order, and the lists here would lose some.
     */
    private void requireOwnThread() {
        Thread thread = Thread.currentThread();
        if (thread != owner) {
            RetortException refused = new RetortException("an operation was recorded from thread '" + thread.getName()
                    + "', not from the one that runs the migration; record operations from that thread alone (not "
                    + "in a parallel stream or another thread), as their order is then fixed, the same for a run and "
                    + "for --sql.");
            if (otherThread == null) {
                otherThread = refused;
            }
            throw refused;
        }
    }

    /**
     * Notes the migration's frame that is recording {@code count} operations: the nearest frame of its class, so that
     * a call through a helper in another class is reported where the migration called the helper.
     */
    private void noteCaller(int count) {
        StackTraceElement caller = migrationClass == null ? null : STACK.walk(frames -> frames
                .filter(frame -> isMigration(frame.getClassName()))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
        for (int i = 0; i < count; i++) {
            callers.add(caller);
        }
    }

    /**
     * {@code given} without {@code url}, which sets the database ({@code -x url=...}) and may carry a password. The
     * configuration takes the key in any case, so it is left out in any case: an {@code -x URL=...} that reached a
     * migration would hand it the password.
     */
    private static Map<String, String> migrationArguments(Map<String, String> given) {
        Map<String, String> kept = new LinkedHashMap<>();
        Require.present(given, "the map of -x arguments").forEach((key, value) -> {
            if (!"url".equalsIgnoreCase(Require.present(key, "the name of an -x argument"))) {
                kept.put(key, Require.present(value, "the value of -x argument " + key));
            }
        });
        return Collections.unmodifiableMap(kept);
    }

    private boolean isMigration(String className) {
        return className.equals(migrationClass) || className.startsWith(nestedPrefix);
    }

    private SchemaOption schemaOption(String name, Function<QualifiedName, Operation> factory) {
        return record(new SchemaOption(QualifiedName.of(name), factory), SchemaOption::build);
    }

    private static List<Operation> build(List<Supplier<Operation>> pending) {
        List<Operation> operations = new ArrayList<>(pending.size());
        for (Supplier<Operation> supplier : pending) {
            operations.add(supplier.get());
        }
        return List.copyOf(operations);
    }
}
