package dev.retort.operation;

/** How a multi-column foreign key treats rows whose key columns are partly null. */
public enum ForeignKeyMatch {
    /** Any null column exempts the row from the check; PostgreSQL's default. */
    SIMPLE,
    /** The key columns must be all null or all non-null. */
    FULL
}
