package dev.retort.revision;

/** Which way a step moves a database: applying a migration or reverting it. */
public enum Direction {
    UPGRADE,
    DOWNGRADE
}
