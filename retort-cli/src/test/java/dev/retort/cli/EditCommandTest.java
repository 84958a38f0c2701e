package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `retort edit`: a revision's file opens in the editor VISUAL, EDITOR or the PATH gives, as Alembic's does. */
class EditCommandTest {
    @TempDir
    Path dir;

    @TempDir
    Path bin;

    /** An editor that appends a line with its name to each file it is given. */
    private Path editor(String name) throws Exception {
        Path script = bin.resolve(name);
        Files.writeString(script,
                "#!/bin/sh\nfor f in \"$@\"; do echo \"-- edited by " + name + "\" >> \"$f\"; done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(2);
        cli.environment.put("PATH", bin.toString());
        return cli;
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file);
    }

    @Test
    void opensTheFileOfTheRevisionInVisualElseEditor() throws Exception {
        Cli cli = project();
        Path first = dir.resolve("migrations/versions/a00000000001_step_1.sql");
        Path second = dir.resolve("migrations/versions/a00000000002_step_2.sql");
        cli.environment.put("EDITOR", editor("ed-one") + " --wait");

        Cli.Result ambiguous = cli.run("edit", "a000000000");
        assertThat(ambiguous.exitCode()).isEqualTo(1);
        assertThat(ambiguous.err()).startsWith("retort: ").contains("'a000000000'");
        cli.ok("edit", "head");
        assertThat(read(second)).endsWith("-- edited by ed-one\n");
        assertThat(read(first)).doesNotContain("edited");

        cli.environment.put("VISUAL", editor("ed-two").toString());
        cli.ok("edit", "a00000000001");
        assertThat(read(first)).endsWith("-- edited by ed-two\n");
    }

    /** An editor at {@code path} that appends a line naming its first argument, an option, to each file after it. */
    private static Path editorWithOption(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\noption=$1\nshift\n"
                + "for f in \"$@\"; do echo \"-- edited with $option\" >> \"$f\"; done\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    @Test
    void theEditorIsALineOfShellAsGitReadsIt() throws Exception {
        Cli cli = project();
        Path head = dir.resolve("migrations/versions/a00000000002_step_2.sql");
        Path spaced = editorWithOption(bin.resolve("my editor/bin/ed"));
        cli.environment.put("EDITOR", "\"" + spaced + "\" -w");
        cli.ok("edit", "head");
        assertThat(read(head)).endsWith("-- edited with -w\n");

        cli.environment.put("EDITOR", "'" + spaced + "' '--wait  twice'");
        cli.ok("edit", "head");
        assertThat(read(head)).endsWith("-- edited with --wait  twice\n");

        // A bare name, as in `code --wait`, is looked up on the PATH this command was given.
        editorWithOption(bin.resolve("code"));
        cli.environment.put("EDITOR", "code --wait");
        cli.ok("edit", "head");
        assertThat(read(head)).endsWith("-- edited with --wait\n");
    }

    @Test
    void currentIsWhatTheDatabaseHasApplied() throws Exception {
        Cli cli = project();
        cli.environment.put("EDITOR", editor("ed").toString());

        Cli.Result atBase = cli.run("edit", "current");
        assertThat(atBase.exitCode()).isEqualTo(1);
        assertThat(atBase.err()).contains("at base");

        cli.ok("upgrade", "a00000000001");
        cli.ok("edit", "current");
        assertThat(read(dir.resolve("migrations/versions/a00000000001_step_1.sql"))).endsWith("-- edited by ed\n");
        assertThat(read(dir.resolve("migrations/versions/a00000000002_step_2.sql"))).doesNotContain("edited");

        // A relative step counts from the database too.
        cli.ok("edit", "+1");
        assertThat(read(dir.resolve("migrations/versions/a00000000002_step_2.sql"))).endsWith("-- edited by ed\n");
    }

    @Test
    void withoutVisualOrEditorThePathsEditorIsUsed() throws Exception {
        Cli cli = project();
        Cli.Result none = cli.run("edit", "head");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("retort: No editor: set VISUAL or EDITOR");

        editor("nano");
        cli.ok("edit", "head");
        assertThat(read(dir.resolve("migrations/versions/a00000000002_step_2.sql"))).endsWith("-- edited by nano\n");
    }

    @Test
    void anEditorThatCannotStartOrFailsIsAnError() throws Exception {
        Cli cli = project();
        cli.environment.put("EDITOR", bin.resolve("missing").toString());
        Cli.Result missing = cli.run("edit", "head");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Could not start the editor `" + bin.resolve("missing") + "`")
                .contains("Set VISUAL or EDITOR").doesNotContain("Exception");

        Path notExecutable = bin.resolve("not executable");
        Files.writeString(notExecutable, "#!/bin/sh\nexit 0\n");
        cli.environment.put("EDITOR", "'" + notExecutable + "' --wait");
        Cli.Result refused = cli.run("edit", "head");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines().filter(line -> line.startsWith("retort: ")).toList()).containsExactly(
                "retort: Could not start the editor `'" + notExecutable + "' --wait`: the shell could not execute it."
                        + " Set VISUAL or EDITOR to an editor on your PATH.");

        Path failing = bin.resolve("failing");
        Files.writeString(failing, "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.environment.put("EDITOR", failing.toString());
        Cli.Result failed = cli.run("edit", "head");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("the editor exited with code 3");
        assertThat(List.of(missing.out(), refused.out(), failed.out())).containsOnly("");
    }
}
