package dev.retort.lint;

import dev.retort.NameBytes;
import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.ColumnDef;
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
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationVisitor;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameEnumValue;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import dev.retort.operation.TableConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule RT115: names longer than PostgreSQL's 63-byte limit ({@code NAMEDATALEN - 1}), which it
 * truncates without an error, so two long names can collide and a later migration's name no longer
 * matches the stored one.
 */
final class IdentifierLengths implements OperationVisitor<Void> {
    static final int MAX_BYTES = NameBytes.MAX;

    /** Each too-long name, once, with the kind of thing it names. */
    private final Map<String, String> tooLong = new LinkedHashMap<>();

    private IdentifierLengths() {
    }

    static List<Hit> check(List<Operation> upgrade, SourceLines lines) {
        IdentifierLengths names = new IdentifierLengths();
        for (Operation operation : upgrade) {
            operation.accept(names);
        }
        List<Hit> hits = new ArrayList<>();
        names.tooLong.forEach((name, kind) -> hits.add(new Hit(RuleCatalog.LONG_IDENTIFIER, kind + " name " + name
                + " is " + bytes(name) + " bytes; PostgreSQL truncates names to " + MAX_BYTES + " bytes, so it would "
                + "be stored as " + truncate(name) + "; shorten it", lines.find(name))));
        return hits;
    }

    /** {@code name} cut to at most 63 UTF-8 bytes at a character boundary, as PostgreSQL cuts it. */
    static String truncate(String name) {
        return NameBytes.clip(name, MAX_BYTES);
    }

    private static int bytes(String name) {
        return NameBytes.of(name);
    }

    private void name(String kind, String name) {
        if (name != null && bytes(name) > MAX_BYTES) {
            tooLong.putIfAbsent(name, kind);
        }
    }

    private void table(QualifiedName table) {
        name("schema", table.schema());
        name("table", table.name());
    }

    private void column(ColumnDef column) {
        name("column", column.name());
    }

    private void constraint(TableConstraint constraint) {
        name("constraint", constraint.name());
        if (constraint instanceof ForeignKeyDef foreignKey) {
            table(foreignKey.referencedTable());
            foreignKey.columns().forEach(c -> name("column", c));
            foreignKey.referencedColumns().forEach(c -> name("column", c));
        }
    }

    @Override
    public Void visit(CreateTable operation) {
        table(operation.table());
        operation.columns().forEach(this::column);
        operation.constraints().forEach(this::constraint);
        return null;
    }

    @Override
    public Void visit(DropTable operation) {
        table(operation.table());
        return null;
    }

    @Override
    public Void visit(RenameTable operation) {
        table(operation.table());
        name("table", operation.newName());
        return null;
    }

    @Override
    public Void visit(SetTableComment operation) {
        table(operation.table());
        return null;
    }

    @Override
    public Void visit(SetTablePersistence operation) {
        table(operation.table());
        return null;
    }

    @Override
    public Void visit(AddColumn operation) {
        table(operation.table());
        column(operation.column());
        return null;
    }

    @Override
    public Void visit(DropColumn operation) {
        table(operation.table());
        name("column", operation.column());
        return null;
    }

    @Override
    public Void visit(AlterColumn operation) {
        table(operation.table());
        name("column", operation.column());
        name("column", operation.newName());
        return null;
    }

    @Override
    public Void visit(CreateIndex operation) {
        table(operation.table());
        name("index", operation.name());
        return null;
    }

    @Override
    public Void visit(DropIndex operation) {
        name("schema", operation.index().schema());
        name("index", operation.index().name());
        return null;
    }

    @Override
    public Void visit(AddConstraint operation) {
        table(operation.table());
        constraint(operation.constraint());
        return null;
    }

    @Override
    public Void visit(DropConstraint operation) {
        table(operation.table());
        name("constraint", operation.name());
        return null;
    }

    @Override
    public Void visit(CreateEnum operation) {
        typeName(operation.type());
        return null;
    }

    @Override
    public Void visit(DropEnum operation) {
        typeName(operation.type());
        return null;
    }

    @Override
    public Void visit(AddEnumValue operation) {
        typeName(operation.type());
        return null;
    }

    @Override
    public Void visit(RenameEnumValue operation) {
        typeName(operation.type());
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
        sequence(operation.sequence());
        return null;
    }

    @Override
    public Void visit(AlterSequence operation) {
        sequence(operation.sequence());
        return null;
    }

    @Override
    public Void visit(DropSequence operation) {
        sequence(operation.sequence());
        return null;
    }

    @Override
    public Void visit(CreateSchema operation) {
        name("schema", operation.name());
        return null;
    }

    @Override
    public Void visit(DropSchema operation) {
        name("schema", operation.name());
        return null;
    }

    // An extension's name is the name of a control file the server ships, never a new identifier.
    @Override
    public Void visit(CreateExtension operation) {
        name("schema", operation.schema());
        return null;
    }

    @Override
    public Void visit(SetExtensionSchema operation) {
        name("schema", operation.schema());
        return null;
    }

    @Override
    public Void visit(DropExtension operation) {
        return null;
    }

    @Override
    public Void visit(Execute operation) {
        return null;
    }

    @Override
    public Void visit(BulkInsert operation) {
        table(operation.table());
        return null;
    }

    @Override
    public Void visit(Autocommit operation) {
        for (Operation inner : operation.operations()) {
            inner.accept(this);
        }
        return null;
    }

    private void typeName(QualifiedName type) {
        name("schema", type.schema());
        name("type", type.name());
    }

    private void sequence(QualifiedName sequence) {
        name("schema", sequence.schema());
        name("sequence", sequence.name());
    }
}
