package dev.retort.operation;

/** What happens to referencing rows when the referenced row is deleted or its key updated. */
public enum ForeignKeyAction {
    /** Fail, at the end of the statement (or at commit if deferred); PostgreSQL's default. */
    NO_ACTION,
    /** Fail at once, even if the constraint is deferred. */
    RESTRICT,
    /** Delete the referencing rows, or update their keys. */
    CASCADE,
    /** Set the referencing columns to null. */
    SET_NULL,
    /** Set the referencing columns to their defaults. */
    SET_DEFAULT
}
