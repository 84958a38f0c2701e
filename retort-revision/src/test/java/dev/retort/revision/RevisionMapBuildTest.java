package dev.retort.revision;

import static dev.retort.revision.Fixtures.dependent;
import static dev.retort.revision.Fixtures.idsOf;
import static dev.retort.revision.Fixtures.labeled;
import static dev.retort.revision.Fixtures.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionMapBuildTest {

    @Test
    void duplicateIdNamesBothFiles() {
        Revision first = new Revision("1a2b3c4d5e6f", List.of(), Set.of(), List.of(), "", "a.sql");
        Revision second = new Revision("1a2b3c4d5e6f", List.of(), Set.of(), List.of(), "", "b.java");
        assertThatThrownBy(() -> RevisionMap.of(List.of(first, second)))
                .isInstanceOf(RevisionGraphException.class)
                .isInstanceOf(RetortException.class)
                .hasMessage("Revision 1a2b3c4d5e6f is defined twice: a.sql and b.java; give one of them a new id.");
    }

    @Test
    void unknownDownRevisionNamesTheFile() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), rev("b", "zz"))))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revision b (file b.sql) names down revision zz, but no migration has that id; "
                        + "fix its header.");
    }

    @Test
    void aDownRevisionNamedTwiceIsRefused() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), rev("b", "a", "a"))))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revision b (file b.sql) names down revision a twice; fix its header to name it once.");
    }

    @Test
    void aJavaMigrationIsToldToFixItsAnnotation() {
        Revision merge = new Revision("c", List.of("a", "gone"), Set.of(), List.of(), "merge", "c_merge.java");
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), merge)))
                .hasMessage("Revision c (file c_merge.java) names down revision gone, but no migration has that id; "
                        + "fix its @Revision annotation.");
    }

    @Test
    void unknownDependsOnNamesTheFile() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), dependent("b", List.of("nope"), "a"))))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revision b (file b.sql) depends on nope, but no migration has that id or branch label; "
                        + "fix its header.");
    }

    @Test
    void cycleNamesEveryRevisionInIt() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), rev("b", "a", "d"), rev("c", "b"), rev("d", "c"),
                rev("e", "d"))))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revisions b -> c -> d -> b form a cycle (b.sql, c.sql, d.sql); "
                        + "fix the down revision or depends-on of one of them.");
    }

    @Test
    void cycleWithoutAnyBaseIsFound() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("x", "y"), rev("y", "x"))))
                .hasMessageStartingWith("Revisions x -> y -> x form a cycle");
    }

    @Test
    void selfLoopIsACycle() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a", "a"))))
                .hasMessageStartingWith("Revisions a -> a form a cycle (a.sql)");
    }

    @Test
    void cycleThroughDependsOnIsFound() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), dependent("b", List.of("c"), "a"), rev("c", "b"))))
                .hasMessageStartingWith("Revisions b -> c -> b form a cycle");
    }

    @Test
    void branchLabelUsedTwice() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(labeled("a", "shop"), labeled("b", "shop", "a"))))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Branch label 'shop' is used by two revisions: a (file a.sql) and b (file b.sql); "
                        + "keep it on one of them.");
    }

    @Test
    void branchLabelThatIsARevisionId() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a"), labeled("b", "a", "a"))))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Branch label 'a' of revision b (file b.sql) is also the id of another revision; "
                        + "rename the label.");
    }

    @Test
    void unusableIdsAndLabels() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("a-b"))))
                .hasMessageStartingWith("Revision id 'a-b' (file a-b.sql) cannot be used");
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev("head"))))
                .hasMessageStartingWith("Revision id 'head' (file head.sql) cannot be used");
        assertThatThrownBy(() -> RevisionMap.of(List.of(rev(""))))
                .hasMessageStartingWith("Revision id '' (file .sql) cannot be used");
        assertThatThrownBy(() -> RevisionMap.of(List.of(labeled("a", "x@y"))))
                .hasMessageStartingWith("Branch label 'x@y' of revision a (file a.sql) cannot be used");
        assertThatThrownBy(() -> RevisionMap.of(List.of(labeled("a", "heads"))))
                .hasMessageStartingWith("Branch label 'heads' of revision a (file a.sql) cannot be used");
    }

    @Test
    void messagesWithoutOriginJustNameTheRevision() {
        assertThatThrownBy(() -> RevisionMap.of(List.of(Revision.of("b", "a"))))
                .hasMessage("Revision b names down revision a, but no migration has that id; fix its header.");
        assertThatThrownBy(() -> RevisionMap.of(List.of(Revision.of("b"), Revision.of("b"))))
                .hasMessage("Revision b is defined twice: an unnamed source and an unnamed source; "
                        + "give one of them a new id.");
    }

    @Test
    void emptyMapHasNothing() {
        RevisionMap map = RevisionMap.of(List.of());
        assertThat(map.heads()).isEmpty();
        assertThat(map.bases()).isEmpty();
        assertThat(map.newestFirst()).isEmpty();
        assertThat(map.size()).isZero();
        assertThat(map.resolve("head", Set.of())).isEmpty();
        assertThat(map.resolve("heads", Set.of())).isEmpty();
        assertThat(map.upgradePlan(Set.of(), "head").steps()).isEmpty();
        assertThat(map.downgradePlan(Set.of(), "base").steps()).isEmpty();
    }

    @Test
    void lookups() {
        RevisionMap map = Fixtures.branched();
        assertThat(map.get("c1").downRevisions()).containsExactly("b");
        assertThat(map.find("c1")).isPresent();
        assertThat(map.find("c")).isEmpty();
        assertThatThrownBy(() -> map.get("zz"))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("No revision has the id 'zz'; run `retort history` to see the revisions.");
    }

    @Test
    void headsBasesBranchPointsAndChildren() {
        RevisionMap map = Fixtures.branched();
        assertThat(idsOf(map.heads())).containsExactly("d1", "d2");
        assertThat(idsOf(map.bases())).containsExactly("a");
        assertThat(idsOf(map.branchPoints())).containsExactly("b");
        assertThat(idsOf(map.children("b"))).containsExactly("c1", "c2");
        assertThat(idsOf(map.children("d1"))).isEmpty();
        assertThat(map.isHead("d1")).isTrue();
        assertThat(map.isHead("b")).isFalse();
    }

    @Test
    void aDependencyTipIsStillAHead() {
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("a2"), dependent("b", List.of("a2"), "a1")));
        assertThat(idsOf(map.heads())).containsExactly("a2", "b");
        assertThat(idsOf(map.bases())).containsExactly("a1", "a2");
        assertThat(map.resolve("heads", Set.of())).containsExactly("b");
    }

    @Test
    void dependsOnMayNameABranchLabel() {
        RevisionMap map = RevisionMap.of(List.of(labeled("a1", "lib"), rev("b1", "a1"),
                dependent("x", List.of("lib"))));
        assertThat(Fixtures.stepIds(map.upgradePlan(Set.of(), "x"))).containsExactly("a1", "x");
    }

    @Test
    void newestFirstPutsEveryRevisionBeforeWhatItFollows() {
        assertThat(idsOf(Fixtures.merged().newestFirst()))
                .containsExactly("f", "e", "d1", "c1", "d2", "c2", "b", "a");
        assertThat(idsOf(Fixtures.branched().newestFirst()))
                .containsExactly("d1", "c1", "d2", "c2", "b", "a");
    }

    @Test
    void orderDoesNotDependOnInputOrder() {
        List<Revision> revisions = new ArrayList<>(List.of(rev("a"), rev("b", "a"), rev("c1", "b"), rev("d1", "c1"),
                rev("c2", "b"), rev("d2", "c2"), rev("e", "d1", "d2"), rev("x"), dependent("y", List.of("c2"), "x")));
        RevisionMap reference = RevisionMap.of(revisions);
        for (int seed = 0; seed < 20; seed++) {
            Collections.shuffle(revisions, new java.util.Random(seed));
            RevisionMap map = RevisionMap.of(revisions);
            assertThat(map.newestFirst()).isEqualTo(reference.newestFirst());
            assertThat(map.heads()).isEqualTo(reference.heads());
            assertThat(map.upgradePlan(Set.of(), "heads")).isEqualTo(reference.upgradePlan(Set.of(), "heads"));
        }
    }

    @Test
    void branchLabelsPropagateAlongTheirBranch() {
        RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b", "a"), labeled("c1", "one", "b"), rev("d1", "c1"),
                rev("c2", "b"), labeled("d2", "two", "c2"), rev("e2", "d2")));
        assertThat(map.branchLabels("d1")).containsExactly("one");
        assertThat(map.branchLabels("c1")).containsExactly("one");
        assertThat(map.branchLabels("b")).isEmpty();
        assertThat(map.branchLabels("c2")).containsExactly("two");
        assertThat(map.branchLabels("e2")).containsExactly("two");
    }

    @Test
    void checkKnownNamesTheUnknownRow() {
        RevisionMap map = Fixtures.branched();
        map.checkKnown(Set.of("d1", "c2"));
        assertThatThrownBy(() -> map.checkKnown(Set.of("d1", "0ff1ce")))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("The database is at revision 0ff1ce, which no migration file has: a newer version of "
                        + "the project may have upgraded it (deploy that version, or downgrade with it to a revision "
                        + "these files have), or its file was lost (restore it). Only if the database really is at "
                        + "another revision, `retort stamp --purge REV` with that one.");
        assertThatThrownBy(() -> map.upgradePlan(Set.of("0ff1ce"), "head"))
                .hasMessageStartingWith("The database is at revision 0ff1ce");
    }
}
