package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledEntryTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path cache;

    @Test
    void aNameHoldsTheKeyAndTheTimeToTheNanosecond() {
        assertThat(CompiledEntry.name(KEY, 1_767_323_045_000_000_042L)).isEqualTo(KEY + "-1767323045.000000042");
        assertThat(CompiledEntry.name(KEY, -1L)).isEqualTo(KEY + "--1.999999999");
        assertThat(CompiledEntry.isEntry(CompiledEntry.name(KEY, -1L))).isTrue();
        assertThat(CompiledEntry.isEntry(KEY)).isTrue();
        assertThat(CompiledEntry.isEntry("compiling-123")).isFalse();
    }

    @Test
    void anEntryIsFoundForItsFileAsLastModifiedAndNoOtherTime() throws IOException {
        Path entry = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, 1_767_323_045_123_456_789L)));

        assertThat(withoutCompiler(cache).find(KEY, 1_767_323_045_123_456_789L)).isEqualTo(entry);
        assertThat(withoutCompiler(cache).find(KEY, 1_767_323_045_123_456_788L)).isNull();
        assertThat(withoutCompiler(cache).find(KEY, 1_767_323_046_000_000_000L)).isNull();
        // A tar layer keeps whole seconds; a JRE (an image) has only the entry its build stage compiled.
        assertThat(withoutCompiler(cache).find(KEY, 1_767_323_045_000_000_000L)).isEqualTo(entry);
    }

    /**
     * git archive stamps every file with the commit's time, which whoever commits chooses: an entry named for it
     * (here committed with a release tarball) was loaded for the file it did not come from.
     */
    @Test
    void whereACompilerIsAnEntryOfAWholeSecondIsNotUsed() throws IOException {
        Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, 1_796_000_000_000_000_000L)));

        assertThat(new CompiledEntry(cache, () -> true).find(KEY, 1_796_000_000_000_000_000L)).isNull();
        assertThat(withoutCompiler(cache).find(KEY, 1_796_000_000_000_000_000L)).isNotNull();
    }

    @Test
    void whetherACompilerIsThereIsAskedOnceForAllFiles() {
        AtomicInteger asked = new AtomicInteger();
        CompiledEntry entries = new CompiledEntry(cache, () -> asked.incrementAndGet() > 0);

        for (int second = 0; second < 3; second++) {
            entries.find(KEY, 1_796_000_000_000_000_000L + second * 1_000_000_000L);
        }

        assertThat(asked).hasValue(1);
    }

    private static CompiledEntry withoutCompiler(Path cache) {
        return new CompiledEntry(cache, () -> false);
    }

    @Test
    void aTimeCutToTheSecondFindsNoEntryWhenTwoOfThatSecondAreThere() throws IOException {
        Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, 1_767_323_045_123_456_789L)));
        Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, 1_767_323_045_987_654_321L)));

        assertThat(withoutCompiler(cache).find(KEY, 1_767_323_045_000_000_000L)).isNull();
        assertThat(withoutCompiler(cache.resolve("none")).find(KEY, 1_767_323_045_000_000_000L)).isNull();
    }

    @Test
    void anEntryForAStatIsFoundForThatStatOnlyWhereACompilerIs() throws IOException {
        // A copy that keeps times (tar x of a pax archive, cp -a) keeps the time, never the ctime and inode.
        long modified = 1_767_323_045_123_456_789L;
        ScriptCache.Stat here = new ScriptCache.Stat(10, modified, 1_767_400_000_000_000_001L, 42);
        ScriptCache.Stat copy = new ScriptCache.Stat(10, modified, 1_767_500_000_000_000_002L, 43);
        Path entry = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, modified, here)));

        assertThat(entry.getFileName().toString()).isEqualTo(KEY + "-1767323045.123456789-1767400000000000001-42");
        assertThat(CompiledEntry.isEntry(entry.getFileName().toString())).isTrue();
        assertThat(new CompiledEntry(cache, () -> true).find(KEY, modified, here)).isEqualTo(entry);
        assertThat(new CompiledEntry(cache, () -> true).find(KEY, modified, copy)).isNull();
        // A JRE has only the entry its image's build stage compiled, for the file of the same time.
        assertThat(withoutCompiler(cache).find(KEY, modified, copy)).isEqualTo(entry);
        assertThat(withoutCompiler(cache).find(KEY, 1_767_323_045_000_000_000L, copy)).isEqualTo(entry);
        assertThat(withoutCompiler(cache).find(KEY, modified + 1, copy)).isNull();
    }

    @Test
    void anEntryForAStatOfAWholeSecondIsUsedForThatStat() throws IOException {
        long modified = 1_796_000_000_000_000_000L;
        ScriptCache.Stat here = new ScriptCache.Stat(10, modified, 1_796_000_001_000_000_001L, 42);
        Path entry = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, modified, here)));

        assertThat(new CompiledEntry(cache, () -> true).find(KEY, modified, here)).isEqualTo(entry);
    }

    @Test
    void aCompileRemovesTheOtherEntriesOfItsKeyAndSecond() throws IOException {
        long modified = 1_767_323_045_123_456_789L;
        Path planted = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, modified,
                new ScriptCache.Stat(10, modified, 7, 8))));
        Path older = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, 1_767_323_045_000_000_000L)));
        Path otherSecond = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, modified + 1_000_000_000L)));
        Path otherKey = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY.replace('0', 'f'), modified)));
        Path compiled = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, modified,
                new ScriptCache.Stat(10, modified, 9, 10))));
        Path used = Files.createDirectories(cache.resolve(CompiledEntry.name(KEY, modified,
                new ScriptCache.Stat(10, modified, 11, 12))));

        CompiledEntry.removeSuperseded(cache, List.of(compiled), List.of(compiled, used));

        assertThat(used).isDirectory();
        Files.delete(used);
        assertThat(planted).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(compiled).isDirectory();
        assertThat(otherSecond).isDirectory();
        assertThat(otherKey).isDirectory();
        assertThat(withoutCompiler(cache).find(KEY, modified, new ScriptCache.Stat(10, modified, 13, 14)))
                .isEqualTo(compiled);
    }
}
