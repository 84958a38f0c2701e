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
 * Autogenerate for a project whose models keep tables in {@code public} (unqualified) and in other schemas, one of
 * which the connection works in ({@code ?currentSchema=billing,public}): an unqualified table would land in
 * {@code billing} when the migration runs, so the migration names {@code public}'s tables, types, sequences and
 * extensions with their schema, and each lands where the model has it.
 */
class ConnectionSchemaAutogenerateTest {
    private static final String MODEL = """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE SCHEMA app;
            CREATE SCHEMA billing;
            CREATE TYPE status AS ENUM ('active', 'closed');
            CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL,
                status status NOT NULL DEFAULT 'active');
            CREATE INDEX ix_customers_name_trgm ON customers USING gin (name gin_trgm_ops);
            CREATE TABLE app.accounts (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers);
            CREATE TABLE billing.invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers);
            """;

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=billing,public");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n"
                + "schemas = [\"public\", \"app\", \"billing\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("schema.sql", MODEL);
    }

    private void upgradesToWhatTheModelSays() {
        cli.ok("upgrade", "head");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    private String schemaOf(String table) {
        return cli.column("SELECT string_agg(schemaname, ',') FROM pg_tables WHERE tablename = '" + table + "'")
                .get(0);
    }

    private void inTheirOwnSchemas() {
        assertThat(schemaOf("customers")).isEqualTo("public");
        assertThat(schemaOf("accounts")).isEqualTo("app");
        assertThat(schemaOf("invoices")).isEqualTo("billing");
        assertThat(cli.column("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"))
                .containsExactly("public");
        assertThat(cli.column("SELECT typnamespace::regnamespace::text FROM pg_type WHERE typname = 'status'"))
                .containsExactly("public");
        assertThat(cli.column("SELECT schemaname FROM pg_sequences WHERE sequencename = 'customers_id_seq'"))
                .containsExactly("public");
    }

    @Test
    void beforeTheConnectionsSchemaExistsTheMigrationThatCreatesItPutsPublicsTablesInPublic() throws IOException {
        Path first = cli.autogenerate("init", "--rev-id", "aaaaaaaaaaa1");
        upgradesToWhatTheModelSays();
        inTheirOwnSchemas();
        assertThat(Files.readString(first)).contains("op.createSchema(\"billing\")")
                .contains("op.createExtension(\"pg_trgm\").schema(\"public\")");

        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'app', 'billing') "
                + "AND tablename NOT LIKE 'retort%'")).containsExactly("0");
        assertThat(cli.column("SELECT count(*) FROM pg_namespace WHERE nspname IN ('app', 'billing')"))
                .containsExactly("0");
    }

    @Test
    void onceTheConnectionWorksInASchemaTheModelNamesPublicsTablesStillGoToPublic() {
        cli.execute("CREATE SCHEMA billing");
        cli.autogenerate("init", "--rev-id", "aaaaaaaaaaa1");
        upgradesToWhatTheModelSays();
        inTheirOwnSchemas();

        cli.write("schema.sql", MODEL + """
                CREATE TABLE notes (id int PRIMARY KEY, customer_id bigint REFERENCES customers);
                CREATE TABLE billing.payments (id int PRIMARY KEY, invoice_id bigint REFERENCES billing.invoices);
                """);
        cli.autogenerate("more", "--rev-id", "aaaaaaaaaaa2");
        upgradesToWhatTheModelSays();
        assertThat(schemaOf("notes")).isEqualTo("public");
        assertThat(schemaOf("payments")).isEqualTo("billing");
    }
}
