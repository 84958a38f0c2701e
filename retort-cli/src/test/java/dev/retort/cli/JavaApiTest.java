package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.revision.Plan;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls docs/java-api.md shows, as an application would make them at its start. */
class JavaApiTest {
    @TempDir
    Path dir;

    @Test
    void anApplicationUpgradesAtItsStartAndMeetsTheCommandLinesErrors() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        String url = cli.jdbcUrl + "?user=postgres";

        List<String> notices = new ArrayList<>();
        RetortConfig config = ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(url));
        Retort retort = new Retort(config, RunListener.NONE, notices::add);
        Plan plan = retort.upgrade("head");
        assertThat(plan.steps()).hasSize(2);
        assertThat(retort.upgrade("head").steps()).isEmpty();
        assertThat(retort.current()).extracting(r -> r.id()).containsExactly(ids.get(1));
        assertThat(cli.versions()).containsExactly(ids.get(1));

        // A failing migration: the command line's message, and the database where the last good one left it.
        cli.sql("aaaaaaaaaaa9", ids.get(1), "broken", "CREATE TABLE t_1 (id int);", "SELECT 1;");
        Retort again = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(url)), RunListener.NONE, notices::add);
        assertThatThrownBy(() -> again.upgrade("head")).isInstanceOf(RetortException.class)
                .hasMessageContaining("aaaaaaaaaaa9").hasMessageContaining("already exists");
        assertThat(cli.versions()).containsExactly(ids.get(1));
        assertThat(notices).isEmpty();
    }

    /**
     * A run's warnings that the command line prints (here: another tool's version table in a database where Retort
     * has recorded nothing) reach an application whose listener does not hear them, through SLF4J at WARN.
     */
    @Test
    void theRunsWarningsAreLoggedWhenTheListenerDoesNotHearThem() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "orders", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        cli.execute("CREATE TABLE flyway_schema_history (id int); CREATE TABLE users (id int)");
        List<String> notices = new ArrayList<>();
        Retort retort = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(cli.jdbcUrl + "?user=postgres")), RunListener.NONE,
                notices::add);

        String logged = stderrOf(() -> retort.upgrade("head"));

        assertThat(logged).contains("WARN").contains("Retort has recorded no revision in this database, but Flyway's "
                + "table public.flyway_schema_history is there");
        assertThat(logged.lines().filter(l -> l.contains("Retort has recorded no revision")).count()).isEqualTo(1);
        assertThat(notices).isEmpty();
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    /** The command line prints each warning once, in its own words: its listener hears it, so nothing is logged. */
    @Test
    void theCommandLinePrintsAWarningOnceAndLogsNothing() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "orders", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        cli.execute("CREATE TABLE flyway_schema_history (id int); CREATE TABLE users (id int)");
        Cli.Result[] result = new Cli.Result[1];

        String logged = stderrOf(() -> result[0] = cli.ok("upgrade", "head"));

        assertThat(result[0].err().lines().filter(l -> l.startsWith("warning: Retort has recorded no revision"))
                .count()).isEqualTo(1);
        assertThat(logged).doesNotContain("Retort has recorded no revision");
    }

    /**
     * What a Java migration prints on System.out stays out of the SQL script printed on System.out, as the docs show
     * the call: it goes to System.err, as the command line's --sql sends it, and psql can run the script.
     */
    @Test
    void aJavaMigrationsMessagesStayOutOfTheSqlScript() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.write("migrations/versions/aaaaaaaaaaa2_fill.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "aaaaaaaaaaa2", down = "aaaaaaaaaaa1", message = "fill")
                class Fill_aaaaaaaaaaa2 implements Migration {
                    public void upgrade(Operations op) {
                        System.out.println("filling the users");
                        op.execute("INSERT INTO users VALUES (1)");
                    }
                    public void downgrade(Operations op) {
                        op.execute("DELETE FROM users");
                    }
                }
                """);
        Retort retort = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.empty()), RunListener.NONE, notice -> { });
        PrintStream realOut = System.out;
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        String messages;
        try {
            System.setOut(new PrintStream(script, true, StandardCharsets.UTF_8));
            messages = stderrOf(() -> retort.upgradeSql("head", System.out));
        } finally {
            System.setOut(realOut);
        }

        String sql = script.toString(StandardCharsets.UTF_8);
        assertThat(sql).contains("INSERT INTO users VALUES (1);").doesNotContain("filling the users");
        assertThat(messages).contains("filling the users");
    }

    /** What {@code work} printed on System.err, which SLF4J's simple logger writes to. */
    private static String stderrOf(Runnable work) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            work.run();
        } finally {
            System.setErr(realErr);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * An application that upgrades at its start a database Flyway migrated, not yet stamped, stops before anything
     * runs, as the command line does: its migrations would run again over Flyway's data.
     */
    @Test
    void anApplicationStopsAtFlywaysRecordedMigrations() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "product", "CREATE TABLE IF NOT EXISTS product (id int, price int); "
                + "UPDATE product SET price = price * 2;", "DROP TABLE product;");
        cli.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY); "
                + "INSERT INTO flyway_schema_history VALUES (1); CREATE TABLE product (id int, price int); "
                + "INSERT INTO product VALUES (1, 20)");
        List<String> notices = new ArrayList<>();
        Retort retort = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(cli.jdbcUrl + "?user=postgres")), RunListener.NONE,
                notices::add);
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Retort has recorded no revision in this database, but Flyway's table "
                        + "public.flyway_schema_history records the migrations Flyway ran there");
        assertThat(cli.column("SELECT price FROM product")).containsExactly("20");
        assertThat(cli.versions()).isEmpty();
    }
}
