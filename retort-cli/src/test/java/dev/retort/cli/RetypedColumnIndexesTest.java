package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A column whose type changes keeps the indexes that PostgreSQL rebuilds over the new type unchanged. */
class RetypedColumnIndexesTest {
    private static final String BEFORE = """
            CREATE TABLE item (
              id integer PRIMARY KEY,
              qty integer NOT NULL,
              code varchar(10) NOT NULL,
              lo integer,
              hi integer
            );
            CREATE INDEX ix_item_qty ON item (qty);
            CREATE UNIQUE INDEX ux_item_next ON item ((qty + 1));
            CREATE INDEX ix_item_big ON item (id) WHERE qty > 100;
            CREATE UNIQUE INDEX ux_item_code ON item (lower(code::text));
            CREATE INDEX ix_item_span ON item ((hi - lo));
            """;
    private static final String AFTER = BEFORE.replace("qty integer", "qty bigint").replace("varchar(10)", "text")
            .replace("lo integer", "lo bigint").replace("hi integer", "hi bigint");

    private static final String INDEXES = "SELECT indexrelid::regclass || ' ' || pg_get_indexdef(indexrelid) "
            + "FROM pg_index WHERE indrelid = 'item'::regclass ORDER BY 1";
    private static final String ROWS = "SELECT id || ':' || qty || ':' || code || ':' || lo || ':' || hi FROM item "
            + "ORDER BY id";

    @TempDir
    Path dir;

    @Test
    void onlyTheIndexesWhoseDefinitionChangesAreRebuiltAndBothDirectionsRunWithRows() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", BEFORE);
        cli.ok("revision", "--autogenerate", "-m", "items");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO item VALUES (1, 5, 'x1', 1, 2), (2, 700, 'X2', 3, 5), (3, 1, 'x3', 0, 9)");
        List<String> indexesBefore = cli.column(INDEXES);

        cli.write("schema.sql", AFTER);
        Path file = cli.autogenerate("wider");
        String migration = Files.readString(file);

        // lower((code)::text) over varchar prints lower(code) over text; (hi - lo) reads two retyped columns.
        assertThat(migration).contains("ux_item_code", "ix_item_span")
                .doesNotContain("ix_item_qty", "ux_item_next", "ix_item_big");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column(ROWS)).containsExactly("1:5:x1:1:2", "2:700:X2:3:5", "3:1:x3:0:9");
        assertThat(cli.column(INDEXES)).hasSize(6);
        // The unique indexes PostgreSQL rebuilt still hold.
        assertThatThrownBy(() -> cli.execute("INSERT INTO item VALUES (4, 9, 'X1', 0, 0)"))
                .hasMessageContaining("ux_item_code");
        assertThatThrownBy(() -> cli.execute("INSERT INTO item VALUES (4, 5, 'y4', 0, 0)"))
                .hasMessageContaining("ux_item_next");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("schema.sql", BEFORE);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column(ROWS)).containsExactly("1:5:x1:1:2", "2:700:X2:3:5", "3:1:x3:0:9");
        assertThat(cli.column(INDEXES)).isEqualTo(indexesBefore);
    }
}
