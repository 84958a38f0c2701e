package dev.retort.revision;

import static dev.retort.revision.Fixtures.dependent;
import static dev.retort.revision.Fixtures.ids;
import static dev.retort.revision.Fixtures.labeled;
import static dev.retort.revision.Fixtures.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code stamp}: mostly Alembic's own stamp cases. */
class StampTest {
    private final RevisionMap branched = Fixtures.branched();
    private final RevisionMap merged = Fixtures.merged();

    @Test
    void stampOnALinearHistory() {
        RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("c", "b")));
        assertThat(map.stampHeads(Set.of(), "head")).containsExactly("c");
        assertThat(map.stampHeads(Set.of("c"), "a")).containsExactly("a");
        assertThat(map.stampHeads(Set.of("a"), "c")).containsExactly("c");
        assertThat(map.stampHeads(Set.of("c"), "base")).isEmpty();
        assertThat(map.stampHeads(Set.of("c"), "-1")).containsExactly("b");
        assertThat(map.stampHeads(Set.of("a"), "-1")).isEmpty();
    }

    @Test
    void stampDownToTheBranchPointFoldsBothBranches() {
        assertThat(branched.stampHeads(ids("d1", "c2"), "b")).containsExactly("b");
    }

    @Test
    void stampOneBranchLeavesTheOther() {
        assertThat(branched.stampHeads(ids("d1", "c2"), "c1branch@base")).containsExactly("c2");
        assertThat(branched.stampHeads(ids("d1", "c2"), "c2branch@head")).containsExactly("d1", "d2");
        assertThat(branched.stampHeads(ids("d1"), "c2")).containsExactly("c2", "d1");
    }

    @Test
    void stampAcrossAMerge() {
        assertThat(merged.stampHeads(Set.of("e"), "c2")).containsExactly("c2");
        assertThat(merged.stampHeads(Set.of("e"), "a")).containsExactly("a");
        assertThat(merged.stampHeads(Set.of("c2"), "e")).containsExactly("e");
        assertThat(merged.stampHeads(ids("d1", "c2"), "c2branch@head")).containsExactly("f");
        assertThat(merged.stampHeads(ids("d1", "c2"), "e")).containsExactly("e");
        assertThat(merged.stampHeads(Set.of("b"), "e")).containsExactly("e");
    }

    @Test
    void severalTargetsEachStampTheirBranch() {
        assertThat(branched.stampHeads(Set.of(), List.of("d1", "c2"))).containsExactly("c2", "d1");
        assertThat(branched.stampHeads(ids("d1", "d2"), List.of("c1", "c2"))).containsExactly("c1", "c2");
        assertThat(branched.stampHeads(ids("d1"), List.of("d1"))).containsExactly("d1");
        assertThatThrownBy(() -> branched.stampHeads(Set.of(), List.of("c1", "d1")))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Cannot stamp both 'c1' and 'd1': they are on one line, so c1 would be replaced; stamp only "
                        + "the revision the database is at on each branch.");
        // A target already in the table is on the line of the next one all the same.
        assertThatThrownBy(() -> branched.stampHeads(ids("c1", "d2"), List.of("c1", "d1")))
                .hasMessageStartingWith("Cannot stamp both 'c1' and 'd1'");
        assertThatThrownBy(() -> branched.stampHeads(Set.of(), List.of("d1", "b")))
                .hasMessageStartingWith("Cannot stamp both 'd1' and 'b'");
    }

    @Test
    void stampHeads() {
        RevisionMap forest = RevisionMap.of(List.of(rev("a1"), rev("b1", "a1"), rev("a2"), rev("b2", "a2")));
        assertThat(forest.stampHeads(Set.of(), "heads")).containsExactly("b1", "b2");
        assertThat(forest.stampHeads(ids("b1", "b2"), "heads")).containsExactly("b1", "b2");
        assertThat(forest.stampHeads(ids("a1"), "heads")).containsExactly("b1", "b2");
        assertThat(branched.stampHeads(Set.of("b"), "heads")).containsExactly("d1", "d2");
    }

    @Test
    void stampAcrossADependency() {
        // DependsOnBranchTestOne: stamping b1 replaces e1 and c2, which depends on c1 above b1.
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"),
                rev("b2", "a2"), dependent("c2", List.of("c1"), "b2"), rev("d1", "c1"), rev("e1", "d1")));
        assertThat(map.stampHeads(ids("e1", "c2"), "b1")).containsExactly("b1");
    }

    @Test
    void stampingADependencyAndItsDependentKeepsTheDependent() {
        RevisionMap map = RevisionMap.of(List.of(labeled("s1", "shop"), dependent("n1", List.of("s1"))));
        assertThat(map.resolve("shop@heads", Set.of())).containsExactly("s1");
        assertThat(map.stampHeads(Set.of(), "heads")).containsExactly("n1");
        assertThat(map.stampHeads(Set.of("n1"), "s1")).containsExactly("s1");
    }

    @Test
    void stampErrors() {
        assertThatThrownBy(() -> branched.stampHeads(Set.of(), "head"))
                .hasMessageStartingWith("Multiple heads are present (d1, d2)");
        assertThatThrownBy(() -> branched.stampHeads(Set.of("nope"), "b"))
                .hasMessageStartingWith("The database is at revision nope");
    }
}
