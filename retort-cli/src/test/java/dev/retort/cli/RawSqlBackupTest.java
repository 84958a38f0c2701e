package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backup} copies what the usual forms of raw SQL drop, retype or empty, in SQL migrations and in
 * {@code op.execute(...)}, as it copies what the operations do.
 */
class RawSqlBackupTest {
    @TempDir
    Path dir;

    /** c00000000001, a SQL migration, makes the tables; its downgrade drops them. */
    private Cli created() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE SCHEMA shop;\n"
                        + "CREATE TABLE shop.\"Order Items\" (id int PRIMARY KEY, \"Note\" text, qty text);\n"
                        + "INSERT INTO shop.\"Order Items\" VALUES (1, 'gift wrap', '2'), (2, NULL, '5');\n"
                        + "CREATE TABLE events (id int, payload text);\n"
                        + "INSERT INTO events VALUES (10, 'signup'), (11, 'login');\n"
                        + "CREATE TABLE log (id int PRIMARY KEY, line text);\n"
                        + "INSERT INTO log VALUES (1, 'started');\n"
                        + "CREATE TABLE customers (id int PRIMARY KEY, name text);\n"
                        + "INSERT INTO customers VALUES (1, 'Ada');",
                "DROP TABLE customers;\nDROP TABLE log;\nDROP TABLE events;\nDROP SCHEMA shop CASCADE;");
        return cli;
    }

    /** Then c00000000002, a SQL migration, drops, retypes and empties them. */
    private Cli project() {
        Cli cli = created();
        cli.sql("c00000000002", "c00000000001", "lose data",
                "-- DROP TABLE customers (a comment is no statement)\n"
                        + "SELECT 'DROP TABLE customers; TRUNCATE log';\n"
                        + "Drop  Table  IF EXISTS\n  Events CASCADE;\n"
                        + "alter table \"shop\".\"Order Items\" drop column \"Note\", DROP COLUMN IF EXISTS gone;\n"
                        + "ALTER TABLE shop.\"Order Items\" /* counted */ ALTER COLUMN qty SET DATA TYPE int "
                        + "USING qty::int;\n"
                        + "TRUNCATE TABLE log;\n"
                        // Dynamic SQL is not looked into: nothing is copied, and the run goes on.
                        + "DO $$BEGIN EXECUTE 'DROP TABLE customers'; END$$;",
                "CREATE TABLE customers (id int PRIMARY KEY, name text);\n"
                        + "ALTER TABLE shop.\"Order Items\" ALTER COLUMN qty TYPE text, ADD COLUMN \"Note\" text;\n"
                        + "CREATE TABLE events (id int, payload text);");
        return cli;
    }

    @Test
    void upgradeCopiesWhatASqlMigrationDropsRetypesAndEmpties() {
        Cli cli = project();

        cli.ok("upgrade", "head", "--backup");

        assertThat(cli.versions()).containsExactly("c00000000002");
        assertThat(cli.tableExists("events")).isFalse();
        assertThat(cli.column("SELECT id || ':' || payload FROM retort_backup.c00000000002_events ORDER BY id"))
                .containsExactly("10:signup", "11:login");
        assertThat(cli.column("SELECT id || ':' || coalesce(\"Note\", '-') "
                + "FROM retort_backup.\"c00000000002_Order Items_Note\" ORDER BY id"))
                .containsExactly("1:gift wrap", "2:-");
        assertThat(cli.column("SELECT id || ':' || qty FROM retort_backup.\"c00000000002_Order Items_qty\" "
                + "ORDER BY id")).containsExactly("1:2", "2:5");
        assertThat(cli.column("SELECT pg_typeof(qty)::text FROM retort_backup.\"c00000000002_Order Items_qty\" "
                + "LIMIT 1")).containsExactly("text");
        assertThat(cli.column("SELECT count(*) FROM log")).containsExactly("0");
        assertThat(cli.column("SELECT id || ':' || line FROM retort_backup.c00000000002_log"))
                .containsExactly("1:started");
        // The DO block dropped customers unseen; no column that does not exist was copied.
        assertThat(cli.tableExists("customers")).isFalse();
        assertThat(cli.column("SELECT backup_table FROM retort_backup.backups ORDER BY id"))
                .containsExactly("c00000000002_events", "c00000000002_Order Items_Note",
                        "c00000000002_Order Items_qty", "c00000000002_log");

        List<String> listed = cli.ok("backups").outLines();
        assertThat(listed).hasSize(4);
        assertThat(String.join("\n", listed))
                .contains("c00000000002  events  retort_backup.c00000000002_events  *  ")
                .contains("c00000000002  shop.Order Items  retort_backup.c00000000002_Order Items_Note  id, Note  ")
                .contains("c00000000002  shop.Order Items  retort_backup.c00000000002_Order Items_qty  id, qty  ")
                .contains("c00000000002  log  retort_backup.c00000000002_log  *  ");
    }

    @Test
    void aDowngradeOfASqlMigrationCopiesTheTablesItDrops() {
        Cli cli = created();
        cli.ok("upgrade", "head");

        cli.ok("downgrade", "base", "--backup");

        assertThat(cli.column("SELECT id || ':' || name FROM retort_backup.c00000000001_customers"))
                .containsExactly("1:Ada");
        assertThat(cli.column("SELECT id || ':' || payload FROM retort_backup.c00000000001_events ORDER BY id"))
                .containsExactly("10:signup", "11:login");
        List<String> listed = cli.ok("backups").outLines();
        // customers, log and events; DROP SCHEMA ... CASCADE is not looked into.
        assertThat(listed).hasSize(3).allSatisfy(line -> assertThat(line).endsWith("  downgrade"));
        assertThat(String.join("\n", listed)).doesNotContain("Order Items");
    }

    @Test
    void printedSqlHasEachCopyBeforeItsStatement() {
        Cli cli = project();

        String printed = cli.ok("upgrade", "--sql", "head", "--backup").out();

        assertThat(printed).containsSubsequence("CREATE SCHEMA IF NOT EXISTS retort_backup;",
                "to_regclass('events')", "'c00000000002_events'", "Drop  Table  IF EXISTS",
                "to_regclass('shop.\"Order Items\"')", "'c00000000002_Order Items_Note'",
                "to_regclass('shop.\"Order Items\"')", "'c00000000002_Order Items_gone'", "drop column \"Note\"",
                "'c00000000002_Order Items_qty'", "ALTER COLUMN qty SET DATA TYPE int",
                "'c00000000002_log'", "TRUNCATE TABLE log", "DO $$BEGIN EXECUTE 'DROP TABLE customers'");
        assertThat(printed).doesNotContain("c00000000002_customers");
    }

    @Test
    void theStatementsOfOneExecuteAreCopiedBeforeIt() {
        Cli cli = created();
        cli.ok("upgrade", "head");
        cli.write("migrations/versions/c00000000002_lose_data.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "lose data")
                class LoseData_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("ALTER TABLE ONLY customers DROP name; TRUNCATE events, ONLY log");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        cli.execute("CREATE TABLE vip_customers (level int) INHERITS (customers)");
        cli.execute("INSERT INTO vip_customers VALUES (2, 'Bo', 1)");

        cli.ok("upgrade", "head", "--backup");

        // ONLY: the parent's own rows, as op.dropColumn(...).only() copies them; the child keeps its name.
        assertThat(cli.column("SELECT id || ':' || name FROM retort_backup.c00000000002_customers_name"))
                .containsExactly("1:Ada");
        assertThat(cli.column("SELECT name FROM vip_customers")).containsExactly("Bo");
        assertThat(cli.column("SELECT count(*) FROM retort_backup.c00000000002_events")).containsExactly("2");
        assertThat(cli.column("SELECT line FROM retort_backup.c00000000002_log")).containsExactly("started");
    }

    @Test
    void aForeignTablesColumnIsDroppedWithoutAskingTheRemoteSide() {
        // The remote side (a file that is not there) cannot answer: a copy would fail the migration.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE EXTENSION file_fdw;\nCREATE SERVER files FOREIGN DATA WRAPPER file_fdw;\n"
                        + "CREATE FOREIGN TABLE remote (a int, c text) SERVER files "
                        + "OPTIONS (filename '/nonexistent/remote.csv', format 'csv');",
                "DROP FOREIGN TABLE remote;\nDROP SERVER files;\nDROP EXTENSION file_fdw;");
        cli.sql("c00000000002", "c00000000001", "drop remote column", "ALTER TABLE remote DROP COLUMN c;",
                "ALTER TABLE remote ADD COLUMN c text;");

        cli.ok("upgrade", "head", "--backup");

        assertThat(cli.versions()).containsExactly("c00000000002");
        assertThat(cli.ok("backups").out()).isEqualTo("No backups.\n");
    }
}
