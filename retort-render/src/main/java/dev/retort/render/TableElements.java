package dev.retort.render;

import static dev.retort.render.Code.atom;
import static dev.retort.render.Code.call;
import static dev.retort.render.Code.chain;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ConstraintVisitor;
import dev.retort.operation.Deferral;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.Identity;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.UniqueDef;
import dev.retort.render.Code.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the values that {@code createTable} lists, through the static factories of
 * {@code Operations}: {@code column("id", "bigint").notNull()}, {@code primaryKey("id").named("users_pkey")}.
 *
 * <p>Only what differs from the factory's defaults is written.
 */
final class TableElements implements ConstraintVisitor<Code> {
    private final Imports imports;

    TableElements(Imports imports) {
        this.imports = imports;
    }

    /** {@code column(name, type)} and its options. */
    Code column(ColumnDef column) {
        List<Call> options = new ArrayList<>();
        if (!column.nullable()) {
            options.add(call("notNull"));
        }
        if (column.defaultExpression() != null) {
            options.add(call("defaultExpression", string(column.defaultExpression())));
        }
        if (column.identity() != Identity.NONE && column.identityOptions().isEmpty()) {
            options.add(call("identity", imports.constant(column.identity())));
        } else if (column.identity() != Identity.NONE) {
            List<Call> settings = new ArrayList<>();
            Statements.sequenceOptions(column.identityOptions(), settings);
            options.add(call("identity", imports.constant(column.identity()),
                    chain(atom(imports.type(SequenceOptions.class) + ".UNSPECIFIED"), settings)));
        }
        if (column.generatedExpression() != null) {
            options.add(call("generatedAs", string(column.generatedExpression())));
        }
        if (column.virtual()) {
            options.add(call("virtual", atom("true")));
        }
        if (column.primaryKey()) {
            options.add(call("primaryKey", atom("true")));
        }
        if (column.unique()) {
            options.add(call("unique", atom("true")));
        }
        if (column.comment() != null) {
            options.add(call("comment", string(column.comment())));
        }
        if (column.collation() != null) {
            options.add(call("collation", string(column.collation())));
        }
        return Code.chain(call(imports.factory("column"), string(column.name()), string(column.type())), options);
    }

    @Override
    public Code visit(PrimaryKeyDef constraint) {
        List<Call> options = named(constraint.name());
        include(constraint.include(), options);
        return Code.chain(call(imports.factory("primaryKey"), strings(constraint.columns())), options);
    }

    @Override
    public Code visit(UniqueDef constraint) {
        List<Call> options = named(constraint.name());
        deferral(constraint.deferral(), options);
        if (constraint.nullsNotDistinct()) {
            options.add(call("nullsNotDistinct", atom("true")));
        }
        include(constraint.include(), options);
        return Code.chain(call(imports.factory("unique"), strings(constraint.columns())), options);
    }

    @Override
    public Code visit(ForeignKeyDef constraint) {
        Call factory;
        if (constraint.columns().size() == 1 && constraint.referencedColumns().size() == 1) {
            factory = call(imports.factory("foreignKey"), string(constraint.columns().get(0)),
                    string(constraint.referencedTable().name()), string(constraint.referencedColumns().get(0)));
        } else {
            factory = call(imports.factory("foreignKey"), list(constraint.columns()),
                    string(constraint.referencedTable().name()), list(constraint.referencedColumns()));
        }
        List<Call> options = named(constraint.name());
        if (constraint.referencedTable().schema() != null) {
            options.add(call("referencedSchema", string(constraint.referencedTable().schema())));
        }
        foreignKeyOptions(constraint, options);
        return Code.chain(factory, options);
    }

    @Override
    public Code visit(CheckDef constraint) {
        return Code.chain(call(imports.factory("check"), string(constraint.expression())), named(constraint.name()));
    }

    @Override
    public Code visit(ExcludeDef constraint) {
        List<Call> options = named(constraint.name());
        deferral(constraint.deferral(), options);
        return Code.chain(call(imports.factory("exclude"), string(constraint.definition())), options);
    }

    /** Adds the actions, match and deferral of {@code constraint} that differ from the defaults. */
    void foreignKeyOptions(ForeignKeyDef constraint, List<Call> options) {
        if (constraint.onDelete() != ForeignKeyAction.NO_ACTION) {
            List<Code> args = new ArrayList<>();
            args.add(imports.constant(constraint.onDelete()));
            args.addAll(strings(constraint.onDeleteColumns()));
            options.add(call("onDelete", args));
        }
        if (constraint.onUpdate() != ForeignKeyAction.NO_ACTION) {
            options.add(call("onUpdate", imports.constant(constraint.onUpdate())));
        }
        if (constraint.match() != ForeignKeyMatch.SIMPLE) {
            options.add(call("match", imports.constant(constraint.match())));
        }
        deferral(constraint.deferral(), options);
    }

    /** Adds {@code .deferrable()} or {@code .initiallyDeferred()} unless the constraint is not deferrable. */
    static void deferral(Deferral deferral, List<Call> options) {
        // A switch expression, so that a new kind of deferral is a compile error here.
        String option = switch (deferral) {
            case NOT_DEFERRABLE -> null;
            case INITIALLY_IMMEDIATE -> "deferrable";
            case INITIALLY_DEFERRED -> "initiallyDeferred";
        };
        if (option != null) {
            options.add(call(option));
        }
    }

    /** {@code List.of("a", "b")}. */
    Code list(List<String> values) {
        return call(imports.type(List.class) + ".of", strings(values));
    }

    /** Adds {@code .include(columns...)} to a key's options when it includes any. */
    static void include(List<String> columns, List<Call> options) {
        if (!columns.isEmpty()) {
            options.add(call("include", strings(columns)));
        }
    }

    static List<Code> strings(List<String> values) {
        List<Code> codes = new ArrayList<>(values.size());
        for (String value : values) {
            codes.add(string(value));
        }
        return codes;
    }

    static Code string(String value) {
        return atom(JavaLiterals.string(value));
    }

    private static List<Call> named(String name) {
        List<Call> options = new ArrayList<>();
        if (name != null) {
            options.add(call("named", string(name)));
        }
        return options;
    }
}
