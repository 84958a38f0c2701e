package dev.retort.revision;

import static dev.retort.revision.Fixtures.dependent;
import static dev.retort.revision.Fixtures.ids;
import static dev.retort.revision.Fixtures.labeled;
import static dev.retort.revision.Fixtures.rev;
import static dev.retort.revision.Fixtures.stepIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** depends-on between branches; the cases are Alembic's DependsOnBranchTest family. */
class PlanDependsOnTest {

    /** shop: s1 - s2; net: n1 (its own base) depends on s1. */
    private final RevisionMap shopAndNet = RevisionMap.of(List.of(labeled("s1", "shop"), rev("s2", "s1"),
            new Revision("n1", List.of(), Set.of("net"), List.of("s1"), "", "n1.sql")));

    @Test
    void dependencyIsAppliedFirstAndImpliedByItsDependent() {
        Plan plan = shopAndNet.upgradePlan(Set.of(), "net@head");
        assertThat(stepIds(plan)).containsExactly("s1", "n1");
        assertThat(plan.steps().get(0).headsAfter()).containsExactly("s1");
        // As in Alembic, n1 now implies s1, so s1 needs no row of its own.
        assertThat(plan.steps().get(1).headsAfter()).containsExactly("n1");
        assertThat(shopAndNet.upgradePlan(Set.of("s1"), "n1").endHeads()).containsExactly("n1");
    }

    /** Alembic's {@code heads} and {@code heads --resolve-dependencies}. */
    @Test
    void aHeadThatAnotherDependsOnIsNoResolvedHead() {
        RevisionMap map = RevisionMap.of(List.of(rev("s1"), rev("s2", "s1"), new Revision("n1", List.of(),
                Set.of(), List.of("s2"), "", "n1.sql")));
        assertThat(map.heads()).extracting(Revision::id).containsExactly("n1", "s2");
        assertThat(map.resolvedHeads()).extracting(Revision::id).containsExactly("n1");
    }

    @Test
    void theDependencyBranchMovingOnGetsItsOwnRow() {
        Plan plan = shopAndNet.upgradePlan(Set.of("n1"), "shop@head");
        assertThat(stepIds(plan)).containsExactly("s2");
        assertThat(plan.steps().get(0).headsBefore()).containsExactly("n1");
        assertThat(plan.endHeads()).containsExactly("n1", "s2");
        assertThat(shopAndNet.downgradePlan(plan.endHeads(), "s1").endHeads()).containsExactly("n1");
    }

    @Test
    void aRevisionOnlyImpliedByADependentIsNotBehind() {
        assertThat(shopAndNet.upgradePlan(Set.of("n1"), "s1").steps()).isEmpty();
        assertThat(stepIds(shopAndNet.upgradePlan(Set.of("n1"), "heads"))).containsExactly("s2");
    }

    @Test
    void downgradingTheDependencyRevertsItsDependentsFirst() {
        Plan plan = shopAndNet.downgradePlan(ids("n1", "s2"), "base");
        assertThat(stepIds(plan)).containsExactly("n1", "s2", "s1");
        assertThat(plan.steps().get(0).headsAfter()).containsExactly("s2");
        assertThat(stepIds(shopAndNet.downgradePlan(ids("n1"), "shop@base"))).containsExactly("n1", "s1");
        assertThat(stepIds(shopAndNet.downgradePlan(ids("n1", "s2"), "net@base"))).containsExactly("n1");
        assertThat(shopAndNet.downgradePlan(ids("n1", "s2"), "net@base").endHeads()).containsExactly("s2");
    }

    @Test
    void downgradeToADependencyKeepsItImplied() {
        // DependsOnBranchTestOne: c2 depends on c1, which d1 follows.
        RevisionMap map = RevisionMap.of(List.of(labeled("a1", "lib1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"),
                rev("b2", "a2"), dependent("c2", List.of("c1"), "b2"), rev("d1", "c1"), rev("e1", "d1"),
                rev("f1", "e1")));
        Plan plan = map.downgradePlan(ids("c2", "d1"), "c1");
        assertThat(stepIds(plan)).containsExactly("d1");
        assertThat(plan.endHeads()).containsExactly("c2");
    }

    @Test
    void mergesAndAMultiDependency() {
        // DependsOnBranchTestTwo ("kaboom").
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("a2"), rev("a3"), rev("amerge", "a1", "a2", "a3"),
                rev("b1"), rev("b2"), rev("bmerge", "b1", "b2"), rev("c1"), rev("c2"), rev("c3"),
                rev("cmerge", "c1", "c2", "c3"), dependent("d1", List.of("a3", "b2", "c1"))));
        Plan first = map.downgradePlan(ids("amerge", "bmerge", "cmerge", "d1"), "b2");
        assertThat(stepIds(first)).containsExactly("bmerge");
        // b2 is not a row: d1 implies it.
        assertThat(first.endHeads()).containsExactly("amerge", "b1", "cmerge", "d1");

        Plan second = map.downgradePlan(ids("amerge", "d1", "b1", "cmerge"), "d1@base");
        assertThat(stepIds(second)).containsExactly("d1");
        // b2 comes back as a row, because only d1 implied it.
        assertThat(second.endHeads()).containsExactly("amerge", "b1", "b2", "cmerge");

        Plan last = map.downgradePlan(ids("amerge", "b1", "b2", "cmerge"), "base");
        assertThat(stepIds(last)).containsExactlyInAnyOrder("amerge", "a1", "a2", "a3", "b1", "b2", "cmerge", "c1",
                "c2", "c3");
        assertThat(last.endHeads()).isEmpty();
    }

    @Test
    void crissCrossDependencies() {
        // DependsOnBranchTestThree (#377): half of a crossed pair can go.
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("a2", "a1"), rev("b1"),
                dependent("b2", List.of("a2"), "b1"), rev("b3", "b2"), dependent("a3", List.of("b1"), "a2")));
        Plan plan = map.downgradePlan(ids("a3", "b2"), "b1");
        assertThat(stepIds(plan)).containsExactly("b2");
        assertThat(plan.endHeads()).containsExactly("a3");
    }

    @Test
    void dependingOnTheOwnDownRevision() {
        // DependsOnOwnDownrevTest (#843).
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), dependent("a2", List.of("a1"), "a1")));
        assertThat(stepIds(map.upgradePlan(Set.of(), "a2"))).containsExactly("a1", "a2");
        assertThat(map.upgradePlan(Set.of(), "a2").endHeads()).containsExactly("a2");
        assertThat(map.downgradePlan(Set.of("a2"), "a1").endHeads()).containsExactly("a1");
    }

    @Test
    void dependencyAlreadyImpliedByAnAncestor() {
        // DependsOnBranchTestFour (#789).
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("b1"),
                dependent("b2", List.of("a3"), "b1"), rev("b3", "b2"), dependent("b4", List.of("a3"), "b3")));
        Plan plan = map.downgradePlan(Set.of("b4"), "b3");
        assertThat(stepIds(plan)).containsExactly("b4");
        assertThat(plan.endHeads()).containsExactly("b3");
    }

    @Test
    void mergeOfADependencyAndItsDependent() {
        // DependsOnBranchTestFive (#1373).
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), dependent("b1", List.of("a1")),
                rev("bmerge", "a1", "b1")));
        assertThat(map.upgradePlan(Set.of("a1"), "b1").endHeads()).containsExactly("b1");
        assertThat(map.upgradePlan(Set.of("b1"), "bmerge").endHeads()).containsExactly("bmerge");
        assertThat(map.downgradePlan(Set.of("bmerge"), "a1").endHeads()).containsExactly("b1");
        assertThat(map.downgradePlan(Set.of("bmerge"), "b1").endHeads()).containsExactly("b1");
    }

    @Test
    void dependencyNamedByBranchLabel() {
        // DependsOnBranchLabelTest.
        RevisionMap map = RevisionMap.of(List.of(labeled("a1", "lib1"), rev("b1", "a1"), labeled("c1", "c1lib", "b1"),
                rev("a2"), rev("b2", "a2"), dependent("c2", List.of("c1lib"), "b2"), rev("d1", "c1")));
        Plan plan = map.upgradePlan(Set.of("a2"), "c2");
        assertThat(stepIds(plan)).containsExactlyInAnyOrder("a1", "b1", "c1", "b2", "c2");
        assertThat(stepIds(plan)).containsSubsequence("a1", "b1", "c1", "c2");
        assertThat(plan.endHeads()).containsExactly("c2");
    }

    @Test
    void crossDependencyBetweenBranches() {
        // BranchedPathTestCrossDependencies: d2 (on c2branch) depends on c1.
        RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b", "a"), labeled("c1", "c1branch", "b"),
                rev("d1", "c1"), labeled("c2", "c2branch", "b"), dependent("d2", List.of("c1"), "c2")));
        Plan independent = map.downgradePlan(ids("d1", "d2"), "c2branch@b");
        assertThat(stepIds(independent)).containsExactly("d2", "c2");
        assertThat(independent.endHeads()).containsExactly("d1");

        Plan dependency = map.downgradePlan(ids("d1", "d2"), "c1branch@b");
        assertThat(stepIds(dependency)).containsExactlyInAnyOrder("c1", "d1", "d2");
        assertThat(stepIds(dependency).indexOf("c1")).isGreaterThan(stepIds(dependency).indexOf("d1"))
                .isGreaterThan(stepIds(dependency).indexOf("d2"));
        assertThat(dependency.endHeads()).containsExactly("c2");
    }

    /**
     * The heads once one head is reverted alone match the end of a downgrade of it: what it depends on stays applied
     * and becomes a head, unless another head still follows it.
     */
    @Test
    void theHeadsWithoutARevisionKeepWhatItDependsOn() {
        RevisionMap map = RevisionMap.of(List.of(labeled("a1", "a"), labeled("b1", "b"),
                dependent("a2", List.of("b1"), "a1"), rev("m1", "a1", "b1"), dependent("e1", List.of("a1"))));
        assertThat(map.headsWithout("a2", Set.of("a2"))).containsExactly("a1", "b1");
        assertThat(map.downgradePlan(Set.of("a2"), "a1").endHeads()).containsExactlyInAnyOrder("a1", "b1");
        assertThat(map.headsWithout("m1", Set.of("m1", "e1"))).containsExactly("b1", "e1");
        assertThat(map.headsWithout("a1", Set.of("a1"))).isEmpty();
    }

    /** A revision's descendants are the rows that mean it is applied: what follows it, and what depends on that. */
    @Test
    void theDescendantsOfARevisionAreTheRowsThatMeanItIsApplied() {
        assertThat(shopAndNet.descendants("s1")).containsExactly("n1", "s1", "s2");
        assertThat(shopAndNet.descendants("s2")).containsExactly("s2");
        for (String row : shopAndNet.descendants("s1")) {
            assertThat(shopAndNet.isApplied("s1", Set.of(row))).as(row).isTrue();
        }
        assertThat(shopAndNet.isApplied("s2", Set.of("n1"))).isFalse();
    }
}
