package dev.retort.lint;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ConstraintVisitor;
import dev.retort.operation.CreateCast;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateExtension;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropCast;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropExtension;
import dev.retort.operation.DropIndex;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Identity;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationVisitor;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameEnumValue;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.UniqueDef;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.postgres.PostgresDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a section's operations (the upgrade's; the downgrade's for RT114 and RT120 alone), in order, against
 * rules RT101 to RT112, RT114, RT118, RT120 and RT122 to RT124; {@code Execute} statements go to {@link SqlRules}.
 *
 * <p>A visitor without defaults, so a new kind of operation is a compile error here until someone
 * decides what the linter should say about it.
 */
final class OperationRules implements OperationVisitor<Void> {
    /** Quotes the names in the statements a hint suggests, where PostgreSQL needs it ({@code "user"}). */
    private static final Dialect DIALECT = new PostgresDialect();
    private final MigrationScope scope;
    private final SourceLines lines;
    private final SqlRules sql;
    private final List<Hit> hits = new ArrayList<>();

    private OperationRules(MigrationScope scope, SourceLines lines) {
        this.scope = scope;
        this.lines = lines;
        this.sql = new SqlRules(scope, lines, hits);
    }

    /** The rules that fire for {@code upgrade}, whose objects' newness {@code scope} tracks. */
    static List<Hit> check(List<Operation> upgrade, MigrationScope scope, SourceLines lines) {
        OperationRules rules = new OperationRules(scope, lines);
        for (Operation operation : upgrade) {
            operation.accept(rules);
        }
        return rules.hits;
    }

    @Override
    public Void visit(CreateTable operation) {
        scope.tableCreated(operation.table());
        return null;
    }

    @Override
    public Void visit(DropTable operation) {
        if (scope.isExistingTable(operation.table())) {
            hit(RuleCatalog.DROP_TABLE, "drops table " + operation.table() + " and all its rows"
                    + (operation.cascade() ? RuleCatalog.CASCADED : ""),
                    "dropTable", quoted(operation.table().name()));
        }
        return null;
    }

    @Override
    public Void visit(RenameTable operation) {
        if (scope.isExistingTable(operation.table())) {
            hit(RuleCatalog.RENAME, "renames table " + operation.table() + " to " + operation.newName()
                    + ": running clients that still use the old name break", "renameTable",
                    quoted(operation.table().name()));
        } else {
            scope.tableCreated(QualifiedName.of(operation.table().schema(), operation.newName()));
        }
        return null;
    }

    @Override
    public Void visit(SetTableComment operation) {
        return null;
    }

    @Override
    public Void visit(SetTablePersistence operation) {
        if (scope.isExistingTable(operation.table())) {
            hit(RuleCatalog.SET_PERSISTENCE, RuleCatalog.persistenceChange(operation.table(), operation.unlogged()),
                    operation.unlogged() ? "setTableUnlogged" : "setTableLogged", quoted(operation.table().name()));
        }
        return null;
    }

    @Override
    public Void visit(AddColumn operation) {
        QualifiedName table = operation.table();
        if (!scope.isExistingTable(table)) {
            return null;
        }
        ColumnDef column = operation.column();
        String where = "column " + table + "." + column.name();
        String[] needles = {"addColumn", quoted(table.name()), quoted(column.name())};
        boolean notNull = !column.nullable() || column.primaryKey();
        boolean filled = column.defaultExpression() != null || column.identity() != Identity.NONE
                || column.generatedExpression() != null || Volatility.isSerial(column.type());
        if (notNull && !filled) {
            hit(RuleCatalog.NOT_NULL_COLUMN_WITHOUT_DEFAULT, "adds NOT NULL " + where + " without a default: "
                    + "fails if the table has rows; add it nullable, backfill, then set NOT NULL", needles);
        }
        // A virtual generated column is computed when read: adding one writes nothing.
        if (Volatility.isVolatile(column.defaultExpression()) || Volatility.isSerial(column.type())
                || column.identity() != Identity.NONE || column.generatedExpression() != null && !column.virtual()) {
            hit(RuleCatalog.VOLATILE_DEFAULT, "adds " + where + " with a value computed per row ("
                    + describeFill(column) + "): rewrites the whole table under an ACCESS EXCLUSIVE lock", needles);
        }
        if (column.unique() || column.primaryKey()) {
            hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "adds " + where + " as " + (column.primaryKey() ? "primary key"
                    : "unique") + " to an existing table: builds its index under a lock", needles);
        }
        return null;
    }

    @Override
    public Void visit(DropColumn operation) {
        if (scope.isExistingTable(operation.table())) {
            // Dropped from the table alone, the column stays with the tables that inherit it: its own rows lose it.
            hit(RuleCatalog.DROP_COLUMN, "drops column " + operation.table() + "." + operation.column()
                    + (operation.only() ? " and the data of its own rows (the tables that inherit it keep theirs)"
                    : " and its data") + (operation.cascade() ? RuleCatalog.CASCADED : ""), "dropColumn",
                    quoted(operation.table().name()), quoted(operation.column()));
        }
        return null;
    }

    @Override
    public Void visit(AlterColumn operation) {
        QualifiedName table = operation.table();
        if (!scope.isExistingTable(table)) {
            return null;
        }
        String where = "column " + table + "." + operation.column();
        String[] needles = {"alterColumn", quoted(table.name()), quoted(operation.column())};
        if (operation.type() != null) {
            hit(RuleCatalog.CHANGE_TYPE, "changes the type of " + where + " to " + operation.type().type()
                    + ": " + RuleCatalog.TYPE_CHANGE_COST, needles);
        }
        if (Boolean.FALSE.equals(operation.nullable()) && !scope.isProvenNotNull(table, operation.column())) {
            hit(RuleCatalog.SET_NOT_NULL, "sets NOT NULL on " + where + ": scans the whole table under an ACCESS "
                    + "EXCLUSIVE lock; add a CHECK (" + DIALECT.quote(operation.column()) + " IS NOT NULL) NOT VALID "
                    + "constraint and validate it first", needles);
        }
        if (operation.newName() != null) {
            hit(RuleCatalog.RENAME, "renames " + where + " to " + operation.newName()
                    + ": running clients that still use the old name break", needles);
        }
        return null;
    }

    @Override
    public Void visit(CreateIndex operation) {
        QualifiedName index = QualifiedName.of(operation.table().schema(), operation.name());
        scope.indexCreated(index);
        if (!scope.isExistingTable(operation.table())) {
            return null;
        }
        String[] needles = {"createIndex", quoted(operation.name())};
        String what = (operation.unique() ? "unique index " : "index ") + operation.name() + " on " + operation.table();
        if (operation.unique()) {
            hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "creates " + what
                    + ": fails if existing rows hold duplicates", needles);
        }
        if (!operation.concurrently()) {
            hit(RuleCatalog.NON_CONCURRENT_INDEX, "creates " + what + " without CONCURRENTLY: blocks writes to the "
                    + "table while it builds; use .concurrently()", needles);
        }
        return null;
    }

    @Override
    public Void visit(DropIndex operation) {
        if (!operation.concurrently() && !scope.isNewIndex(operation.index())) {
            hit(RuleCatalog.NON_CONCURRENT_INDEX, "drops index " + operation.index() + " without CONCURRENTLY: "
                    + "blocks all use of its table while it runs; use .concurrently()", "dropIndex",
                    quoted(operation.index().name()));
        }
        return null;
    }

    @Override
    public Void visit(AddConstraint operation) {
        QualifiedName table = operation.table();
        if (!scope.isExistingTable(table)) {
            return null;
        }
        TableConstraint constraint = operation.constraint();
        // op.addConstraint names the table first, op.createCheckConstraint and its kin the constraint first.
        int line = constraint.name() != null ? lines.find(quoted(table.name()), quoted(constraint.name())) : 0;
        line = line != 0 ? line : constraint.name() != null
                ? lines.find(quoted(constraint.name()), quoted(table.name()))
                : lines.find(quoted(table.name()), kind(constraint).replace(" ", ""));
        String what = kind(constraint) + (constraint.name() != null ? " " + constraint.name() : "") + " on " + table;
        switch (kind(constraint)) {
            case "primary key", "unique" -> hits.add(new Hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "adds " + what
                    + " to an existing table: fails on duplicates and builds its index under a lock; build a unique "
                    + "index concurrently first and add the constraint USING INDEX", line));
            // PostgreSQL refuses NOT VALID on an exclusion constraint and cannot build one concurrently, or from an
            // index built before: the advice for checks and unique keys would send the user into an error.
            case "exclusion constraint" -> hits.add(new Hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "adds " + what
                    + " to an existing table: fails on conflicting rows and builds its index under a lock that "
                    + "blocks all use of the table; PostgreSQL can neither add it NOT VALID nor build it "
                    + "concurrently, so add it while the table is small or in a maintenance window", line));
            default -> hits.add(new Hit(RuleCatalog.CONSTRAINT_WITHOUT_NOT_VALID, "adds " + what + " without NOT "
                    + "VALID: checks every row under a lock; add it with op.execute(\"ALTER TABLE "
                    + DIALECT.quote(table).replace("\"", "\\\"") + " ADD CONSTRAINT ... NOT VALID\") and VALIDATE "
                    + "CONSTRAINT in a later migration", line));
        }
        return null;
    }

    @Override
    public Void visit(DropConstraint operation) {
        return null;
    }

    @Override
    public Void visit(CreateEnum operation) {
        sql.enumCreated(operation.type(), operation.values(), "createEnum", quoted(operation.type().name()));
        return null;
    }

    @Override
    public Void visit(DropEnum operation) {
        scope.enumRetired(operation.type());
        if (operation.cascade()) {
            hit(RuleCatalog.DROP_TYPE_CASCADE, SqlRules.typeDropped("type", operation.type()), "dropEnum",
                    quoted(operation.type().name()));
        }
        return null;
    }

    @Override
    public Void visit(AddEnumValue operation) {
        return null;
    }

    @Override
    public Void visit(RenameEnumValue operation) {
        return null;
    }

    @Override
    public Void visit(CreateCast operation) {
        return null;
    }

    @Override
    public Void visit(DropCast operation) {
        return null;
    }

    @Override
    public Void visit(CreateSequence operation) {
        return null;
    }

    @Override
    public Void visit(AlterSequence operation) {
        return null;
    }

    @Override
    public Void visit(DropSequence operation) {
        return null;
    }

    @Override
    public Void visit(CreateSchema operation) {
        return null;
    }

    @Override
    public Void visit(DropSchema operation) {
        hit(RuleCatalog.DROP_SCHEMA, "drops schema " + operation.name()
                + (operation.cascade() ? " and every table, type and function in it (CASCADE)" : ""),
                "dropSchema", quoted(operation.name()));
        return null;
    }

    @Override
    public Void visit(CreateExtension operation) {
        return null;
    }

    @Override
    public Void visit(SetExtensionSchema operation) {
        return null;
    }

    @Override
    public Void visit(DropExtension operation) {
        if (operation.cascade()) {
            hit(RuleCatalog.DROP_EXTENSION_CASCADE, "drops extension " + operation.name() + " with CASCADE: the "
                    + "columns of its types (with their data), and the indexes and defaults that use it, go too",
                    "dropExtension", quoted(operation.name()));
        }
        return null;
    }

    @Override
    public Void visit(Execute operation) {
        sql.check(operation.sql());
        return null;
    }

    @Override
    public Void visit(BulkInsert operation) {
        return null;
    }

    @Override
    public Void visit(Autocommit operation) {
        sql.inAutocommit(true);
        try {
            for (Operation inner : operation.operations()) {
                inner.accept(this);
            }
        } finally {
            sql.inAutocommit(false);
        }
        return null;
    }

    private void hit(Rule rule, String message, String... needles) {
        hits.add(new Hit(rule, message, locate(lines, needles)));
    }

    /** The line holding all needles, or failing that the first two (the method and the table). */
    static int locate(SourceLines lines, String... needles) {
        int line = lines.find(needles);
        if (line == 0 && needles.length > 2) {
            line = lines.find(needles[0], needles[1]);
        }
        return line;
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    private static String describeFill(ColumnDef column) {
        if (column.identity() != Identity.NONE) {
            return "an identity";
        }
        if (column.generatedExpression() != null) {
            return "generated as " + column.generatedExpression();
        }
        return column.defaultExpression() != null ? "default " + column.defaultExpression() : "type " + column.type();
    }

    private static String kind(TableConstraint constraint) {
        return constraint.accept(new ConstraintVisitor<String>() {
            @Override
            public String visit(PrimaryKeyDef c) {
                return "primary key";
            }

            @Override
            public String visit(UniqueDef c) {
                return "unique";
            }

            @Override
            public String visit(ForeignKeyDef c) {
                return "foreign key";
            }

            @Override
            public String visit(CheckDef c) {
                return "check";
            }

            @Override
            public String visit(ExcludeDef c) {
                return "exclusion constraint";
            }
        });
    }
}
