package dev.retort.render;

import static dev.retort.render.Code.atom;
import static dev.retort.render.Code.call;
import static dev.retort.render.TableElements.string;
import static dev.retort.render.TableElements.strings;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.CastContext;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateCast;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateExtension;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropCast;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropExtension;
import dev.retort.operation.DropIndex;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.Execute;
import dev.retort.operation.IndexElement;
import dev.retort.operation.NullsOrder;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationVisitor;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameEnumValue;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import dev.retort.operation.TableConstraint;
import dev.retort.render.Code.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds, for each kind of operation, the call on {@code op} that records it again.
 *
 * <p>It implements {@link OperationVisitor}, which has no default methods, so a new kind of operation
 * does not compile until it can be rendered. Options are written only when they differ from what the
 * {@code Operations} method records by default, in a fixed order, so the output is minimal and stable.
 * What the API has no way to say fails with an {@link IllegalStateException} that names the operation,
 * rather than being left out of the migration.
 */
final class Statements implements OperationVisitor<Code> {
    private final Imports imports;
    private final TableElements elements;

    Statements(Imports imports) {
        this.imports = imports;
        this.elements = new TableElements(imports);
    }

    // ---- tables

    @Override
    public Code visit(CreateTable operation) {
        List<Code> args = new ArrayList<>();
        args.add(string(operation.table().name()));
        for (ColumnDef column : operation.columns()) {
            args.add(elements.column(column));
        }
        for (TableConstraint constraint : operation.constraints()) {
            args.add(constraint.accept(elements));
        }
        List<Call> options = schema(operation.table());
        if (operation.comment() != null) {
            options.add(call("comment", string(operation.comment())));
        }
        flag(options, operation.ifNotExists(), "ifNotExists");
        flag(options, operation.unlogged(), "unlogged");
        for (QualifiedName parent : operation.inherits()) {
            options.add(parent.schema() == null ? call("inherits", string(parent.name()))
                    : call("inherits", string(parent.name()), string(parent.schema())));
        }
        operation.storage().forEach((parameter, value) -> options.add(call("with", string(parameter), string(value))));
        return op("createTable", args, options);
    }

    @Override
    public Code visit(DropTable operation) {
        return drop("dropTable", List.of(string(operation.table().name())), operation.table(), operation.ifExists(),
                operation.cascade());
    }

    @Override
    public Code visit(RenameTable operation) {
        return op("renameTable", List.of(string(operation.table().name()), string(operation.newName())),
                schema(operation.table()));
    }

    @Override
    public Code visit(SetTableComment operation) {
        if (operation.comment() == null) {
            return op("dropTableComment", List.of(string(operation.table().name())), schema(operation.table()));
        }
        return op("setTableComment", List.of(string(operation.table().name()), string(operation.comment())),
                schema(operation.table()));
    }

    @Override
    public Code visit(SetTablePersistence operation) {
        return op(operation.unlogged() ? "setTableUnlogged" : "setTableLogged",
                List.of(string(operation.table().name())), schema(operation.table()));
    }

    // ---- columns

    @Override
    public Code visit(AddColumn operation) {
        List<Call> options = schema(operation.table());
        flag(options, operation.ifNotExists(), "ifNotExists");
        return op("addColumn", List.of(string(operation.table().name()), elements.column(operation.column())), options);
    }

    @Override
    public Code visit(DropColumn operation) {
        List<Call> options = schema(operation.table());
        flag(options, operation.only(), "only");
        flag(options, operation.dropNotNullFirst(), "dropNotNullFirst");
        flag(options, operation.ifExists(), "ifExists");
        flag(options, operation.cascade(), "cascade");
        return op("dropColumn", List.of(string(operation.table().name()), string(operation.column())), options);
    }

    @Override
    public Code visit(AlterColumn operation) {
        List<Call> options = schema(operation.table());
        if (operation.type() != null) {
            options.add(operation.type().using() == null
                    ? call("type", string(operation.type().type()))
                    : call("type", string(operation.type().type()), string(operation.type().using())));
        }
        if (operation.nullable() != null) {
            options.add(call("nullable", atom(operation.nullable().toString())));
        }
        if (operation.defaultValue() != null) {
            options.add(operation.defaultValue().isDrop()
                    ? call("dropDefault")
                    : call("setDefault", string(operation.defaultValue().expression())));
        }
        if (operation.comment() != null) {
            String comment = operation.comment().comment();
            options.add(call("comment", comment == null ? atom("null") : string(comment)));
        }
        if (operation.newName() != null) {
            options.add(call("rename", string(operation.newName()))); // last, as the operation applies it
        }
        return op("alterColumn", List.of(string(operation.table().name()), string(operation.column())), options);
    }

    // ---- indexes

    @Override
    public Code visit(CreateIndex operation) {
        List<Code> args = new ArrayList<>();
        args.add(string(operation.name()));
        args.add(string(operation.table().name()));
        // Plain column names read best; one element with more to say needs the IndexElement form for all,
        // since the varargs take one type.
        if (operation.elements().stream().allMatch(Statements::isPlainColumn)) {
            operation.elements().forEach(element -> args.add(string(element.column())));
        } else {
            operation.elements().forEach(element -> args.add(indexElement(element)));
        }
        List<Call> options = schema(operation.table());
        flag(options, operation.unique(), "unique");
        flag(options, operation.nullsNotDistinct(), "nullsNotDistinct");
        if (operation.method() != null) {
            options.add(call("using", string(operation.method())));
        }
        if (!operation.include().isEmpty()) {
            options.add(call("include", strings(operation.include())));
        }
        if (operation.where() != null) {
            options.add(call("where", string(operation.where())));
        }
        operation.storage().forEach((parameter, value) -> options.add(call("with", string(parameter), string(value))));
        flag(options, operation.ifNotExists(), "ifNotExists");
        flag(options, operation.concurrently(), "concurrently");
        return op("createIndex", args, options);
    }

    @Override
    public Code visit(DropIndex operation) {
        List<Call> options = schema(operation.index());
        flag(options, operation.ifExists(), "ifExists");
        flag(options, operation.concurrently(), "concurrently");
        flag(options, operation.cascade(), "cascade");
        return op("dropIndex", List.of(string(operation.index().name())), options);
    }

    // ---- constraints

    @Override
    public Code visit(AddConstraint operation) {
        return operation.constraint().accept(new ConstraintStatements(operation.table(), elements));
    }

    @Override
    public Code visit(DropConstraint operation) {
        return drop("dropConstraint", List.of(string(operation.name()), string(operation.table().name())),
                operation.table(), operation.ifExists(), operation.cascade());
    }

    // ---- enum types

    @Override
    public Code visit(CreateEnum operation) {
        List<Code> args = new ArrayList<>();
        args.add(string(operation.type().name()));
        args.addAll(strings(operation.values()));
        return op("createEnum", args, schema(operation.type()));
    }

    @Override
    public Code visit(DropEnum operation) {
        return drop("dropEnum", List.of(string(operation.type().name())), operation.type(), operation.ifExists(),
                operation.cascade());
    }

    @Override
    public Code visit(AddEnumValue operation) {
        List<Call> options = schema(operation.type());
        if (operation.before() != null) {
            options.add(call("before", string(operation.before())));
        }
        if (operation.after() != null) {
            options.add(call("after", string(operation.after())));
        }
        flag(options, operation.ifNotExists(), "ifNotExists");
        return op("addEnumValue", List.of(string(operation.type().name()), string(operation.value())), options);
    }

    @Override
    public Code visit(RenameEnumValue operation) {
        return op("renameEnumValue", List.of(string(operation.type().name()), string(operation.from()),
                string(operation.to())), schema(operation.type()));
    }

    // ---- casts

    @Override
    public Code visit(CreateCast operation) {
        List<Call> options = new ArrayList<>();
        flag(options, operation.context() == CastContext.ASSIGNMENT, "asAssignment");
        flag(options, operation.context() == CastContext.IMPLICIT, "asImplicit");
        return op("createCast", List.of(string(operation.source()), string(operation.target())), options);
    }

    @Override
    public Code visit(DropCast operation) {
        List<Call> options = new ArrayList<>();
        flag(options, operation.ifExists(), "ifExists");
        return op("dropCast", List.of(string(operation.source()), string(operation.target())), options);
    }

    // ---- sequences

    @Override
    public Code visit(CreateSequence operation) {
        if (operation.options().ownedBy() != null && operation.options().ownedBy().isNone()) {
            throw new IllegalStateException("Cannot render the creation of sequence " + operation.sequence()
                    + " as Java: op.createSequence(...) cannot say OWNED BY NONE (a new sequence is owned by "
                    + "no column anyway); leave the owner out of the operation.");
        }
        List<Call> options = schema(operation.sequence());
        sequenceOptions(operation.options(), options);
        flag(options, operation.ifNotExists(), "ifNotExists");
        return op("createSequence", List.of(string(operation.sequence().name())), options);
    }

    @Override
    public Code visit(AlterSequence operation) {
        List<Call> options = schema(operation.sequence());
        sequenceOptions(operation.options(), options);
        if (operation.restartWith() != null) {
            options.add(call("restartWith", number(operation.restartWith())));
        }
        return op("alterSequence", List.of(string(operation.sequence().name())), options);
    }

    @Override
    public Code visit(DropSequence operation) {
        return drop("dropSequence", List.of(string(operation.sequence().name())), operation.sequence(),
                operation.ifExists(), operation.cascade());
    }

    // ---- schemas

    @Override
    public Code visit(CreateSchema operation) {
        List<Call> options = new ArrayList<>();
        flag(options, operation.ifNotExists(), "ifNotExists");
        return op("createSchema", List.of(string(operation.name())), options);
    }

    @Override
    public Code visit(DropSchema operation) {
        List<Call> options = new ArrayList<>();
        flag(options, operation.ifExists(), "ifExists");
        flag(options, operation.cascade(), "cascade");
        return op("dropSchema", List.of(string(operation.name())), options);
    }

    // ---- extensions

    @Override
    public Code visit(CreateExtension operation) {
        List<Call> options = new ArrayList<>();
        if (operation.schema() != null) {
            options.add(call("schema", string(operation.schema())));
        }
        flag(options, operation.ifNotExists(), "ifNotExists");
        return op("createExtension", List.of(string(operation.name())), options);
    }

    @Override
    public Code visit(SetExtensionSchema operation) {
        return op("setExtensionSchema", List.of(string(operation.name()), string(operation.schema())), List.of());
    }

    @Override
    public Code visit(DropExtension operation) {
        List<Call> options = new ArrayList<>();
        flag(options, operation.ifExists(), "ifExists");
        flag(options, operation.cascade(), "cascade");
        flag(options, operation.ifCreatedByUpgrade(), "ifCreatedByUpgrade");
        return op("dropExtension", List.of(string(operation.name())), options);
    }

    // ---- data and raw SQL

    @Override
    public Code visit(Execute operation) {
        String sql = operation.sql();
        Code text = JavaLiterals.isMultiline(sql) ? new Code.TextBlock(JavaLiterals.textBlock(sql)) : string(sql);
        return call("op.execute", text);
    }

    @Override
    public Code visit(BulkInsert operation) {
        List<Code> args = new ArrayList<>();
        args.add(string(operation.table().name()));
        args.addAll(strings(operation.columns()));
        List<Call> options = schema(operation.table());
        for (List<Object> row : operation.rows()) {
            List<Code> values = new ArrayList<>(row.size());
            for (Object value : row) {
                String expression = Values.expression(value, imports);
                if (expression == null) {
                    throw new IllegalStateException("Cannot render the bulk insert into " + operation.table()
                            + " as Java: it holds a " + value.getClass().getName() + ", which has no Java literal.");
                }
                values.add(atom(expression));
            }
            if (row.size() == 1 && row.get(0) == null) {
                // row(null) would pass a null array: say that it is one null value.
                values.set(0, atom("(Object) null"));
            }
            options.add(call("row", values));
        }
        return op("bulkInsert", args, options);
    }

    @Override
    public Code visit(Autocommit operation) {
        if (operation.operations().isEmpty()) {
            throw new IllegalStateException("Cannot render an empty autocommit block as Java: op.autocommit(...) "
                    + "records nothing when its block records nothing; leave the block out.");
        }
        List<Code> statements = new ArrayList<>();
        for (Operation inner : operation.operations()) {
            statements.add(inner.accept(this)); // one level deep: an autocommit block holds no other block
        }
        return new Code.Block("op.autocommit", statements);
    }

    // ---- shared pieces

    private Code indexElement(IndexElement element) {
        String type = imports.type(IndexElement.class);
        Call start = element.column() != null
                ? call(type + ".column", string(element.column()))
                : call(type + ".expression", string(element.expression()));
        List<Call> options = new ArrayList<>();
        if (element.collation() != null) {
            options.add(call("collation", string(element.collation())));
        }
        if (element.operatorClass() != null) {
            options.add(call("operatorClass", string(element.operatorClass())));
        }
        flag(options, element.descending(), "desc");
        // A switch expression, so that a new null ordering is a compile error here.
        String nulls = switch (element.nulls()) {
            case DEFAULT -> null;
            case FIRST -> "nullsFirst";
            case LAST -> "nullsLast";
        };
        if (nulls != null) {
            options.add(call(nulls));
        }
        return Code.chain(start, options);
    }

    private static boolean isPlainColumn(IndexElement element) {
        return element.column() != null && element.operatorClass() == null && element.collation() == null
                && !element.descending()
                && element.nulls() == NullsOrder.DEFAULT;
    }

    /** The calls that give {@code settings}, in the order of PostgreSQL's synopsis. */
    static void sequenceOptions(SequenceOptions settings, List<Call> options) {
        if (settings.dataType() != null) {
            options.add(call("dataType", string(settings.dataType())));
        }
        setting(options, "start", settings.start());
        setting(options, "increment", settings.increment());
        setting(options, "minValue", settings.minValue());
        setting(options, "maxValue", settings.maxValue());
        setting(options, "cache", settings.cache());
        if (settings.cycle() != null) {
            options.add(call("cycle", atom(settings.cycle().toString())));
        }
        if (settings.ownedBy() != null) {
            options.add(settings.ownedBy().isNone()
                    ? call("ownedByNone")
                    : call("ownedBy", string(settings.ownedBy().table()), string(settings.ownedBy().column())));
        }
    }

    private static void setting(List<Call> options, String name, Long value) {
        if (value != null) {
            options.add(call(name, number(value)));
        }
    }

    /** A {@code long} argument: an int literal when it fits one (it widens), otherwise with {@code L}. */
    private static Code number(long value) {
        return atom(value == (int) value ? Long.toString(value) : value + "L");
    }

    private static Code drop(String method, List<Code> args, QualifiedName name, boolean ifExists, boolean cascade) {
        List<Call> options = schema(name);
        flag(options, ifExists, "ifExists");
        flag(options, cascade, "cascade");
        return op(method, args, options);
    }

    /** The options list, starting with {@code .schema(...)} when {@code name} is qualified. */
    private static List<Call> schema(QualifiedName name) {
        List<Call> options = new ArrayList<>();
        if (name.schema() != null) {
            options.add(call("schema", string(name.schema())));
        }
        return options;
    }

    private static void flag(List<Call> options, boolean set, String method) {
        if (set) {
            options.add(call(method));
        }
    }

    private static Code op(String method, List<Code> args, List<Call> options) {
        return Code.chain(call("op." + method, args), options);
    }
}
