package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project whose path is not ASCII, under a locale whose file names are ISO-8859-1 rather than UTF-8: the lock file
 * and the server hold the path's bytes, which decode differently from Java's file names.
 */
class NonUtf8LocaleTest {
    private static final String LOCALE = "de_DE.ISO-8859-1";
    private static final String FILE_NAMES = "ISO-8859-1";
    /** The lines {@link ProjectCommandsMain} answers with, among what the server's code logs. */
    private static final Pattern ANSWER = Pattern.compile("^(file names|started|reused|status|stopped): ");
    private Path root;

    @AfterEach
    void stopAndDelete() throws IOException, InterruptedException {
        if (root == null) {
            return;
        }
        // A server the commands lost track of is found by its arguments, which name the directory.
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments()
                        .map(arguments -> String.join(" ", arguments).contains(root.toString())).orElse(false))
                .toList();
        for (ProcessHandle server : servers) {
            server.destroy();
        }
        for (ProcessHandle server : servers) {
            server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        FileTree.delete(root);
    }

    /** {@code lat\xe9}: "laté" in ISO-8859-1, not UTF-8; {@code p \xc3\xa9 'x}: "p é 'x" in UTF-8. */
    @ParameterizedTest
    @ValueSource(strings = {"6c6174e9", "7020c3a9202778"})
    void theNextCommandReusesTheServerAndStopStopsIt(String nameBytes) throws Exception {
        root = TestDirectories.shared("retort-locale-");

        List<String> answers = ChildJvm.start(Map.of("LC_ALL", LOCALE), ProjectCommandsMain.class,
                root.toString(), nameBytes, FILE_NAMES).output().lines().filter(ANSWER.asPredicate()).toList();

        assumeTrue(answers.get(0).equals("file names: " + FILE_NAMES), "the locale " + LOCALE + " is not installed");
        String port = answers.get(1).substring("started: ".length());
        assertThat(answers.subList(1, answers.size())).containsExactly("started: " + port, "reused: " + port,
                "status: Running", "stopped: true");
    }
}
