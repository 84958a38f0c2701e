package dev.retort.operation;

/**
 * Does something for each kind of {@link Operation}; a dialect's renderer is one.
 *
 * <p>There is deliberately no default method: a new operation adds a method here, and every
 * visitor that does not handle it stops compiling.
 *
 * @param <R> what each visit returns, for example the SQL statements of the operation
 */
public interface OperationVisitor<R> {
    R visit(CreateTable operation);

    R visit(DropTable operation);

    R visit(RenameTable operation);

    R visit(SetTableComment operation);

    R visit(SetTablePersistence operation);

    R visit(AddColumn operation);

    R visit(DropColumn operation);

    R visit(AlterColumn operation);

    R visit(CreateIndex operation);

    R visit(DropIndex operation);

    R visit(AddConstraint operation);

    R visit(DropConstraint operation);

    R visit(CreateEnum operation);

    R visit(DropEnum operation);

    R visit(AddEnumValue operation);

    R visit(RenameEnumValue operation);

    R visit(CreateCast operation);

    R visit(DropCast operation);

    R visit(CreateSequence operation);

    R visit(AlterSequence operation);

    R visit(DropSequence operation);

    R visit(CreateSchema operation);

    R visit(DropSchema operation);

    R visit(CreateExtension operation);

    R visit(SetExtensionSchema operation);

    R visit(DropExtension operation);

    R visit(Execute operation);

    R visit(BulkInsert operation);

    R visit(Autocommit operation);
}
