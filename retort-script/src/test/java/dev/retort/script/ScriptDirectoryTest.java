package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.postgres.PostgresDialect;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptDirectoryTest {
    @TempDir
    Path dir;

    private static String sql(String id, String down, String body) {
        return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: m\n-- +upgrade\n" + body
                + "\n-- +downgrade\nSELECT 1;\n";
    }

    @Test
    void readsEveryMigrationFileAndNothingElse() throws Exception {
        Files.writeString(dir.resolve("aaaaaaaaaaa1_first.sql"), sql("aaaaaaaaaaa1", "none", "SELECT 1;"));
        Files.writeString(dir.resolve("aaaaaaaaaaa2_second.sql"), sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "SELECT 2;")
                .replace("\n", "\r\n"));
        Files.writeString(dir.resolve("notes.txt"), "not a migration");
        Files.writeString(dir.resolve(".aaaaaaaaaaa3_hidden.sql"), "editor swap file");
        Files.createDirectory(dir.resolve("aaaaaaaaaaa4_directory.sql"));
        Path fifo = dir.resolve("aaaaaaaaaaa5_pipe.sql");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();

        ScriptDirectory scripts = ScriptDirectory.load(dir);

        assertThat(scripts.map().heads()).extracting(r -> r.id()).containsExactly("aaaaaaaaaaa2");
        assertThat(scripts.script("aaaaaaaaaaa2").source()).doesNotContain("\r").contains("SELECT 2;");
        assertThat(scripts.script("aaaaaaaaaaa1").source()).isEqualTo(sql("aaaaaaaaaaa1", "none", "SELECT 1;"));
    }

    /** Migrations on the class path are named by their resource names, as every other message names them. */
    @Test
    void aRevisionDefinedTwiceOnTheClassPathNamesBothResources() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/retort/versions"));
        Files.writeString(versions.resolve("aaaaaaaaaaa1_first.sql"), sql("aaaaaaaaaaa1", "none", "SELECT 1;"));
        Files.writeString(versions.resolve("aaaaaaaaaaa1_again.sql"), sql("aaaaaaaaaaa1", "none", "SELECT 2;"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> ScriptDirectory.fromResources(loader, "db/retort/versions"))
                    .isInstanceOf(ScriptException.class)
                    .hasMessageMatching("Revision aaaaaaaaaaa1 is defined twice: db/retort/versions/aaaaaaaaaaa1_"
                            + "(first|again)\\.sql and db/retort/versions/aaaaaaaaaaa1_(first|again)\\.sql; give one "
                            + "of them a new id\\.");
        }
    }

    /**
     * A file named in Latin-1 on another system, listed in a UTF-8 locale: its name was read with U+FFFD for the byte
     * that is not UTF-8, the file could not be opened by that name, and it was skipped as one removed since the
     * listing, so its revision was missing and {@code upgrade head} had nothing to do.
     */
    @Test
    void aFileNameThatIsNotUtf8Stops() throws Exception {
        Assumptions.assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "file names are read as UTF-8");
        Files.writeString(dir.resolve("aaaaaaaaaaa1_first.sql"), sql("aaaaaaaaaaa1", "none", "SELECT 1;"));
        String copy = "cp aaaaaaaaaaa1_first.sql \"$(printf 'aaaaaaaaaaa2_caf\\351.sql')\"";
        Process latin1 = new ProcessBuilder("sh", "-c", copy).directory(dir.toFile()).start();
        assertThat(latin1.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(latin1.exitValue()).isZero();

        assertThatThrownBy(() -> ScriptDirectory.load(dir))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("aaaaaaaaaaa2_caf\uFFFD.sql: the file's name is not UTF-8 text")
                .hasMessageEndingWith("rename the file.");
    }

    /**
     * A link into a shared directory that is not mounted left its revision out of the graph without a word, and
     * {@code upgrade head} said there was nothing to do. A link to a file that is there is read as the file.
     */
    @Test
    void aLinkToAMigrationIsReadAndALinkToNothingStops(@TempDir Path shared) throws Exception {
        Files.writeString(dir.resolve("aaaaaaaaaaa1_first.sql"), sql("aaaaaaaaaaa1", "none", "SELECT 1;"));
        Path target = Files.writeString(shared.resolve("aaaaaaaaaaa2_linked.sql"),
                sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "SELECT 2;"));
        Path link = Files.createSymbolicLink(dir.resolve("aaaaaaaaaaa2_linked.sql"), target);
        Path cache = shared.resolve("scripts.cache");
        assertThat(ScriptDirectory.load(dir).map().heads()).extracting(r -> r.id()).containsExactly("aaaaaaaaaaa2");
        assertThat(ScriptDirectory.load(dir, cache).map().heads()).extracting(r -> r.id())
                .containsExactly("aaaaaaaaaaa2");

        Files.delete(target);
        String dangling = link + " is a link to " + target + ", which does not exist; mount or restore what it "
                + "points to, or remove the link.";
        assertThatThrownBy(() -> ScriptDirectory.load(dir)).isInstanceOf(ScriptException.class).hasMessage(dangling);
        assertThatThrownBy(() -> ScriptDirectory.load(dir, cache)).isInstanceOf(ScriptException.class)
                .hasMessage(dangling);
    }

    /** An Alembic revision copied in, or a migration named .SQL, left its revision out of the graph without a word. */
    @Test
    void aFileTakenForAMigrationThatIsNotReadAsOneStops() throws Exception {
        Files.writeString(dir.resolve("aaaaaaaaaaa1_first.sql"), sql("aaaaaaaaaaa1", "none", "SELECT 1;"));
        Files.writeString(dir.resolve("__init__.py"), "");
        Files.createDirectory(dir.resolve("__pycache__"));
        Files.writeString(dir.resolve(".aaaaaaaaaaa2.SQL"), "an editor's file");
        assertThat(ScriptDirectory.load(dir).map().heads()).extracting(r -> r.id()).containsExactly("aaaaaaaaaaa1");

        Path upper = Files.writeString(dir.resolve("aaaaaaaaaaa2_second.SQL"), sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", ""));
        assertThatThrownBy(() -> ScriptDirectory.load(dir)).isInstanceOf(ScriptException.class)
                .hasMessage(upper + " is not read as a migration: Retort reads *.sql and *.java in lower case; "
                        + "rename it to aaaaaaaaaaa2_second.sql.");
        Files.delete(upper);

        Path alembic = Files.writeString(dir.resolve("1975ea83b712_create_users.py"), "revision = '1975ea83b712'\n");
        assertThatThrownBy(() -> ScriptDirectory.load(dir)).isInstanceOf(ScriptException.class)
                .hasMessage(alembic + " is a Python migration (Alembic's), which Retort does not run; port it to a "
                        + ".sql or .java migration under the same revision id (see \"Moving an Alembic project\" in "
                        + "the docs), and move the .py file out of " + dir + ".");
    }

    @Test
    void keepsAReplacementCharacterTheFileHoldsAndRejectsBytesThatAreNotUtf8() throws Exception {
        String text = sql("aaaaaaaaaaa1", "none", "SELECT '\uFFFD é ✓';");
        Files.writeString(dir.resolve("aaaaaaaaaaa1_x.sql"), text);
        assertThat(ScriptDirectory.load(dir).script("aaaaaaaaaaa1").source()).isEqualTo(text);

        byte[] bad = sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "SELECT 'X';").getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 20] = (byte) 0xC3;
        Files.write(dir.resolve("aaaaaaaaaaa2_y.sql"), bad);
        assertThatThrownBy(() -> ScriptDirectory.load(dir)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa2_y.sql is not valid UTF-8 text; save it as UTF-8.")
                .hasCauseInstanceOf(MalformedInputException.class);
    }

    @Test
    void aFileThatChangedSizeSinceItWasListedIsReadToItsEnd() throws IOException {
        Path file = dir.resolve("f.sql");
        String text = "x".repeat(5000) + "é";
        Files.writeString(file, text);
        long size = Files.size(file);

        assertThat(ScriptText.readText(file, size)).isEqualTo(text);
        assertThat(ScriptText.readText(file, 3)).as("grew").isEqualTo(text);
        assertThat(ScriptText.readText(file, 0)).as("was empty").isEqualTo(text);
        assertThat(ScriptText.readText(file, size + 100)).as("was cut").isEqualTo(text);
        Files.writeString(file, "");
        assertThat(ScriptText.readText(file, 0)).isEmpty();
    }

    @Test
    void aLongHistoryReadByTwoThreadsReportsTheFirstBadFile() throws IOException {
        int n = ScriptDirectory.TWO_THREADS_FROM + 10;
        String down = "none";
        for (int i = 1; i <= n; i++) {
            String id = String.format("%012x", i);
            Files.writeString(dir.resolve(id + "_m.sql"), sql(id, down, "SELECT " + i + ";"));
            down = id;
        }
        assertThat(ScriptDirectory.load(dir).map().heads()).extracting(r -> r.id())
                .containsExactly(String.format("%012x", n));

        Path late = dir.resolve(String.format("%012x_m.sql", n - 3));
        Files.writeString(late, "-- not a migration\n");
        assertThatThrownBy(() -> ScriptDirectory.load(dir)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(late.getFileName().toString());

        Path early = dir.resolve(String.format("%012x_m.sql", 5));
        Files.writeString(early, "-- not a migration\n");
        assertThatThrownBy(() -> ScriptDirectory.load(dir)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(early.getFileName().toString());
    }

    /** What editors that save UTF-8 "with signature" (Notepad and others on Windows) put first in a file. */
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static void writeWithBom(Path file, String text) throws IOException {
        Files.write(file, BOM);
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    @Test
    void aByteOrderMarkBeforeTheTextIsNotPartOfIt() throws Exception {
        String text = sql("aaaaaaaaaaa1", "none", "SELECT 1;");
        writeWithBom(dir.resolve("aaaaaaaaaaa1_first.sql"), text.replace("\n", "\r\n"));
        writeWithBom(dir.resolve("aaaaaaaaaaa2_second.java"), """
                @Revision(id = "aaaaaaaaaaa2", down = "aaaaaaaaaaa1")
                final class Second_aaaaaaaaaaa2 implements Migration {
                }
                """);

        ScriptDirectory scripts = ScriptDirectory.load(dir);

        assertThat(scripts.map().heads()).extracting(r -> r.id()).containsExactly("aaaaaaaaaaa2");
        Script first = scripts.script("aaaaaaaaaaa1");
        assertThat(first.source()).isEqualTo(text);
        assertThat(SqlMigrationParser.body(first.fileName(), first.source(), new PostgresDialect()).upgrade())
                .hasSize(1);
        assertThat(first.checksum()).as("as if saved without the mark")
                .isEqualTo(new Script(first.revision(), first.path(), ScriptKind.SQL, "", text).checksum());
        assertThat(scripts.script("aaaaaaaaaaa2").source()).startsWith("@Revision");
    }
}
