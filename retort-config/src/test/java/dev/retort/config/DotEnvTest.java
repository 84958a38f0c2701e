package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void readsTheGuidesEnvFile() {
        String text = """
                DATABASE_URL=postgresql+asyncpg://postgres:StrongPassw@rd123@localhost:5433/equipment_db
                DB_HOST=localhost
                DB_PORT=5433
                DB_NAME=equipment_db
                DB_USER=postgres
                DB_PASSWORD=StrongPassw@rd123
                """;

        assertThat(DotEnv.parse(text, ".env", Map.of(), warnings)).containsExactly(
                Map.entry("DATABASE_URL", "postgresql+asyncpg://postgres:StrongPassw@rd123@localhost:5433/equipment_db"),
                Map.entry("DB_HOST", "localhost"), Map.entry("DB_PORT", "5433"), Map.entry("DB_NAME", "equipment_db"),
                Map.entry("DB_USER", "postgres"), Map.entry("DB_PASSWORD", "StrongPassw@rd123"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void handlesCommentsExportQuotesAndWhitespace() {
        String text = """
                # a comment

                export A=1
                B = two words   # trailing comment
                C=p#ss
                D='single $quoted \\n kept'
                E="line1\\nline2 \\"quoted\\" back\\\\slash \\t"
                F=
                G="has # inside" # comment
                  H  =  padded\t
                A=again
                """;

        assertThat(DotEnv.parse(text, ".env", Map.of(), warnings)).containsExactly(
                Map.entry("A", "again"), Map.entry("B", "two words"), Map.entry("C", "p#ss"),
                Map.entry("D", "single $quoted \\n kept"), Map.entry("E", "line1\nline2 \"quoted\" back\\slash \\t"),
                Map.entry("F", ""), Map.entry("G", "has # inside"), Map.entry("H", "padded"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void expandsReferencesAsComposeAndPythonDotenvDo() {
        String text = """
                DB_USER=app
                DB_PASSWORD=StrongPassw@rd123
                DATABASE_URL=postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST:-localhost}:5432/app
                QUOTED="${DB_USER}-${CI_JOB}"
                LITERAL='${DB_USER}'
                KEPT=$DB_USER and ${not a name} and ${OPEN
                """;

        assertThat(DotEnv.parse(text, ".env", Map.of("CI_JOB", "42", "DB_USER", "ci"), warnings)).containsExactly(
                Map.entry("DB_USER", "app"), Map.entry("DB_PASSWORD", "StrongPassw@rd123"),
                Map.entry("DATABASE_URL", "postgresql://ci:StrongPassw@rd123@localhost:5432/app"),
                Map.entry("QUOTED", "ci-42"), Map.entry("LITERAL", "${DB_USER}"),
                Map.entry("KEPT", "$DB_USER and ${not a name} and ${OPEN"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aReferenceSetNowhereIsEmptyWithAWarningThatNamesOnlyTheVariable() {
        String text = "DB_PASSWORD=hunter2\nDATABASE_URL=postgresql://app:${DB_PASSWORD}@${DB_HOST}/app\n";

        assertThat(DotEnv.parse(text, ".env", Map.of(), warnings))
                .containsEntry("DATABASE_URL", "postgresql://app:hunter2@/app");
        assertThat(warnings).containsExactly(
                ".env line 2: ${DB_HOST} is not set in the environment or above it; it is left empty");
    }

    @Test
    void skipsBadLinesWithAWarningThatDoesNotQuoteThem() {
        String text = "GOOD=1\nhunter2-secret\nBAD=\"unterminated hunter3\n=nokey\r\nLAST=2\n";

        assertThat(DotEnv.parse(text, "app/.env", Map.of(), warnings))
                .containsExactly(Map.entry("GOOD", "1"), Map.entry("LAST", "2"));
        assertThat(warnings).containsExactly(
                "app/.env line 2: ignored, expected KEY=VALUE",
                "app/.env line 3: ignored BAD, its quoted value has no closing quote",
                "app/.env line 4: ignored, expected KEY=VALUE");
    }

    @Test
    void aMissingFileIsEmpty(@TempDir Path dir) {
        assertThat(DotEnv.read(dir.resolve(".env"), ".env", Map.of(), warnings)).isEmpty();
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "X=1\n");

        assertThat(DotEnv.read(dir.resolve(".env"), ".env", Map.of(), warnings)).containsExactly(Map.entry("X", "1"));
    }

    @Test
    void aDirectoryOrALinkToNothingIsAnErrorRatherThanNoSettings(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.createDirectory(env);
        assertThatThrownBy(() -> DotEnv.read(env, ".env", Map.of(), warnings)).isInstanceOf(ConfigException.class)
                .hasMessage(".env is a directory, not a file of KEY=VALUE lines; remove it or move it aside.");

        Files.delete(env);
        Files.createSymbolicLink(env, dir.resolve("secrets/app.env"));
        assertThatThrownBy(() -> DotEnv.read(env, ".env", Map.of(), warnings)).isInstanceOf(ConfigException.class)
                .hasMessage(".env is a link to " + dir.resolve("secrets/app.env")
                        + ", which does not exist; fix the link or remove it.");
    }

    /** Each line doubling the one above ran the expansion out of memory with a stack trace. */
    @Test
    void aValueThatGrowsPastSixteenMegabytesAsItExpandsIsAnError() {
        String half = "x".repeat(1 << 19);
        String text = "A=" + half + "\nB=" + "${A}".repeat(40) + "\n";
        assertThatThrownBy(() -> DotEnv.parse(text, ".env", Map.of(), warnings))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 2: the value of B grows past 16 MB as its ${VAR} references expand; write it "
                        + "with fewer references.");
        // A large value referenced once, such as a certificate, is fine.
        String certificate = "c".repeat(2 << 20);
        assertThat(DotEnv.parse("CERT=" + certificate + "\nTLS_CERT=${CERT}\n", ".env", Map.of(), warnings)
                .get("TLS_CERT")).hasSize(2 << 20);
    }

    @Test
    void valuesThatDoubleAtEveryLineAreAnErrorOnceTheyAddSixteenMegabytes() {
        StringBuilder text = new StringBuilder("A0=xx\n");
        for (int i = 1; i < 40; i++) {
            text.append("A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        assertThatThrownBy(() -> DotEnv.parse(text.toString(), ".env", Map.of(), warnings))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 24: the values of .env grow past 16 MB in all as their ${VAR} references expand "
                        + "(here with A23); write them with fewer references.");
    }

    @Test
    void valuesThatGrowPastSixteenMegabytesInAllAsTheyExpandAreAnError() {
        StringBuilder text = new StringBuilder("A=" + "x".repeat(1 << 19) + "\n");
        for (int i = 1; i <= 40; i++) {
            text.append("B").append(i).append("=${A}\n");
        }
        assertThatThrownBy(() -> DotEnv.parse(text.toString(), ".env", Map.of(), warnings))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 34: the values of .env grow past 16 MB in all as their ${VAR} references expand "
                        + "(here with B33); write them with fewer references.");
    }

    @Test
    void aNamedPipeIsReadLikeAFile(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        assertThat(new ProcessBuilder("mkfifo", env.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(env, "X=1\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();

        assertThat(DotEnv.read(env, ".env", Map.of(), warnings)).containsExactly(Map.entry("X", "1"));
        writer.join();
    }
}
