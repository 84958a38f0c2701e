package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autogenerate has no model of partitioning: it refuses partitioned tables rather than write them as plain ones,
 * and leaves them alone when told to. Migrations that partition tables run and test as any other.
 */
class PartitionedTablesTest {
    private static final String EVENTS = "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n";

    @TempDir
    Path dir;

    /** {@code retort test} without dev_url runs on the project's embedded server, which outlives the command. */
    @AfterEach
    void discardTheProjectServer() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        return cli;
    }

    @Test
    void aPartitionedTableInTheModelIsRefused() {
        Cli cli = project();
        cli.write("schema.sql", EVENTS);

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "events");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("Table events is partitioned (PARTITION BY RANGE (at)) in the model")
                .contains("exclude_tables");
        assertThat(cli.project.resolve("migrations/versions")).isEmptyDirectory();
    }

    @Test
    void aPartitionedTableInTheDatabaseIsRefusedUnlessExcluded() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa1", "none", "events", EVENTS + "CREATE TABLE users (id int);",
                "DROP TABLE users;\nDROP TABLE events;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE users (id int);\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("Table events is partitioned (PARTITION BY RANGE (at)) in the database")
                .contains("exclude_tables in [models]");

        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"events\", "
                + "\"events_2026\"]\ndev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        assertThat(cli.ok("check").out()).contains("No differences");
        // retort test reads the same database before and after each downgrade: partitioning does not get in its way.
        cli.write("retort.toml", "");
        assertThat(cli.ok("test").exitCode()).isZero();
    }

    @Test
    void excludingAPartitionedTableExcludesItsWholeTree() {
        Cli cli = project();
        // Sub-partitions and default partitions under a range-partitioned root, with names that sort before the
        // root's: the refusal names the root, and listing the root alone leaves every partition out.
        String tree = "CREATE TABLE log (id bigint, at date NOT NULL, region text NOT NULL) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE a_log_2026 PARTITION OF log FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
                + " PARTITION BY LIST (region);\n"
                + "CREATE TABLE a_log_2026_eu PARTITION OF a_log_2026 FOR VALUES IN ('eu');\n"
                + "CREATE TABLE a_log_2026_rest PARTITION OF a_log_2026 DEFAULT;\n"
                + "CREATE TABLE b_log_rest PARTITION OF log DEFAULT;\n"
                + "INSERT INTO log VALUES (1, '2026-03-01', 'eu'), (2, '2026-03-01', 'us'), (3, '2030-01-01', 'eu');\n";
        cli.sql("aaaaaaaaaaa1", "none", "log", tree + "CREATE TABLE users (id int);",
                "DROP TABLE users;\nDROP TABLE log;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE users (id int);\n");

        Cli.Result refused = cli.run("check");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("Table log is partitioned (PARTITION BY RANGE (at)) in the database")
                .contains("list it in exclude_tables in [models], which leaves it and all its partitions out");

        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"log\"]\ndev_url = \""
                + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    /**
     * The concurrent build lint asks for fails on a partitioned table; the failure says what works there.
     */
    @Test
    void anIndexBuiltConcurrentlyOnAPartitionedTableIsToldTheWayInParts() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "events", EVENTS, "DROP TABLE events;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "events index",
                "-- +autocommit\nCREATE INDEX CONCURRENTLY events_at ON events (at);\n-- +end-autocommit",
                "DROP INDEX events_at;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("cannot create index on partitioned table \"events\" concurrently")
                .contains("CREATE INDEX ... ON ONLY the partitioned table").contains("ATTACH PARTITION");
    }

    /** Before PostgreSQL 18 a foreign key goes on a partitioned table only validated; the failure says so. */
    @Test
    void aNotValidForeignKeyOnAPartitionedTableIsToldToGoValidated() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        if (Integer.parseInt(cli.column("SHOW server_version_num").get(0)) >= 180000) {
            return;
        }
        cli.sql("aaaaaaaaaaa1", "none", "events", EVENTS + "CREATE TABLE kinds (id bigint PRIMARY KEY);",
                "DROP TABLE events;\nDROP TABLE kinds;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "events kind", "ALTER TABLE events ADD CONSTRAINT events_kind_fk "
                + "FOREIGN KEY (id) REFERENCES kinds NOT VALID;", "ALTER TABLE events DROP CONSTRAINT events_kind_fk;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("cannot add NOT VALID foreign key on partitioned table \"events\"")
                .contains("add it without NOT VALID");
    }
}
