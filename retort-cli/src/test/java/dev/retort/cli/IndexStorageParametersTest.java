package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index's storage parameters ({@code CREATE INDEX ... WITH (fillfactor = 70)}): a schema file that gives them gets
 * an index with them, and a change of them alone is set and reset in place, both ways, without rebuilding the index.
 */
class IndexStorageParametersTest {
    private static final String SCHEMA = """
            CREATE TABLE events (
              id bigint PRIMARY KEY,
              payload jsonb,
              created_at timestamptz
            );
            CREATE INDEX events_created_idx ON events (created_at) WITH (fillfactor = 70, deduplicate_items = off);
            CREATE INDEX events_payload_idx ON events USING gin (payload) WITH (fastupdate = off);
            """;
    private static final String TUNED = SCHEMA
            .replace("WITH (fillfactor = 70, deduplicate_items = off)", "WITH (fillfactor = 90)")
            .replace(" WITH (fastupdate = off)", "");

    private static final String DEFINITIONS = "SELECT pg_get_indexdef(c.oid) FROM pg_class c "
            + "WHERE c.relname IN ('events_created_idx', 'events_payload_idx') ORDER BY c.relname";
    private static final String OIDS = "SELECT c.relfilenode::text FROM pg_class c "
            + "WHERE c.relname IN ('events_created_idx', 'events_payload_idx') ORDER BY c.relname";

    @TempDir
    Path dir;

    @Test
    void areCreatedAndChangedInPlaceBothWays() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", SCHEMA);
        String migration = Files.readString(cli.autogenerate("events"));

        assertThat(migration)
                .contains("op.createIndex(\"events_created_idx\", \"events\", \"created_at\")")
                .contains(".with(\"deduplicate_items\", \"off\")").contains(".with(\"fillfactor\", \"70\");")
                .contains(".using(\"gin\").with(\"fastupdate\", \"off\");");
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).containsExactly(
                "CREATE INDEX events_created_idx ON public.events USING btree (created_at) "
                        + "WITH (deduplicate_items=off, fillfactor='70')",
                "CREATE INDEX events_payload_idx ON public.events USING gin (payload) WITH (fastupdate=off)");
        assertThat(cli.ok("check").out()).contains("No differences");

        // Parameters alone change: set and reset in place, not by building the index again.
        cli.write("schema.sql", TUNED);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("set storage parameters of index events_created_idx on events: "
                + "fillfactor = 90");
        Path tuned = cli.autogenerate("tune indexes");
        assertThat(Files.readString(tuned))
                .contains("op.execute(\"ALTER INDEX events_created_idx SET (fillfactor = 90)\");")
                .contains("op.execute(\"ALTER INDEX events_created_idx RESET (deduplicate_items)\");")
                .contains("op.execute(\"ALTER INDEX events_payload_idx RESET (fastupdate)\");")
                .contains("op.execute(\"ALTER INDEX events_created_idx SET (deduplicate_items = off, fillfactor = "
                        + "70)\");")
                .contains("op.execute(\"ALTER INDEX events_payload_idx SET (fastupdate = off)\");")
                .doesNotContain("dropIndex");
        List<String> files = cli.column(OIDS);
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).containsExactly(
                "CREATE INDEX events_created_idx ON public.events USING btree (created_at) WITH (fillfactor='90')",
                "CREATE INDEX events_payload_idx ON public.events USING gin (payload)");
        assertThat(cli.column(OIDS)).isEqualTo(files);
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(cli.column(DEFINITIONS)).containsExactly(
                "CREATE INDEX events_created_idx ON public.events USING btree (created_at) "
                        + "WITH (deduplicate_items=off, fillfactor='70')",
                "CREATE INDEX events_payload_idx ON public.events USING gin (payload) WITH (fastupdate=off)");
        Files.delete(tuned);
        cli.write("schema.sql", SCHEMA);
        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
