package dev.retort.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.cli.Main;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/equipment works as its README says: its history applies, matches its entities, and reverts. */
class ExampleProjectTest {
    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServer() {
        if (Files.isDirectory(dir.resolve(".retort"))) {
            EmbeddedPostgres.discardProject(dir.resolve(".retort"));
        }
    }

    private String run(Map<String, String> env, int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env, dir);
        }
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(String.join(" ", args) + "\n" + all).isEqualTo(expectedExit);
        return all;
    }

    @Test
    void theEquipmentHistoryAppliesMatchesItsEntitiesAndReverts() throws IOException {
        Path example = Path.of("..", "examples", "equipment").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(example)) {
            for (Path source : files.filter(p -> !example.relativize(p).startsWith(".retort")).toList()) {
                Path target = dir.resolve(example.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // The project's own state directory must be reachable by the unprivileged server user.
        dir.toFile().setExecutable(true, false);
        Map<String, String> env = Map.of("DATABASE_URL", TestPostgres.freshDatabase() + "?user=postgres");
        assertThat(run(env, 0, "heads", "--check")).contains("(head)");
        assertThat(run(env, 0, "upgrade", "head")).contains("Applied 7 revisions");
        assertThat(run(env, 0, "check")).contains("No differences");
        assertThat(run(env, 0, "lint")).contains("0 error(s)");
        assertThat(run(env, 0, "downgrade", "base")).contains("Reverted 7 revisions");
        assertThat(run(env, 0, "current")).doesNotContain("(head)");
    }
}
