package dev.retort.dialect.postgres;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
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
import dev.retort.operation.Operation;
import dev.retort.operation.OperationVisitor;
import dev.retort.operation.RenameEnumValue;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends each kind of operation to the class that writes its SQL.
 *
 * <p>Every operation has a method here and the compiler insists on it: this is the list to read to
 * see where any statement comes from.
 */
final class PostgresRenderer implements OperationVisitor<List<String>> {
    static final PostgresRenderer INSTANCE = new PostgresRenderer();

    private PostgresRenderer() {
    }

    @Override
    public List<String> visit(CreateTable operation) {
        return TableDdl.createTable(operation);
    }

    @Override
    public List<String> visit(DropTable operation) {
        return TableDdl.dropTable(operation);
    }

    @Override
    public List<String> visit(RenameTable operation) {
        return TableDdl.renameTable(operation);
    }

    @Override
    public List<String> visit(SetTableComment operation) {
        return TableDdl.setTableComment(operation);
    }

    @Override
    public List<String> visit(SetTablePersistence operation) {
        return TableDdl.setTablePersistence(operation);
    }

    @Override
    public List<String> visit(AddColumn operation) {
        return TableDdl.addColumn(operation);
    }

    @Override
    public List<String> visit(DropColumn operation) {
        return TableDdl.dropColumn(operation);
    }

    @Override
    public List<String> visit(AlterColumn operation) {
        return TableDdl.alterColumn(operation);
    }

    @Override
    public List<String> visit(CreateIndex operation) {
        return IndexDdl.createIndex(operation);
    }

    @Override
    public List<String> visit(DropIndex operation) {
        return IndexDdl.dropIndex(operation);
    }

    @Override
    public List<String> visit(AddConstraint operation) {
        return ConstraintDdl.addConstraint(operation);
    }

    @Override
    public List<String> visit(DropConstraint operation) {
        return ConstraintDdl.dropConstraint(operation);
    }

    @Override
    public List<String> visit(CreateEnum operation) {
        return TypeDdl.createEnum(operation);
    }

    @Override
    public List<String> visit(DropEnum operation) {
        return TypeDdl.dropEnum(operation);
    }

    @Override
    public List<String> visit(AddEnumValue operation) {
        return TypeDdl.addEnumValue(operation);
    }

    @Override
    public List<String> visit(RenameEnumValue operation) {
        return TypeDdl.renameEnumValue(operation);
    }

    @Override
    public List<String> visit(CreateCast operation) {
        return TypeDdl.createCast(operation);
    }

    @Override
    public List<String> visit(DropCast operation) {
        return TypeDdl.dropCast(operation);
    }

    @Override
    public List<String> visit(CreateSequence operation) {
        return SequenceDdl.createSequence(operation);
    }

    @Override
    public List<String> visit(AlterSequence operation) {
        return SequenceDdl.alterSequence(operation);
    }

    @Override
    public List<String> visit(DropSequence operation) {
        return SequenceDdl.dropSequence(operation);
    }

    @Override
    public List<String> visit(CreateSchema operation) {
        return SchemaDdl.createSchema(operation);
    }

    @Override
    public List<String> visit(DropSchema operation) {
        return SchemaDdl.dropSchema(operation);
    }

    @Override
    public List<String> visit(CreateExtension operation) {
        return SchemaDdl.createExtension(operation);
    }

    @Override
    public List<String> visit(SetExtensionSchema operation) {
        return SchemaDdl.setExtensionSchema(operation);
    }

    @Override
    public List<String> visit(DropExtension operation) {
        return SchemaDdl.dropExtension(operation);
    }

    @Override
    public List<String> visit(Execute operation) {
        return DataStatements.execute(operation);
    }

    @Override
    public List<String> visit(BulkInsert operation) {
        return DataStatements.bulkInsert(operation);
    }

    /** The block's statements in order; an autocommit block holds no other block, so this does not recurse further. */
    @Override
    public List<String> visit(Autocommit operation) {
        List<String> statements = new ArrayList<>();
        for (Operation inner : operation.operations()) {
            statements.addAll(inner.accept(this));
        }
        return List.copyOf(statements);
    }
}
