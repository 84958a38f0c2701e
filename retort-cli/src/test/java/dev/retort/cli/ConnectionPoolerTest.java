package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pooler that does not pass on the search path a tenant's URL asks for ({@code ?currentSchema=}): refused with a
 * sentence that says what to do, before the migrations' tables go to another schema than the tenant's. The pooler is
 * played by {@link StartupProxy}, as PgBouncer treats a start-up parameter it does not track.
 */
class ConnectionPoolerTest {
    @TempDir
    Path dir;

    private static String database(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    private static Cli tenantProject(Path dir, String jdbcUrl) {
        Cli cli = new Cli(dir, jdbcUrl);
        cli.write("retort.toml", "version_table_schema = \"tenant_a\"\n");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        return cli;
    }

    @Test
    void aSearchPathThePoolerRefusesIsNamedWithWhatToDo() throws Exception {
        String jdbcUrl = TestPostgres.freshDatabase();
        Cli cli = tenantProject(dir, jdbcUrl);
        try (StartupProxy proxy = StartupProxy.refusing(TestPostgres.shared().port(), "search_path")) {
            String url = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + database(jdbcUrl)
                    + "?currentSchema=tenant_a";
            Cli.Result r = cli.run("--url", url, "upgrade", "head");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("retort: Could not connect to " + url + " (from --url): FATAL: unsupported "
                    + "startup parameter: search_path. A connection pooler (PgBouncer) stands between Retort and "
                    + "PostgreSQL and does not pass on what the URL sets there (currentSchema is sent as search_path); "
                    + "connect Retort to PostgreSQL directly, or have the server set it (ALTER ROLE ... SET "
                    + "search_path), rather than listing it in PgBouncer's ignore_startup_parameters, which drops "
                    + "it.\n");
        }
    }

    @Test
    void aSearchPathThePoolerDropsIsRefusedBeforeTheMigrationsGoToAnotherSchema() throws Exception {
        String jdbcUrl = TestPostgres.freshDatabase();
        Cli cli = tenantProject(dir, jdbcUrl);
        try (StartupProxy proxy = StartupProxy.dropping(TestPostgres.shared().port(), "search_path")) {
            String url = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + database(jdbcUrl)
                    + "?currentSchema=tenant_a";
            Cli.Result r = cli.run("--url", url, "upgrade", "head");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("retort: The URL in --url asks for currentSchema=tenant_a, but the session's "
                    + "search_path is \"$user\", public: something between Retort and PostgreSQL dropped it (PgBouncer "
                    + "with search_path in ignore_startup_parameters), and the migrations' tables would go to the "
                    + "wrong schema. Nothing was changed; connect Retort to PostgreSQL directly, or have the server "
                    + "set the search path (ALTER ROLE ... SET search_path).\n");
            assertThat(cli.column("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_a'")).containsExactly("0");
            assertThat(cli.tableExists("users")).isFalse();

            // A role whose search path the server sets passes through any pooler.
            cli.execute("ALTER ROLE postgres IN DATABASE " + database(jdbcUrl) + " SET search_path = tenant_a");
            try {
                String byRole = url.substring(0, url.indexOf('?'));
                Cli.Result ok = cli.run("--url", byRole, "upgrade", "head");
                assertThat(ok.exitCode()).as(ok.toString()).isZero();
                assertThat(cli.column("SELECT schemaname FROM pg_tables WHERE tablename = 'users'"))
                        .containsExactly("tenant_a");
            } finally {
                cli.execute("ALTER ROLE postgres IN DATABASE " + database(jdbcUrl) + " RESET search_path");
            }
        }
    }

    @Test
    void aPoolerThatPassesTheSearchPathOnChangesNothing() throws Exception {
        String jdbcUrl = TestPostgres.freshDatabase();
        Cli cli = tenantProject(dir, jdbcUrl);
        try (StartupProxy proxy = StartupProxy.dropping(TestPostgres.shared().port(), "no_such_parameter")) {
            String url = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + database(jdbcUrl)
                    + "?currentSchema=tenant_a";
            Cli.Result r = cli.run("--url", url, "upgrade", "head");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(cli.column("SELECT to_regclass('tenant_a.users')::text")).containsExactly("tenant_a.users");
        }
    }
}
