package dev.retort.operation;

import dev.retort.RetortException;

/**
 * Adds a value to an enum type, at the end or before or after an existing value.
 *
 * <p>PostgreSQL 12+ runs this in a transaction, but the new value cannot be used until that
 * transaction commits: put later uses in {@code op.autocommit(...)} or in the next migration.
 *
 * @param before the existing value to insert before, or null
 * @param after the existing value to insert after, or null
 */
public record AddEnumValue(QualifiedName type, String value, String before, String after, boolean ifNotExists)
        implements Operation {
    public AddEnumValue {
        Require.present(type, "the enum type to add a value to");
        Require.name(value, "the value to add to enum type " + type);
        Require.optionalName(before, "the value to add " + value + " before");
        Require.optionalName(after, "the value to add " + value + " after");
        if (before != null && after != null) {
            throw new RetortException("Value " + value + " of enum type " + type + " cannot go both before "
                    + before + " and after " + after + "; give one position.");
        }
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
