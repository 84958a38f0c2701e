package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autogenerate for a tenant whose schema does not exist yet: {@code current_schema()} passes over it to
 * {@code public}, but the run creates it ({@code version_table_schema}) before the first migration, so the migration's
 * unqualified tables land there, and the models are compared with an empty tenant, not with {@code public}'s tables.
 */
class NewTenantAutogenerateTest {
    private static final String MODEL = """
            CREATE TABLE users (id int PRIMARY KEY, email text);
            CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));
            """;

    @TempDir
    Path dir;
    Cli cli;
    String url;

    @BeforeEach
    void publicHoldsATableOfTheModelsName() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE TABLE public.users (id int PRIMARY KEY, legacy text); "
                + "INSERT INTO public.users VALUES (1, 'keep')");
        cli.write("schema.sql", MODEL);
        cli.environment.remove("DATABASE_URL");
        cli.environment.put("tenant", "tenant_a");
        url = cli.jdbcUrl + "?user=postgres&currentSchema=${tenant},public";
        models("version_table_schema = \"${tenant}\"\n", "");
    }

    private void models(String top, String more) {
        cli.write("retort.toml", "database_url = \"" + url + "\"\n" + top
                + "[models]\nschema_file = \"schema.sql\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n" + more);
    }

    private void publicIsUntouched() {
        assertThat(cli.column("SELECT legacy FROM public.users")).containsExactly("keep");
        assertThat(cli.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'orders'"))
                .containsExactly("0");
    }

    private void theFirstMigrationBuildsTheTenant(String tenant) throws IOException {
        Path file = cli.autogenerate("init");
        assertThat(Files.readString(file)).contains("op.createTable(\"users\"").contains("op.createTable(\"orders\"")
                .doesNotContain("legacy").doesNotContain("\"public").doesNotContain(tenant);
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT tablename FROM pg_tables WHERE schemaname = '" + tenant + "' ORDER BY 1"))
                .containsExactly("orders", "retort_history", "retort_version", "users");
        assertThat(cli.column("SELECT confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"))
                .containsExactly(tenant + ".users");
        publicIsUntouched();
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void theFirstMigrationOfATenantWithoutASchemaBuildsItsTablesAndLeavesPublicAlone() throws IOException {
        theFirstMigrationBuildsTheTenant("tenant_a");
    }

    @Test
    void aSearchPathSetByOptionsIsReadTheSameWay() throws IOException {
        url = cli.jdbcUrl + "?user=postgres&options=-csearch_path%3D${tenant},public";
        models("version_table_schema = \"${tenant}\"\n", "");
        theFirstMigrationBuildsTheTenant("tenant_a");
    }

    @Test
    void aSingleApplicationSchemaNotCreatedYetIsTheOneCompared() throws IOException {
        url = cli.jdbcUrl + "?user=postgres&currentSchema=app";
        models("version_table_schema = \"app\"\n", "");
        theFirstMigrationBuildsTheTenant("app");
    }

    @Test
    void theTenantNamedInSchemasIsComparedWhileItDoesNotExist() {
        models("version_table_schema = \"${tenant}\"\n", "schemas = [\"${tenant}\"]\n");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("create table users").contains("create table orders")
                .doesNotContain("legacy");
        publicIsUntouched();
    }

    @Test
    void aMissingSchemaFirstOnThePathThatNoRunCreatesIsRefused() {
        models("", "");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).contains("names schema tenant_a first, which does not exist")
                .contains("set version_table_schema = \"tenant_a\"");
        assertThat(check.out()).doesNotContain("legacy");
    }
}
