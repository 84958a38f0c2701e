package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cast from one enum type to another is not moved when one of them is recreated (a value removed or reordered): the
 * old half takes it along under its temporary name, and PostgreSQL drops no type a cast uses. The generated step says
 * so, and the migration put right as it says runs both ways.
 */
class EnumToEnumCastTest {
    private static final String TYPES = "CREATE TYPE status AS ENUM ('a', 'b');\nCREATE TYPE kind AS ENUM (%s);\n"
            + "CREATE CAST (status AS kind) WITH INOUT;\n"
            + "CREATE TABLE orders (id int PRIMARY KEY, s status, k kind);\n";

    @TempDir
    Path dir;

    @Test
    void recreatingTheTargetOfACastFromAnotherEnumSaysWhatToWrite() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", TYPES.formatted("'a', 'b'"));
        cli.autogenerate("types");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO orders VALUES (1, 'a', 'b')");
        cli.write("schema.sql", TYPES.formatted("'b', 'a'"));

        Path migration = cli.autogenerate("kind reordered");

        String text = Files.readString(migration);
        assertThat(text).contains("// WARNING: The cast status -> kind converts between two enum types, which "
                + "autogenerate does not move");
        // As the warning says, in both directions: the cast goes before the step, and comes back once both types exist.
        String rename = "op.execute(\"ALTER TYPE kind RENAME TO kind_old\");";
        String drop = "op.dropEnum(\"kind_old\");";
        assertThat(text).contains(rename, drop);
        Files.writeString(migration, text.replace(rename, "op.dropCast(\"status\", \"kind\");\n        " + rename)
                .replace(drop, drop + "\n        op.createCast(\"status\", \"kind\");"));
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT ('a'::status)::kind::text")).containsExactly("a");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT k::text FROM orders")).containsExactly("b");
    }
}
