package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @Test
    void theProgramsGetThePathAndTimeZoneOfThisJvmAndNothingElse() {
        Map<String, String> inherited = Map.of("PATH", "/usr/bin:/bin", "TZ", "Europe/Paris",
                "DATABASE_URL", "postgresql://app:S3cr3t-Pa55@db/shop", "DB_PASSWORD", "S3cr3t-Pa55",
                "AWS_SECRET_ACCESS_KEY", "abc", "PGPASSWORD", "S3cr3t-Pa55", "PGDATA", "/srv/other",
                "LC_CTYPE", "de_DE");
        assertThat(CommandRunner.environment(inherited)).isEqualTo(Map.of("PATH", "/usr/bin:/bin",
                "TZ", "Europe/Paris", "LC_ALL", "C", "LANG", "C"));
    }

    @Test
    void inputReachesTheProgramThroughAPipe(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("cat.out");
        assertThat(CommandRunner.run(List.of("/bin/cat"), dir, output, Duration.ofSeconds(30), "alter role x\n"))
                .isZero();
        assertThat(Files.readString(output)).isEqualTo("alter role x\n");
    }

    @Test
    void aProgramSeesOnlyThatEnvironment(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("env.out");
        assertThat(CommandRunner.run(List.of("/usr/bin/env"), dir, output, Duration.ofSeconds(30))).isZero();
        List<String> names = Files.readAllLines(output).stream().map(line -> line.substring(0, line.indexOf('=')))
                .toList();
        assertThat(names).isSubsetOf("PATH", "TZ", "LC_ALL", "LANG");
    }
}
