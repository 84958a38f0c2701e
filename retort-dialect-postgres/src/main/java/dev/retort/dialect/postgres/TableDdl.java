package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropTable;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import java.util.ArrayList;
import java.util.List;

/** Writes the statements that create, change and drop tables and their columns. */
final class TableDdl {
    private static final String INDENT = "    ";

    private TableDdl() {
    }

    static List<String> createTable(CreateTable operation) {
        List<String> primaryKey = operation.primaryKeyColumns();
        // One primary-key column is declared inline; several form a table constraint.
        boolean inlinePrimaryKey = primaryKey.size() == 1;
        List<String> elements = new ArrayList<>();
        for (ColumnDef column : operation.columns()) {
            elements.add(INDENT + column(column, inlinePrimaryKey));
        }
        if (primaryKey.size() > 1) {
            elements.add(INDENT + "PRIMARY KEY " + ConstraintDdl.columnList(primaryKey));
        }
        operation.constraints().forEach(constraint -> elements.add(INDENT + ConstraintDdl.clause(constraint)));

        String create = "CREATE " + (operation.unlogged() ? "UNLOGGED " : "") + "TABLE "
                + (operation.ifNotExists() ? "IF NOT EXISTS " : "") + quote(operation.table());
        List<String> statements = new ArrayList<>();
        String inherits = operation.inherits().isEmpty() ? ""
                : " INHERITS (" + String.join(", ", operation.inherits().stream().map(Identifiers::quote).toList()) + ")";
        String storage = operation.storage().isEmpty() ? ""
                : " WITH " + IndexDdl.storageParameters(operation.storage());
        statements.add((elements.isEmpty() ? create + " ()" : create + " (\n" + String.join(",\n", elements) + "\n)")
                + inherits + storage);
        if (operation.comment() != null) {
            statements.add(tableComment(operation.table(), operation.comment()));
        }
        for (ColumnDef column : operation.columns()) {
            if (column.comment() != null) {
                statements.add(columnComment(operation.table(), column.name(), column.comment()));
            }
        }
        return statements;
    }

    static List<String> dropTable(DropTable operation) {
        return List.of("DROP TABLE " + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.table())
                + (operation.cascade() ? " CASCADE" : ""));
    }

    static List<String> renameTable(RenameTable operation) {
        return List.of("ALTER TABLE " + quote(operation.table()) + " RENAME TO " + quote(operation.newName()));
    }

    static List<String> setTableComment(SetTableComment operation) {
        return List.of(tableComment(operation.table(), operation.comment()));
    }

    static List<String> setTablePersistence(SetTablePersistence operation) {
        return List.of("ALTER TABLE " + quote(operation.table())
                + (operation.unlogged() ? " SET UNLOGGED" : " SET LOGGED"));
    }

    static List<String> addColumn(AddColumn operation) {
        ColumnDef column = operation.column();
        String add = "ALTER TABLE " + quote(operation.table()) + " ADD COLUMN "
                + (operation.ifNotExists() ? "IF NOT EXISTS " : "") + column(column, true);
        return column.comment() == null
                ? List.of(add)
                : List.of(add, columnComment(operation.table(), column.name(), column.comment()));
    }

    /**
     * One statement: {@code ALTER TABLE ONLY} for a drop from the table alone, which drops a {@code NOT NULL} the
     * operation asks to drop first in the same statement ({@code ALTER COLUMN ... DROP NOT NULL, DROP COLUMN ...}).
     */
    static List<String> dropColumn(DropColumn operation) {
        String column = quote(operation.column());
        return List.of("ALTER TABLE " + (operation.only() ? "ONLY " : "") + quote(operation.table())
                + (operation.dropNotNullFirst() ? " ALTER COLUMN " + column + " DROP NOT NULL," : "")
                + " DROP COLUMN " + (operation.ifExists() ? "IF EXISTS " : "") + column
                + (operation.cascade() ? " CASCADE" : ""));
    }

    /**
     * Writes a column change as few statements as possible.
     *
     * <p>Type, nullability and default go into one {@code ALTER TABLE}, so the table is rewritten or
     * scanned once; PostgreSQL itself drops an old default before converting the type. The rename
     * comes last because the other statements name the column by its old name.
     */
    static List<String> alterColumn(AlterColumn operation) {
        String table = quote(operation.table());
        String column = quote(operation.column());
        List<String> actions = new ArrayList<>();
        if (operation.type() != null) {
            actions.add("ALTER COLUMN " + column + " TYPE " + operation.type().type()
                    + (operation.type().using() == null ? "" : " USING " + operation.type().using()));
        }
        if (operation.nullable() != null) {
            actions.add("ALTER COLUMN " + column + (operation.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (operation.defaultValue() != null) {
            actions.add("ALTER COLUMN " + column + (operation.defaultValue().isDrop()
                    ? " DROP DEFAULT"
                    : " SET DEFAULT " + operation.defaultValue().expression()));
        }
        List<String> statements = new ArrayList<>();
        if (!actions.isEmpty()) {
            statements.add("ALTER TABLE " + table + " " + String.join(", ", actions));
        }
        if (operation.comment() != null) {
            statements.add(columnComment(operation.table(), operation.column(), operation.comment().comment()));
        }
        if (operation.newName() != null) {
            statements.add("ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + quote(operation.newName()));
        }
        return statements;
    }

    /** A column definition such as {@code email varchar(255) NOT NULL UNIQUE}. */
    private static String column(ColumnDef column, boolean inlinePrimaryKey) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(quote(column.collation()));
        }
        if (column.generatedExpression() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(column.generatedExpression())
                    .append(column.virtual() ? ") VIRTUAL" : ") STORED");
        }
        switch (column.identity()) {
            case NONE -> { }
            case ALWAYS -> sql.append(" GENERATED ALWAYS AS IDENTITY");
            case BY_DEFAULT -> sql.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        sql.append(SequenceDdl.identityOptions(column.identityOptions()));
        if (column.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(column.defaultExpression());
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        if (column.primaryKey() && inlinePrimaryKey) {
            sql.append(" PRIMARY KEY");
        }
        if (column.unique()) {
            sql.append(" UNIQUE");
        }
        return sql.toString();
    }

    private static String tableComment(QualifiedName table, String comment) {
        return "COMMENT ON TABLE " + quote(table) + " IS " + commentText(comment);
    }

    private static String columnComment(QualifiedName table, String column, String comment) {
        return "COMMENT ON COLUMN " + quote(table) + "." + quote(column) + " IS " + commentText(comment);
    }

    private static String commentText(String comment) {
        return comment == null ? "NULL" : Literals.string(comment);
    }
}
