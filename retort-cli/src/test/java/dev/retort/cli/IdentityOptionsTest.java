package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options of an identity column's sequence ({@code GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY
 * 10)}): a new table gets them, and a change of them is made in place, both ways, without restarting the numbering.
 */
class IdentityOptionsTest {
    private static final String SCHEMA = """
            CREATE TABLE orders (
              id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY,
              note text
            );
            """;
    private static final String CHANGED = SCHEMA.replace("(START WITH 1000 INCREMENT BY 10)",
            "(START WITH 5000 INCREMENT BY 5)");

    private static final String OPTIONS = "SELECT s.seqstart || ' ' || s.seqincrement FROM pg_sequence s "
            + "WHERE s.seqrelid = pg_get_serial_sequence('orders', 'id')::regclass";

    @TempDir
    Path dir;

    @Test
    void areCreatedAndChangedInPlaceBothWays() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", SCHEMA);
        String migration = Files.readString(cli.autogenerate("orders"));

        assertThat(migration)
                .contains("identity(Identity.ALWAYS, SequenceOptions.UNSPECIFIED.start(1000).increment(10))")
                .contains("import dev.retort.operation.SequenceOptions;");
        assertThat(cli.ok("upgrade", "head", "--sql").out())
                .contains("id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 10 START WITH 1000) NOT NULL");
        cli.ok("upgrade", "head");
        assertThat(cli.column(OPTIONS)).containsExactly("1000 10");
        cli.execute("INSERT INTO orders (note) VALUES ('first'), ('second')");
        assertThat(cli.column("SELECT id::text FROM orders ORDER BY id")).containsExactly("1000", "1010");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.write("schema.sql", CHANGED);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("set identity options of orders.id: start with 5000, increment by 5");
        Path changed = cli.autogenerate("renumber orders");
        assertThat(Files.readString(changed))
                .contains("ALTER TABLE orders ALTER COLUMN id SET INCREMENT BY 5 SET START WITH 5000")
                .contains("ALTER TABLE orders ALTER COLUMN id SET INCREMENT BY 10 SET START WITH 1000")
                .contains("SET START WITH does not restart the identity of orders.id");
        cli.ok("upgrade", "head");
        assertThat(cli.column(OPTIONS)).containsExactly("5000 5");
        // The numbering goes on from the last value, by the new increment.
        cli.execute("INSERT INTO orders (note) VALUES ('third')");
        assertThat(cli.column("SELECT max(id)::text FROM orders")).containsExactly("1015");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(cli.column(OPTIONS)).containsExactly("1000 10");
        Files.delete(changed);
        cli.write("schema.sql", SCHEMA);
        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
