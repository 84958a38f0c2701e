package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(DotEnv.parse(text, ".env", warnings)).containsExactly(
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

        assertThat(DotEnv.parse(text, ".env", warnings)).containsExactly(
                Map.entry("A", "again"), Map.entry("B", "two words"), Map.entry("C", "p#ss"),
                Map.entry("D", "single $quoted \\n kept"), Map.entry("E", "line1\nline2 \"quoted\" back\\slash \\t"),
                Map.entry("F", ""), Map.entry("G", "has # inside"), Map.entry("H", "padded"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void skipsBadLinesWithAWarningThatDoesNotQuoteThem() {
        String text = "GOOD=1\nhunter2-secret\nBAD=\"unterminated hunter3\n=nokey\r\nLAST=2\n";

        assertThat(DotEnv.parse(text, "app/.env", warnings)).containsExactly(Map.entry("GOOD", "1"), Map.entry("LAST", "2"));
        assertThat(warnings).containsExactly(
                "app/.env line 2: ignored, expected KEY=VALUE",
                "app/.env line 3: ignored BAD, its quoted value has no closing quote",
                "app/.env line 4: ignored, expected KEY=VALUE");
    }

    @Test
    void aMissingFileIsEmpty(@TempDir Path dir) {
        assertThat(DotEnv.read(dir.resolve(".env"), ".env", warnings)).isEmpty();
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "X=1\n");

        assertThat(DotEnv.read(dir.resolve(".env"), ".env", warnings)).containsExactly(Map.entry("X", "1"));
    }
}
