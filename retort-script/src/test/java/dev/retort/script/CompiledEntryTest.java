package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
