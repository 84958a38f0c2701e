package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachePrunerTest {

    @Test
    void keepsTheNewestEntriesTheCurrentOneAndWhatIsRecent(@TempDir Path cache) throws IOException {
        Instant now = Instant.now();
        Path[] old = new Path[8];
        for (int i = 0; i < old.length; i++) {
            old[i] = entry(cache, i, now.minus(Duration.ofHours(10 + i))); // old[0] is the newest
        }
        Path recent = entry(cache, 20, now.minus(Duration.ofMinutes(1)));
        Path current = old[7];
        Path unrelated = Files.createDirectories(cache.resolve("not-an-entry"));
        Files.setLastModifiedTime(unrelated, FileTime.from(now.minus(Duration.ofDays(30))));

        CachePruner.prune(cache, current);

        assertThat(recent).isDirectory();
        assertThat(old[0]).isDirectory();
        assertThat(old[3]).isDirectory(); // the five newest: recent and old[0..3]
        assertThat(old[4]).doesNotExist();
        assertThat(old[6]).doesNotExist();
        assertThat(current).isDirectory();
        assertThat(unrelated).isDirectory();
    }

    private static Path entry(Path cache, int n, Instant modified) throws IOException {
        byte[] key = new byte[16];
        key[15] = (byte) n;
        Path entry = Files.createDirectories(cache.resolve(HexFormat.of().formatHex(key)));
        Files.writeString(entry.resolve("model.txt"), "x");
        Files.setLastModifiedTime(entry, FileTime.from(modified));
        return entry;
    }
}
