package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Plans on random graphs, checked against a brute-force model of the version table. */
class RevisionGraphPropertyTest {

    @Provide
    Arbitrary<RandomDag> dags() {
        return Arbitraries.integers().between(1, 30).flatMap(n -> Arbitraries.integers().between(0, 9999).list()
                .ofSize(n * RandomDag.NUMBERS_PER_REVISION).map(RandomDag::from));
    }

    @Property(tries = 300)
    void upgradeToHeadsAppliesEveryRevisionOnceAfterWhatItNeeds(@ForAll("dags") RandomDag dag) {
        RevisionMap map = RevisionMap.of(dag.revisions());
        Plan plan = map.upgradePlan(Set.of(), "heads");

        Map<String, Set<String>> needs = dag.needs();
        Set<String> applied = new HashSet<>();
        for (Step step : plan.steps()) {
            assertThat(step.direction()).isEqualTo(Direction.UPGRADE);
            assertThat(applied).containsAll(needs.get(step.revision().id()));
            assertThat(applied.add(step.revision().id())).as("applied once").isTrue();
        }
        assertThat(applied).hasSize(dag.revisions().size());
        assertConsistent(dag, plan, Set.of());
        Set<String> all = dag.closure(ids(dag.revisions()));
        assertThat(plan.endHeads()).isEqualTo(dag.rows(all));
        if (!dag.hasDependencies()) {
            assertThat(plan.endHeads()).isEqualTo(ids(map.heads()));
        }
    }

    @Property(tries = 300)
    void downgradeToBaseRevertsEveryRevisionOnceBeforeWhatItNeeds(@ForAll("dags") RandomDag dag) {
        RevisionMap map = RevisionMap.of(dag.revisions());
        Set<String> top = map.upgradePlan(Set.of(), "heads").endHeads();
        Plan plan = map.downgradePlan(top, "base");

        Map<String, Set<String>> needs = dag.needs();
        Set<String> applied = dag.closure(ids(dag.revisions()));
        for (Step step : plan.steps()) {
            String id = step.revision().id();
            assertThat(step.direction()).isEqualTo(Direction.DOWNGRADE);
            assertThat(applied.remove(id)).as("reverted once").isTrue();
            for (String other : applied) {
                assertThat(needs.get(other)).as("%s still needs %s", other, id).doesNotContain(id);
            }
        }
        assertThat(applied).isEmpty();
        assertThat(plan.endHeads()).isEmpty();
        assertConsistent(dag, plan, dag.closure(ids(dag.revisions())));
    }

    @Property(tries = 300)
    void downgradeThenUpgradeBackRestoresAnyReachableState(@ForAll("dags") RandomDag dag,
                                                          @ForAll List<@IntRange(min = 0, max = 999) Integer> picks,
                                                          @ForAll @IntRange(min = 0, max = 999) int pick) {
        RevisionMap map = RevisionMap.of(dag.revisions());
        Set<String> state = reachableState(dag, picks);
        Set<String> rows = dag.rows(state);
        List<String> applied = new ArrayList<>(state);
        String target = applied.isEmpty() ? "base" : applied.get(pick % applied.size());

        Plan down = map.downgradePlan(rows, target);
        assertConsistent(dag, down, state);
        Set<String> current = down.endHeads();
        for (String row : rows) {
            Plan up = map.upgradePlan(current, row);
            assertConsistent(dag, up, dag.closure(current));
            current = up.endHeads();
        }
        assertThat(current).isEqualTo(rows);
    }

    @Property(tries = 300)
    void upgradeAlongABranchThenDowngradeBackRestoresTheState(@ForAll("dags") RandomDag dag,
                                                             @ForAll @IntRange(min = 0, max = 999) int pickStart,
                                                             @ForAll @IntRange(min = 0, max = 999) int pickTarget) {
        RevisionMap map = RevisionMap.of(dag.revisions());
        String start = dag.revisions().get(pickStart % dag.revisions().size()).id();
        Set<String> state = dag.closure(Set.of(start));
        Set<String> above = descendants(dag, start);
        // Start itself, and targets whose missing revisions all grow out of start: reverting back to start
        // removes exactly those.
        List<String> targets = new ArrayList<>();
        for (Revision revision : dag.revisions()) {
            Set<String> missing = new HashSet<>(dag.closure(Set.of(revision.id())));
            missing.removeAll(state);
            if (above.containsAll(missing) && (above.contains(revision.id()) || revision.id().equals(start))) {
                targets.add(revision.id());
            }
        }
        String target = targets.get(pickTarget % targets.size());

        Plan up = map.upgradePlan(Set.of(start), target);
        assertConsistent(dag, up, state);
        Plan down = map.downgradePlan(up.endHeads(), start);
        assertConsistent(dag, down, dag.closure(up.endHeads()));
        assertThat(down.endHeads()).containsExactly(start);
        assertThat(steps(down)).containsExactlyInAnyOrderElementsOf(steps(up));
    }

    @Property(tries = 300)
    void upgradeFromAnyStateToAnyRevisionReachesIt(@ForAll("dags") RandomDag dag,
                                                  @ForAll List<@IntRange(min = 0, max = 999) Integer> picks,
                                                  @ForAll @IntRange(min = 0, max = 999) int pick) {
        RevisionMap map = RevisionMap.of(dag.revisions());
        Set<String> state = reachableState(dag, picks);
        Set<String> rows = dag.rows(state);
        String target = dag.revisions().get(pick % dag.revisions().size()).id();
        Plan plan = map.upgradePlan(rows, target);
        assertConsistent(dag, plan, state);
        if (state.contains(target)) {
            // Already applied, and perhaps moved past: nothing to do, as in Alembic.
            assertThat(plan.steps()).isEmpty();
        }
        Set<String> expected = new LinkedHashSet<>(state);
        expected.addAll(dag.closure(Set.of(target)));
        assertThat(dag.closure(plan.endHeads())).isEqualTo(expected);
    }

    @Property(tries = 200)
    void newestFirstListsEveryRevisionBeforeWhatItNeeds(@ForAll("dags") RandomDag dag) {
        List<Revision> order = RevisionMap.of(dag.revisions()).newestFirst();
        assertThat(order).containsExactlyInAnyOrderElementsOf(dag.revisions());
        Set<String> seen = new HashSet<>();
        for (Revision revision : order) {
            for (String needed : dag.needs().get(revision.id())) {
                assertThat(seen).as("%s listed before %s", needed, revision.id()).doesNotContain(needed);
            }
            seen.add(revision.id());
        }
    }

    /**
     * Checks a plan's bookkeeping: the steps chain (each headsBefore is the previous headsAfter), and
     * every headsAfter is exactly what the model says the table holds after that step.
     */
    private static void assertConsistent(RandomDag dag, Plan plan, Set<String> appliedBefore) {
        Set<String> applied = new HashSet<>(appliedBefore);
        Set<String> heads = plan.startHeads();
        assertThat(heads).isEqualTo(dag.rows(applied));
        for (Step step : plan.steps()) {
            assertThat(step.headsBefore()).isEqualTo(heads);
            if (step.direction() == Direction.UPGRADE) {
                applied.add(step.revision().id());
            } else {
                applied.remove(step.revision().id());
            }
            assertThat(step.headsAfter()).isEqualTo(dag.rows(applied));
            heads = step.headsAfter();
        }
        assertThat(plan.endHeads()).isEqualTo(heads);
    }

    private static Set<String> reachableState(RandomDag dag, List<Integer> picks) {
        Set<String> chosen = new HashSet<>();
        for (int pick : picks) {
            chosen.add(dag.revisions().get(pick % dag.revisions().size()).id());
        }
        return dag.closure(chosen);
    }

    /** Revisions that grow out of {@code start} through down revisions, excluding it. */
    private static Set<String> descendants(RandomDag dag, String start) {
        Set<String> out = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Revision revision : dag.revisions()) {
                boolean fromStart = revision.downRevisions().stream().anyMatch(p -> p.equals(start) || out.contains(p));
                if (fromStart && out.add(revision.id())) {
                    grew = true;
                }
            }
        }
        return out;
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(step -> step.revision().id()).toList();
    }

    private static Set<String> ids(List<Revision> revisions) {
        Set<String> out = new LinkedHashSet<>();
        revisions.forEach(revision -> out.add(revision.id()));
        return out;
    }
}
