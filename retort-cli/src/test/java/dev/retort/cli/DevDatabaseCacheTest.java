package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without dev_url, models are normalised in the project's embedded PostgreSQL, one kept database per model. */
class DevDatabaseCacheTest {
    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServer() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private List<String> devDatabases() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(dir.resolve(".retort"));
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.connectionProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'retort_dev_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void aModelThatCreatesAnExtensionAndUsesItsTypeIsCompared() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE EXTENSION IF NOT EXISTS citext;\n"
                + "CREATE TABLE users (id int PRIMARY KEY, email citext NOT NULL);\n");
        cli.execute("CREATE EXTENSION citext");

        cli.ok("revision", "--autogenerate", "-m", "users");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
    }

    /** One number of the project server: the pages its checkpoints wrote, or the size of one dev database. */
    private long projectServer(String sql) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(dir.resolve(".retort"));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.connectionProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void replacingAModelsDevDatabaseDoesNotWriteTheNewOneOut() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);");
        assertThat(cli.run("check").exitCode()).isEqualTo(1);
        // The first copy of template0 on a new server sets hint bits on its pages, which the next checkpoint writes.
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);");
        assertThat(cli.run("check").exitCode()).isEqualTo(1);
        String written = "SELECT buffers_written FROM pg_stat_checkpointer";
        long before = projectServer(written);

        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, email text, name text);");
        assertThat(cli.run("check").exitCode()).isEqualTo(1);

        // DROP DATABASE checkpoints: sent after the new database's CREATE, it wrote out all of its pages too.
        long pages = projectServer("SELECT pg_database_size(datname) / current_setting('block_size')::int "
                + "FROM pg_database WHERE datname LIKE 'retort\\_dev\\_%'");
        assertThat(projectServer(written) - before).isLessThan(pages / 2);
    }

    @Test
    void anUnchangedModelReusesItsDevDatabaseAndAChangedOneReplacesIt() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);");
        assertThat(cli.run("check").exitCode()).isEqualTo(1);
        List<String> first = devDatabases();
        assertThat(first).hasSize(1);
        assertThat(cli.run("check").exitCode()).isEqualTo(1);
        assertThat(devDatabases()).isEqualTo(first);

        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);");
        cli.ok("revision", "--autogenerate", "-m", "users");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(devDatabases()).hasSize(1).doesNotContainAnyElementsOf(first);
    }
}
