package dev.retort.render;

import static dev.retort.render.Code.atom;
import static dev.retort.render.Code.call;
import static dev.retort.render.TableElements.string;
import static dev.retort.render.TableElements.strings;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ConstraintVisitor;
import dev.retort.operation.Deferral;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.render.Code.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a constraint added to an existing table the way Alembic's autogenerate does:
 * {@code op.createForeignKey(name, source, referent, columns, referencedColumns)},
 * {@code op.createUniqueConstraint(...)} and so on, with {@code null} for a name PostgreSQL chooses.
 */
final class ConstraintStatements implements ConstraintVisitor<Code> {
    private final QualifiedName table;
    private final TableElements elements;

    ConstraintStatements(QualifiedName table, TableElements elements) {
        this.table = table;
        this.elements = elements;
    }

    @Override
    public Code visit(PrimaryKeyDef constraint) {
        if (!constraint.include().isEmpty()) {
            // createPrimaryKey has no options beyond the schema; the key as a value carries its INCLUDE.
            List<Call> options = new ArrayList<>();
            if (table.schema() != null) {
                options.add(call("schema", string(table.schema())));
            }
            return Code.chain(call("op.addConstraint", string(table.name()), elements.visit(constraint)), options);
        }
        return statement("createPrimaryKey", constraint.name(), strings(constraint.columns()), new ArrayList<>());
    }

    @Override
    public Code visit(UniqueDef constraint) {
        List<Call> options = new ArrayList<>();
        TableElements.deferral(constraint.deferral(), options);
        if (constraint.nullsNotDistinct()) {
            options.add(call("nullsNotDistinct"));
        }
        TableElements.include(constraint.include(), options);
        return statement("createUniqueConstraint", constraint.name(), strings(constraint.columns()), options);
    }

    @Override
    public Code visit(ForeignKeyDef constraint) {
        List<Code> args = List.of(string(constraint.referencedTable().name()), elements.list(constraint.columns()),
                elements.list(constraint.referencedColumns()));
        List<Call> options = new ArrayList<>();
        if (constraint.referencedTable().schema() != null) {
            options.add(call("referentSchema", string(constraint.referencedTable().schema())));
        }
        elements.foreignKeyOptions(constraint, options);
        return statement("createForeignKey", constraint.name(), args, options);
    }

    @Override
    public Code visit(CheckDef constraint) {
        return statement("createCheckConstraint", constraint.name(), List.of(string(constraint.expression())),
                new ArrayList<>());
    }

    @Override
    public Code visit(ExcludeDef constraint) {
        if (constraint.deferral() != Deferral.NOT_DEFERRABLE) {
            // createExclusionConstraint has no options beyond the schema; the constraint as a value carries its
            // deferral.
            List<Call> options = new ArrayList<>();
            if (table.schema() != null) {
                options.add(call("schema", string(table.schema())));
            }
            return Code.chain(call("op.addConstraint", string(table.name()), elements.visit(constraint)), options);
        }
        return statement("createExclusionConstraint", constraint.name(), List.of(string(constraint.definition())),
                new ArrayList<>());
    }

    /** {@code op.method(name, table, rest...)}, then {@code .schema(...)} and the other options. */
    private Code statement(String method, String name, List<Code> rest, List<Call> options) {
        List<Code> args = new ArrayList<>();
        args.add(name == null ? atom("null") : string(name));
        args.add(string(table.name()));
        args.addAll(rest);
        if (table.schema() != null) {
            options.add(0, call("schema", string(table.schema())));
        }
        return Code.chain(call("op." + method, args), options);
    }
}
