package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionTest {

    @Test
    void copiesCollectionsAndKeepsTheirOrder() {
        List<String> downs = new ArrayList<>(List.of("b", "a"));
        LinkedHashSet<String> labels = new LinkedHashSet<>(List.of("zeta", "alpha"));
        Revision revision = new Revision("c", downs, labels, List.of("x"), "msg", "c.sql");
        downs.add("z");
        labels.add("beta");

        assertThat(revision.downRevisions()).containsExactly("b", "a");
        assertThat(revision.branchLabels()).containsExactly("zeta", "alpha");
        assertThatThrownBy(() -> revision.downRevisions().add("q")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> revision.branchLabels().add("q")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(revision.isMerge()).isTrue();
        assertThat(revision.isBase()).isFalse();
    }

    @Test
    void nullCollectionsAndMessageBecomeEmpty() {
        Revision revision = new Revision("a", null, null, null, null, null);
        assertThat(revision.downRevisions()).isEmpty();
        assertThat(revision.branchLabels()).isEmpty();
        assertThat(revision.dependsOn()).isEmpty();
        assertThat(revision.message()).isEmpty();
        assertThat(revision.origin()).isNull();
        assertThat(revision.isBase()).isTrue();
    }

    @Test
    void equalValuesAreEqual() {
        assertThat(new Revision("a", List.of("b"), Set.of("l"), List.of(), "m", null))
                .isEqualTo(new Revision("a", List.of("b"), new LinkedHashSet<>(List.of("l")), List.of(), "m", null));
    }

    @Test
    void rejectsMissingId() {
        assertThatThrownBy(() -> Revision.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void stepHeadsComeOutInIdOrderAndNameTheirDifference() {
        Step step = new Step(Revision.of("c", "a", "b"), Direction.UPGRADE, ids("b", "a", "x"), ids("x", "c"));
        assertThat(step.headsBefore()).containsExactly("a", "b", "x");
        assertThat(step.headsAfter()).containsExactly("c", "x");
        assertThat(step.removedHeads()).containsExactly("a", "b");
        assertThat(step.addedHeads()).containsExactly("c");
        assertThat(step.headsAfter()).isEqualTo(Set.of("x", "c")).hasSameHashCodeAs(Set.of("x", "c"));
    }

    private static Set<String> ids(String... ids) {
        return new LinkedHashSet<>(List.of(ids));
    }
}
