package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retort -x KEY=VALUE}: what Java migrations read with {@code op.argument(KEY)}, as Alembic's env.py does. */
class ExtraArgumentsTest {
    @TempDir
    Path dir;

    /** A migration that names its table after the tenant it is given, {@code shared} without one. */
    private static void writeOrdersPerTenant(Cli cli) {
        cli.write("migrations/versions/a00000000001_orders.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "a00000000001", message = "orders per tenant")
                class Orders_a00000000001 implements Migration {
                    public void upgrade(Operations op) {
                        String table = op.argument("tenant").orElse("shared") + "_orders";
                        op.createTable(table, Operations.column("id", "int"));
                        op.setTableComment(table, "made with " + op.arguments());
                    }
                    public void downgrade(Operations op) {
                        op.dropTable(op.argument("tenant").orElse("shared") + "_orders");
                    }
                }
                """);
    }

    @Test
    void aJavaMigrationNamesItsTableAfterTheTenantItIsGivenOnlineAndOffline() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeOrdersPerTenant(cli);

        Cli.Result sql = cli.ok("-x", "tenant=acme", "-x", "data=", "upgrade", "--sql", "base:head");

        assertThat(sql.out()).contains("CREATE TABLE acme_orders (\n    id int\n);")
                .contains("COMMENT ON TABLE acme_orders IS 'made with {tenant=acme, data=}';")
                .doesNotContain("shared");
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE shared_orders (")
                .contains("'made with {}'");

        cli.ok("-x", "tenant=acme", "upgrade", "head");

        assertThat(cli.tableExists("acme_orders")).isTrue();
        assertThat(cli.tableExists("shared_orders")).isFalse();
        cli.ok("-x", "tenant=acme", "downgrade", "base");
        assertThat(cli.tableExists("acme_orders")).isFalse();
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void theDatabaseUrlGivenWithDashXSetsTheDatabaseAndNoMigrationSeesIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeOrdersPerTenant(cli);
        cli.environment.remove("DATABASE_URL");

        upgradesThroughTheUrlGivenWithDashX(cli, "url");
    }

    @Test
    void theDatabaseUrlKeyIsTakenInAnyCase() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeOrdersPerTenant(cli);
        // A database no one listens on: the run reaches the real one only if -x URL= sets it.
        cli.environment.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere");

        upgradesThroughTheUrlGivenWithDashX(cli, "URL");
    }

    /**
     * {@code -x url=} repeated in other cases is one key: the last given wins, as for any other key repeated, and not
     * the first spelling that differs.
     */
    @Test
    void aDashXWithoutAKeyIsRefused() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeOrdersPerTenant(cli);

        Cli.Result r = cli.run("-x", "=acme", "upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("retort: -x =acme has no key before its '='; write -x KEY=VALUE, such as -x "
                + "tenant=acme.\n");
        assertThat(cli.versions()).isEmpty();
        Cli.Result noEquals = cli.run("-x", "acme", "upgrade", "head");
        assertThat(noEquals.exitCode()).as(noEquals.toString()).isEqualTo(2);
        assertThat(noEquals.err()).isEqualTo("retort: -x acme has no '='; write -x KEY=VALUE.\n");
        assertThat(cli.run("-x", "", "upgrade", "head").err()).isEqualTo("retort: -x '' has no '='; write -x "
                + "KEY=VALUE.\n");
    }

    @Test
    void ofDatabaseUrlsGivenWithDashXInSeveralCasesTheLastWins() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeOrdersPerTenant(cli);
        cli.environment.remove("DATABASE_URL");
        String nowhere = "postgresql://postgres@127.0.0.1:1/nowhere";

        cli.ok("-x", "url=" + nowhere, "-x", "URL=" + nowhere, "-x", "tenant=acme",
                "-x", "url=" + cli.jdbcUrl + "?user=postgres", "upgrade", "head");

        assertThat(cli.versions()).containsExactly("a00000000001");
        assertThat(cli.column("SELECT obj_description('acme_orders'::regclass)"))
                .containsExactly("made with {tenant=acme}");
    }

    /**
     * Upgrades with the database's URL, password and all, given as {@code -x KEY=...}, and another argument beside
     * it: the migration sees only the other, and no output shows the password.
     */
    private static void upgradesThroughTheUrlGivenWithDashX(Cli cli, String key) {
        String url = key + "=" + cli.jdbcUrl + "?user=postgres&password=s3cret-x";

        Cli.Result r = cli.ok("-x", url, "-x", "tenant=acme", "upgrade", "head");

        assertThat(cli.column("SELECT obj_description('acme_orders'::regclass)"))
                .containsExactly("made with {tenant=acme}");
        assertThat(r.out() + r.err()).doesNotContain("s3cret-x");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    /**
     * Lint, the empty downgrade's warning, the trace of a failed statement and {@code retort test} all record the
     * migration again: each is given the arguments, so none of them meets the error of a run without them.
     */
    @Test
    void everyCommandThatRecordsAJavaMigrationGivesItTheArguments() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String migration = """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "a00000000001", message = "tenant")
                class Tenant_a00000000001 implements Migration {
                    public void upgrade(Operations op) {
                        String tenant = op.argument("tenant")
                                .orElseThrow(() -> new IllegalStateException("give -x tenant=NAME"));
                        op.createTable(tenant + "_orders", Operations.column("id", "int"));
                        if (op.argument("break").isPresent()) {
                            op.execute("INSERT INTO " + tenant + "_missing VALUES (1)");
                        }
                    }
                    public void downgrade(Operations op) {
                        // nothing yet
                    }
                }
                """;
        cli.write("migrations/versions/a00000000001_tenant.java", migration);

        Cli.Result without = cli.run("lint");
        assertThat(without.exitCode()).as(without.toString()).isEqualTo(1);
        assertThat(without.out()).contains("error RT100 cannot be linted: ")
                .contains("a00000000001_tenant.java:9: upgrade() threw "
                + "java.lang.IllegalStateException: give -x tenant=NAME");
        cli.ok("-x", "tenant=acme", "lint");

        Cli.Result broken = cli.run("-x", "tenant=acme", "-x", "break=yes", "upgrade", "head");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.err()).contains("a00000000001_tenant.java:12) failed at statement `INSERT INTO acme_missing "
                + "VALUES (1)`");

        cli.ok("-x", "tenant=acme", "upgrade", "head");
        Cli.Result down = cli.ok("-x", "tenant=acme", "downgrade", "base");
        assertThat(down.err()).contains("warning: the downgrade of revision a00000000001 (a00000000001_tenant.java) "
                + "is empty, so reverting it undoes none of the 1 operation(s) of its upgrade");

        cli.write("migrations/versions/a00000000001_tenant.java", migration.replace("// nothing yet",
                "op.dropTable(op.argument(\"tenant\").orElseThrow() + \"_orders\");"));
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "script_location = \"migrations\"\n[test]\ndatabase_url = \"postgresql://postgres@"
                + db.getHost() + ":" + db.getPort() + "/postgres\"\n");
        assertThat(cli.run("test").err()).contains("give -x tenant=NAME");
        assertThat(cli.ok("-x", "tenant=acme", "test").out()).contains("Tested 1 revision(s)");
    }

    /** The data toggle of docs/operations.md. */
    @Test
    void dataIsLoadedOnlyWhenTheRunAsksForIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_colours.java", """
                import static dev.retort.operation.Operations.column;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "a00000000001", message = "colours")
                class Colours_a00000000001 implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        op.createTable("colours", column("name", "text").notNull());
                        if (op.argument("data").map(Boolean::parseBoolean).orElse(false)) {
                            op.bulkInsert("colours", "name").row("red").row("green");
                        }
                    }

                    @Override
                    public void downgrade(Operations op) {
                        op.dropTable("colours");
                    }
                }
                """);

        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT name FROM colours")).isEmpty();
        cli.ok("downgrade", "base");
        cli.ok("-x", "data=true", "upgrade", "head");
        assertThat(cli.column("SELECT name FROM colours ORDER BY name")).containsExactly("green", "red");
    }

    /** docs/java-api.md: an application passes the arguments to {@code ConfigLoader.load}. */
    @Test
    void anApplicationGivesItsMigrationsArgumentsThroughTheConfiguration() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeOrdersPerTenant(cli);

        Retort retort = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of("tenant", "globex"), Optional.of(cli.jdbcUrl + "?user=postgres")),
                RunListener.NONE, notice -> { });
        retort.upgrade("head");

        assertThat(cli.tableExists("globex_orders")).isTrue();
        assertThat(cli.column("SELECT obj_description('globex_orders'::regclass)"))
                .containsExactly("made with {tenant=globex}");
    }
}
