package dev.retort.render;

import dev.retort.operation.Operation;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * Writes operations as the Java statements that record them again through
 * {@link dev.retort.operation.Operations}, for the migration files autogenerate writes.
 *
 * <p>A statement says only what differs from the API's defaults, is the same for equal operations,
 * and records an operation equal to the one it was rendered from when it runs in a migration:
 * <pre>{@code
 * op.addColumn("users", column("phone_number", "character varying(20)"));
 * op.createIndex("ix_users_email", "users", "email").unique();
 * }</pre>
 * Statements start at column 0 and are continued with an indentation of 8; a caller places them in a
 * method by indenting every line alike. Together they need the imports {@link #imports(List)} lists,
 * besides {@code Operations} itself. An operation whose values the API cannot express fails with an
 * {@link IllegalStateException} naming it, rather than losing part of it.
 */
public final class JavaRenderer {
    /**
     * The Java statement that records {@code operation}, ending in {@code ;}.
     *
     * <p>It starts at column 0 and may span several lines: continuation lines are indented by 8, the
     * statements of an autocommit block by 4, text-block lines like continuation lines.
     *
     * @throws IllegalStateException if the operation holds a value that {@code Operations} cannot express
     */
    public String render(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        return Layout.statement(operation.accept(new Statements(new Imports())));
    }

    /**
     * The imports the rendered statements need (static imports of Operations' factories, enums used), sorted.
     *
     * <p>Each is written as an {@code import} declaration spells it, without the keyword and the
     * semicolon: {@code dev.retort.operation.Identity}, {@code static dev.retort.operation.Operations.column}.
     */
    public SortedSet<String> imports(List<Operation> operations) {
        Imports imports = new Imports();
        Statements statements = new Statements(imports);
        for (Operation operation : operations) {
            operation.accept(statements);
        }
        return imports.names();
    }
}
