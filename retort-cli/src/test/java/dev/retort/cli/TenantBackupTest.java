package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects with a schema each on one database (a tenant per schema) share {@code retort_backup} and its catalog:
 * each one's {@code --restore} and {@code retort backups} see its own copies, not another tenant's of the same
 * revision and table.
 */
class TenantBackupTest {
    @TempDir
    Path dir;

    /**
     * Tenant {@code schema}'s project: c00000000001 makes customers with a note naming the schema, c00000000002 drops
     * the note, then pauses {@code pause}.
     */
    private Cli tenant(String schema, String database, String pause) {
        Cli cli = new Cli(dir.resolve(schema), database);
        cli.write("retort.toml", "script_location = \"migrations\"\ndatabase_url = \"" + database
                + "?user=postgres&currentSchema=" + schema + "\"\nversion_table_schema = \"" + schema + "\"\n");
        cli.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        cli.sql("c00000000001", "none", "create", "CREATE TABLE customers (id int PRIMARY KEY, note text);\n"
                + "INSERT INTO customers SELECT g, current_schema() || '-' || g FROM generate_series(1, 3) g;",
                "DROP TABLE customers;");
        cli.sql("c00000000002", "c00000000001", "drop note", "ALTER TABLE customers DROP COLUMN note;" + pause,
                "ALTER TABLE customers ADD COLUMN note text;");
        return cli;
    }

    @Test
    void restorePutsBackTheTenantsOwnCopy() {
        String database = TestPostgres.freshDatabase();
        Cli one = tenant("tenant1", database, "");
        Cli two = tenant("tenant2", database, "");
        one.ok("upgrade", "head", "--backup");
        two.ok("upgrade", "head", "--backup");

        Cli.Result restored = two.ok("downgrade", "-1", "--restore");

        assertThat(restored.err()).doesNotContain("warning");
        assertThat(two.column("SELECT id || ':' || note FROM tenant2.customers ORDER BY id"))
                .containsExactly("1:tenant2-1", "2:tenant2-2", "3:tenant2-3");
        one.ok("downgrade", "-1", "--restore");
        assertThat(one.column("SELECT id || ':' || note FROM tenant1.customers ORDER BY id"))
                .containsExactly("1:tenant1-1", "2:tenant1-2", "3:tenant1-3");
    }

    @Test
    void restoreAfterBothTenantsUpgradedAtOncePutsBackEachOnesCopy() throws Exception {
        String database = TestPostgres.freshDatabase();
        Cli one = tenant("tenant1", database, "\nSELECT pg_sleep(3);");
        Cli two = tenant("tenant2", database, "");
        one.ok("upgrade", "c00000000001");
        two.ok("upgrade", "c00000000001");
        Path log = dir.resolve("one.log");
        Process first = one.start(log, "upgrade", "head", "--backup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (one.column("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(%' AND state = 'active' "
                + "AND datname = current_database()").isEmpty()) {
            assertThat(first.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        two.ok("upgrade", "head", "--backup");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(log)).isZero();

        two.ok("downgrade", "-1", "--restore");
        one.ok("downgrade", "-1", "--restore");

        assertThat(two.column("SELECT note FROM tenant2.customers ORDER BY id"))
                .containsExactly("tenant2-1", "tenant2-2", "tenant2-3");
        assertThat(one.column("SELECT note FROM tenant1.customers ORDER BY id"))
                .containsExactly("tenant1-1", "tenant1-2", "tenant1-3");
    }

    @Test
    void backupsListsAndPrunesTheTenantsOwnCopiesAlone() {
        String database = TestPostgres.freshDatabase();
        Cli one = tenant("tenant1", database, "");
        Cli two = tenant("tenant2", database, "");
        one.ok("upgrade", "head", "--backup");
        two.ok("upgrade", "head", "--backup");

        assertThat(two.ok("backups").outLines()).singleElement().asString()
                .contains("retort_backup.c00000000002_customers_note_2");
        assertThat(one.ok("backups").outLines()).singleElement().asString()
                .contains("retort_backup.c00000000002_customers_note ");
        Cli.Result refused = two.run("backups", "drop", "c00000000002_customers_note");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("retort: retort_backup.c00000000002_customers_note is a copy of another "
                + "project's, the one whose version table is tenant1.retort_version: drop it with that project's "
                + "configuration; nothing was dropped.\n");

        two.ok("backups", "prune", "--older-than", "0d");

        assertThat(two.ok("backups").out()).isEqualTo("No backups.\n");
        assertThat(one.column("SELECT backup_table FROM retort_backup.backups"))
                .containsExactly("c00000000002_customers_note");
        assertThat(one.tableExists("c00000000002_customers_note")).isTrue();
    }

    /**
     * Tenants ta and tb, both upgraded with --backup, tb after ta's copy of customers.note was dropped by hand, which
     * left its catalog row.
     */
    private Cli[] backedUpAfterTheFirstsCopyWasDroppedByHand() {
        String database = TestPostgres.freshDatabase();
        Cli one = tenant("ta", database, "");
        Cli two = tenant("tb", database, "");
        one.ok("upgrade", "head", "--backup");
        one.execute("DROP TABLE retort_backup.c00000000002_customers_note");
        two.ok("upgrade", "head", "--backup");
        return new Cli[] {one, two};
    }

    /**
     * A copy dropped by hand leaves its catalog row, and its name to no one: another tenant's next copy of the same
     * revision and table took it, and this tenant's restore put back that tenant's rows.
     */
    @Test
    void aNameWhoseCopyWasDroppedByHandGoesToNoOtherTenantsCopy() {
        Cli[] tenants = backedUpAfterTheFirstsCopyWasDroppedByHand();
        Cli one = tenants[0];
        Cli two = tenants[1];

        assertThat(two.column("SELECT backup_table || ' ' || version_table FROM retort_backup.backups ORDER BY id"))
                .containsExactly("c00000000002_customers_note ta.retort_version",
                        "c00000000002_customers_note_2 tb.retort_version");
        Cli.Result restored = one.ok("downgrade", "-1", "--restore");
        assertThat(restored.err()).contains("saved nothing for customers.note");
        assertThat(one.column("SELECT id || ':' || coalesce(note, '-') FROM ta.customers ORDER BY id"))
                .containsExactly("1:-", "2:-", "3:-");
        two.ok("downgrade", "-1", "--restore");
        assertThat(two.column("SELECT note FROM tb.customers ORDER BY id")).containsExactly("tb-1", "tb-2", "tb-3");
    }

    /**
     * A catalog in which an earlier Retort gave the name of a copy dropped by hand to another tenant's next copy: the
     * old row's copy is gone, for its restore, its listing and its prune; the newer row's is there.
     */
    @Test
    void aRowWhoseNameAnotherTenantsNewerCopyTookIsGone() {
        Cli[] tenants = backedUpAfterTheFirstsCopyWasDroppedByHand();
        Cli one = tenants[0];
        Cli two = tenants[1];
        // As an earlier Retort named tb's copy: by the name ta's row still holds.
        two.execute("DO $$ BEGIN IF to_regclass('retort_backup.c00000000002_customers_note_2') IS NOT NULL THEN "
                + "ALTER TABLE retort_backup.c00000000002_customers_note_2 RENAME TO c00000000002_customers_note; "
                + "UPDATE retort_backup.backups SET backup_table = 'c00000000002_customers_note' "
                + "WHERE version_table = 'tb.retort_version'; END IF; END $$");

        assertThat(one.ok("backups").outLines()).singleElement().asString().endsWith("  gone");
        assertThat(two.ok("backups").outLines()).singleElement().asString().doesNotEndWith("gone");
        Cli.Result restored = one.ok("downgrade", "-1", "--restore");
        assertThat(restored.err()).contains("saved nothing for customers.note");
        assertThat(one.column("SELECT count(note) FROM ta.customers")).containsExactly("0");

        assertThat(two.ok("backups", "prune", "--older-than", "0d").out())
                .isEqualTo("Dropped retort_backup.c00000000002_customers_note\n");
        assertThat(one.ok("backups", "prune", "--older-than", "0d").out()).isEqualTo("Removed "
                + "retort_backup.c00000000002_customers_note from the catalog (its copy was already gone)\n");
        assertThat(one.column("SELECT count(*) FROM retort_backup.backups")).containsExactly("0");
    }

    @Test
    void theCatalogRecordsTheVersionTableOfTheRunThatMadeEachCopy() throws Exception {
        String database = TestPostgres.freshDatabase();
        Cli one = tenant("tenant1", database, "");
        Cli two = tenant("tenant2", database, "");
        one.ok("upgrade", "head", "--backup");
        two.ok("upgrade", "c00000000001");

        // The printed script, as psql runs it with the tenant's search path, records its project too.
        String script = two.ok("upgrade", "--sql", "c00000000001:head", "--backup").out();
        try (Connection c = two.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO tenant2");
            // Each part as psql sends it, the comment that names a copy included (Cli.statements leaves it out).
            for (String part : script.split("\n\n")) {
                if (part.lines().anyMatch(line -> !line.startsWith("-- "))) {
                    s.execute(part.strip().replaceFirst(";$", ""));
                }
            }
        }

        assertThat(two.column("SELECT backup_table || ' ' || version_table FROM retort_backup.backups ORDER BY id"))
                .containsExactly("c00000000002_customers_note tenant1.retort_version",
                        "c00000000002_customers_note_2 tenant2.retort_version");
    }

    @Test
    void aCatalogOfAnEarlierRetortWithoutTheVersionTableStillRestores() {
        String database = TestPostgres.freshDatabase();
        Cli two = tenant("tenant2", database, "");
        two.ok("upgrade", "head", "--backup");
        // As an earlier Retort left it: no column of the version table that made a copy.
        two.execute("ALTER TABLE retort_backup.backups DROP COLUMN version_table");

        assertThat(two.ok("backups").outLines()).singleElement().asString()
                .contains("retort_backup.c00000000002_customers_note");
        Cli.Result restored = two.ok("downgrade", "-1", "--restore");

        assertThat(restored.err()).doesNotContain("warning");
        assertThat(two.column("SELECT note FROM tenant2.customers ORDER BY id"))
                .containsExactly("tenant2-1", "tenant2-2", "tenant2-3");
        // The next copy adds the column; the earlier rows stay without it.
        two.ok("upgrade", "head", "--backup");
        assertThat(two.column("SELECT backup_table || ' ' || coalesce(version_table, '-') FROM retort_backup.backups "
                + "ORDER BY id")).containsExactly("c00000000002_customers_note -",
                        "c00000000002_customers_note_2 tenant2.retort_version");
    }
}
