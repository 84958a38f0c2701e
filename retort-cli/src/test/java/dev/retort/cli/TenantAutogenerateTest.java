package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autogenerate for a schema per tenant: the models' unqualified tables are compared with those of the schema the
 * tenant's connection works in ({@code ?currentSchema=}), and the migration written is unqualified, so that it builds
 * the same tables in every tenant's schema.
 */
class TenantAutogenerateTest {
    private static final List<String> TENANTS = List.of("tenant_a", "tenant_b");

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void tenantsAtTheFirstRevision() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        // Extensions live in public, after the tenant's schema on the path; public also holds a shared table.
        cli.execute("CREATE EXTENSION citext; CREATE TABLE public.plans (id int PRIMARY KEY)");
        cli.environment.remove("DATABASE_URL");
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n");
        cli.write(".env", "DATABASE_URL=" + cli.jdbcUrl + "?user=postgres&currentSchema=${TENANT},public\n");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
                + "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email citext NOT NULL, "
                + "mood mood);", "DROP TABLE users;\nDROP TYPE mood;");
        for (String tenant : TENANTS) {
            tenant(tenant).ok("upgrade", "head");
        }
        cli.write("schema.sql", """
                CREATE EXTENSION IF NOT EXISTS citext;
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email citext NOT NULL,
                    mood mood);
                CREATE SEQUENCE order_numbers;
                CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('order_numbers'),
                    user_id bigint NOT NULL REFERENCES users (id), mood mood);
                CREATE INDEX ix_orders_user_id ON orders (user_id);
                """);
    }

    private Cli tenant(String tenant) {
        cli.environment.put("TENANT", tenant);
        return cli;
    }

    private void models(String more) {
        cli.write("retort.toml", "version_table_schema = \"${TENANT}\"\n[models]\nschema_file = \"schema.sql\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n" + more);
    }

    private void writesAMigrationEveryTenantTakes() throws IOException {
        Path file = tenant("tenant_a").autogenerate("orders", "--rev-id", "aaaaaaaaaaa2");
        String migration = Files.readString(file);
        assertThat(migration).contains("op.createTable(\"orders\"").contains("op.createSequence(\"order_numbers\")")
                .doesNotContain("tenant_").doesNotContain("public.").doesNotContain("createTable(\"users")
                .doesNotContain("plans").doesNotContain("Extension").doesNotContain("retort_");
        for (String tenant : TENANTS) {
            tenant(tenant).ok("upgrade", "head");
            Cli.Result check = tenant(tenant).run("check");
            assertThat(check.exitCode()).as(tenant + "\n" + check).isZero();
            assertThat(cli.column("SELECT count(*) FROM pg_tables WHERE schemaname = '" + tenant
                    + "' AND tablename = 'orders'")).containsExactly("1");
        }
        assertThat(cli.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'orders'"))
                .containsExactly("0");
    }

    @Test
    void theTenantsOwnSchemaIsComparedWithoutSayingWhichItIs() throws IOException {
        models("");
        writesAMigrationEveryTenantTakes();
    }

    @Test
    void theTenantsSchemaNamedInSchemasIsComparedTheSameWay() throws IOException {
        models("schemas = [\"${TENANT}\"]\n");
        writesAMigrationEveryTenantTakes();
    }

    @Test
    void aModelThatNamesTheSchemaItselfIsComparedByThatName() {
        // The model qualifies its tables with the schema the connection works in: they keep the name on both sides.
        cli.write("schema.sql", "CREATE SCHEMA tenant_a;\nCREATE TABLE tenant_a.notes (id int);\n");
        models("");
        Cli.Result r = tenant("tenant_a").run("check");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("create table tenant_a.notes").contains("drop table tenant_a.users");
    }
}
