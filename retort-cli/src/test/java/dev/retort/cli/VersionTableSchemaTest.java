package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code version_table_schema}: Retort's version and history tables in a schema of the user's choosing. */
class VersionTableSchemaTest {
    private static final String PSQL = "/usr/lib/postgresql/15/bin/psql";

    @TempDir
    Path dir;

    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "version_table_schema = \"meta\"\n");
        return cli;
    }

    /** Two migrations, the second of which sends the search path elsewhere, as a migration may. */
    private static void twoMigrations(Cli cli) {
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "elsewhere",
                "CREATE SCHEMA other;\nSET search_path TO other;\nCREATE TABLE things (id int);",
                "DROP TABLE other.things;\nDROP SCHEMA other;");
    }

    @Test
    void everyCommandUsesTheChosenSchemaWhichIsCreatedWhenMissing() {
        Cli cli = project();
        twoMigrations(cli);
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT version_num FROM meta.retort_version")).containsExactly("aaaaaaaaaaa2");
        assertThat(cli.column("SELECT revision FROM meta.retort_history ORDER BY id"))
                .containsExactly("aaaaaaaaaaa1", "aaaaaaaaaaa2");
        assertThat(cli.column("SELECT count(*) FROM pg_class WHERE relname IN ('retort_version', 'retort_history')"))
                .containsExactly("2");
        assertThat(cli.ok("current").out()).isEqualTo("aaaaaaaaaaa2 (head)\n");
        assertThat(cli.ok("history", "-i").out()).contains("aaaaaaaaaaa2 (head) (current)");

        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT version_num FROM meta.retort_version")).containsExactly("aaaaaaaaaaa1");
        cli.ok("stamp", "head");
        assertThat(cli.ok("current").out()).isEqualTo("aaaaaaaaaaa2 (head)\n");
        cli.ok("stamp", "--purge", "aaaaaaaaaaa1");
        assertThat(cli.column("SELECT version_num FROM meta.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT direction FROM meta.retort_history ORDER BY id"))
                .containsExactly("upgrade", "upgrade", "downgrade", "stamp", "stamp");
        assertThat(cli.column("SELECT to_regclass('public.retort_version')::text")).containsOnlyNulls();
    }

    @Test
    void theScaffoldOffersTheKeyReadyToUncomment() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Files.delete(dir.resolve("retort.toml"));
        cli.ok("init", ".");
        String scaffold = Files.readString(dir.resolve("retort.toml"));
        assertThat(scaffold).contains("# version_table_schema = \"retort\"\n");
        cli.write("retort.toml", scaffold.replace("# version_table_schema", "version_table_schema"));
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        Cli.Result r = cli.ok("upgrade", "head");
        assertThat(r.err()).doesNotContain("unknown key");
        assertThat(cli.column("SELECT version_num FROM retort.retort_version")).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void aUserWithOnlyTheSchemaMayRunAndOneWithoutItIsToldWhatToGrant() {
        Cli cli = project();
        String role = "vts_" + Long.toHexString(System.nanoTime());
        cli.execute("CREATE ROLE " + role + " LOGIN");
        cli.execute("CREATE SCHEMA meta");
        cli.execute("GRANT USAGE, CREATE ON SCHEMA meta TO " + role);
        cli.sql("bbbbbbbbbbb1", "none", "settings", "CREATE TABLE meta.settings (k text);",
                "DROP TABLE meta.settings;");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + role);
        // The role may not create schemas in the database: the schema being there must be enough.
        cli.ok("upgrade", "head");
        assertThat(cli.ok("current").out()).isEqualTo("bbbbbbbbbbb1 (head)\n");

        cli.write("retort.toml", "version_table_schema = \"locked\"\n");
        cli.execute("CREATE SCHEMA locked");
        Cli.Result refused = cli.run("current");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("retort: Retort cannot keep its version table in schema locked "
                + "(version_table_schema): ERROR: permission denied for schema locked; grant USAGE and CREATE on "
                + "schema locked to the user Retort connects as (or create the schema for it), or choose another "
                + "schema.\n");
        cli.write("retort.toml", "version_table_schema = \"missing\"\n");
        Cli.Result cannotCreate = cli.run("upgrade", "head");
        assertThat(cannotCreate.exitCode()).isEqualTo(1);
        assertThat(cannotCreate.err()).contains("Retort cannot keep its version table in schema missing "
                + "(version_table_schema): ERROR: permission denied for database").contains("or choose another schema.")
                .doesNotContain("\tat ");
    }

    @Test
    void autogenerateAndCheckLeaveRetortsTablesAndTheirSchemaAlone() {
        Cli cli = project();
        String devUrl = TestPostgres.freshDatabase() + "?user=postgres";
        // The model manages the very schema Retort keeps its tables in.
        cli.write("schema.sql", "CREATE SCHEMA meta;\nCREATE TABLE meta.settings (k text PRIMARY KEY);\n"
                + "CREATE TABLE users (id int PRIMARY KEY);\n");
        cli.write("retort.toml", "version_table_schema = \"meta\"\n[models]\nschema_file = \"schema.sql\"\n"
                + "dev_url = \"" + devUrl + "\"\n");
        cli.ok("revision", "--autogenerate", "-m", "init", "--rev-id", "ccccccccccc1");
        String migration = read(dir.resolve("migrations/versions").toFile().listFiles()[0].toPath());
        assertThat(migration).contains("settings").contains("users").doesNotContain("createSchema")
                .doesNotContain("dropSchema").doesNotContain("retort_");
        cli.ok("upgrade", "head");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
        cli.ok("downgrade", "base");
        cli.ok("upgrade", "head");

        // A model without the schema, compared in it: its table goes, Retort's tables and the schema stay.
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        cli.write("retort.toml", "version_table_schema = \"meta\"\n[models]\nschema_file = \"schema.sql\"\n"
                + "schemas = [\"public\", \"meta\"]\ndev_url = \"" + devUrl + "\"\n");
        Cli.Result drop = cli.run("check");
        assertThat(drop.exitCode()).isEqualTo(1);
        assertThat(drop.out()).contains("meta.settings").doesNotContain("retort_version")
                .doesNotContain("retort_history").doesNotContain("schema meta");
    }

    @Test
    void retortTestRunsTheHistoryWithTheTablesInTheChosenSchema() {
        Cli cli = project();
        cli.write("retort.toml", "version_table_schema = \"meta\"\n[test]\ndatabase_url = \""
                + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        twoMigrations(cli);
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Tested 2 revision(s)");
    }

    @Test
    void offlineScriptsNameTheTablesByTheirSchemaAndSurviveASearchPathChange() throws Exception {
        Cli cli = project();
        twoMigrations(cli);
        String up = cli.ok("upgrade", "--sql", "head").out();
        assertThat(up).contains("CREATE SCHEMA meta;").contains("CREATE TABLE IF NOT EXISTS meta.retort_version")
                .contains("CREATE TABLE IF NOT EXISTS meta.retort_history")
                .contains("INSERT INTO meta.retort_version (version_num) VALUES ('aaaaaaaaaaa1');")
                .contains("UPDATE meta.retort_version SET version_num = 'aaaaaaaaaaa2'")
                .contains("INSERT INTO meta.retort_history");
        psql(cli, up);
        assertThat(cli.ok("current").out()).isEqualTo("aaaaaaaaaaa2 (head)\n");

        String down = cli.ok("downgrade", "--sql", "aaaaaaaaaaa2:base").out();
        assertThat(down).contains("DELETE FROM meta.retort_version WHERE version_num = 'aaaaaaaaaaa1';");
        psql(cli, down);
        assertThat(cli.column("SELECT count(*) FROM meta.retort_version")).containsExactly("0");
        assertThat(cli.column("SELECT to_regclass('users')::text")).containsOnlyNulls();

        String stamp = cli.ok("stamp", "--sql", "aaaaaaaaaaa1").out();
        assertThat(stamp).contains("INSERT INTO meta.retort_version (version_num) VALUES ('aaaaaaaaaaa1');");
    }

    @Test
    void withoutTheKeyAScriptWhoseMigrationChangesSearchPathStillFindsTheTables() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        twoMigrations(cli);
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "more", "CREATE TABLE more (id int);", "DROP TABLE more;");
        String first = cli.ok("upgrade", "--sql", "aaaaaaaaaaa2").out();
        // The migration's search path ends with it, before its version row, which therefore finds the table where
        // the script started: no view or schema is needed to reach it.
        assertThat(first).contains("CREATE TABLE things (id int);\n\nRESET search_path;\n\nUPDATE retort_version "
                + "SET version_num = 'aaaaaaaaaaa2'").doesNotContain("TEMPORARY");
        String second = cli.ok("upgrade", "--sql", "aaaaaaaaaaa2:aaaaaaaaaaa3").out();
        // Both in one session, as `cat first.sql second.sql | psql` runs them: the second starts from the
        // connection's search path, not from the schema the first one's migration set.
        psql(cli, first + second);
        assertThat(cli.column("SELECT version_num FROM public.retort_version")).containsExactly("aaaaaaaaaaa3");
        assertThat(cli.column("SELECT count(*) FROM public.retort_history")).containsExactly("3");
        assertThat(cli.column("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                + "WHERE table_name IN ('users', 'things', 'more', 'retort_version') ORDER BY 1"))
                .containsExactly("other.things", "public.more", "public.retort_version", "public.users");
        assertThat(cli.ok("current").out()).isEqualTo("aaaaaaaaaaa3 (head)\n");

        String down = cli.ok("downgrade", "--sql", "aaaaaaaaaaa3:base").out();
        psql(cli, down);
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aDatabaseMigratedBeforeTheSchemaWasChosenIsNotTakenForAnEmptyOne() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        twoMigrations(cli);
        cli.ok("upgrade", "head");
        cli.write("retort.toml", "version_table_schema = \"meta\"\n");
        String before = cli.snapshot();

        String expected = "retort: Schema meta holds no version table retort_version, but public.retort_version "
                + "records revision aaaaaaaaaaa2 of these migrations, so the database was migrated before "
                + "version_table_schema was set; move Retort's tables with `CREATE SCHEMA IF NOT EXISTS meta; "
                + "ALTER TABLE public.retort_version SET SCHEMA meta; ALTER TABLE public.retort_history SET SCHEMA "
                + "meta;`, or unset version_table_schema.\n";
        for (String[] command : List.of(new String[] {"current"}, new String[] {"upgrade", "head"},
                new String[] {"stamp", "head"}, new String[] {"downgrade", "base"})) {
            Cli.Result r = cli.run(command);
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", command)).isEqualTo(expected);
        }
        assertThat(cli.snapshot()).isEqualTo(before);

        cli.execute("CREATE SCHEMA IF NOT EXISTS meta; ALTER TABLE public.retort_version SET SCHEMA meta; "
                + "ALTER TABLE public.retort_history SET SCHEMA meta;");
        assertThat(cli.ok("current").out()).isEqualTo("aaaaaaaaaaa2 (head)\n");
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("Running upgrade");
    }

    /**
     * version_table_schema changed from one schema to another, or unset, while the old schema keeps Retort's tables:
     * the new place is no empty database. A schema of nothing but Retort's tables is where a version_table_schema
     * kept them; a tenant's schema, which holds the tenant's tables too, is not.
     */
    @Test
    void aVersionTableLeftInTheSchemaChosenBeforeIsNotTakenForAnEmptyDatabase() {
        Cli cli = project();
        twoMigrations(cli);
        cli.ok("upgrade", "head");

        cli.write("retort.toml", "version_table_schema = \"retort_meta\"\n");
        Cli.Result moved = cli.run("upgrade", "head");
        assertThat(moved.exitCode()).as(moved.toString()).isEqualTo(1);
        assertThat(moved.err()).contains("Schema retort_meta holds no version table retort_version, but "
                + "meta.retort_version records revision aaaaaaaaaaa2 of these migrations",
                "set version_table_schema = \"meta\" again, or move Retort's tables with `CREATE SCHEMA IF NOT "
                        + "EXISTS retort_meta; ALTER TABLE meta.retort_version SET SCHEMA retort_meta; ALTER TABLE "
                        + "meta.retort_history SET SCHEMA retort_meta;`");
        assertThat(cli.column("SELECT to_regclass('retort_meta.retort_version')::text")).containsOnlyNulls();

        cli.write("retort.toml", "");
        Cli.Result unset = cli.run("current");
        assertThat(unset.exitCode()).as(unset.toString()).isEqualTo(1);
        assertThat(unset.err()).contains("The search path finds no version table retort_version, but "
                + "meta.retort_version records revision aaaaaaaaaaa2 of these migrations",
                "set version_table_schema = \"meta\" again, or move Retort's tables with `ALTER TABLE "
                        + "meta.retort_version SET SCHEMA public; ALTER TABLE meta.retort_history SET SCHEMA public;`");

        // A tenant's schema holds the tenant's tables beside Retort's: a new tenant starts from the beginning.
        cli.execute("CREATE TABLE meta.users (id int)");
        cli.write("retort.toml", "version_table_schema = \"retort_meta\"\n");
        cli.execute("DROP TABLE public.users; DROP TABLE other.things; DROP SCHEMA other");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT version_num FROM retort_meta.retort_version")).containsExactly("aaaaaaaaaaa2");
    }

    /**
     * Each tenant's Retort tables in a schema of their own beside the tenant's: a new tenant finds the others' schemas
     * of nothing but Retort's tables, whose revisions made their tables in those tenants' schemas, not in its own.
     * Moving the tables into the tenants' own schemas is still a change that must not take a tenant for an empty one.
     */
    @Test
    void aSchemaOfRetortsTablesForEachTenantDoesNotStopANewTenant() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.write("retort.toml", "version_table_schema = \"${TENANT}_meta\"\n");
        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=${TENANT},public\n");
        cli.environment.remove("DATABASE_URL");
        cli.execute("CREATE SCHEMA acme; CREATE SCHEMA globex");
        for (String tenant : List.of("acme", "globex")) {
            cli.environment.put("TENANT", tenant);
            Cli.Result r = cli.run("upgrade", "head");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Running upgrade -> aaaaaaaaaaa1");
            assertThat(cli.column("SELECT version_num FROM " + tenant + "_meta.retort_version"))
                    .containsExactly("aaaaaaaaaaa1");
            assertThat(cli.column("SELECT to_regclass('" + tenant + ".users')::text"))
                    .containsExactly(tenant + ".users");
        }

        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n");
        cli.environment.put("TENANT", "acme");
        Cli.Result moved = cli.run("upgrade", "head");
        assertThat(moved.exitCode()).as(moved.toString()).isEqualTo(1);
        assertThat(moved.err()).contains("Schema acme holds no version table retort_version, but "
                + "acme_meta.retort_version records revision aaaaaaaaaaa1 of these migrations", "set "
                + "version_table_schema = \"acme_meta\" again");
    }

    /**
     * A schema per tenant whose revisions so far made no table (a type, or nothing in the schema at all) holds nothing
     * but Retort's tables, as a schema version_table_schema chose alone does: a new tenant is still migrated.
     */
    @Test
    void aTenantWhoseRevisionsMadeNoTableDoesNotStopANewTenant() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "mood", "CREATE TYPE mood AS ENUM ('ok', 'sad');", "DROP TYPE mood;");
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n");
        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=${TENANT},public\n");
        cli.environment.remove("DATABASE_URL");
        for (String tenant : List.of("tenant_a", "tenant_b")) {
            cli.environment.put("TENANT", tenant);
            Cli.Result r = cli.run("upgrade", "head");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(cli.column("SELECT to_regtype('" + tenant + ".mood')::text")).containsExactly(tenant + ".mood");
        }

        // Revisions that make nothing in the tenant's schema (a setting, data elsewhere) leave no trace of the tenant.
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\nscript_location = \"second\"\n");
        cli.write("second/versions/aaaaaaaaaaa2_nothing.sql", "-- revision: aaaaaaaaaaa2\n-- down_revision: none\n"
                + "-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 1;\n");
        for (String tenant : List.of("second_a", "second_b")) {
            cli.environment.put("TENANT", tenant);
            Cli.Result r = cli.run("upgrade", "head");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(cli.column("SELECT version_num FROM " + tenant + ".retort_version"))
                    .containsExactly("aaaaaaaaaaa2");
        }
    }

    /**
     * A database whose version table's revisions left no trace (a restored dump carries the restore's transactions, a
     * stamp made nothing): the table kept before is still taken for this target's while its schema holds tables.
     */
    @Test
    void aVersionTableLeftBeforeWithoutATraceOfItsRevisionsStillStopsADatabaseThatHoldsTables() {
        Cli cli = project();
        twoMigrations(cli);
        cli.execute("CREATE TABLE users (id int)");
        cli.ok("stamp", "aaaaaaaaaaa1");
        cli.write("retort.toml", "version_table_schema = \"retort_meta\"\n");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("but meta.retort_version records revision aaaaaaaaaaa1 of these migrations");
    }

    @Test
    void theMoveStatementsRunAsGivenForASchemaNamedInMixedCase() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        twoMigrations(cli);
        cli.ok("upgrade", "head");
        cli.write("retort.toml", "version_table_schema = \"Meta\"\n");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        String statements = r.err().substring(r.err().indexOf('`') + 1, r.err().lastIndexOf('`'));
        assertThat(statements).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"Meta\"; ALTER TABLE public.retort_version SET "
                + "SCHEMA \"Meta\"; ALTER TABLE public.retort_history SET SCHEMA \"Meta\";");
        cli.execute(statements);
        assertThat(cli.ok("current").out()).isEqualTo("aaaaaaaaaaa2 (head)\n");
        assertThat(cli.column("SELECT version_num FROM \"Meta\".retort_version")).containsExactly("aaaaaaaaaaa2");
    }

    @Test
    void aSchemaPerTenantIsMigratedBesideTheTablesOfAnother() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        twoMigrations(cli);
        cli.ok("upgrade", "head");
        cli.execute("DROP SCHEMA other CASCADE");
        cli.write("retort.toml", "version_table_schema = \"tenant2\"\n");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=tenant2");
        cli.ok("upgrade", "aaaaaaaaaaa1");
        assertThat(cli.column("SELECT version_num FROM tenant2.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT to_regclass('tenant2.users')::text")).containsExactly("tenant2.users");
        assertThat(cli.column("SELECT version_num FROM public.retort_version")).containsExactly("aaaaaaaaaaa2");
    }

    /**
     * A schema per tenant, with {@code public} after the tenant's schema on the search path (for the extensions kept
     * there), where the same migrations also built a shared schema (or a first tenant). A new tenant is no database
     * migrated before the key was set: its migrations run in its schema, as the path sends them there.
     */
    @Test
    void aNewTenantIsNotTakenForADatabaseMigratedBeforeTheKeyWhenPublicHoldsTheSameRevisions() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.ok("upgrade", "head");
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n");
        // In .env, where ${TENANT} expands from the environment of each run.
        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=${TENANT},public\n");
        cli.environment.remove("DATABASE_URL");
        cli.execute("CREATE SCHEMA tenant_b");
        for (String tenant : List.of("tenant_a", "tenant_b")) {
            cli.environment.put("TENANT", tenant);
            Cli.Result r = cli.run("upgrade", "head");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Running upgrade -> aaaaaaaaaaa1");
            assertThat(cli.column("SELECT version_num FROM " + tenant + ".retort_version"))
                    .containsExactly("aaaaaaaaaaa1");
            assertThat(cli.column("SELECT to_regclass('" + tenant + ".users')::text"))
                    .containsExactly(tenant + ".users");
        }
        assertThat(cli.column("SELECT version_num FROM public.retort_version")).containsExactly("aaaaaaaaaaa1");

        // With the chosen schema behind public on the path, the tables went to public: that is still the database
        // of before, which the key would otherwise take for an empty one.
        cli.environment.put("TENANT", "tenant_c");
        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=public,${TENANT}\n");
        Cli.Result behind = cli.run("upgrade", "head");
        assertThat(behind.exitCode()).isEqualTo(1);
        assertThat(behind.err()).contains("Schema tenant_c holds no version table retort_version, but "
                + "public.retort_version records revision aaaaaaaaaaa1");
    }

    /**
     * A shared target whose Retort tables have a schema of their own (meta) and whose tables went to public, beside
     * tenants with a schema each: a new tenant was taken for the shared target, told that version_table_schema named
     * meta before, and told to move meta's tables into its schema, which then said it was at head with no table.
     */
    @Test
    void aSharedTargetsSchemaOfRetortsTablesDoesNotStopANewTenantWithASchemaOfItsOwn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n");
        cli.environment.put("TENANT", "meta");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT to_regclass('public.users')::text")).containsExactly("users");

        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=${TENANT},public\n");
        cli.environment.remove("DATABASE_URL");
        cli.environment.put("TENANT", "tenant_a");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cli.column("SELECT to_regclass('tenant_a.users')::text")).containsExactly("tenant_a.users");
        assertThat(cli.column("SELECT version_num FROM tenant_a.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT version_num FROM meta.retort_version")).containsExactly("aaaaaaaaaaa1");
    }

    /** The tenant comes from the command's -x, which retort.toml reads as the Java migrations do. */
    @Test
    void anXArgumentChoosesTheTenantsSchema() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.write("retort.toml", "database_url = \"" + cli.jdbcUrl + "?user=postgres&currentSchema=${tenant},public\"\n"
                + "version_table_schema = \"${tenant}\"\n");
        cli.environment.remove("DATABASE_URL");
        for (String tenant : List.of("tenant_a", "tenant_b")) {
            cli.ok("-x", "tenant=" + tenant, "upgrade", "head");
            assertThat(cli.column("SELECT version_num FROM " + tenant + ".retort_version"))
                    .containsExactly("aaaaaaaaaaa1");
            assertThat(cli.column("SELECT to_regclass('" + tenant + ".users')::text"))
                    .containsExactly(tenant + ".users");
        }
        assertThat(cli.ok("-x", "tenant=tenant_b", "current").out()).contains("aaaaaaaaaaa1 (head)");
        assertThat(cli.column("SELECT to_regclass('public.users')::text")).containsOnlyNulls();

        Cli.Result forgot = cli.run("upgrade", "head");
        assertThat(forgot.exitCode()).as(forgot.toString()).isNotZero();
        assertThat(forgot.err()).contains("refers to ${tenant}, which is not given with -x, nor set in the "
                + "environment or .env");
    }

    /**
     * A tenant named with capitals: unquoted in currentSchema, PostgreSQL folds it to lower case, while
     * version_table_schema keeps it as written. The run stops before it changes anything, rather than putting the
     * tenant's tables in public and its version table in a schema that then stops every later tenant.
     */
    @Test
    void aTenantNamedWithCapitalsMustBeQuotedOnTheSearchPath() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        String url = "database_url = \"" + cli.jdbcUrl + "?user=postgres&currentSchema=";
        cli.write("retort.toml", url + "${tenant},public\"\nversion_table_schema = \"${tenant}\"\n");
        cli.environment.remove("DATABASE_URL");
        cli.ok("-x", "tenant=tenant_acme", "upgrade", "head");
        for (List<String> command : List.of(List.of("upgrade", "head"), List.of("current"))) {
            List<String> args = new ArrayList<>(List.of("-x", "tenant=Tenant_Globex"));
            args.addAll(command);
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("retort: The session's search_path is Tenant_Globex,public, which resolves "
                    + "to schema public: it names tenant_globex, not Tenant_Globex, the version_table_schema, as "
                    + "PostgreSQL folds a name written without double quotes to lower case. Nothing was changed; write "
                    + "the name in double quotes in the search path (%22Tenant_Globex%22 in a URL's currentSchema), or "
                    + "use lower case.\n");
        }
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname ILIKE 'tenant_globex'")).isEmpty();
        assertThat(cli.column("SELECT to_regclass('public.users')::text")).containsOnlyNulls();
        // The next tenant is not stopped by what the one before left.
        cli.ok("-x", "tenant=tenant_initech", "upgrade", "head");
        assertThat(cli.column("SELECT to_regclass('tenant_initech.users')::text"))
                .containsExactly("tenant_initech.users");

        // Quoted, the name keeps its capitals, as version_table_schema does.
        cli.write("retort.toml", url + "%22${tenant}%22,public\"\nversion_table_schema = \"${tenant}\"\n");
        cli.ok("-x", "tenant=Tenant_Globex", "upgrade", "head");
        assertThat(cli.column("SELECT version_num FROM \"Tenant_Globex\".retort_version"))
                .containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT to_regclass('\"Tenant_Globex\".users')::text"))
                .containsExactly("\"Tenant_Globex\".users");

        // A search path that quotes the capitals a lower-case version_table_schema does not have stops the same way.
        cli.write("retort.toml", url + "%22Tenant_Globex%22,public\"\nversion_table_schema = \"tenant_globex\"\n");
        Cli.Result quoted = cli.run("current");
        assertThat(quoted.exitCode()).as(quoted.toString()).isEqualTo(1);
        assertThat(quoted.err()).contains("which resolves to schema Tenant_Globex: it names Tenant_Globex, not "
                + "tenant_globex, the version_table_schema, as PostgreSQL keeps the capitals of a name in double "
                + "quotes. Nothing was changed; set version_table_schema = \"Tenant_Globex\", or write the name in "
                + "the search path without double quotes.");
    }

    @Test
    void anotherProjectsVersionTableOnTheSearchPathIsNoneOfItsBusiness() {
        Cli cli = project();
        twoMigrations(cli);
        cli.execute("CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY); "
                + "INSERT INTO retort_version VALUES ('dddddddddddd')");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT version_num FROM meta.retort_version")).containsExactly("aaaaaaaaaaa2");
        assertThat(cli.column("SELECT version_num FROM public.retort_version")).containsExactly("dddddddddddd");
    }

    @Test
    void projectsWithASchemaEachDoNotWaitForOneAnother() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE TABLE gate (id int)");
        cli.write("a.toml", "script_location = \"a\"\nversion_table_schema = \"app_a\"\nlock_timeout = \"0\"\n");
        cli.write("b.toml", "script_location = \"b\"\nversion_table_schema = \"app_b\"\n");
        cli.write("a/versions/aaaaaaaaaaa1_waits.sql", "-- revision: aaaaaaaaaaa1\n-- down_revision: none\n"
                + "-- +upgrade\nLOCK TABLE gate;\n-- +downgrade\nSELECT 1;\n");
        cli.write("b/versions/bbbbbbbbbbb1_quick.sql", "-- revision: bbbbbbbbbbb1\n-- down_revision: none\n"
                + "-- +upgrade\nCREATE TABLE b_things (id int);\n-- +downgrade\nDROP TABLE b_things;\n");
        Process a = null;
        Process b = null;
        try (java.sql.Connection holder = cli.connect(); java.sql.Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE gate");
            a = cli.start(dir.resolve("a.log"), "-c", "a.toml", "upgrade", "head");
            // Project a holds its lock, its migration waiting for the gate.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cli.column("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE '%LOCK TABLE gate%' AND pid <> pg_backend_pid()").isEmpty()) {
                assertThat(System.nanoTime()).as("project a reached its migration").isLessThan(deadline);
                Thread.sleep(50);
            }
            b = cli.start(dir.resolve("b.log"), "-c", "b.toml", "upgrade", "head");
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).as("project b did not wait for project a").isTrue();
            String bLog = Files.readString(dir.resolve("b.log"));
            assertThat(b.exitValue()).as(bLog).isZero();
            assertThat(bLog).doesNotContain("Waiting for another retort run");
            holder.commit();
            assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();
        } finally {
            for (Process p : new Process[] {a, b}) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
        assertThat(cli.column("SELECT version_num FROM app_a.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT version_num FROM app_b.retort_version")).containsExactly("bbbbbbbbbbb1");
    }

    /**
     * Without version_table_schema, a new tenant's connection (its schema first, public after it) finds the version
     * table of public: a warning says so, once a command, and what to set.
     */
    @Test
    void aVersionTableFurtherAlongTheSearchPathThanTheConnectionsSchemaIsWarnedOf() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "more", "CREATE TABLE more (id int);", "DROP TABLE more;");
        cli.ok("upgrade", "aaaaaaaaaaa1");
        assertThat(cli.ok("current").err()).doesNotContain("warning");
        cli.execute("CREATE SCHEMA tenant_new");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=tenant_new,public");
        String warning = "warning: Retort's version table is public.retort_version, further along the search path "
                + "than tenant_new, the schema the connection creates tables in: the migrations' tables go to "
                + "tenant_new and the rows that record them to public. For a schema per tenant, set "
                + "version_table_schema to the tenant's schema; to keep this table, set version_table_schema = "
                + "\"public\".\n";
        assertThat(cli.ok("current").err()).isEqualTo(warning);
        Cli.Result upgrade = cli.ok("upgrade", "head");
        assertThat(upgrade.err()).startsWith(warning).containsOnlyOnce("warning:");
    }

    @Test
    void aTenantSchemaThatDoesNotExistIsNamedAsWhatToCreate() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=tenant_new");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("retort: Retort cannot create its version table retort_version (ERROR: no schema "
                + "has been selected to create in): no schema on the connection's search path exists; create the "
                + "schema the URL's currentSchema (or the user's search_path) names, or set version_table_schema to "
                + "it, which Retort creates when missing.\n");
        cli.write("retort.toml", "version_table_schema = \"tenant_new\"\n");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'tenant_new'")).containsExactly("3");
    }

    /**
     * A deploy loop over three tenants whose second fails: the message names that tenant's version table, the first
     * stays migrated and the third untouched.
     */
    @Test
    void aTenantThatFailsIsNamedAndLeavesTheOthersWhereTheyAre() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n");
        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=${TENANT}\n");
        cli.environment.remove("DATABASE_URL");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        List<String> tenants = List.of("tenant_a", "tenant_b", "tenant_c");
        for (String tenant : tenants) {
            cli.environment.put("TENANT", tenant);
            cli.ok("upgrade", "head");
        }
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "audit", "CREATE TABLE audit (id int);", "DROP TABLE audit;");
        cli.execute("CREATE TABLE tenant_b.audit (id int)");
        Cli.Result failed = null;
        for (String tenant : tenants) {
            cli.environment.put("TENANT", tenant);
            Cli.Result r = cli.run("upgrade", "head");
            if (r.exitCode() != 0) {
                failed = r;
                break;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.err()).contains("ERROR: relation \"audit\" already exists. The revision was rolled back; "
                + "the version table tenant_b.retort_version stays at aaaaaaaaaaa1.");
        assertThat(cli.column("SELECT version_num FROM tenant_a.retort_version")).containsExactly("aaaaaaaaaaa2");
        assertThat(cli.column("SELECT version_num FROM tenant_b.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT version_num FROM tenant_c.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT to_regclass('tenant_c.audit')::text")).containsOnlyNulls();
    }

    /**
     * Tenants told apart by the connection alone ({@code ?currentSchema=}), without version_table_schema: each run's
     * lock is keyed by the schema its version table is in, so one tenant's run does not wait for another's, while
     * two runs on one tenant's table queue, however they name its schema.
     */
    @Test
    void tenantsFoundByTheSearchPathDoNotWaitForOneAnother() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA tenant_a; CREATE TABLE tenant_a.gate (id int); CREATE SCHEMA tenant_b; "
                + "CREATE TABLE tenant_b.gate (id int)");
        cli.sql("aaaaaaaaaaa1", "none", "waits", "LOCK TABLE gate;\nCREATE TABLE things (id int);",
                "DROP TABLE things;");
        String url = cli.jdbcUrl + "?user=postgres&currentSchema=";
        String waiting = "Waiting for another retort run on this database";
        Process a = null;
        Process b = null;
        Process sameTable = null;
        try (java.sql.Connection holder = cli.connect(); java.sql.Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE tenant_a.gate");
            a = cli.start(dir.resolve("a.log"), "--url", url + "tenant_a", "upgrade", "head");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cli.column("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE '%LOCK TABLE gate%' AND pid <> pg_backend_pid()").isEmpty()) {
                assertThat(System.nanoTime()).as("tenant a reached its migration").isLessThan(deadline);
                Thread.sleep(50);
            }
            b = cli.start(dir.resolve("b.log"), "--url", url + "tenant_b,public", "upgrade", "head");
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).as("tenant b did not wait for tenant a").isTrue();
            String bLog = Files.readString(dir.resolve("b.log"));
            assertThat(b.exitValue()).as(bLog).isZero();
            assertThat(bLog).doesNotContain(waiting);

            // Tenant a's table again, named by version_table_schema this time: the same lock.
            cli.write("named.toml", "script_location = \"migrations\"\nversion_table_schema = \"tenant_a\"\n");
            sameTable = cli.start(dir.resolve("same.log"), "-c", "named.toml", "--url", url + "tenant_a",
                    "upgrade", "head");
            while (!Files.readString(dir.resolve("same.log")).contains(waiting)) {
                assertThat(sameTable.isAlive()).as(Files.readString(dir.resolve("same.log"))).isTrue();
                assertThat(System.nanoTime()).as("the second run on tenant a waits").isLessThan(deadline);
                Thread.sleep(50);
            }
            holder.commit();
            assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();
            assertThat(sameTable.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("same.log"))).contains("Nothing to upgrade");
        } finally {
            for (Process p : new Process[] {a, b, sameTable}) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
        assertThat(cli.column("SELECT version_num FROM tenant_a.retort_version")).containsExactly("aaaaaaaaaaa1");
        assertThat(cli.column("SELECT version_num FROM tenant_b.retort_version")).containsExactly("aaaaaaaaaaa1");
    }

    /** Runs {@code script} through psql, stopping at the first error, as a DBA handed the script would. */
    private void psql(Cli cli, String script) throws IOException, InterruptedException {
        URI uri = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        Path file = Files.writeString(dir.resolve("script.sql"), script);
        Process p = new ProcessBuilder(PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort()), "-U", "postgres", "-d", uri.getPath().substring(1),
                "-f", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
