package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    private static final List<String> TARGETS = List.of("base", "head", "heads");

    @Test
    void aSwapOrAMissingLetterIsANearMiss() {
        assertThat(Spelling.closest("heda", TARGETS)).contains("head");
        assertThat(Spelling.closest("hed", TARGETS)).contains("head");
        assertThat(Spelling.closest("bsae", TARGETS)).contains("base");
        assertThat(Spelling.closest("haeds", TARGETS)).contains("heads");
        assertThat(Spelling.closest("updgrade", List.of("upgrade", "downgrade"))).contains("upgrade");
        assertThat(Spelling.closest("dwongrade", List.of("upgrade", "downgrade"))).contains("downgrade");
    }

    @Test
    void aWordFarFromEveryCandidateHasNoSuggestion() {
        assertThat(Spelling.closest("foo", TARGETS)).isEmpty();
        assertThat(Spelling.closest("hxyz", TARGETS)).isEmpty();
        assertThat(Spelling.closest("deploy", List.of("upgrade", "downgrade"))).isEmpty();
    }
}
