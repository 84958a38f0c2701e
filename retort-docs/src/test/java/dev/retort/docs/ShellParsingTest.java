package dev.retort.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a guide: fenced blocks, the commands of an sh block, and the words of a command line. */
class ShellParsingTest {
    private static final Path FILE = Path.of("guide.md");

    @Test
    void blocksKeepTheirKindLineAndSkipMarker() {
        List<FencedBlock> blocks = FencedBlock.parse(FILE, List.of(
                "# Title",
                "<!-- guide-test: skip -->",
                "```sh",
                "export PATH=\"$PWD:$PATH\"",
                "```",
                "text",
                "   ```text",
                "   indented",
                "   ```",
                "```",
                "plain",
                "```"));

        assertThat(blocks).extracting(FencedBlock::info).containsExactly("sh", "text", "");
        assertThat(blocks).extracting(FencedBlock::line).containsExactly(3, 7, 10);
        assertThat(blocks).extracting(FencedBlock::skipped).containsExactly(true, false, false);
        assertThat(blocks.get(1).lines()).containsExactly("indented");
    }

    @Test
    void anUnclosedBlockIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> FencedBlock.parse(FILE, List.of("```sh", "retort current")))
                .withMessageContaining("guide.md:1");
    }

    @Test
    void commandsAreLinesHeredocsAndContinuations() {
        FencedBlock block = new FencedBlock(FILE, "sh", List.of(
                "# a comment",
                "retort init equipment",
                "",
                "cat > User.java <<'EOF'",
                "# not a comment: heredoc text",
                "EOF",
                "retort check   # exits 1",
                "retort revision \\",
                "  -m \"two lines\""), 10, false);

        List<ShellCommand> commands = ShellCommand.parse(block);

        assertThat(commands).extracting(ShellCommand::text).containsExactly(
                "retort init equipment",
                "cat > User.java <<'EOF'\n# not a comment: heredoc text\nEOF",
                "retort check   # exits 1",
                "retort revision  -m \"two lines\"");
        assertThat(commands).extracting(ShellCommand::line).containsExactly(12, 14, 17, 18);
        assertThat(commands).extracting(ShellCommand::expectedExit).containsExactly(0, 0, 1, 0);
        assertThat(commands).extracting(ShellCommand::hasHeredoc).containsExactly(false, true, false, false);
    }

    @Test
    void anUnendedHeredocIsAnError() {
        FencedBlock block = new FencedBlock(FILE, "sh", List.of("cat > a <<'EOF'", "text"), 1, false);

        assertThatIllegalArgumentException().isThrownBy(() -> ShellCommand.parse(block)).withMessageContaining("EOF");
    }

    @Test
    void wordsFollowShellQuotingAndVariables() {
        ShellWords words = ShellWords.split(
                "retort revision -m \"add user's $THING\" --rename 'a=b' x\\ y ${THING}s   # comment", Map.of("THING", "phone"));

        assertThat(words.words()).containsExactly("retort", "revision", "-m", "add user's phone", "--rename", "a=b",
                "x y", "phones");
        assertThat(words.stdoutFile()).isEmpty();
    }

    @Test
    void stdoutMayGoToAFile() {
        assertThat(ShellWords.split("retort upgrade head-1:head --sql > out.sql", Map.of()))
                .isEqualTo(new ShellWords(List.of("retort", "upgrade", "head-1:head", "--sql"), Optional.of("out.sql")));
        assertThat(ShellWords.split("retort upgrade --sql>out.sql", Map.of()).stdoutFile()).contains("out.sql");
    }

    @Test
    void shellSyntaxTheRunnerCannotRunIsRefused() {
        for (String line : List.of("retort history | head", "retort current && retort heads", "retort upgrade $(cat t)",
                "retort current >> log", "retort -m 'open")) {
            assertThatIllegalArgumentException().as(line).isThrownBy(() -> ShellWords.split(line, Map.of()));
        }
    }
}
