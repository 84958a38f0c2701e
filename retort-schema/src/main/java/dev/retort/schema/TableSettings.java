package dev.retort.schema;

import java.util.Objects;

/**
 * How PostgreSQL keeps and guards a table's rows, besides its columns and constraints: settings an {@code ALTER
 * TABLE} changes and a downgrade may forget to change back.
 *
 * <p>A model compares only what it can say: a schema file can say {@code UNLOGGED}; JPA entities can say none of
 * these, and row-level security and replica identity are set by hand in migrations, so autogenerate leaves both
 * alone. {@code retort test}, comparing a database with itself, compares them all.
 *
 * @param unlogged {@code UNLOGGED} ({@code pg_class.relpersistence = 'u'}): its rows are not written to the
 *     write-ahead log, so a crash empties it and no replica sees them
 * @param rowSecurity {@code ENABLE ROW LEVEL SECURITY} ({@code relrowsecurity})
 * @param forceRowSecurity {@code FORCE ROW LEVEL SECURITY} ({@code relforcerowsecurity}): the owner too is held to
 *     the policies
 * @param replicaIdentity {@code REPLICA IDENTITY} as the words after it: {@code DEFAULT}, {@code FULL}, {@code
 *     NOTHING} or {@code USING INDEX name}
 */
public record TableSettings(boolean unlogged, boolean rowSecurity, boolean forceRowSecurity, String replicaIdentity) {
    /** What {@code CREATE TABLE} gives: logged, no row-level security, the default replica identity. */
    public static final TableSettings PLAIN = new TableSettings(false, false, false, "DEFAULT");

    public TableSettings {
        Objects.requireNonNull(replicaIdentity, "replicaIdentity");
    }

    /** The same settings, logged or unlogged as {@code unlogged} says. */
    public TableSettings withUnlogged(boolean unlogged) {
        return new TableSettings(unlogged, rowSecurity, forceRowSecurity, replicaIdentity);
    }
}
