package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cast from one enum type to another is kept with its source type: when its target is recreated (a value removed
 * or reordered), the old half takes the cast along under its temporary name, and could not be dropped while it had it.
 */
class EnumToEnumCastTest {
    private static final String TYPES = "CREATE TYPE status AS ENUM ('a', 'b');\nCREATE TYPE kind AS ENUM (%s);\n"
            + "CREATE CAST (status AS kind) WITH INOUT;\n"
            + "CREATE TABLE orders (id int PRIMARY KEY, s status, k kind);\n";

    @TempDir
    Path dir;

    @Test
    void theCastMovesToTheRecreatedTargetAndBackOnTheDowngrade() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", TYPES.formatted("'a', 'b'"));
        cli.autogenerate("types");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO orders VALUES (1, 'a', 'b')");

        cli.write("schema.sql", TYPES.formatted("'b', 'a'"));
        cli.autogenerate("kind reordered");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT ('a'::status)::kind::text")).containsExactly("a");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT format_type(casttarget, null) FROM pg_cast "
                + "WHERE castsource = 'status'::regtype")).containsExactly("kind");
        assertThat(cli.column("SELECT k::text FROM orders")).containsExactly("b");
    }
}
