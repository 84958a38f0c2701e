package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database that Flyway, Liquibase or Alembic migrated, not yet stamped: Retort is at base there, but does not let
 * that pass for an empty database.
 */
class AnotherToolsDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void currentSaysWhichToolsTableItFoundOnStderrAndKeepsStdoutEmpty() {
        Map<String, String> tables = Map.of(
                "flyway_schema_history", "Flyway's table public.flyway_schema_history is there; to have Retort take "
                        + "over a database Flyway made, record the revisions that describe its schema instead of "
                        + "running them (`retort stamp REV` with the last revision whose schema it holds, `retort "
                        + "stamp heads` when it holds them all), then compare it with the models (`retort check`); see "
                        + "\"Moving a Flyway project\" in Retort's docs/coming-from.md.",
                "databasechangelog", "Liquibase's table public.databasechangelog is there; to have Retort take over a "
                        + "database Liquibase made,",
                "alembic_version", "Alembic's table public.alembic_version is there; to have Retort take over a "
                        + "database Alembic made,");
        for (Map.Entry<String, String> table : tables.entrySet()) {
            Cli cli = new Cli(dir.resolve(table.getKey()), TestPostgres.freshDatabase());
            cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
            cli.execute("CREATE TABLE " + table.getKey() + " (id int); CREATE TABLE users (id int)");
            Cli.Result r = cli.ok("current");
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("warning: Retort has recorded no revision in this database, but "
                    + table.getValue());
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
    }

    /**
     * `upgrade head` says so before its first statement, and when the first revision meets the tool's tables, the
     * failure names the tool's table and the way out.
     */
    @Test
    void upgradeWarnsFirstAndItsFailureNamesTheToolsTable() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.execute("CREATE SCHEMA legacy; CREATE TABLE legacy.flyway_schema_history (installed_rank int PRIMARY KEY); "
                + "CREATE TABLE users (id int)");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=public,legacy");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines().toList()).first().asString().isEqualTo("warning: Retort has recorded no revision in "
                + "this database, but Flyway's table legacy.flyway_schema_history is there; to have Retort take over "
                + "a database Flyway made, record the revisions that describe its schema instead of running them "
                + "(`retort stamp REV` with the last revision whose schema it holds, `retort stamp heads` when it "
                + "holds them all), then compare it with the models (`retort check`); see \"Moving a Flyway project\" "
                + "in Retort's docs/coming-from.md.");
        assertThat(r.err().lines().toList()).last().asString().endsWith("ERROR: relation \"users\" already exists. "
                + "The revision was rolled back; the database stays at base (no revision). The database holds "
                + "Flyway's table legacy.flyway_schema_history; to have Retort take over a database Flyway made, "
                + "record the revisions that describe its schema instead of running them (`retort stamp "
                + "aaaaaaaaaaa1`), then compare it with the models (`retort check`); see \"Moving a Flyway project\" "
                + "in Retort's docs/coming-from.md.");

        // Once stamped, Retort has its own record, and says nothing of Flyway's.
        cli.ok("stamp", "head");
        Cli.Result current = cli.ok("current");
        assertThat(current.out()).isEqualTo("aaaaaaaaaaa1 (head)\n");
        assertThat(current.err()).isEmpty();
    }

    /**
     * Where the tool's table records migrations it ran, `upgrade head` from base would run them again: Flyway's
     * CREATE TABLE IF NOT EXISTS succeeds, and so does its UPDATE, which doubled the prices once more. It stops
     * before its first statement instead, in one line that says how to stamp; the same in a query of its own when
     * Retort's tables are in a schema of their own, and for each tool's table.
     */
    @Test
    void upgradeFromBaseStopsWhereTheToolsTableRecordsMigrations() {
        Map<String, String> tables = Map.of(
                "flyway_schema_history", "Flyway",
                "databasechangelog", "Liquibase",
                "alembic_version", "Alembic");
        for (String schemaKey : List.of("", "version_table_schema = \"meta\"\n")) {
            for (Map.Entry<String, String> table : tables.entrySet()) {
                Cli cli = new Cli(dir.resolve(table.getKey() + schemaKey.length()), TestPostgres.freshDatabase());
                cli.write("retort.toml", schemaKey);
                cli.sql("aaaaaaaaaaa1", "none", "product", "CREATE TABLE IF NOT EXISTS product (id int, price int); "
                        + "UPDATE product SET price = price * 2;", "DROP TABLE product;");
                cli.execute("CREATE TABLE " + table.getKey() + " (version varchar(50)); INSERT INTO "
                        + table.getKey() + " VALUES ('1'); CREATE TABLE product (id int, price int); "
                        + "INSERT INTO product VALUES (1, 20)");
                String before = cli.snapshot();
                Cli.Result r = cli.run("upgrade", "head");
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
                assertThat(r.out()).isEmpty();
                String tool = table.getValue();
                assertThat(r.err()).isEqualTo("retort: Retort has recorded no revision in this database, but "
                        + tool + "'s table public." + table.getKey() + " records the migrations " + tool + " ran "
                        + "there, so upgrading from base would run every revision again over its schema and data; "
                        + "nothing was run. To have Retort take over a database " + tool + " made, record the "
                        + "revisions that describe its schema instead of running them (`retort stamp REV` with the "
                        + "last revision whose schema it holds, `retort stamp heads` when it holds them all), then "
                        + "compare it with the models (`retort check`); see \"Moving " + (tool.equals("Alembic")
                                ? "an " : "a ") + tool + " project\" in Retort's docs/coming-from.md.\n");
                assertThat(cli.snapshot()).isEqualTo(before);
                assertThat(cli.column("SELECT price FROM product")).containsExactly("20");

                // Offline, nothing is run: the SQL is printed as ever.
                assertThat(cli.ok("upgrade", "--sql", "head").out()).contains("UPDATE product SET price = price * 2");
                // The way out.
                cli.ok("stamp", "head");
                assertThat(cli.ok("upgrade", "head").err())
                        .isEqualTo("Nothing to upgrade: the database is at aaaaaaaaaaa1.\n");
                assertThat(cli.column("SELECT price FROM product")).containsExactly("20");
                assertThat(cli.column("SELECT version_num FROM " + (schemaKey.isEmpty() ? "" : "meta.")
                        + "retort_version")).containsExactly("aaaaaaaaaaa1");
            }
        }
    }

    /**
     * Flyway with defaultSchema = app keeps its table in app, which is version_table_schema here and not on the search
     * path: the migrations, ported with their schema, would run again over Flyway's data.
     */
    @Test
    void theToolsTableInVersionTableSchemaStopsTheRunToo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "version_table_schema = \"app\"\n");
        cli.sql("aaaaaaaaaaa1", "none", "product", "CREATE TABLE IF NOT EXISTS app.product (id int, price int);\n"
                + "UPDATE app.product SET price = price * 2;", "DROP TABLE app.product;");
        cli.execute("CREATE SCHEMA app; CREATE TABLE app.flyway_schema_history (installed_rank int PRIMARY KEY); "
                + "INSERT INTO app.flyway_schema_history VALUES (1); CREATE TABLE app.product (id int, price int); "
                + "INSERT INTO app.product VALUES (1, 20)");

        assertThat(cli.ok("current").err()).startsWith("warning: Retort has recorded no revision in this database, "
                + "but Flyway's table app.flyway_schema_history is there;");
        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("retort: Retort has recorded no revision in this database, but Flyway's table "
                + "app.flyway_schema_history records the migrations Flyway ran there");
        assertThat(cli.column("SELECT price FROM app.product")).containsExactly("20");
    }

    /** Flyway's table as Flyway 5 to 11 make it, under {@code name}, with a row for a migration that succeeded. */
    private static String flywayTable(String name) {
        return "CREATE TABLE " + name + " (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), "
                + "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
                + "checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
                + "execution_time int NOT NULL, success boolean NOT NULL); INSERT INTO " + name + " VALUES (1, '1', "
                + "'init', 'SQL', 'V1__init.sql', 42, 'app', now(), 5, true); ";
    }

    /** The tools' tables under names of their own, or off the search path: the tool, the table, the SQL making it. */
    static Stream<Arguments> tablesUnderOtherNamesOrInOtherSchemas() {
        return Stream.of(
                Arguments.of("Flyway", "public.schema_version", "CREATE TABLE schema_version (version_rank int NOT "
                        + "NULL, installed_rank int NOT NULL, version varchar(50) NOT NULL, description varchar(200) "
                        + "NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, "
                        + "installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
                        + "execution_time int NOT NULL, success boolean NOT NULL); INSERT INTO schema_version VALUES "
                        + "(1, 1, '1', 'init', 'SQL', 'V1__init.sql', 42, 'app', now(), 5, true); "),
                Arguments.of("Flyway", "app.flyway_schema_history", "CREATE SCHEMA app; "
                        + flywayTable("app.flyway_schema_history")),
                Arguments.of("Liquibase", "public.my_changelog", "CREATE TABLE my_changelog (id varchar(255) NOT "
                        + "NULL, author varchar(255) NOT NULL, filename varchar(255) NOT NULL, dateexecuted timestamp "
                        + "NOT NULL, orderexecuted int NOT NULL, exectype varchar(10) NOT NULL, md5sum varchar(35), "
                        + "description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20), "
                        + "contexts varchar(255), labels varchar(255), deployment_id varchar(10)); INSERT INTO "
                        + "my_changelog VALUES ('1', 'me', 'changelog.xml', now(), 1, 'EXECUTED', '9:abc'); "),
                Arguments.of("Liquibase", "public.\"DATABASECHANGELOG\"", "CREATE TABLE \"DATABASECHANGELOG\" "
                        + "(\"ID\" varchar(255) NOT NULL, \"AUTHOR\" varchar(255) NOT NULL, \"FILENAME\" varchar(255) "
                        + "NOT NULL, \"DATEEXECUTED\" timestamp NOT NULL, \"ORDEREXECUTED\" int NOT NULL, "
                        + "\"EXECTYPE\" varchar(10) NOT NULL, \"MD5SUM\" varchar(35)); INSERT INTO "
                        + "\"DATABASECHANGELOG\" VALUES ('1', 'me', 'changelog.xml', now(), 1, 'EXECUTED', '9:abc'); "),
                Arguments.of("Alembic", "legacy.schema_revision", "CREATE SCHEMA legacy; CREATE TABLE "
                        + "legacy.schema_revision (version_num varchar(32) NOT NULL PRIMARY KEY); INSERT INTO "
                        + "legacy.schema_revision VALUES ('1975ea83b712'); "));
    }

    /**
     * The tool's table under a name of its own, or in a schema neither the search path nor version_table_schema
     * names, is found by its columns: Flyway 4's {@code schema_version} (or any {@code flyway.table}), Flyway's table
     * in the schema {@code flyway.schemas} named, Liquibase's under {@code databaseChangeLogTableName}, Alembic's
     * under its {@code version_table}; and one whose columns were named in capitals, quoted, which PostgreSQL keeps
     * so (taken for the tool's all the same). The run from base would otherwise run every revision again; it stops
     * before its first statement, naming the table with its schema.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("tablesUnderOtherNamesOrInOtherSchemas")
    void theToolsTableUnderAnotherNameOrOffTheSearchPathStopsTheRunToo(String tool, String table, String sql) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "product", "CREATE TABLE IF NOT EXISTS product (id int, price int); "
                + "UPDATE product SET price = price * 2;", "DROP TABLE product;");
        cli.execute(sql + "CREATE TABLE product (id int, price int); INSERT INTO product VALUES (1, 20)");
        String before = cli.snapshot();

        assertThat(cli.ok("current").err()).startsWith("warning: Retort has recorded no revision in this database, "
                + "but " + tool + "'s table " + table + " is there;");
        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("retort: Retort has recorded no revision in this database, but " + tool
                + "'s table " + table + " records the migrations " + tool + " ran there, so upgrading from base would "
                + "run every revision again over its schema and data; nothing was run.");
        assertThat(cli.snapshot()).isEqualTo(before);
        assertThat(cli.column("SELECT price FROM product")).containsExactly("20");

        // A table in a schema the migrations do not use may be another application's: the way out for that is named.
        String schema = table.substring(0, table.indexOf('.'));
        String another = " Its schema, " + schema + ", is none these migrations use: if the table belongs to another "
                + "application that shares the database, set ignore_other_tools = true in retort.toml instead.\n";
        if (schema.equals("public")) {
            assertThat(r.err()).doesNotContain("ignore_other_tools");
        } else {
            assertThat(r.err()).endsWith(another);
            cli.write("retort.toml", "ignore_other_tools = true\n");
            assertThat(cli.ok("upgrade", "head").err()).contains(another.strip());
            assertThat(cli.column("SELECT price FROM product")).containsExactly("40");
        }
    }

    /**
     * Tables that share a column or two with a tool's table are not taken for one (a table of releases with a
     * version, one with a {@code version_num} beside other columns), nor is Retort's own version table, of Alembic's
     * shape, once a stamp taken back left Retort at base.
     */
    @Test
    void tablesThatMerelyShareItsColumnsAreNoOtherToolsTable() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.execute("CREATE TABLE release (id int, version varchar(50), script text, checksum int); INSERT INTO "
                + "release VALUES (1, '1.0', 'deploy.sh', 42); CREATE SCHEMA reporting; CREATE TABLE "
                + "reporting.schema_info (version_num int, loaded_at timestamp); INSERT INTO reporting.schema_info "
                + "VALUES (3, now())");

        assertThat(cli.ok("current").err()).isEmpty();
        cli.ok("stamp", "head");
        cli.ok("stamp", "--purge", "base");
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    /**
     * A table with the column by which a tool's table is looked for (Flyway's {@code installed_rank}, Liquibase's
     * {@code md5sum}) but without the rest of the tool's columns is not taken for one: an upload's checksum, a
     * plugin's rank.
     */
    @Test
    void aToolsMarkingColumnWithoutTheRestOfItsColumnsIsNoOtherToolsTable() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.execute("CREATE TABLE upload (id int, author text, filename text, md5sum text); INSERT INTO upload "
                + "VALUES (1, 'me', 'a.png', 'abc'); CREATE TABLE plugin (installed_rank int, version text, "
                + "script text, checksum int); INSERT INTO plugin VALUES (1, '1.0', 'install.sh', 42)");

        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    /**
     * A schema per tenant, each once Flyway's: the tables of a tenant Retort has taken over (Flyway's, and Retort's
     * own version table, of Alembic's shape) are no reason to stop the first run of a new tenant.
     */
    @Test
    void anotherTenantsTablesDoNotStopANewTenantsRun() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.execute("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; " + flywayTable("tenant_a.flyway_schema_history")
                + "CREATE TABLE tenant_a.users (id int)");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=tenant_a");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        cli.ok("stamp", "head");

        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=tenant_b");
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
        assertThat(cli.column("SELECT version_num FROM tenant_b.retort_version")).containsExactly("aaaaaaaaaaa1");
    }

    /** A stamp runs no migration: after one at base, or one taken back, the tool's table still stops the run. */
    @Test
    void aStampOfBaseDoesNotLetTheRunGoOn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);",
                "DROP TABLE users;");
        cli.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY); "
                + "INSERT INTO flyway_schema_history VALUES (1); CREATE TABLE users (id int); "
                + "INSERT INTO users VALUES (1)");
        cli.ok("stamp", "base");

        assertThat(cli.ok("current").err()).contains("Flyway's table public.flyway_schema_history is there");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        // Nor does a stamp taken back.
        cli.ok("stamp", "aaaaaaaaaaa1");
        cli.ok("stamp", "--purge", "base");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        assertThat(cli.column("SELECT count(*) FROM users")).containsExactly("1");
    }

    /** Once Retort took over, a downgrade to base and an upgrade again are its own: no other tool is in the way. */
    @Test
    void aDowngradeToBaseAfterTheTakeOverUpgradesAgain() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "product", "CREATE TABLE IF NOT EXISTS product (id int, price int);",
                "DROP TABLE product;");
        cli.execute("CREATE TABLE alembic_version (version_num varchar(32)); INSERT INTO alembic_version "
                + "VALUES ('1975ea83b712'); CREATE TABLE product (id int, price int)");
        cli.ok("stamp", "head");

        cli.ok("downgrade", "base");

        assertThat(cli.ok("current").err()).doesNotContain("warning");
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    /** `ignore_other_tools = true` is the deliberate way past: the run goes on, warned. */
    @Test
    void ignoreOtherToolsRunsFromBaseOverTheToolsRecord() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "ignore_other_tools = true\n");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY); "
                + "INSERT INTO flyway_schema_history VALUES (1)");
        Cli.Result r = cli.ok("upgrade", "head");
        assertThat(r.err()).startsWith("warning: Retort has recorded no revision in this database, but Flyway's "
                + "table public.flyway_schema_history is there;");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    /**
     * With Retort's tables in a schema of their own, whose place no query reads, the other tool's table is still
     * looked for (in a query of its own) before the run.
     */
    @Test
    void upgradeWithItsOwnVersionTableSchemaWarnsToo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "version_table_schema = \"meta\"\n");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.execute("CREATE TABLE databasechangelog (id varchar(255))");
        Cli.Result r = cli.ok("upgrade", "head");
        assertThat(r.err()).startsWith("warning: Retort has recorded no revision in this database, but Liquibase's "
                + "table public.databasechangelog is there;");
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
    }

    /** A table of another tool's name that Retort itself keeps its revisions in is Retort's. */
    @Test
    void alembicsTableAsRetortsOwnVersionTableIsNoOtherTools() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "version_table = \"alembic_version\"\n");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        assertThat(cli.ok("current").err()).isEmpty();
        cli.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
    }

    /**
     * An Alembic project ported under its own ids, at a branch point: alembic_version holds a row per head, and the
     * way out names them. `check` leads with the stamp, which `upgrade head` would refuse, rather than sending the
     * user there; and the refusal names them too.
     */
    @Test
    void alembicsHeadsOfTheseMigrationsAreNamedInTheStampToRun() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE TABLE users (id int);\n");
        cli.sql("3a1f0c2d4e5b", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.sql("7c2e9a1b3d40", "3a1f0c2d4e5b", "a", "SELECT 1;", "SELECT 1;");
        cli.sql("9d4b2f6e8a11", "3a1f0c2d4e5b", "b", "SELECT 1;", "SELECT 1;");
        cli.sql("b5e8c1d7f902", "7c2e9a1b3d40, 9d4b2f6e8a11", "merge", "", "");
        cli.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY); INSERT INTO "
                + "alembic_version VALUES ('9d4b2f6e8a11'), ('7c2e9a1b3d40'); CREATE TABLE users (id int)");
        String stamp = "(`retort stamp 7c2e9a1b3d40 9d4b2f6e8a11`)";

        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err().lines().toList()).last().asString().isEqualTo("retort: The database is not up to date "
                + "for Retort, which has recorded no revision in it, but Alembic's table public.alembic_version is "
                + "there: record the revisions that describe its schema instead of running them " + stamp + ", then "
                + "compare again; see \"Moving an Alembic project\" in Retort's docs/coming-from.md.");
        assertThat(check.err().lines().toList()).first().asString().contains(stamp);
        Cli.Result upgrade = cli.run("upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        assertThat(upgrade.err()).contains("nothing was run. To have Retort take over a database Alembic made, "
                + "record the revisions that describe its schema instead of running them " + stamp + ", then");

        // A row that is no revision of these migrations (a project ported under new ids): the general advice.
        cli.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')");
        assertThat(cli.run("check").err()).contains("instead of running them (`retort stamp REV` with the last "
                + "revision whose schema it holds, `retort stamp heads` when it holds them all), then compare again");

        // The stamp it named takes the database over.
        cli.execute("DELETE FROM alembic_version WHERE version_num = 'ae1027a6acf'");
        cli.ok("stamp", "7c2e9a1b3d40", "9d4b2f6e8a11");
        assertThat(cli.ok("current").out()).isEqualTo("7c2e9a1b3d40\n9d4b2f6e8a11\n");
    }
}
