package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column renamed under a key, an index, a check or a generated column is renamed in place: PostgreSQL's objects
 * follow it, and print its new name.
 */
class RenamedIndexedColumnsTest {
    private static final String BEFORE = """
            CREATE TABLE item (
              code text PRIMARY KEY,
              sku text NOT NULL CONSTRAINT uq_item_sku UNIQUE,
              qty integer NOT NULL CONSTRAINT ck_item_qty CHECK (qty >= 0),
              name text,
              pairs integer GENERATED ALWAYS AS (qty * 2) STORED
            );
            CREATE INDEX ix_item_qty ON item (qty, name);
            CREATE UNIQUE INDEX ux_item_name ON item (name, qty);
            CREATE UNIQUE INDEX ux_item_sku_lower ON item (lower(sku)) WHERE qty > 0;
            """;
    private static final String AFTER = BEFORE.replace("code text", "item_code text")
            .replace("sku text", "item_sku text").replace("qty integer", "amount integer")
            .replace("(qty, name)", "(amount, name)").replace("(name, qty)", "(name, amount)")
            .replace("(qty >= 0)", "(amount >= 0)").replace("(qty * 2)", "(amount * 2)")
            .replace("lower(sku)) WHERE qty", "lower(item_sku)) WHERE amount");

    private static final String OBJECTS = "SELECT c.relname || ' ' || c.oid FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'item'::regclass ORDER BY 1";
    private static final String ROWS = "SELECT item_code || ':' || item_sku || ':' || amount || ':' || pairs FROM item "
            + "ORDER BY 1";

    @TempDir
    Path dir;

    @Test
    void theKeysAndIndexesStayAndBothDirectionsRunWithRows() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", BEFORE);
        cli.ok("revision", "--autogenerate", "-m", "items");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO item (code, sku, qty, name) VALUES ('a', 's1', 3, 'x'), ('b', 's2', 4, 'y')");
        List<String> indexes = cli.column(OBJECTS);

        cli.write("schema.sql", AFTER);
        Path file = cli.autogenerate("rename", "--rename", "item.code=item_code", "--rename", "item.sku=item_sku",
                "--rename", "item.qty=amount");
        String migration = Files.readString(file);

        assertThat(migration).contains("rename(\"item_code\")", "rename(\"item_sku\")", "rename(\"amount\")")
                .doesNotContain("Index", "Constraint", "PrimaryKey", "dropColumn", "addColumn");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column(ROWS)).containsExactly("a:s1:3:6", "b:s2:4:8");
        // The same indexes (by oid), not new ones of the same names.
        assertThat(cli.column(OBJECTS)).isEqualTo(indexes);

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("schema.sql", BEFORE);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT code || ':' || sku || ':' || qty FROM item ORDER BY 1"))
                .containsExactly("a:s1:3", "b:s2:4");
        assertThat(cli.column(OBJECTS)).isEqualTo(indexes);
    }
}
