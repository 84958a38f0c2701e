package dev.retort.operation;

import dev.retort.RetortException;

/**
 * A column as {@code createTable} and {@code addColumn} declare it.
 *
 * <p>Start from {@link Operations#column(String, String)} and refine with the methods that return a
 * changed copy, for example {@code column("email", "varchar(255)").notNull().unique(true)}.
 * {@code type}, {@code defaultExpression} and {@code generatedExpression} are SQL text and are
 * written as given; names are quoted by the dialect when needed. A null {@code comment} or
 * {@code collation} means none.
 *
 * @param nullable false renders {@code NOT NULL}; an identity or primary-key column is never null anyway
 * @param defaultExpression the {@code DEFAULT} expression, for example {@code now()} or {@code 'active'}, or null
 * @param generatedExpression the expression of a generated column ({@code GENERATED ALWAYS AS (...)}), or null
 * @param virtual whether the generated column is computed when read ({@code VIRTUAL}, PostgreSQL 18 and later) rather
 *     than when written and stored ({@code STORED}); false for a column that is not generated
 * @param primaryKey whether the column is (part of) the primary key; several such columns form a composite key
 * @param unique whether the column alone is unique
 * @param identityOptions the settings of an identity column's sequence that differ from PostgreSQL's defaults
 *     ({@code GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10)}): start, increment, minimum, maximum,
 *     cache and cycle; {@link SequenceOptions#UNSPECIFIED} for none, and for a column that is not an identity
 */
public record ColumnDef(String name, String type, boolean nullable, String defaultExpression, Identity identity,
                        String generatedExpression, boolean virtual, boolean primaryKey, boolean unique, String comment,
                        String collation, SequenceOptions identityOptions) implements TableElement {
    public ColumnDef {
        Require.name(name, "a column name");
        Require.sql(type, "the type of column " + name);
        Require.optionalSql(defaultExpression, "the default of column " + name);
        Require.optionalSql(generatedExpression, "the generation expression of column " + name);
        Require.optionalName(collation, "the collation of column " + name);
        identity = identity == null ? Identity.NONE : identity;
        identityOptions = identityOptions == null ? SequenceOptions.UNSPECIFIED : identityOptions;
        if (identity == Identity.NONE && !identityOptions.isEmpty()) {
            throw new RetortException("Column " + name + " has identity options but is not an identity column; "
                    + "make it one with identity(Identity.ALWAYS, options) or leave the options out.");
        }
        if (identityOptions.dataType() != null || identityOptions.ownedBy() != null) {
            throw new RetortException("The identity options of column " + name + " give a data type or an owner; "
                    + "an identity's sequence has the column's type and belongs to it, so leave them out.");
        }
        if (identity != Identity.NONE && defaultExpression != null) {
            throw new RetortException("Column " + name + " has both a default and an identity; "
                    + "PostgreSQL allows only one, so remove the default.");
        }
        if (generatedExpression != null && (defaultExpression != null || identity != Identity.NONE)) {
            throw new RetortException("Column " + name + " is generated from an expression, so it cannot "
                    + "also have a default or an identity; remove one of them.");
        }
        if (virtual && generatedExpression == null) {
            throw new RetortException("Column " + name + " is virtual but has no generation expression; give it one "
                    + "with generatedAs(...) before virtual(true).");
        }
    }

    /** A column that is stored if it is generated: the record as it was before virtual columns. */
    public ColumnDef(String name, String type, boolean nullable, String defaultExpression, Identity identity,
            String generatedExpression, boolean primaryKey, boolean unique, String comment, String collation) {
        this(name, type, nullable, defaultExpression, identity, generatedExpression, false, primaryKey, unique,
                comment, collation, SequenceOptions.UNSPECIFIED);
    }

    /** A column whose identity, if it is one, has PostgreSQL's default options: the record before them. */
    public ColumnDef(String name, String type, boolean nullable, String defaultExpression, Identity identity,
            String generatedExpression, boolean virtual, boolean primaryKey, boolean unique, String comment,
            String collation) {
        this(name, type, nullable, defaultExpression, identity, generatedExpression, virtual, primaryKey, unique,
                comment, collation, SequenceOptions.UNSPECIFIED);
    }

    /** A nullable column of {@code type} with no default, constraints or comment. */
    public static ColumnDef of(String name, String type) {
        return new ColumnDef(name, type, true, null, Identity.NONE, null, false, false, false, null, null,
                SequenceOptions.UNSPECIFIED);
    }

    /** This column, {@code NOT NULL}. */
    public ColumnDef notNull() {
        return nullable(false);
    }

    /** This column, nullable or not. */
    public ColumnDef nullable(boolean nullable) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, identityOptions);
    }

    /** This column with a default: SQL text such as {@code now()}, {@code 0} or {@code 'new'} (null for none). */
    public ColumnDef defaultExpression(String sql) {
        return new ColumnDef(name, type, nullable, sql, identity, generatedExpression, virtual, primaryKey, unique,
                comment, collation, identityOptions);
    }

    /**
     * This column as an identity column, or an ordinary one for {@link Identity#NONE}; an identity keeps the options
     * it has.
     */
    public ColumnDef identity(Identity identity) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation,
                identity == Identity.NONE ? SequenceOptions.UNSPECIFIED : identityOptions);
    }

    /**
     * This column as an identity column whose sequence has {@code options}: {@code
     * identity(Identity.ALWAYS, SequenceOptions.UNSPECIFIED.start(1000).increment(10))} for {@code GENERATED ALWAYS AS
     * IDENTITY (START WITH 1000 INCREMENT BY 10)}. The options leave out the data type (the column's) and the owner.
     */
    public ColumnDef identity(Identity identity, SequenceOptions options) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, options);
    }

    /**
     * This column computed from {@code expression} (null for an ordinary column): stored, unless
     * {@link #virtual(boolean)} makes it virtual.
     */
    public ColumnDef generatedAs(String expression) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, expression,
                expression != null && virtual, primaryKey, unique, comment, collation, identityOptions);
    }

    /**
     * This generated column computed when read ({@code VIRTUAL}, PostgreSQL 18 and later), or when written and stored
     * ({@code STORED}, the default); true needs {@link #generatedAs(String)} first.
     */
    public ColumnDef virtual(boolean virtual) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, identityOptions);
    }

    /** This column in the table's primary key, or not. */
    public ColumnDef primaryKey(boolean primaryKey) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, identityOptions);
    }

    /** This column unique on its own, or not. */
    public ColumnDef unique(boolean unique) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, identityOptions);
    }

    /** This column with a comment (null for none). */
    public ColumnDef comment(String comment) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, identityOptions);
    }

    /** This column with a collation, for example {@code "C"} (null for the database default). */
    public ColumnDef collation(String collation) {
        return new ColumnDef(name, type, nullable, defaultExpression, identity, generatedExpression, virtual,
                primaryKey, unique, comment, collation, identityOptions);
    }
}
