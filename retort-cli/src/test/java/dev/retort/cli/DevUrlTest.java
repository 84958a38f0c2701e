package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev database of dev_url serves the comparison alone, and the comparison leaves it as it found it. */
class DevUrlTest {
    @TempDir
    Path dir;

    /** A project whose models are schema.sql, compared on the database of {@code dev}. */
    private Cli project(Cli dev) {
        Cli cli = new Cli(dir.resolve("project"), TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + dev.jdbcUrl
                + "?user=postgres\"\n");
        return cli;
    }

    @Test
    void aSchemaFileThatCommitsIsRefusedAndTheDevDatabaseStaysEmpty() {
        Cli dev = new Cli(dir.resolve("dev"), TestPostgres.freshDatabase());
        Cli cli = project(dev);
        // What `retort upgrade --sql` prints: each revision between BEGIN and COMMIT.
        cli.write("schema.sql", "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n");

        Cli.Result check = cli.run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).contains("schema.sql (line 1): BEGIN controls a transaction, while Retort applies "
                + "the schema in one of its own and rolls it back");
        assertThat(dev.tableExists("t")).isFalse();
    }

    @Test
    void aModelThatCreatesAnExtensionAndUsesItsTypeIsCompared() {
        Cli dev = new Cli(dir.resolve("dev"), TestPostgres.freshDatabase());
        Cli cli = project(dev);
        // The extension in a schema the model creates too; the second round trip used to lack it.
        cli.write("schema.sql", "CREATE SCHEMA app;\nCREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA app;\n"
                + "CREATE TABLE app.users (id int PRIMARY KEY, email app.citext NOT NULL);\n");
        cli.execute("CREATE SCHEMA app");
        cli.execute("CREATE EXTENSION citext WITH SCHEMA app");

        cli.ok("revision", "--autogenerate", "-m", "users");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(dev.column("SELECT extname FROM pg_extension WHERE extname = 'citext'")).isEmpty();
    }

    @Test
    void aDevUrlThatNamesTheTargetIsRefused() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + cli.jdbcUrl
                + "?user=postgres\"\n");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE users (id int);\nCREATE TABLE orders (id int);\n");

        for (String[] command : new String[][] {{"check"}, {"revision", "--autogenerate", "-m", "orders"}}) {
            Cli.Result r = cli.run(command);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("(dev_url in [models]) is not empty: it holds public.")
                    .contains("point dev_url at an empty database of its own");
        }
        assertThat(cli.tableExists("orders")).isFalse();
    }

    @Test
    void aDevDatabaseHoldingOnlyASchemaOrATypeIsRefusedToo() {
        for (String object : List.of("CREATE SCHEMA s1", "CREATE TYPE mood AS ENUM ('a')")) {
            Cli dev = new Cli(dir.resolve("dev"), TestPostgres.freshDatabase());
            dev.execute(object);
            Cli cli = project(dev);
            cli.write("schema.sql", "CREATE TABLE t (id int);\n");

            Cli.Result check = cli.run("check");

            assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
            String held = object.contains("SCHEMA") ? "it holds schema s1" : "it holds type public.mood";
            assertThat(check.err()).contains(held)
                    .doesNotContain("schema.sql");
        }
    }
}
