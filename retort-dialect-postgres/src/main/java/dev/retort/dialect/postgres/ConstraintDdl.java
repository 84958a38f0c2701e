package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.AddConstraint;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ConstraintVisitor;
import dev.retort.operation.Deferral;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.UniqueDef;
import java.util.List;
import java.util.stream.Collectors;

/** Writes table constraints, as clauses of {@code CREATE TABLE} and in {@code ALTER TABLE ... ADD}. */
final class ConstraintDdl implements ConstraintVisitor<String> {
    private static final ConstraintDdl CLAUSES = new ConstraintDdl();

    private ConstraintDdl() {
    }

    /** The constraint as a table-constraint clause, such as {@code CONSTRAINT pk_users PRIMARY KEY (id)}. */
    static String clause(TableConstraint constraint) {
        String name = constraint.name() == null ? "" : "CONSTRAINT " + quote(constraint.name()) + " ";
        return name + constraint.accept(CLAUSES);
    }

    static List<String> addConstraint(AddConstraint operation) {
        return List.of("ALTER TABLE " + quote(operation.table()) + " ADD " + clause(operation.constraint()));
    }

    static List<String> dropConstraint(DropConstraint operation) {
        return List.of("ALTER TABLE " + quote(operation.table()) + " DROP CONSTRAINT "
                + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.name())
                + (operation.cascade() ? " CASCADE" : ""));
    }

    /** {@code (a, b)} with each name quoted as needed. */
    static String columnList(List<String> columns) {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String visit(PrimaryKeyDef constraint) {
        return "PRIMARY KEY " + columnList(constraint.columns()) + include(constraint.include());
    }

    @Override
    public String visit(UniqueDef constraint) {
        return "UNIQUE " + (constraint.nullsNotDistinct() ? "NULLS NOT DISTINCT " : "")
                + columnList(constraint.columns()) + include(constraint.include()) + deferral(constraint.deferral());
    }

    /** {@code INCLUDE (a, b)} after a key's columns, or nothing. */
    private static String include(List<String> columns) {
        return columns.isEmpty() ? "" : " INCLUDE " + columnList(columns);
    }

    @Override
    public String visit(ForeignKeyDef constraint) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY ").append(columnList(constraint.columns()))
                .append(" REFERENCES ").append(quote(constraint.referencedTable()));
        if (!constraint.referencedColumns().isEmpty()) {
            sql.append(' ').append(columnList(constraint.referencedColumns()));
        }
        if (constraint.match() == ForeignKeyMatch.FULL) {
            sql.append(" MATCH FULL");
        }
        if (constraint.onDelete() != ForeignKeyAction.NO_ACTION) {
            sql.append(" ON DELETE ").append(action(constraint.onDelete()));
            if (!constraint.onDeleteColumns().isEmpty()) {
                sql.append(' ').append(columnList(constraint.onDeleteColumns()));
            }
        }
        if (constraint.onUpdate() != ForeignKeyAction.NO_ACTION) {
            sql.append(" ON UPDATE ").append(action(constraint.onUpdate()));
        }
        return sql.append(deferral(constraint.deferral())).toString();
    }

    @Override
    public String visit(CheckDef constraint) {
        return "CHECK (" + constraint.expression() + ")";
    }

    @Override
    public String visit(ExcludeDef constraint) {
        return "EXCLUDE " + constraint.definition() + deferral(constraint.deferral());
    }

    private static String action(ForeignKeyAction action) {
        return switch (action) {
            case NO_ACTION -> "NO ACTION";
            case RESTRICT -> "RESTRICT";
            case CASCADE -> "CASCADE";
            case SET_NULL -> "SET NULL";
            case SET_DEFAULT -> "SET DEFAULT";
        };
    }

    private static String deferral(Deferral deferral) {
        return switch (deferral) {
            case NOT_DEFERRABLE -> "";
            case INITIALLY_IMMEDIATE -> " DEFERRABLE";
            case INITIALLY_DEFERRED -> " DEFERRABLE INITIALLY DEFERRED";
        };
    }
}
