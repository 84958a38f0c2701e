package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void bashCompletionKnowsEveryCommandAndOption() {
        Cli.Result r = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").ok("completion", "bash");
        assertThat(r.out()).contains("complete -F").contains("upgrade").contains("downgrade").contains("history")
                .contains("--autogenerate").contains("--rev-range")
                // The kinds as --backup accepts them and the docs write them.
                .contains("KIND_option_args=(\"none\" \"tables\" \"dump\")")
                // The commands of a command, with their options.
                .contains("local commands=\"drop prune\"").contains("--older-than");
        assertThat(new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").ok("completion", "zsh").out())
                .startsWith("autoload -U +X bashcompinit && bashcompinit");
        assertThat(new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").run("completion", "fish").exitCode()).isEqualTo(2);
    }
}
