package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCacheTest {
    @TempDir
    Path dir;

    private Path cacheFile() {
        return dir.resolve(".retort/cache/config/retort.toml");
    }

    private RetortConfig load() {
        return ConfigLoader.load(Optional.empty(), dir, Map.of(), Map.of(), Optional.empty());
    }

    @Test
    void keepsEveryKindOfValueAsTheParserReadIt() {
        String text = """
                name = "app"
                count = 3
                ratio = 0.5
                on = true
                off = false
                when = 2026-12-04
                nested = [["a", "b"], [1, 2], []]
                point = { x = 1, label = "π ☃" }
                dotted.key = "d"

                [models]
                sources = ["src/main/java"]

                [[jobs]]
                name = "first"
                [[jobs]]
                name = "second"
                """;
        ConfigTable parsed = ConfigFileParser.parse(text, "retort.toml");

        ConfigCache.write(cacheFile(), text, parsed, new ConfigCache.Stamp(42, 7, 8));

        assertThat(ConfigCache.read(cacheFile(), text, new ConfigCache.Stamp(42, 7, 8))).contains(parsed);
        assertThat(ConfigCache.read(cacheFile(), text, new ConfigCache.Stamp(43, 7, 8))).isEmpty();
        assertThat(ConfigCache.read(cacheFile(), text, new ConfigCache.Stamp(42, 9, 8))).isEmpty();
        assertThat(ConfigCache.read(cacheFile(), text, new ConfigCache.Stamp(42, 7, 9))).isEmpty();
        assertThat(parsed.get("when")).isEqualTo(ConfigTable.DATE_TIME);
        assertThat(parsed.get("nested")).isEqualTo(List.of(List.of("a", "b"), List.of(1L, 2L), List.of()));
        assertThat(parsed.line("ratio")).isEqualTo(3);
        assertThat(((ConfigTable) parsed.get("models")).line("sources")).isEqualTo(12);
    }

    @Test
    void aCommandWhoseFileIsUnchangedUsesTheKeptParse() throws IOException {
        String text = "script_location = \"db\"\n";
        Files.writeString(dir.resolve("retort.toml"), text);
        ConfigTable kept = new ConfigTable();
        kept.put("script_location", "kept", 1);
        ConfigCache.write(cacheFile(), text, kept, stamp());

        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("kept"));
    }

    @Test
    void aParseKeptForTheFileAsLastModifiedAnotherTimeIsNotUsed() throws IOException {
        // A clone gives the file the time of its checkout: values committed under .retort/cache/config with the
        // file's text are another file's parse.
        String text = "script_location = \"db\"\n";
        Files.writeString(dir.resolve("retort.toml"), text);
        ConfigTable kept = ConfigFileParser.parse("backup = \"dump\"\npg_dump = \"./tools.sh\"\n", "retort.toml");
        ConfigCache.write(cacheFile(), text, kept, stamp());
        Files.setLastModifiedTime(dir.resolve("retort.toml"),
                FileTime.from(Instant.parse("2026-01-02T03:04:05.123456789Z")));

        RetortConfig config = load();

        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("db"));
        assertThat(config.pgDump()).isEmpty();
        // Parsed again and kept for the file as it is now.
        assertThat(ConfigCache.read(cacheFile(), text, stamp())).isPresent();
    }

    @Test
    void aParseKeptForAFileCopiedWithItsTimeIsNotUsed() throws IOException {
        // tar x of a pax archive (which keeps the nanoseconds its author chose), cp -a and rsync -a give the file its
        // time back: a parse that came with it under .retort/cache/config is another file's, its ctime tells.
        String text = "script_location = \"db\"\n";
        Path file = dir.resolve("retort.toml");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05.123456Z")));
        ConfigTable kept = ConfigFileParser.parse("backup = \"dump\"\npg_dump = \"./tools.sh\"\n", "retort.toml");
        ConfigCache.write(cacheFile(), text, kept, stamp());
        Path archived = Files.copy(file, dir.resolve("archived.toml"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.delete(file);
        Files.copy(archived, file, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(file, Files.getLastModifiedTime(archived));
        assertThat(Files.getLastModifiedTime(file).toInstant())
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));

        RetortConfig config = load();

        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("db"));
        assertThat(config.pgDump()).isEmpty();
    }

    @Test
    void aParseKeptForATimeOfAWholeSecondIsNotUsed() throws IOException {
        // git archive stamps every file with the commit's time, which whoever commits chooses, to the second: a
        // parse kept for that time came with the files as likely as not (a release tarball of a hostile project).
        String text = "script_location = \"db\"\n";
        Path file = dir.resolve("retort.toml");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        ConfigTable kept = new ConfigTable();
        kept.put("script_location", "kept", 1);
        ConfigCache.write(cacheFile(), text, kept, stamp());

        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("db"));
    }

    @Test
    void nothingIsKeptForAFileTimedToTheSecond() throws IOException {
        Path file = dir.resolve("retort.toml");
        Files.writeString(file, "script_location = \"db\"\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));

        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("db"));

        assertThat(cacheFile()).doesNotExist();
    }

    private ConfigCache.Stamp stamp() throws IOException {
        return ConfigCache.Stamp.of(dir.resolve("retort.toml"));
    }

    @Test
    void anEditedFileIsParsedAgainAndKept() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), "script_location = \"db1\"\n");
        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("db1"));

        Files.writeString(dir.resolve("retort.toml"), "script_location = \"db2\"\n");

        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("db2"));
        assertThat(ConfigCache.read(cacheFile(), "script_location = \"db2\"\n", stamp())).isPresent();
        assertThat(ConfigCache.read(cacheFile(), "script_location = \"db1\"\n", stamp())).isEmpty();
    }

    @Test
    void aDamagedEntryIsParsedAroundAndReplaced() throws IOException {
        String text = "script_location = \"db\"\n";
        Files.writeString(dir.resolve("retort.toml"), text);
        Files.createDirectories(cacheFile().getParent());
        Files.write(cacheFile(), new byte[] {0x52, 0x54, 0x43, 0x46, 0, 0, 0, 1, 0x7f, 0, 0, 0});

        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("db"));
        assertThat(ConfigCache.read(cacheFile(), text, stamp())).isPresent();
    }

    @Test
    void aFileWithASyntaxErrorIsNotKept() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), "script_location = \n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("line 1");
        assertThat(cacheFile()).doesNotExist();
    }

    @Test
    void theEntryIsReadableByItsOwnerAlone() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Files.writeString(dir.resolve("retort.toml"), "database_url = \"postgresql://app:secret@db/app\"\n");

        load();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile()))).isEqualTo("rw-------");
        try (var files = Files.list(cacheFile().getParent())) {
            assertThat(files).containsExactly(cacheFile());
        }
    }
}
