package dev.retort.operation;

/** When PostgreSQL checks a unique or foreign-key constraint: after each statement, or at commit. */
public enum Deferral {
    /** Checked after each statement, and {@code SET CONSTRAINTS} cannot change that (the default). */
    NOT_DEFERRABLE,
    /** {@code DEFERRABLE INITIALLY IMMEDIATE}: checked after each statement unless a transaction defers it. */
    INITIALLY_IMMEDIATE,
    /** {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
    INITIALLY_DEFERRED
}
