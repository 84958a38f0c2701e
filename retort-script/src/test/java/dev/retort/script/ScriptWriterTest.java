package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptWriterTest {
    @Test
    void theSlugKeepsTheWordsOfTheMessage() {
        assertThat(ScriptWriter.slug("Add user phone number")).isEqualTo("add_user_phone_number");
        assertThat(ScriptWriter.slug("  --Add \"user\" table; stuff/../x  ")).isEqualTo("add_user_table_stuff_x");
        assertThat(ScriptWriter.slug("")).isEqualTo("migration");
        assertThat(ScriptWriter.slug("x".repeat(50))).hasSize(40);
    }

    @Test
    void accentedLettersKeepTheirBaseLetter() {
        assertThat(ScriptWriter.slug("Créer la table des employés 🚀")).isEqualTo("creer_la_table_des_employes");
        assertThat(ScriptWriter.slug("Größe ändern")).isEqualTo("grosse_andern");
    }

    @Test
    void theClassNameComesFromTheSlug() {
        NewRevision revision = new NewRevision("1a2b3c4d5e6f", "Créer employés", List.of(), List.of(), List.of(),
                LocalDateTime.of(2026, 12, 4, 10, 0), ScriptKind.JAVA, "", "");
        assertThat(ScriptWriter.className(revision)).isEqualTo("CreerEmployes_1a2b3c4d5e6f");
    }

    /** The file's path came twice (the exception's message is the path), with no reason and nothing to do. */
    @Test
    void aFileThatCannotBeWrittenIsNamedOnceWithTheReason(@TempDir Path dir) throws Exception {
        NewRevision revision = new NewRevision("1a2b3c4d5e6f", "add users", List.of(), List.of(), List.of(),
                LocalDateTime.of(2026, 12, 4, 10, 0), ScriptKind.SQL, "", "");
        Files.writeString(dir.resolve("plain.txt"), "a file where a directory should be\n");
        Path versions = dir.resolve("plain.txt/versions");
        assertThatThrownBy(() -> ScriptWriter.write(versions, revision)).isInstanceOf(ScriptException.class)
                .hasMessage("Cannot create 1a2b3c4d5e6f_add_users.sql in " + versions + ": Not a directory; make it a "
                        + "directory that the user running Retort may write in.");
    }

    /**
     * A write that fails half-way (a full disk; here a file-size limit, which a JVM meets as "File too large") left
     * the file begun, and every later command stopped at it: "no -- revision: header".
     */
    @Test
    void aWriteThatFailsHalfWayLeavesNoFile(@TempDir Path dir) throws Exception {
        String output = FileSizeLimit.failingRun(1, WriteRevisionMain.class, dir.toString());
        assertThat(output).startsWith("Cannot create 1a2b3c4d5e6f_word_word_word_word_word_word_word_word.sql in "
                + dir + ": ").contains("nothing was written.");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aVersionsDirectoryWithoutWritePermissionSaysSo(@TempDir Path dir) throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: permissions do not apply");
        NewRevision revision = new NewRevision("1a2b3c4d5e6f", "add users", List.of(), List.of(), List.of(),
                LocalDateTime.of(2026, 12, 4, 10, 0), ScriptKind.SQL, "", "");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> ScriptWriter.write(dir, revision)).isInstanceOf(ScriptException.class)
                    .hasMessage("Cannot create 1a2b3c4d5e6f_add_users.sql in " + dir + ": permission denied; let "
                            + "the user running Retort write there.");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
