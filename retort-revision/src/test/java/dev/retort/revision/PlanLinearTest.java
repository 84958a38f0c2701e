package dev.retort.revision;

import static dev.retort.revision.Fixtures.rev;
import static dev.retort.revision.Fixtures.stepIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** a - b - c - d - e: Alembic's RevisionPathTest. */
class PlanLinearTest {
    private final RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("c", "b"), rev("d", "c"),
            rev("e", "d")));

    @Test
    void upgradeFromBaseRecordsEachStepInTheVersionTable() {
        Plan plan = map.upgradePlan(Set.of(), "c");
        assertThat(stepIds(plan)).containsExactly("a", "b", "c");
        assertThat(plan.steps()).allMatch(step -> step.direction() == Direction.UPGRADE);
        assertThat(plan.steps().get(0).headsBefore()).isEmpty();
        assertThat(plan.steps().get(0).headsAfter()).containsExactly("a");
        assertThat(plan.steps().get(1).headsBefore()).containsExactly("a");
        assertThat(plan.steps().get(1).headsAfter()).containsExactly("b");
        assertThat(plan.startHeads()).isEmpty();
        assertThat(plan.endHeads()).containsExactly("c");
    }

    @Test
    void upgradeFromTheMiddle() {
        Plan plan = map.upgradePlan(Set.of("c"), "head");
        assertThat(stepIds(plan)).containsExactly("d", "e");
        assertThat(plan.startHeads()).containsExactly("c");
        assertThat(plan.endHeads()).containsExactly("e");
    }

    @Test
    void relativeUpgrades() {
        assertThat(stepIds(map.upgradePlan(Set.of("a"), "+2"))).containsExactly("b", "c");
        assertThat(stepIds(map.upgradePlan(Set.of("b"), "+3"))).containsExactly("c", "d", "e");
        assertThat(stepIds(map.upgradePlan(Set.of("a"), "b+2"))).containsExactly("b", "c", "d");
        assertThat(stepIds(map.upgradePlan(Set.of("a"), "d-2"))).containsExactly("b");
        assertThat(stepIds(map.upgradePlan(Set.of(), "+1"))).containsExactly("a");
        assertThat(stepIds(map.upgradePlan(Set.of(), "base+1"))).containsExactly("a");
    }

    @Test
    void upgradeToWhereTheDatabaseIsIsEmpty() {
        Plan plan = map.upgradePlan(Set.of("e"), "head");
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.startHeads()).containsExactly("e");
        assertThat(plan.endHeads()).containsExactly("e");
        assertThat(map.upgradePlan(Set.of("c"), "c").steps()).isEmpty();
        assertThat(map.upgradePlan(Set.of(), "base").steps()).isEmpty();
    }

    /** As in Alembic: a deploy that upgrades to a pinned revision still succeeds once the database has moved on. */
    @Test
    void upgradeToARevisionTheDatabaseIsPastIsEmpty() {
        for (String target : List.of("b", "base", "head-2", "b+1")) {
            Plan plan = map.upgradePlan(Set.of("d"), target);
            assertThat(plan.steps()).as(target).isEmpty();
            assertThat(plan.endHeads()).as(target).containsExactly("d");
        }
    }

    @Test
    void upgradeBackwardsIsRefused() {
        assertThatThrownBy(() -> map.upgradePlan(Set.of("b"), "-2"))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Upgrade target '-2' goes backwards; use `retort downgrade -2` to revert migrations.");
        // -0 is no step at all, as for downgrade.
        assertThat(map.upgradePlan(Set.of("b"), "-0").steps()).isEmpty();
        assertThatThrownBy(() -> map.upgradePlan(Set.of("b"), "+5"))
                .hasMessageStartingWith("Target '+5' goes past the head: only 3 revisions follow b there");
    }

    @Test
    void downgradeToARevision() {
        Plan plan = map.downgradePlan(Set.of("e"), "c");
        assertThat(stepIds(plan)).containsExactly("e", "d");
        assertThat(plan.steps()).allMatch(step -> step.direction() == Direction.DOWNGRADE);
        assertThat(plan.steps().get(0).headsBefore()).containsExactly("e");
        assertThat(plan.steps().get(0).headsAfter()).containsExactly("d");
        assertThat(plan.endHeads()).containsExactly("c");
    }

    @Test
    void downgradeToBaseRevertsEverything() {
        Plan plan = map.downgradePlan(Set.of("c"), "base");
        assertThat(stepIds(plan)).containsExactly("c", "b", "a");
        assertThat(plan.steps().get(2).headsBefore()).containsExactly("a");
        assertThat(plan.steps().get(2).headsAfter()).isEmpty();
        assertThat(plan.endHeads()).isEmpty();
        assertThat(map.downgradePlan(Set.of(), "base").steps()).isEmpty();
    }

    @Test
    void relativeDowngrades() {
        assertThat(stepIds(map.downgradePlan(Set.of("c"), "-1"))).containsExactly("c");
        assertThat(map.downgradePlan(Set.of("c"), "-1").endHeads()).containsExactly("b");
        assertThat(stepIds(map.downgradePlan(Set.of("e"), "-3"))).containsExactly("e", "d", "c");
        assertThat(stepIds(map.downgradePlan(Set.of("d"), "a+2"))).containsExactly("d");
        assertThat(stepIds(map.downgradePlan(Set.of("d"), "c-2"))).containsExactly("d", "c", "b");
        assertThat(stepIds(map.downgradePlan(Set.of("a"), "-1"))).containsExactly("a");
        assertThat(stepIds(map.downgradePlan(Set.of("e"), "head-1"))).containsExactly("e");
    }

    @Test
    void downgradeToWhereTheDatabaseIsIsEmpty() {
        assertThat(map.downgradePlan(Set.of("a"), "a").steps()).isEmpty();
        assertThat(map.downgradePlan(Set.of("e"), "e").steps()).isEmpty();
        assertThat(map.downgradePlan(Set.of("c"), "-0").steps()).isEmpty();
    }

    @Test
    void downgradeErrors() {
        assertThatThrownBy(() -> map.downgradePlan(Set.of("b"), "c"))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revision c is not applied; did you mean `retort upgrade c`?");
        assertThatThrownBy(() -> map.downgradePlan(Set.of(), "b"))
                .hasMessage("Revision b is not applied; did you mean `retort upgrade b`?");
        assertThatThrownBy(() -> map.downgradePlan(Set.of("b"), "-5"))
                .hasMessage("Target '-5' goes past base: b is only 2 revisions above it; "
                        + "use a smaller step or `base`.");
        assertThatThrownBy(() -> map.downgradePlan(Set.of("b"), "+2"))
                .hasMessage("Downgrade target '+2' goes forwards; use `retort upgrade +2` to apply migrations.");
        assertThatThrownBy(() -> map.downgradePlan(Set.of(), "-1"))
                .hasMessage("Target '-1' counts back from the database's revision, but no revision is applied.");
    }
}
