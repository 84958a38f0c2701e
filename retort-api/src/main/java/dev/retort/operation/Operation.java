package dev.retort.operation;

/**
 * One schema or data change of a migration, as an immutable value.
 *
 * <p>The same operations serve every path: a hand-written migration records them through
 * {@link Operations}, autogenerate produces them from a schema diff, a dialect renders them to SQL
 * and {@code --sql} prints that SQL. An operation never touches the database itself.
 *
 * <p>A dialect handles every kind of operation through {@link #accept(OperationVisitor)}: adding a
 * record here means adding a method to {@link OperationVisitor}, so a dialect that forgot the new
 * operation no longer compiles. (Java 17 has no pattern {@code switch} over sealed types without
 * preview features; the visitor gives the same guarantee.)
 */
public sealed interface Operation
        permits CreateTable, DropTable, RenameTable, SetTableComment, SetTablePersistence,
                AddColumn, DropColumn, AlterColumn,
                CreateIndex, DropIndex,
                AddConstraint, DropConstraint,
                CreateEnum, DropEnum, AddEnumValue, RenameEnumValue, CreateCast, DropCast,
                CreateSequence, AlterSequence, DropSequence,
                CreateSchema, DropSchema,
                CreateExtension, SetExtensionSchema, DropExtension,
                Execute, BulkInsert, Autocommit {

    /** Calls the {@code visitor} method for this operation's type and returns its result. */
    <R> R accept(OperationVisitor<R> visitor);

    /**
     * Whether PostgreSQL refuses to run this operation inside a transaction block.
     *
     * <p>True for {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY} and an
     * {@link Autocommit} block. The runner commits the migration's transaction before such an
     * operation, runs it on its own, and carries on.
     */
    default boolean requiresAutocommit() {
        return false;
    }
}
