package dev.retort.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison of a guide's output with real output: placeholders, revision ids, "..." lines. */
class OutputMatcherTest {
    private static OutputMatcher.Result match(List<String> expected, List<String> actual, RevisionIds ids) {
        return OutputMatcher.match(expected, actual, ids);
    }

    private static RevisionIds matched(List<String> expected, List<String> actual) {
        OutputMatcher.Result result = match(expected, actual, RevisionIds.none());
        assertThat(result).isInstanceOf(OutputMatcher.Match.class);
        return ((OutputMatcher.Match) result).ids();
    }

    @Test
    void aGuideIdMatchesAnyRealIdAndIsBoundToIt() {
        RevisionIds ids = matched(List.of("Generating migrations/versions/cbf187849838_create_users_table.java ... done"),
                List.of("Generating migrations/versions/0a1b2c3d4e5f_create_users_table.java ... done"));

        assertThat(ids.real("cbf187849838")).contains("0a1b2c3d4e5f");
        assertThat(ids.substitute("retort downgrade cbf187849838")).isEqualTo("retort downgrade 0a1b2c3d4e5f");
    }

    @Test
    void aBoundIdMatchesOnlyItsRealId() {
        RevisionIds ids = RevisionIds.none().with("cbf187849838", "0a1b2c3d4e5f");

        assertThat(match(List.of("cbf187849838 (head)"), List.of("0a1b2c3d4e5f (head)"), ids))
                .isInstanceOf(OutputMatcher.Match.class);
        assertThat(match(List.of("cbf187849838 (head)"), List.of("ffffffffffff (head)"), ids))
                .isEqualTo(new OutputMatcher.Mismatch(0));
    }

    @Test
    void twoGuideIdsNeverStandForOneRealId() {
        assertThat(match(List.of("cbf187849838 -> 8da9385ab36b"), List.of("0a1b2c3d4e5f -> 0a1b2c3d4e5f"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Mismatch.class);
        assertThat(match(List.of("cbf187849838 -> cbf187849838"), List.of("0a1b2c3d4e5f -> 111111111111"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Mismatch.class);
        assertThat(matched(List.of("cbf187849838 -> cbf187849838"), List.of("0a1b2c3d4e5f -> 0a1b2c3d4e5f"))
                .real("cbf187849838")).contains("0a1b2c3d4e5f");
    }

    @Test
    void anIdInsideALongerWordIsText() {
        assertThat(match(List.of("xcbf187849838"), List.of("x0a1b2c3d4e5f"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Mismatch.class);
        assertThat(matched(List.of("class Add_cbf187849838 {"), List.of("class Add_0a1b2c3d4e5f {"))
                .real("cbf187849838")).contains("0a1b2c3d4e5f");
    }

    @Test
    void dotsOnALineMatchAnyNumberOfLines() {
        List<String> expected = List.of("first", "...", "last");

        assertThat(match(expected, List.of("first", "last"), RevisionIds.none())).isInstanceOf(OutputMatcher.Match.class);
        assertThat(match(expected, List.of("first", "a", "b", "last"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Match.class);
        assertThat(match(expected, List.of("first", "a", "b"), RevisionIds.none())).isEqualTo(new OutputMatcher.Mismatch(2));
        assertThat(match(List.of("..."), List.of(), RevisionIds.none())).isInstanceOf(OutputMatcher.Match.class);
    }

    @Test
    void dotsWithinALineMatchAnyText() {
        assertThat(match(List.of("retort ..."), List.of("retort 0.1.0"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Match.class);
        assertThat(match(List.of("retort ..."), List.of("alembic 1.13"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Mismatch.class);
    }

    @Test
    void regexCharactersInTheGuideAreLiteral() {
        assertThat(match(List.of("a (b) [c] * d"), List.of("a (b) [c] * d"), RevisionIds.none()))
                .isInstanceOf(OutputMatcher.Match.class);
        assertThat(match(List.of("a.c"), List.of("abc"), RevisionIds.none())).isInstanceOf(OutputMatcher.Mismatch.class);
    }

    @Test
    void extraOrMissingOutputLinesAreAMismatch() {
        assertThat(match(List.of("one"), List.of("one", "two"), RevisionIds.none())).isEqualTo(new OutputMatcher.Mismatch(1));
        assertThat(match(List.of("one", "two"), List.of("one"), RevisionIds.none())).isEqualTo(new OutputMatcher.Mismatch(1));
    }

    @Test
    void trailingBlanksDoNotCount() {
        assertThat(match(List.of("done"), List.of("done   "), RevisionIds.none())).isInstanceOf(OutputMatcher.Match.class);
    }

    @Test
    void aFailedMatchBindsNothing() {
        OutputMatcher.Result result = match(List.of("cbf187849838", "never"), List.of("0a1b2c3d4e5f", "other"),
                RevisionIds.none());

        assertThat(result).isInstanceOf(OutputMatcher.Mismatch.class);
    }

    @Test
    void aCommandMayNotUseAnIdBeforeOutputShowedIt() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RevisionIds.none().substitute("retort downgrade cbf187849838"))
                .withMessageContaining("cbf187849838");
    }
}
