package dev.retort.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/**
 * Runs {@code docs/guide.md}: every {@code sh} block in order, every {@code text} block checked against the
 * output, against a real PostgreSQL. The rules are in the HTML comment at the top of the guide.
 */
class GuideTest {
    static final Path GUIDE = Path.of("..", "docs", "guide.md");

    @TempDir
    Path dir;

    @Test
    void theGuideRunsAsWrittenAndPrintsWhatItShows() throws IOException, SQLException {
        // The embedded server runs as an unprivileged user when the build is root; it must reach the
        // project's .retort/ here, or it keeps its data outside this directory, where nothing deletes it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = TestPostgres.freshDatabase();
        GuideRunner runner = new GuideRunner(dir, environment(url));
        try {
            runner.run(FencedBlock.read(GUIDE));
        } finally {
            stopProjectServers(dir);
        }
        // The guide's migrations went to the test's database, not to the embedded one.
        List<String> versions = versions(url);
        assertThat(versions).hasSize(1);
        assertThat(runner.ids().bindsReal(versions.get(0)))
                .as("the test database is at %s, which the guide showed as one of its ids %s", versions, runner.ids())
                .isTrue();
    }

    /** The process environment without any database setting, and DATABASE_URL pointing at {@code url}. */
    private static Map<String, String> environment(String url) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.equals("DATABASE_URL") || name.startsWith("DB_"));
        environment.put("DATABASE_URL", url + "?user=" + TestPostgres.USER);
        return environment;
    }

    /** Stops and deletes the embedded server of every project the guide made (the dev database of autogenerate). */
    private static void stopProjectServers(Path root) throws IOException {
        List<Path> stateDirs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 4)) {
            files.filter(p -> p.getFileName().toString().equals("postgres.properties"))
                    .forEach(p -> stateDirs.add(p.getParent()));
        }
        for (Path stateDir : stateDirs) {
            EmbeddedPostgres.discardProject(stateDir);
        }
    }

    private static List<String> versions(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.USER);
        List<String> versions = new ArrayList<>();
        try (Connection connection = new Driver().connect(url, properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version_num from retort_version")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
