package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table's storage parameters ({@code CREATE TABLE ... WITH (fillfactor = 70)}): a schema file that gives them gets a
 * table with them, and a change of them is set and reset in place with {@code ALTER TABLE}, both ways. Those of the
 * TOAST table ({@code toast.autovacuum_enabled}) are not read, so they make no difference.
 */
class TableStorageParametersTest {
    private static final String SCHEMA = """
            CREATE TABLE events (
              id bigint PRIMARY KEY,
              payload text
            ) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);
            """;
    private static final String TUNED = SCHEMA.replace(
            "WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05)",
            "WITH (fillfactor = 90, autovacuum_enabled = off)");

    private static final String OPTIONS = "SELECT coalesce(string_agg(o, ' ' ORDER BY o), '') "
            + "FROM pg_class, unnest(reloptions) o WHERE oid = 'public.events'::regclass";
    private static final String FILES = "SELECT relfilenode::text FROM pg_class WHERE oid = 'public.events'::regclass";

    @TempDir
    Path dir;

    @Test
    void areCreatedAndChangedInPlaceBothWays() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", SCHEMA);
        String migration = Files.readString(cli.autogenerate("events"));

        assertThat(migration).contains(".with(\"autovacuum_vacuum_scale_factor\", \"0.05\")")
                .contains(".with(\"fillfactor\", \"70\");");
        cli.ok("upgrade", "head");
        assertThat(cli.column(OPTIONS)).containsExactly("autovacuum_vacuum_scale_factor=0.05 fillfactor=70");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.write("schema.sql", TUNED);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("set storage parameters of table events: autovacuum_enabled = off, "
                + "fillfactor = 90");
        Path tuned = cli.autogenerate("tune events");
        assertThat(Files.readString(tuned))
                .contains("op.execute(\"ALTER TABLE events SET (autovacuum_enabled = off, fillfactor = 90)\");")
                .contains("op.execute(\"ALTER TABLE events RESET (autovacuum_vacuum_scale_factor)\");")
                .contains("op.execute(\"ALTER TABLE events SET (autovacuum_vacuum_scale_factor = 0.05, fillfactor = "
                        + "70)\");")
                .contains("op.execute(\"ALTER TABLE events RESET (autovacuum_enabled)\");")
                .doesNotContain("dropTable");
        List<String> files = cli.column(FILES);
        cli.ok("upgrade", "head");
        assertThat(cli.column(OPTIONS)).containsExactly("autovacuum_enabled=off fillfactor=90");
        assertThat(cli.column(FILES)).isEqualTo(files);
        assertThat(cli.ok("check").out()).contains("No differences");

        // The TOAST table's parameters live on its own catalog row: not read, they make no difference.
        cli.execute("ALTER TABLE events SET (toast.autovacuum_enabled = off)");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(cli.column(OPTIONS)).containsExactly("autovacuum_vacuum_scale_factor=0.05 fillfactor=70");
        Files.delete(tuned);
        cli.write("schema.sql", SCHEMA);
        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
