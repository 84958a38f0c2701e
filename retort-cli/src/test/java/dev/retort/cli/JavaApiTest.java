package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.revision.Plan;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls docs/java-api.md shows, as an application would make them at its start. */
class JavaApiTest {
    @TempDir
    Path dir;

    @Test
    void anApplicationUpgradesAtItsStartAndMeetsTheCommandLinesErrors() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        String url = cli.jdbcUrl + "?user=postgres";

        List<String> notices = new ArrayList<>();
        RetortConfig config = ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(url));
        Retort retort = new Retort(config, RunListener.NONE, notices::add);
        Plan plan = retort.upgrade("head");
        assertThat(plan.steps()).hasSize(2);
        assertThat(retort.upgrade("head").steps()).isEmpty();
        assertThat(retort.current()).extracting(r -> r.id()).containsExactly(ids.get(1));
        assertThat(cli.versions()).containsExactly(ids.get(1));

        // A failing migration: the command line's message, and the database where the last good one left it.
        cli.sql("aaaaaaaaaaa9", ids.get(1), "broken", "CREATE TABLE t_1 (id int);", "SELECT 1;");
        Retort again = new Retort(ConfigLoader.load(Optional.of(dir.resolve("retort.toml")), Path.of(""),
                System.getenv(), Map.of(), Optional.of(url)), RunListener.NONE, notices::add);
        assertThatThrownBy(() -> again.upgrade("head")).isInstanceOf(RetortException.class)
                .hasMessageContaining("aaaaaaaaaaa9").hasMessageContaining("already exists");
        assertThat(cli.versions()).containsExactly(ids.get(1));
        assertThat(notices).isEmpty();
    }
}
