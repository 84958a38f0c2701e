package dev.retort.revision;

import static dev.retort.revision.Fixtures.ids;
import static dev.retort.revision.Fixtures.rev;
import static dev.retort.revision.Fixtures.stepIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Branches and merges, mostly Alembic's own traversal cases. */
class PlanBranchTest {
    private final RevisionMap branched = Fixtures.branched();
    private final RevisionMap merged = Fixtures.merged();

    @Test
    void upgradeOneBranch() {
        Plan plan = branched.upgradePlan(Set.of("b"), "d1");
        assertThat(stepIds(plan)).containsExactly("c1", "d1");
        assertThat(plan.endHeads()).containsExactly("d1");
    }

    @Test
    void upgradeToAllHeadsFinishesOneBranchBeforeTheNext() {
        Plan plan = branched.upgradePlan(Set.of("a"), "heads");
        assertThat(stepIds(plan)).containsExactly("b", "c1", "d1", "c2", "d2");
        // c2 starts a branch from b, whose row c1 already replaced: a new row is inserted.
        Step c2 = plan.steps().get(3);
        assertThat(c2.headsBefore()).containsExactly("d1");
        assertThat(c2.headsAfter()).containsExactly("c2", "d1");
        assertThat(c2.addedHeads()).containsExactly("c2");
        assertThat(c2.removedHeads()).isEmpty();
        assertThat(plan.endHeads()).containsExactly("d1", "d2");
    }

    @Test
    void headWithSeveralHeadsIsAnError() {
        assertThatThrownBy(() -> branched.upgradePlan(Set.of(), "head"))
                .hasMessageStartingWith("Multiple heads are present (d1, d2)");
    }

    @Test
    void upgradeByBranchLabel() {
        assertThat(stepIds(branched.upgradePlan(Set.of("b"), "c2branch@head"))).containsExactly("c2", "d2");
        assertThat(stepIds(branched.upgradePlan(Set.of("b"), "c2branch@head-1"))).containsExactly("c2");
        Plan plan = branched.upgradePlan(Set.of("c1"), "c2branch@+1");
        assertThat(stepIds(plan)).containsExactly("c2");
        assertThat(plan.endHeads()).containsExactly("c1", "c2");
        assertThat(stepIds(branched.upgradePlan(ids("c1", "c2"), "c2branch@+1"))).containsExactly("d2");
        assertThatThrownBy(() -> branched.upgradePlan(ids("c1", "c2"), "+1"))
                .hasMessageStartingWith("Target '+1' is ambiguous: the database is at several heads (c1, c2)");
    }

    @Test
    void downgradeBelowTheBranchPointRevertsBothBranches() {
        Plan plan = branched.downgradePlan(ids("d1", "d2"), "a");
        assertThat(stepIds(plan)).containsExactly("d1", "c1", "d2", "c2", "b");
        // Reverting c1 drops its row: b is still implied by c2.
        assertThat(plan.steps().get(1).headsAfter()).containsExactly("d2");
        assertThat(plan.steps().get(3).headsAfter()).containsExactly("b");
        assertThat(plan.endHeads()).containsExactly("a");
    }

    @Test
    void downgradeOneBranchLeavesTheOtherAlone() {
        Plan plan = branched.downgradePlan(ids("d1", "d2"), "c2");
        assertThat(stepIds(plan)).containsExactly("d2");
        assertThat(plan.endHeads()).containsExactly("c2", "d1");

        assertThat(stepIds(branched.downgradePlan(ids("d1", "d2"), "c2branch@b"))).containsExactly("d2", "c2");
        assertThat(branched.downgradePlan(ids("d1", "d2"), "c2branch@b").endHeads()).containsExactly("d1");
        assertThat(stepIds(branched.downgradePlan(ids("c1", "d2"), "c1branch@b"))).containsExactly("c1");
        assertThat(stepIds(branched.downgradePlan(ids("d1", "d2"), "d1@b"))).containsExactly("d1", "c1");
        assertThat(stepIds(branched.downgradePlan(ids("d1", "d2"), "c2@b"))).containsExactly("d2", "c2");
        assertThat(stepIds(branched.downgradePlan(ids("d1", "d2"), "c2branch@base+2"))).containsExactly("d2", "c2");
        assertThat(stepIds(branched.downgradePlan(ids("d1", "d2"), "base+2")))
                .containsExactly("d1", "c1", "d2", "c2");
    }

    @Test
    void relativeDowngradeOfOneBranch() {
        Plan plan = branched.downgradePlan(ids("d1", "d2"), "c1branch@-1");
        assertThat(stepIds(plan)).containsExactly("d1");
        assertThat(plan.endHeads()).containsExactly("c1", "d2");
        assertThat(stepIds(branched.downgradePlan(ids("d1", "d2"), "c1branch@head-1"))).containsExactly("d1");
        assertThat(stepIds(branched.downgradePlan(ids("c1", "d2"), "d2-1"))).containsExactly("d2");
        assertThat(branched.downgradePlan(ids("c1", "d2"), "d2-1").endHeads()).containsExactly("c1", "c2");
        // Going down from c1 reaches the branch point b, which c2 still needs: only c1's row goes.
        assertThat(branched.downgradePlan(ids("c1", "d2"), "c1branch@-1").endHeads()).containsExactly("d2");
    }

    @Test
    void relativeDowngradeFromSeveralHeadsIsAnError() {
        assertThatThrownBy(() -> branched.downgradePlan(ids("d1", "d2"), "-1"))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Target '-1' is ambiguous: the database is at several heads (d1, d2); say which, as "
                        + "`d1@-1`, or use a branch label, as `LABEL@-1`.");
    }

    @Test
    void theHintForTwoHeadsOnOneParentRevertsOnlyTheNamedOne() {
        // Two developers' revisions on one parent b: the hint must not be `c1-1`, which is b, and downgrading to b
        // reverts c2 as well.
        assertThatThrownBy(() -> branched.downgradePlan(ids("c1", "c2"), "-1"))
                .hasMessage("Target '-1' is ambiguous: the database is at several heads (c1, c2); say which, as "
                        + "`c1@-1`, or use a branch label, as `LABEL@-1`.");
        Plan hinted = branched.downgradePlan(ids("c1", "c2"), "c1@-1");
        assertThat(stepIds(hinted)).containsExactly("c1");
        assertThat(hinted.endHeads()).containsExactly("c2");
        assertThat(stepIds(branched.downgradePlan(ids("c1", "c2"), "c1-1"))).containsExactly("c1", "c2");
        assertThatThrownBy(() -> branched.upgradePlan(ids("c1", "c2"), "+1"))
                .hasMessage("Target '+1' is ambiguous: the database is at several heads (c1, c2); say which, as "
                        + "`c1@+1`, or use a branch label, as `LABEL@+1`.");
        assertThat(stepIds(branched.upgradePlan(ids("c1", "c2"), "c1@+1"))).containsExactly("d1");
    }

    @Test
    void downgradeToAnAppliedRevisionWithNothingAboveIsEmpty() {
        assertThat(branched.downgradePlan(ids("d1", "c2"), "c2").steps()).isEmpty();
        assertThat(branched.downgradePlan(ids("d1", "c2"), "d1").steps()).isEmpty();
    }

    @Test
    void downgradeToARevisionOfAnUnappliedBranch() {
        assertThatThrownBy(() -> branched.downgradePlan(Set.of("d1"), "c2"))
                .hasMessage("Revision c2 is not applied; did you mean `retort upgrade c2`?");
    }

    @Test
    void downgradeToSeveralRevisionsRevertsWhatFollowsThem() {
        assertThat(branched.downgradePlan(ids("d1", "d2"), "heads").steps()).isEmpty();
        // `-1` right after a merge lands on both parents: only the merge is undone.
        Plan unmerge = Fixtures.merged().downgradePlan(ids("e"), "-1");
        assertThat(unmerge.steps()).extracting(step -> step.revision().id()).containsExactly("e");
        assertThat(unmerge.endHeads()).containsExactly("d1", "d2");
    }

    @Test
    void upgradeAcrossAMergeFoldsTheRows() {
        Plan plan = merged.upgradePlan(Set.of("b"), "f");
        assertThat(stepIds(plan)).containsExactly("c1", "d1", "c2", "d2", "e", "f");
        Step e = plan.steps().get(4);
        assertThat(e.headsBefore()).containsExactly("d1", "d2");
        assertThat(e.headsAfter()).containsExactly("e");
        assertThat(plan.endHeads()).containsExactly("f");
        assertThat(merged.resolve("head", Set.of())).containsExactly("f");
    }

    @Test
    void downgradeAcrossAMergeRestoresItsParents() {
        Plan plan = merged.downgradePlan(Set.of("f"), "b");
        assertThat(stepIds(plan)).containsExactly("f", "e", "d1", "c1", "d2", "c2");
        Step e = plan.steps().get(1);
        assertThat(e.headsBefore()).containsExactly("e");
        assertThat(e.headsAfter()).containsExactly("d1", "d2");
        Step c2 = plan.steps().get(5);
        assertThat(c2.headsBefore()).containsExactly("c2");
        assertThat(c2.headsAfter()).containsExactly("b");
        assertThat(plan.endHeads()).containsExactly("b");
    }

    @Test
    void downgradeOneParentOfAMergeTakesTheMergeWithIt() {
        Plan plan = merged.downgradePlan(Set.of("f"), "c2");
        assertThat(stepIds(plan)).containsExactly("f", "e", "d2");
        assertThat(plan.endHeads()).containsExactly("c2", "d1");
    }

    @Test
    void mergePointReachedFromOneSide() {
        // Alembic's BranchFromMergepointTest: a1-b1-c1 and a2-b2-c2, d1 merges c1 and c2, d2 follows c2.
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"),
                rev("b2", "a2"), rev("c2", "b2"), rev("d1", "c1", "c2"), rev("d2", "c2")));
        Plan up = map.upgradePlan(ids("d2", "b1"), "d1");
        assertThat(stepIds(up)).containsExactly("c1", "d1");
        assertThat(up.endHeads()).containsExactly("d1", "d2");
        Plan down = map.downgradePlan(ids("d2", "d1"), "b1");
        assertThat(stepIds(down)).containsExactly("d1", "c1");
        assertThat(down.endHeads()).containsExactly("b1", "d2");
    }

    @Test
    void threeWayMergeFromTwoSides() {
        // Alembic's BranchFrom3WayMergepointTest.
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"),
                rev("b2", "a2"), rev("c2", "b2"), rev("a3"), rev("b3", "a3"), rev("c3", "b3"),
                rev("d1", "c1", "c2", "c3"), rev("d2", "c2"), rev("d3", "c3")));
        Plan plan = map.upgradePlan(ids("d3", "b2", "b1"), "d1");
        assertThat(stepIds(plan)).containsExactlyInAnyOrder("c1", "c2", "d1");
        assertThat(stepIds(plan).get(2)).isEqualTo("d1");
        assertThat(plan.endHeads()).containsExactly("d1", "d3");
        Plan next = map.upgradePlan(plan.endHeads(), "d2");
        assertThat(stepIds(next)).containsExactly("d2");
        assertThat(next.endHeads()).containsExactly("d1", "d2", "d3");
    }

    @Test
    void twinMergesKeepTheVersionTableRight() {
        // Alembic's TwinMergeTest (#297): two merges of the same three branches.
        RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("b3", "a"),
                rev("c1", "b1", "b2", "b3"), rev("c2", "b1", "b2", "b3"), rev("d1", "c1"), rev("d2", "c2")));
        Plan plan = map.upgradePlan(Set.of("a"), "heads");
        assertThat(stepIds(plan)).containsExactly("b1", "b2", "b3", "c1", "d1", "c2", "d2");
        assertThat(plan.steps().get(2).headsAfter()).containsExactly("b1", "b2", "b3");
        assertThat(plan.steps().get(3).headsAfter()).containsExactly("c1");
        assertThat(plan.steps().get(5).headsAfter()).containsExactly("c2", "d1");
        assertThat(plan.endHeads()).containsExactly("d1", "d2");
    }

    @Test
    void independentBasesUpgradeAndDowngradeTogether() {
        // Alembic's ForestTest.
        RevisionMap map = RevisionMap.of(List.of(rev("a1"), rev("b1", "a1"), rev("a2"), rev("b2", "a2")));
        Plan up = map.upgradePlan(Set.of(), "heads");
        assertThat(stepIds(up)).containsExactly("a1", "b1", "a2", "b2");
        assertThat(up.endHeads()).containsExactly("b1", "b2");
        assertThat(stepIds(map.downgradePlan(up.endHeads(), "base"))).containsExactly("b1", "a1", "b2", "a2");
        assertThat(map.downgradePlan(up.endHeads(), "b1-1").endHeads()).containsExactly("a1", "b2");
    }
}
