package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.command.Retort;
import dev.retort.command.UsageException;
import dev.retort.config.ConfigLoader;
import dev.retort.runtime.BackupTable;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code backups drop} and {@code backups prune} remove the copies {@code --backup} made, and their catalog rows. */
class BackupPruneTest {
    private static final String EVENTS = "retort_backup.c00000000003_events";
    private static final String ITEMS = "retort_backup.c00000000003_Order Items";
    private static final String NOTE = "retort_backup.c00000000002_customers_note";

    @TempDir
    Path dir;

    /** Upgraded with --backup: copies of customers.note (c00000000002), events and "Order Items" (c00000000003). */
    private Cli backedUp() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, note text);\n"
                        + "INSERT INTO customers VALUES (1, 'likes tea'), (2, 'VIP');\n"
                        + "CREATE TABLE events (id int, payload text);\n"
                        + "INSERT INTO events VALUES (10, 'signup');\n"
                        + "CREATE TABLE \"Order Items\" (id int);\n"
                        + "INSERT INTO \"Order Items\" VALUES (7);",
                "DROP TABLE \"Order Items\";\nDROP TABLE events;\nDROP TABLE customers;");
        cli.sql("c00000000002", "c00000000001", "drop note", "ALTER TABLE customers DROP COLUMN note;",
                "ALTER TABLE customers ADD COLUMN note text;");
        cli.sql("c00000000003", "c00000000002", "drop events", "DROP TABLE events;\nDROP TABLE \"Order Items\";",
                "CREATE TABLE \"Order Items\" (id int);\nCREATE TABLE events (id int, payload text);");
        cli.ok("upgrade", "head", "--backup");
        assertThat(copies(cli)).containsExactly("c00000000002_customers_note", "c00000000003_Order Items",
                "c00000000003_events");
        return cli;
    }

    /** The copies' tables, by name. */
    private static List<String> copies(Cli cli) {
        return cli.column("SELECT tablename FROM pg_tables WHERE schemaname = 'retort_backup' "
                + "AND tablename <> 'backups' ORDER BY tablename COLLATE \"C\"");
    }

    /** The catalog's rows, by copy. */
    private static List<String> catalog(Cli cli) {
        return cli.column("SELECT backup_table FROM retort_backup.backups ORDER BY backup_table COLLATE \"C\"");
    }

    @Test
    void dropTakesNamesPlainPrefixedAndWithCapitalsAndASpace() {
        Cli cli = backedUp();

        Cli.Result dropped = cli.ok("backups", "drop", EVENTS, "c00000000002_customers_note", ITEMS);

        assertThat(dropped.outLines()).containsExactlyInAnyOrder("Dropped " + EVENTS, "Dropped " + NOTE,
                "Dropped " + ITEMS);
        assertThat(copies(cli)).isEmpty();
        assertThat(catalog(cli)).isEmpty();
        assertThat(cli.ok("backups").out()).isEqualTo("No backups.\n");
    }

    @Test
    void dropTakesTheQuotedNameOfTheDocsToo() {
        Cli cli = backedUp();

        cli.ok("backups", "drop", "retort_backup.\"c00000000003_Order Items\"");

        assertThat(copies(cli)).containsExactly("c00000000002_customers_note", "c00000000003_events");
    }

    @Test
    void aNameThatIsNoCopyIsAUsageErrorAndDropsNothing() {
        Cli cli = backedUp();

        Cli.Result r = cli.run("backups", "drop", EVENTS, "retort_backup.c00000000003_evnts");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("retort: retort_backup.c00000000003_evnts is no copy that --backup made "
                + "(`retort backups` lists them); nothing was dropped.\n");
        assertThat(r.out()).isEmpty();
        assertThat(copies(cli)).hasSize(3);
        assertThat(catalog(cli)).hasSize(3);
        // The catalog itself is no copy.
        assertThat(cli.run("backups", "drop", "retort_backup.backups").exitCode()).isEqualTo(2);
        assertThat(catalog(cli)).hasSize(3);
    }

    @Test
    void pruneDropsWhatIsOlderThanTheAgeByTheCatalogsTime() {
        Cli cli = backedUp();
        cli.execute("UPDATE retort_backup.backups SET created_at = now() - interval '31 days' "
                + "WHERE backup_table LIKE 'c00000000003%'");
        cli.execute("UPDATE retort_backup.backups SET created_at = now() - interval '29 days' "
                + "WHERE revision = 'c00000000002'");

        Cli.Result pruned = cli.ok("backups", "prune", "--older-than", "30d");

        assertThat(pruned.outLines()).containsExactlyInAnyOrder("Dropped " + EVENTS, "Dropped " + ITEMS);
        assertThat(copies(cli)).containsExactly("c00000000002_customers_note");
        assertThat(catalog(cli)).containsExactly("c00000000002_customers_note");
        assertThat(cli.ok("backups", "prune", "--older-than", "5w").out())
                .isEqualTo("No backups older than 5w.\n");
        assertThat(cli.ok("backups", "prune", "--older-than", "12h").out()).isEqualTo("Dropped " + NOTE + "\n");
        assertThat(cli.ok("backups", "prune", "--older-than", "1d").out()).isEqualTo("No backups.\n");
    }

    @Test
    void pruneOfOneRevisionLeavesTheOthers() {
        Cli cli = backedUp();
        cli.execute("UPDATE retort_backup.backups SET created_at = now() - interval '2 hours'");

        assertThat(cli.ok("backups", "prune", "--older-than", "90min", "--revision", "c00000000002").out())
                .isEqualTo("Dropped " + NOTE + "\n");
        assertThat(cli.ok("backups", "prune", "--older-than", "90min", "--revision", "c00000000002").out())
                .isEqualTo("No backups of revision c00000000002.\n");
        assertThat(copies(cli)).containsExactly("c00000000003_Order Items", "c00000000003_events");
    }

    @Test
    void pruneTakesTheRevisionAsOtherCommandsDoAPrefixHeadOrALabel() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a1b2c3d4e5f6", "none", "create", "CREATE TABLE t (id int);\nCREATE TABLE u (id int);\n"
                + "CREATE TABLE v (id int);", "DROP TABLE v;\nDROP TABLE u;\nDROP TABLE t;");
        cli.sql("b2c3d4e5f6a1", "a1b2c3d4e5f6", "drop t", "DROP TABLE t;", "CREATE TABLE t (id int);");
        cli.sql("b2c3ffffffff", "b2c3d4e5f6a1", "drop u", "DROP TABLE u;", "CREATE TABLE u (id int);");
        cli.write("migrations/versions/c3d4e5f6a1b2_drop_v.sql", "-- revision: c3d4e5f6a1b2\n"
                + "-- down_revision: b2c3ffffffff\n-- message: drop v\n-- branch_labels: cleanup\n"
                + "-- +upgrade\nDROP TABLE v;\n-- +downgrade\nCREATE TABLE v (id int);\n");
        cli.ok("upgrade", "c3d4e5f6a1b2", "--backup");
        cli.sql("d4e5f6a1b2c3", "c3d4e5f6a1b2", "nothing", "SELECT 1;", "SELECT 1;");

        Cli.Result ambiguous = cli.run("backups", "prune", "--older-than", "0d", "--revision", "b2c3");
        assertThat(ambiguous.exitCode()).as(ambiguous.toString()).isEqualTo(1);
        assertThat(ambiguous.err()).isEqualTo(cli.run("show", "b2c3").err()).contains("ambiguous")
                .contains("b2c3d4e5f6a1").contains("b2c3ffffffff").hasLineCount(1);
        assertThat(copies(cli)).hasSize(3);

        assertThat(cli.ok("backups", "prune", "--older-than", "0d", "--revision", "b2c3d").out())
                .isEqualTo("Dropped retort_backup.b2c3d4e5f6a1_t\n");
        assertThat(cli.ok("backups", "prune", "--older-than", "0d", "--revision", "cleanup").out())
                .isEqualTo("Dropped retort_backup.c3d4e5f6a1b2_v\n");
        assertThat(cli.ok("backups", "prune", "--older-than", "0d", "--revision", "head").out())
                .isEqualTo("No backups of revision d4e5f6a1b2c3.\n");
        assertThat(cli.ok("backups", "prune", "--older-than", "1d", "--revision", "b2c3f").out())
                .isEqualTo("No backups older than 1d of revision b2c3ffffffff.\n");
        assertThat(copies(cli)).containsExactly("b2c3ffffffff_u");
    }

    @Test
    void aRevisionWhoseFileIsGoneIsPrunedByTheFullIdTheCatalogHolds() throws Exception {
        Cli cli = backedUp();
        cli.ok("downgrade", "c00000000002");
        Files.delete(dir.resolve("migrations/versions/c00000000003_drop_events.sql"));

        Cli.Result prefix = cli.run("backups", "prune", "--older-than", "0d", "--revision", "c0000000000");
        assertThat(prefix.exitCode()).as(prefix.toString()).isEqualTo(1);
        assertThat(prefix.err()).hasLineCount(1).endsWith(" c00000000003 has copies but no migration file any more: "
                + "give the full id, as `retort backups` lists it.\n");
        assertThat(copies(cli)).hasSize(3);

        assertThat(cli.ok("backups", "prune", "--older-than", "0d", "--revision", "c00000000003").outLines())
                .containsExactlyInAnyOrder("Dropped " + EVENTS, "Dropped " + ITEMS);
        assertThat(copies(cli)).containsExactly("c00000000002_customers_note");
    }

    @Test
    void aBadDurationIsAUsageErrorThatSaysWhatToWrite() {
        Cli cli = backedUp();
        cli.execute("UPDATE retort_backup.backups SET created_at = now() - interval '400 days'");

        for (String bad : new String[] {"30", "30x", "1m", "-2d", "d"}) {
            Cli.Result r = cli.run("backups", "prune", "--older-than", bad);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("retort: --older-than '" + bad + "' is no duration: write a whole number "
                    + "and a unit, min, h, d or w (30d, 12h, 2w).\n");
        }
        Cli.Result missing = cli.run("backups", "prune");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--older-than");
        assertThat(copies(cli)).hasSize(3);
    }

    @Test
    void aCopyDroppedByHandIsMarkedGoneAndPruneRemovesItsRow() {
        Cli cli = backedUp();
        cli.execute("DROP TABLE retort_backup.c00000000003_events");

        List<String> listed = cli.ok("backups").outLines();
        assertThat(listed).filteredOn(line -> line.contains(EVENTS)).singleElement().asString().endsWith("  gone");
        assertThat(listed).filteredOn(line -> line.endsWith("gone")).hasSize(1);

        assertThat(cli.ok("backups", "prune", "--older-than", "2w").out())
                .isEqualTo("Removed " + EVENTS + " from the catalog (its copy was already gone)\n");
        assertThat(catalog(cli)).containsExactly("c00000000002_customers_note", "c00000000003_Order Items");
        assertThat(cli.ok("backups").out()).doesNotContain("gone");
    }

    @Test
    void aRowWhoseNameANewerCopyTookKeepsTheNewerCopy() {
        Cli cli = backedUp();
        // Dropped by hand, then the upgrade ran again: the new copy took the next name, which an earlier Retort gave
        // it the free one, the old row's too.
        cli.execute("DROP TABLE retort_backup.c00000000003_events");
        cli.execute("UPDATE retort_backup.backups SET created_at = now() - interval '60 days'");
        cli.ok("downgrade", "c00000000002");
        cli.execute("INSERT INTO events VALUES (12, 'later')");
        cli.ok("upgrade", "head", "--backup");
        cli.execute("ALTER TABLE retort_backup.c00000000003_events_2 RENAME TO c00000000003_events");
        cli.execute("UPDATE retort_backup.backups SET backup_table = 'c00000000003_events' "
                + "WHERE backup_table = 'c00000000003_events_2'");
        assertThat(catalog(cli)).filteredOn("c00000000003_events"::equals).hasSize(2);

        cli.ok("backups", "prune", "--older-than", "30d");

        assertThat(cli.column("SELECT payload FROM " + EVENTS)).containsExactly("later");
        assertThat(catalog(cli)).filteredOn("c00000000003_events"::equals).hasSize(1);
    }

    @Test
    void withoutAnyBackupThereIsNothingToDrop() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create", "CREATE TABLE t (id int);", "DROP TABLE t;");

        assertThat(cli.ok("backups", "prune", "--older-than", "1d").out()).isEqualTo("No backups.\n");
        Cli.Result r = cli.run("backups", "drop", "c00000000001_t");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("retort_backup.c00000000001_t is no copy");
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname = 'retort_backup'")).isEmpty();
    }

    @Test
    void aCatalogMadeBeforeDowngradesWereSavedIsPrunedAndDroppedFrom() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create", "CREATE TABLE t (id int);", "DROP TABLE t;");
        // The catalog as upgrade --backup made it before: no direction.
        cli.execute("CREATE SCHEMA retort_backup");
        cli.execute("CREATE TABLE retort_backup.backups (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "revision varchar(32) NOT NULL, source_table text NOT NULL, backup_table text NOT NULL, "
                + "columns text, created_at timestamptz NOT NULL DEFAULT now())");
        cli.execute("CREATE TABLE retort_backup.c00000000000_old AS SELECT 1 AS id");
        cli.execute("CREATE TABLE retort_backup.c00000000000_new AS SELECT 1 AS id");
        cli.execute("INSERT INTO retort_backup.backups (revision, source_table, backup_table, columns, created_at) "
                + "VALUES ('c00000000000', 'old', 'c00000000000_old', NULL, now() - interval '3 days'), "
                + "('c00000000000', 'new', 'c00000000000_new', NULL, now()), "
                + "('c00000000000', 'gone', 'c00000000000_gone', NULL, now())");
        assertThat(cli.ok("backups").outLines()).filteredOn(line -> line.endsWith("  gone")).singleElement()
                .asString().startsWith("c00000000000  gone  retort_backup.c00000000000_gone  *  ");

        assertThat(cli.ok("backups", "prune", "--older-than", "2d").outLines()).containsExactlyInAnyOrder(
                "Dropped retort_backup.c00000000000_old",
                "Removed retort_backup.c00000000000_gone from the catalog (its copy was already gone)");
        assertThat(cli.ok("backups", "drop", "c00000000000_new").out())
                .isEqualTo("Dropped retort_backup.c00000000000_new\n");
        assertThat(copies(cli)).isEmpty();
        assertThat(cli.ok("backups").out()).isEqualTo("No backups.\n");
    }

    @Test
    void restoreAfterACopyWasDroppedWarnsAndDowngrades() {
        Cli cli = backedUp();
        cli.ok("backups", "drop", NOTE);

        Cli.Result r = cli.ok("downgrade", "c00000000001", "--restore");

        assertThat(r.err()).contains("the latest upgrade of revision c00000000002 saved nothing for customers.note "
                + "(it ran without --backup, or the copy was dropped since)");
        assertThat(cli.column("SELECT coalesce(note, '-') FROM customers ORDER BY id")).containsExactly("-", "-");
        // The copies left are put back.
        assertThat(cli.column("SELECT payload FROM events")).containsExactly("signup");
    }

    @Test
    void restoreOfACopyDroppedByHandWarnsAndDowngrades() {
        Cli cli = backedUp();
        cli.execute("DROP TABLE retort_backup.c00000000002_customers_note");

        Cli.Result r = cli.ok("downgrade", "c00000000001", "--restore");

        assertThat(r.err()).contains("saved nothing for customers.note");
        assertThat(cli.column("SELECT coalesce(note, '-') FROM customers ORDER BY id")).containsExactly("-", "-");
        assertThat(cli.ok("backups").outLines()).filteredOn(line -> line.contains(NOTE)).singleElement().asString()
                .endsWith("  gone");
    }

    @Test
    void theJavaApiReturnsWhatItDropped() {
        Cli cli = backedUp();
        cli.execute("UPDATE retort_backup.backups SET created_at = now() - interval '3 days' "
                + "WHERE revision = 'c00000000002'");
        Retort retort = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(cli.jdbcUrl + "?user=postgres")), RunListener.NONE, line -> { });

        assertThat(retort.pruneBackups(Duration.ofDays(2), Optional.empty()))
                .extracting(BackupTable.Backup::backupTable).containsExactly("c00000000002_customers_note");
        assertThatThrownBy(() -> retort.dropBackups(List.of("c00000000003_events", "nothing")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("retort_backup.nothing is no copy");
        assertThat(retort.dropBackups(List.of("c00000000003_events")).backups()).singleElement()
                .satisfies(b -> assertThat(b.sourceTable()).isEqualTo("events"));
        assertThat(retort.backups()).extracting(BackupTable.Backup::backupTable)
                .containsExactly("c00000000003_Order Items");
        cli.execute("DELETE FROM retort_backup.backups");
        assertThat(retort.uncatalogedBackups()).containsExactly("c00000000003_Order Items");
        assertThat(retort.dropBackups(List.of("retort_backup.c00000000003_Order Items")).uncataloged())
                .containsExactly("c00000000003_Order Items");
    }

    /** Whether a session of this database waits for an advisory lock: Retort tries it again and again. */
    private static boolean waitsForAnAdvisoryLock(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retort' "
                + "AND query = 'SELECT pg_try_advisory_lock($1)' AND datname = current_database()")) {
            r.next();
            return r.getInt(1) > 0;
        }
    }

    @Test
    void dropWaitsForARunThatHoldsTheLock() throws Exception {
        Cli cli = backedUp();
        CRC32 crc = new CRC32();
        crc.update("retort:retort_version".getBytes(StandardCharsets.UTF_8));
        long key = 0x5245_544FL << 32 | crc.getValue();
        try (Connection run = cli.connect(); Statement s = run.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            CompletableFuture<Cli.Result> drop = CompletableFuture.supplyAsync(() -> cli.run("backups", "drop", NOTE));
            // Until the drop waits for the lock: a fixed pause may end before a loaded machine gets it there.
            for (int i = 0; i < 6000 && !waitsForAnAdvisoryLock(s); i++) {
                Thread.sleep(10);
            }
            assertThat(drop).isNotDone();
            assertThat(copies(cli)).hasSize(3);
            s.execute("SELECT pg_advisory_unlock(" + key + ")");
            Cli.Result r = drop.get(60, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Waiting for another retort run on this database to finish...");
        }
        assertThat(copies(cli)).hasSize(2);
    }

    @Test
    @Timeout(60) // without a lock_timeout of its own, the prune waits for the reader for ever
    void aCopyAnotherSessionReadsIsWaitedForOnlyUpToTheLockTimeoutAndNamed() throws Exception {
        Cli cli = backedUp();
        cli.write("retort.toml", "script_location = \"migrations\"\nlock_timeout = \"300ms\"\n");
        try (Connection reader = cli.connect(); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("SELECT count(*) FROM " + NOTE.replace("c00000000002_customers_note",
                    "\"c00000000002_customers_note\""));

            Cli.Result r = cli.run("backups", "prune", "--older-than", "0d");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err().strip().lines()).singleElement().asString()
                    .startsWith("retort: Could not drop " + NOTE + " in ")
                    .contains("another session holds a lock on it (lock_timeout 300ms): run again once that session "
                            + "ends. Nothing was dropped.");
            reader.rollback();
        }
        assertThat(copies(cli)).hasSize(3);
    }

    @Test
    void aRevisionNoCopyWasMadeBySaysSo() {
        Cli cli = backedUp();

        assertThat(cli.ok("backups", "prune", "--older-than", "0d", "--revision", "c00000000001").out())
                .isEqualTo("No backups of revision c00000000001.\n");
        Cli.Result unknown = cli.run("backups", "prune", "--older-than", "0d", "--revision", "c00000000009");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("retort: No revision matches 'c00000000009'; run `retort history` to see "
                + "the revisions.\n");
        assertThat(copies(cli)).hasSize(3);
    }

    @Test
    void aCopyWithoutACatalogRowIsListedAndDroppedByItsNameAlone() {
        Cli cli = backedUp();
        cli.execute("DELETE FROM retort_backup.backups WHERE backup_table = 'c00000000003_events'");
        cli.execute("CREATE VIEW retort_backup.mine AS SELECT 1 AS one");

        List<String> listed = cli.ok("backups").outLines();
        assertThat(listed).hasSize(3).last().isEqualTo("-  -  " + EVENTS + "  -  -  no catalog row");
        // It has no age: prune leaves it, whatever it is given.
        assertThat(cli.ok("backups", "prune", "--older-than", "0d").outLines()).hasSize(2);
        assertThat(copies(cli)).containsExactly("c00000000003_events");
        for (String notACopy : List.of("retort_backup.backups", "retort_backup.mine", "c00000000003_event")) {
            Cli.Result r = cli.run("backups", "drop", notACopy, EVENTS);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("is no copy that --backup made");
        }
        assertThat(copies(cli)).containsExactly("c00000000003_events");

        assertThat(cli.ok("backups", "drop", EVENTS).out())
                .isEqualTo("Dropped " + EVENTS + " (it had no catalog row)\n");
        assertThat(copies(cli)).isEmpty();
        assertThat(cli.column("SELECT count(*) FROM retort_backup.mine")).containsExactly("1");
        assertThat(cli.ok("backups").out()).isEqualTo("No backups.\n");
    }

    @Test
    void withoutTheCatalogEveryTableOfTheSchemaIsACopyWithoutARow() {
        Cli cli = backedUp();
        cli.execute("DROP TABLE retort_backup.backups");

        assertThat(cli.ok("backups").outLines()).containsExactly("-  -  " + NOTE + "  -  -  no catalog row",
                "-  -  " + ITEMS + "  -  -  no catalog row", "-  -  " + EVENTS + "  -  -  no catalog row");
        assertThat(cli.ok("backups", "prune", "--older-than", "0d").out()).isEqualTo("No backups in the catalog; 3 "
                + "table(s) without a catalog row have no age and stay (`retort backups` lists them, `retort backups "
                + "drop` takes their names).\n");
        assertThat(cli.ok("backups", "drop", NOTE, ITEMS).outLines()).containsExactly(
                "Dropped " + NOTE + " (it had no catalog row)", "Dropped " + ITEMS + " (it had no catalog row)");
        assertThat(copies(cli)).containsExactly("c00000000003_events");
    }
}
