package dev.retort.operation;

/** Where an index element sorts nulls. */
public enum NullsOrder {
    /** PostgreSQL's default: last when ascending, first when descending. */
    DEFAULT,
    /** {@code NULLS FIRST}. */
    FIRST,
    /** {@code NULLS LAST}. */
    LAST
}
