package dev.retort.operation;

import dev.retort.RetortException;

/**
 * The name of a table, index, type or sequence, optionally in a schema.
 *
 * <p>{@code schema} is null for an unqualified name, which PostgreSQL resolves through the
 * session's schema path. Names are used exactly as written: Retort never folds case, and a dialect
 * quotes each part only when it must.
 */
public record QualifiedName(String schema, String name) {
    public QualifiedName {
        Require.name(name, "a table, index, type or sequence name");
        if (schema != null && schema.isEmpty()) {
            throw new RetortException("The schema of " + name + " is empty; leave it out or name a schema.");
        }
    }

    /** An unqualified name. */
    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    /** A name in {@code schema}; a null schema means unqualified. */
    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /** This name moved into {@code schema} (null for unqualified). */
    public QualifiedName inSchema(String schema) {
        return new QualifiedName(schema, name);
    }

    /** The name as a person would write it in a message: {@code schema.name} or {@code name}. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
