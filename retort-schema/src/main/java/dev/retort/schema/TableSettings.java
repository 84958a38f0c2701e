package dev.retort.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How PostgreSQL keeps and guards a table's rows, besides its columns and constraints: settings an {@code ALTER
 * TABLE} changes and a downgrade may forget to change back.
 *
 * <p>A model compares only what it can say: a schema file can say {@code UNLOGGED} and storage parameters; JPA
 * entities can say none of these, and row-level security and replica identity are set by hand in migrations, so
 * autogenerate leaves both alone. {@code retort test}, comparing a database with itself, compares them all.
 *
 * @param unlogged {@code UNLOGGED} ({@code pg_class.relpersistence = 'u'}): its rows are not written to the
 *     write-ahead log, so a crash empties it and no replica sees them
 * @param rowSecurity {@code ENABLE ROW LEVEL SECURITY} ({@code relrowsecurity})
 * @param forceRowSecurity {@code FORCE ROW LEVEL SECURITY} ({@code relforcerowsecurity}): the owner too is held to
 *     the policies
 * @param replicaIdentity {@code REPLICA IDENTITY} as the words after it: {@code DEFAULT}, {@code FULL}, {@code
 *     NOTHING} or {@code USING INDEX name}
 * @param attached the policies, triggers (not PostgreSQL's own, as for foreign keys) and grants (to other roles than
 *     the owner) of the table, sorted, as {@code policy tenant_isolation}, {@code trigger orders_audit}, {@code grant
 *     INSERT, SELECT to app_reader}, {@code grant UPDATE (note) with grant option to app_writer}: written by hand in
 *     migrations, like row-level security. A grant names its privileges, so that {@code retort test} sees a
 *     downgrade that narrows them. Read from a database only.
 * @param definitions the statement that creates each of {@code attached} again, by its entry there, as the database
 *     gives it ({@code pg_get_triggerdef}, {@code pg_policy} and {@code pg_get_expr}, the table's ACL): what a
 *     downgrade that creates the table again runs after it. An entry without one is not written back (a trigger an
 *     extension owns, or one not enabled as {@code CREATE TRIGGER} enables it).
 * @param storage the storage parameters set on it ({@code WITH (fillfactor = 70)}, {@code pg_class.reloptions}),
 *     each name to its value as the catalog keeps it; empty when all are PostgreSQL's defaults. Those of its TOAST
 *     table ({@code toast.autovacuum_enabled}) are kept on that table and not read.
 */
public record TableSettings(boolean unlogged, boolean rowSecurity, boolean forceRowSecurity, String replicaIdentity,
        List<String> attached, Map<String, String> definitions, Map<String, String> storage) {
    /** What {@code CREATE TABLE} gives: logged, no row-level security, the default replica identity. */
    public static final TableSettings PLAIN = new TableSettings(false, false, false, "DEFAULT");

    public TableSettings {
        Objects.requireNonNull(replicaIdentity, "replicaIdentity");
        attached = List.copyOf(attached);
        definitions = Map.copyOf(definitions);
        storage = Map.copyOf(storage);
    }

    /** Settings with PostgreSQL's default storage parameters. */
    public TableSettings(boolean unlogged, boolean rowSecurity, boolean forceRowSecurity, String replicaIdentity,
            List<String> attached, Map<String, String> definitions) {
        this(unlogged, rowSecurity, forceRowSecurity, replicaIdentity, attached, definitions, Map.of());
    }

    /** Settings with policies, triggers and grants of which nothing says how to create them again. */
    public TableSettings(boolean unlogged, boolean rowSecurity, boolean forceRowSecurity, String replicaIdentity,
            List<String> attached) {
        this(unlogged, rowSecurity, forceRowSecurity, replicaIdentity, attached, Map.of());
    }

    /** Settings without policies, triggers or grants. */
    public TableSettings(boolean unlogged, boolean rowSecurity, boolean forceRowSecurity, String replicaIdentity) {
        this(unlogged, rowSecurity, forceRowSecurity, replicaIdentity, List.of());
    }

    /** The same settings, logged or unlogged as {@code unlogged} says. */
    public TableSettings withUnlogged(boolean unlogged) {
        return new TableSettings(unlogged, rowSecurity, forceRowSecurity, replicaIdentity, attached, definitions,
                storage);
    }

    /** The same settings with {@code storage} instead of its own storage parameters. */
    public TableSettings withStorage(Map<String, String> storage) {
        return new TableSettings(unlogged, rowSecurity, forceRowSecurity, replicaIdentity, attached, definitions,
                storage);
    }
}
