package dev.retort.operation;

/** Where PostgreSQL applies a cast without being asked for it ({@code CREATE CAST ... AS ...}). */
public enum CastContext {
    /** Only when written out: {@code CAST(x AS t)} or {@code x::t}. PostgreSQL's default. */
    EXPLICIT,
    /** Also when a value is assigned to a column of the target type ({@code AS ASSIGNMENT}). */
    ASSIGNMENT,
    /** Anywhere, in expressions too ({@code AS IMPLICIT}): what Hibernate creates for its named enum types. */
    IMPLICIT
}
