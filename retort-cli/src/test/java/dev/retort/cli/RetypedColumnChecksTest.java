package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A column whose type changes keeps the checks that PostgreSQL carries over to the new type unchanged. */
class RetypedColumnChecksTest {
    private static final String BEFORE = """
            CREATE TABLE item (
              id integer PRIMARY KEY,
              qty integer NOT NULL CONSTRAINT item_qty_check CHECK (qty > 0),
              code varchar(10) NOT NULL CONSTRAINT item_code_check CHECK (code <> ''),
              status varchar(20) CONSTRAINT item_status_check CHECK (status IN ('A', 'B'))
            );
            """;
    private static final String AFTER = BEFORE.replace("qty integer", "qty bigint")
            .replace("varchar(10)", "varchar(40)").replace("status varchar(20)", "status text");

    private static final String CHECKS = "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
            + "WHERE conrelid = 'item'::regclass AND contype = 'c' ORDER BY 1";

    @TempDir
    Path dir;

    @Test
    void onlyTheChecksWhoseTextChangesAreRebuiltAndBothDirectionsRunWithRows() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", BEFORE);
        cli.ok("revision", "--autogenerate", "-m", "items");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO item VALUES (1, 5, 'x1', 'A'), (2, 7, 'x2', 'B'), (3, 1, 'x3', NULL)");
        List<String> checksBefore = cli.column(CHECKS);

        cli.write("schema.sql", AFTER);
        Path file = cli.autogenerate("wider");
        String migration = Files.readString(file);

        // Hibernate-style IN checks print differently over text than over varchar: that one must change.
        assertThat(migration).contains("item_status_check").doesNotContain("item_qty_check")
                .doesNotContain("item_code_check");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT id || ':' || qty || ':' || code || ':' || coalesce(status, '-') FROM item "
                + "ORDER BY id")).containsExactly("1:5:x1:A", "2:7:x2:B", "3:1:x3:-");
        assertThat(cli.column(CHECKS)).hasSize(3);

        cli.ok("downgrade", "-1");
        // Back at the first revision, with the model that matches it.
        Files.delete(file);
        cli.write("schema.sql", BEFORE);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT count(*) FROM item")).containsExactly("3");
        assertThat(cli.column(CHECKS)).isEqualTo(checksBefore);
    }
}
