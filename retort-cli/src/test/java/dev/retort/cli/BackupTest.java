package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upgrade --backup} saves what a step drops or rewrites, {@code backups} lists it, and the docs' restore works. */
class BackupTest {
    @TempDir
    Path dir;

    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, name text, note text);\n"
                        + "INSERT INTO customers VALUES (1, 'Ada', 'likes tea'), (2, 'Bo', NULL), (3, 'Cy', 'VIP');\n"
                        + "CREATE TABLE events (id int, payload text);\n"
                        + "INSERT INTO events VALUES (10, 'signup'), (11, 'login');",
                "DROP TABLE events;\nDROP TABLE customers;");
        cli.write("migrations/versions/c00000000002_drop_note.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "drop note")
                class DropNote_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("customers", "note");
                        op.alterColumn("customers", "name").type("varchar(20)");
                    }
                    public void downgrade(Operations op) {
                        op.alterColumn("customers", "name").type("text");
                        op.addColumn("customers", column("note", "text"));
                    }
                }
                """);
        cli.write("migrations/versions/c00000000003_drop_events.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000003", down = "c00000000002", message = "drop events")
                class DropEvents_c00000000003 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropTable("events");
                    }
                    public void downgrade(Operations op) {
                        op.createTable("events", column("id", "int"), column("payload", "text"));
                    }
                }
                """);
        return cli;
    }

    @Test
    void backupSavesDroppedDataAndTheDocumentedRestoreBringsItBack() {
        Cli cli = project();
        cli.ok("upgrade", "head", "--backup");

        assertThat(cli.tableExists("events")).isFalse();
        assertThat(cli.column("SELECT id || ':' || coalesce(note, '-') FROM retort_backup.c00000000002_customers_note "
                + "ORDER BY id")).containsExactly("1:likes tea", "2:-", "3:VIP");
        assertThat(cli.column("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                + "WHERE table_schema = 'retort_backup' AND table_name = 'c00000000002_customers_note'"))
                .containsExactly("id,note");
        assertThat(cli.column("SELECT count(*) FROM retort_backup.c00000000002_customers_name")).containsExactly("3");
        assertThat(cli.column("SELECT id || ':' || payload FROM retort_backup.c00000000003_events ORDER BY id"))
                .containsExactly("10:signup", "11:login");

        Cli.Result listed = cli.ok("backups");
        assertThat(listed.outLines()).hasSize(3);
        assertThat(listed.outLines().get(0))
                .startsWith("c00000000003  events  retort_backup.c00000000003_events  *  ");
        assertThat(listed.out())
                .contains("c00000000002  customers  retort_backup.c00000000002_customers_note  id, note  ")
                .contains("c00000000002  customers  retort_backup.c00000000002_customers_name  id, name  ");

        // The restore of docs/backups.md: downgrade, then copy the saved data back.
        cli.ok("downgrade", "c00000000001");
        cli.execute("INSERT INTO events SELECT * FROM retort_backup.\"c00000000003_events\"");
        cli.execute("UPDATE customers SET note = b.note FROM retort_backup.\"c00000000002_customers_note\" b "
                + "WHERE customers.id = b.id");
        assertThat(cli.column("SELECT id || ':' || name || ':' || coalesce(note, '-') FROM customers ORDER BY id"))
                .containsExactly("1:Ada:likes tea", "2:Bo:-", "3:Cy:VIP");
        assertThat(cli.column("SELECT id || ':' || payload FROM events ORDER BY id")).containsExactly("10:signup", "11:login");
    }

    @Test
    void aSecondBackupOfTheSameRevisionKeepsTheFirst() {
        Cli cli = project();
        cli.ok("upgrade", "head", "--backup");
        cli.ok("downgrade", "c00000000002");
        cli.execute("INSERT INTO events VALUES (12, 'later')");
        cli.write("retort.toml", "backup = true\n");
        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT count(*) FROM retort_backup.c00000000003_events")).containsExactly("2");
        assertThat(cli.column("SELECT id || ':' || payload FROM retort_backup.c00000000003_events_2 ORDER BY id"))
                .containsExactly("12:later");
        assertThat(cli.ok("backups").outLines().get(0)).contains("retort_backup.c00000000003_events_2  *  ");
    }

    @Test
    void withoutBackupNoSchemaIsCreated() {
        Cli cli = project();
        cli.ok("upgrade", "head");

        assertThat(cli.tableExists("events")).isFalse();
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname = 'retort_backup'")).isEmpty();
        assertThat(cli.ok("backups").out()).isEqualTo("No backups.\n");
    }

    @Test
    void backupNoneOverridesRetortTomlInBothForms() {
        Cli cli = project();
        cli.write("retort.toml", "script_location = \"migrations\"\nbackup = \"tables\"\n");
        assertThat(cli.ok("upgrade", "--sql", "head").out()).contains("retort_backup");
        assertThat(cli.ok("upgrade", "--sql", "head", "--backup=none").out()).doesNotContain("retort_backup");
        assertThat(cli.ok("upgrade", "--sql", "--backup", "none", "head").out()).doesNotContain("retort_backup");

        cli.ok("upgrade", "head", "--backup", "None");

        assertThat(cli.tableExists("events")).isFalse();
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname = 'retort_backup'")).isEmpty();
    }

    @Test
    void anUnknownBackupKindNamesTheKinds() {
        Cli cli = project();
        for (String kind : List.of("snapshot", "")) {
            Cli.Result r = cli.run("upgrade", "head", "--backup=" + kind);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines().findFirst()).as(r.toString()).contains("retort: Unknown --backup kind '" + kind
                    + "': use none, tables or dump (--backup alone means tables).");
        }
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aColumnRenamedOrATableCreatedEarlierInTheStepIsStillSaved() {
        Cli cli = project();
        cli.ok("upgrade", "c00000000001");
        cli.write("migrations/versions/c00000000002_drop_note.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "rename, then lose")
                class DropNote_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.alterColumn("customers", "note").rename("remark");
                        op.alterColumn("customers", "remark").type("int", "length(remark)");
                        op.renameTable("events", "journal");
                        op.dropColumn("journal", "payload");
                        op.createTable("scratch", column("id", "int"));
                        op.execute("INSERT INTO scratch VALUES (7)");
                        op.dropTable("scratch");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        cli.ok("upgrade", "c00000000002", "--backup");

        // Copied just before the operation that loses them, by the names they had then.
        assertThat(cli.column("SELECT id || ':' || coalesce(remark, '-') FROM "
                + "retort_backup.c00000000002_customers_remark ORDER BY id"))
                .containsExactly("1:likes tea", "2:-", "3:VIP");
        assertThat(cli.column("SELECT id || ':' || payload FROM retort_backup.c00000000002_journal_payload "
                + "ORDER BY id")).containsExactly("10:signup", "11:login");
        assertThat(cli.column("SELECT id FROM retort_backup.c00000000002_scratch")).containsExactly("7");
        assertThat(cli.ok("backups").outLines()).hasSize(3);
    }

    @Test
    void aCopyDoesNotKeepAnEnumTypeFromBeingDropped() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TYPE status AS ENUM ('new', 'paid');\n"
                        + "CREATE TABLE people (id int PRIMARY KEY, m mood, moods mood[]);\n"
                        + "INSERT INTO people VALUES (1, 'ok', '{sad,ok}'), (2, NULL, NULL);\n"
                        + "CREATE TABLE orders (id int, s status);\nINSERT INTO orders VALUES (7, 'paid');",
                "DROP TABLE orders;\nDROP TYPE status;\nDROP TABLE people;\nDROP TYPE mood;");
        cli.write("migrations/versions/c00000000002_drop_types.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "drop types")
                class DropTypes_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("people", "m");
                        op.dropColumn("people", "moods");
                        op.dropEnum("mood");
                        op.dropTable("orders");
                        op.dropEnum("status");
                    }
                    public void downgrade(Operations op) {
                        op.createEnum("status", "new", "paid");
                        op.createTable("orders", column("id", "int"), column("s", "status"));
                        op.createEnum("mood", "sad", "ok");
                        op.addColumn("people", column("m", "mood"));
                        op.addColumn("people", column("moods", "mood[]"));
                    }
                }
                """);

        cli.ok("upgrade", "head", "--backup");

        assertThat(cli.versions()).containsExactly("c00000000002");
        assertThat(cli.column("SELECT id || ':' || coalesce(m, '-') FROM retort_backup.c00000000002_people_m "
                + "ORDER BY id")).containsExactly("1:ok", "2:-");
        assertThat(cli.column("SELECT s FROM retort_backup.c00000000002_orders")).containsExactly("paid");
        // The restore of docs/backups.md, with the cast back to the type.
        cli.ok("downgrade", "c00000000001");
        cli.execute("UPDATE people SET m = b.m::mood FROM retort_backup.\"c00000000002_people_m\" b "
                + "WHERE people.id = b.id");
        cli.execute("UPDATE people SET moods = b.moods::mood[] FROM retort_backup.\"c00000000002_people_moods\" b "
                + "WHERE people.id = b.id");
        cli.execute("INSERT INTO orders SELECT id, s::status FROM retort_backup.\"c00000000002_orders\"");
        assertThat(cli.column("SELECT id || ':' || coalesce(m::text, '-') || ':' || coalesce(moods[2]::text, '-') "
                + "FROM people ORDER BY id")).containsExactly("1:ok:ok", "2:-:-");
        assertThat(cli.column("SELECT s::text FROM orders")).containsExactly("paid");
    }

    @Test
    void printedSqlShowsTheBackupOnlyWhenAsked() {
        Cli cli = project();
        String plain = cli.ok("upgrade", "--sql", "head").out();
        String withBackup = cli.ok("upgrade", "--sql", "head", "--backup").out();

        assertThat(plain).doesNotContain("retort_backup");
        assertThat(withBackup).contains("CREATE SCHEMA IF NOT EXISTS retort_backup;")
                .contains("to_regclass('events')")
                .containsSubsequence("c00000000003_events", "DROP TABLE events");
    }

    /** c00000000001 makes customers; c00000000002 adds orders and a column, which its downgrade drops again. */
    private Cli growingProject() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, name text);\n"
                        + "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bo');",
                "DROP TABLE customers;");
        cli.write("migrations/versions/c00000000002_add_orders.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "add orders")
                class AddOrders_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.createTable("orders", column("id", "int").primaryKey(true), column("total", "numeric"));
                        op.addColumn("customers", column("tier", "text"));
                    }
                    public void downgrade(Operations op) {
                        op.dropColumn("customers", "tier");
                        op.dropTable("orders");
                    }
                }
                """);
        cli.ok("upgrade", "head");
        // What the application wrote after the upgrade: the data a revert drops.
        cli.execute("INSERT INTO orders VALUES (7, 19.90), (8, 5)");
        cli.execute("UPDATE customers SET tier = 'gold' WHERE id = 1");
        return cli;
    }

    @Test
    void aChangeOfTypeThatKeepsEveryValueIsNotCopied() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE ledger (id int PRIMARY KEY, code varchar(5), name varchar(20), amount numeric(10, 2), "
                        + "price numeric(10, 2), note text, qty int, ratio real, label varchar(8), tag varchar(8), seq int);\n"
                        + "INSERT INTO ledger VALUES (1, 'A1', 'Ada', 12.50, 3.25, 'short', 7, 0.5, 'x', 'y', 4);",
                "DROP TABLE ledger;");
        cli.write("migrations/versions/c00000000002_widen.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "widen")
                class Widen_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.alterColumn("ledger", "id").type("BIGINT");
                        op.alterColumn("ledger", "name").type("character varying(40)");
                        op.alterColumn("ledger", "amount").type("numeric(12, 2)");
                        op.alterColumn("ledger", "ratio").type("double precision");
                        op.alterColumn("ledger", "price").type("numeric(10, 1)");
                        op.alterColumn("ledger", "note").type("varchar(10)");
                        op.alterColumn("ledger", "qty").type("bigint", "qty * 2");
                        // As autogenerate writes a change across base types: a cast to the new type alone.
                        op.alterColumn("ledger", "seq").type("bigint", "seq::bigint");
                        op.execute("ALTER TABLE ledger ALTER COLUMN code TYPE text, ALTER label TYPE varchar(4), "
                                + "ALTER tag TYPE varchar(8) COLLATE \\"C\\"");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);

        cli.ok("upgrade", "head", "--backup");

        // Copied: fewer digits after the point, a shorter varchar, a conversion of the migration's own (USING), a
        // raw shorter varchar and a raw COLLATE. Not: wider integers, varchar, numeric and float, varchar to text.
        assertThat(cli.column("SELECT backup_table FROM retort_backup.backups ORDER BY id")).containsExactly(
                "c00000000002_ledger_price", "c00000000002_ledger_note", "c00000000002_ledger_qty",
                "c00000000002_ledger_label", "c00000000002_ledger_tag");
        assertThat(cli.column("SELECT id || ':' || price FROM retort_backup.c00000000002_ledger_price"))
                .containsExactly("1:3.25");
        assertThat(cli.column("SELECT id || ':' || amount || ':' || price || ':' || qty FROM ledger"))
                .containsExactly("1:12.50:3.3:14");
    }

    @Test
    void aTimeTypeWithAsManyDigitsAfterTheSecondAndATimestampFromADateAreNotCopied() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE visits (id int PRIMARY KEY, day date, at timestamp(3), seen timestamp, local date, "
                        + "opens time(0), tz timestamptz);\n"
                        + "INSERT INTO visits VALUES (1, '2026-03-29', '2026-03-29 02:30:00.123', "
                        + "'2026-03-29 02:30:00.123456', '2026-03-29', '09:00', '2026-03-29 02:30:00.5+00');",
                "DROP TABLE visits;");
        cli.sql("c00000000002", "c00000000001", "widen",
                "ALTER TABLE visits ALTER day TYPE timestamp, ALTER at TYPE timestamp(6), "
                        + "ALTER seen TYPE timestamp(3), "
                        + "ALTER local TYPE timestamptz, ALTER opens TYPE time, ALTER tz TYPE timestamptz(0);",
                "SELECT 1;");

        cli.ok("upgrade", "head", "--backup");

        // Copied: fewer digits after the second (rounded) and a date taken at the session's midnight. Not: a date's
        // own midnight, and more digits after the second.
        assertThat(cli.column("SELECT backup_table FROM retort_backup.backups ORDER BY id")).containsExactly(
                "c00000000002_visits_seen", "c00000000002_visits_local", "c00000000002_visits_tz");
        assertThat(cli.column("SELECT day || '|' || at || '|' || seen || '|' || opens FROM visits"))
                .containsExactly("2026-03-29 00:00:00|2026-03-29 02:30:00.123|2026-03-29 02:30:00.123|09:00:00");
    }

    @Test
    void aDowngradeSavesWhatItDropsAndUpgradingAgainTakesItBack() {
        Cli cli = growingProject();

        cli.ok("downgrade", "-1", "--backup");

        assertThat(cli.tableExists("orders")).isFalse();
        assertThat(cli.column("SELECT id || ':' || total FROM retort_backup.c00000000002_orders ORDER BY id"))
                .containsExactly("7:19.90", "8:5");
        assertThat(cli.column("SELECT id || ':' || coalesce(tier, '-') FROM retort_backup.c00000000002_customers_tier "
                + "ORDER BY id")).containsExactly("1:gold", "2:-");
        List<String> listed = cli.ok("backups").outLines();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0)).startsWith("c00000000002  orders  retort_backup.c00000000002_orders  *  ")
                .endsWith("  downgrade");
        assertThat(listed.get(1))
                .startsWith("c00000000002  customers  retort_backup.c00000000002_customers_tier  id, tier  ")
                .endsWith("  downgrade");

        // The restore of docs/backups.md: upgrade again, then copy the saved data back.
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO orders SELECT * FROM retort_backup.\"c00000000002_orders\"");
        cli.execute("UPDATE customers SET tier = b.tier FROM retort_backup.\"c00000000002_customers_tier\" b "
                + "WHERE customers.id = b.id");
        assertThat(cli.column("SELECT id || ':' || total FROM orders ORDER BY id")).containsExactly("7:19.90", "8:5");
        assertThat(cli.column("SELECT id || ':' || coalesce(tier, '-') FROM customers ORDER BY id"))
                .containsExactly("1:gold", "2:-");
    }

    @Test
    void retortTomlsBackupCoversDowngradesAndNoneSwitchesItOffForOneRun() {
        Cli cli = growingProject();
        cli.write("retort.toml", "script_location = \"migrations\"\nbackup = \"tables\"\n");

        cli.ok("downgrade", "-1", "--backup=none");
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname = 'retort_backup'")).isEmpty();

        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO orders VALUES (9, 1)");
        cli.ok("downgrade", "c00000000001");
        assertThat(cli.column("SELECT id FROM retort_backup.c00000000002_orders")).containsExactly("9");
    }

    @Test
    void aCatalogMadeBeforeDowngradesWereSavedIsKeptAndLearnsTheDirection() {
        Cli cli = growingProject();
        // The catalog as upgrade --backup made it before: no direction.
        cli.execute("CREATE SCHEMA retort_backup");
        cli.execute("CREATE TABLE retort_backup.backups (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "revision varchar(32) NOT NULL, source_table text NOT NULL, backup_table text NOT NULL, "
                + "columns text, created_at timestamptz NOT NULL DEFAULT now())");
        cli.execute("CREATE TABLE retort_backup.c00000000000_old AS SELECT 1 AS id");
        cli.execute("INSERT INTO retort_backup.backups (revision, source_table, backup_table, columns, created_at) "
                + "VALUES ('c00000000000', 'old', 'c00000000000_old', NULL, now() - interval '1 day')");
        assertThat(cli.ok("backups").outLines()).singleElement().asString().startsWith("c00000000000  old  ")
                .doesNotContain("downgrade");

        cli.ok("downgrade", "--backup", "-1");

        List<String> listed = cli.ok("backups").outLines();
        assertThat(listed).hasSize(3);
        assertThat(listed.get(0)).endsWith("  downgrade");
        assertThat(listed.get(2)).startsWith("c00000000000  old  retort_backup.c00000000000_old  *  ")
                .doesNotContain("downgrade");
        // An upgrade's copy, into a catalog that has the direction now, is told as an upgrade's.
        cli.ok("upgrade", "head");
        cli.write("migrations/versions/c00000000003_drop_orders.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000003", down = "c00000000002", message = "drop orders")
                class DropOrders_c00000000003 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropTable("orders");
                    }
                    public void downgrade(Operations op) {
                        op.createTable("orders", column("id", "int").primaryKey(true), column("total", "numeric"));
                    }
                }
                """);
        cli.ok("upgrade", "head", "--backup");
        assertThat(cli.ok("backups").outLines().get(0)).startsWith("c00000000003  orders  ")
                .doesNotContain("downgrade");
    }

    @Test
    void printedDowngradeSqlShowsTheBackupWhenAsked() {
        Cli cli = growingProject();
        String plain = cli.ok("downgrade", "--sql", "head:c00000000001").out();
        String withBackup = cli.ok("downgrade", "--sql", "head:c00000000001", "--backup").out();

        assertThat(plain).doesNotContain("retort_backup");
        assertThat(withBackup).contains("CREATE SCHEMA IF NOT EXISTS retort_backup;")
                .containsSubsequence("c00000000002_customers_tier", "ALTER TABLE customers DROP COLUMN tier",
                        "c00000000002_orders", "'downgrade'", "DROP TABLE orders");
        Cli.Result dump = cli.run("downgrade", "--sql", "head:c00000000001", "--backup=dump");
        assertThat(dump.exitCode()).as(dump.toString()).isEqualTo(2);
        assertThat(dump.err().strip()).startsWith("retort: --backup=dump needs a database and cannot be part of --sql");
    }
}
