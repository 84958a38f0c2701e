package dev.retort.revision;

import static dev.retort.revision.Fixtures.chain;
import static dev.retort.revision.Fixtures.chainId;
import static dev.retort.revision.Fixtures.stepIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deep and wide histories: nothing may recurse, and the common operations stay fast. */
class LargeGraphTest {
    private static final int SIZE = 10_000;

    @Test
    void tenThousandDeepChain() {
        List<Revision> revisions = chain(SIZE);
        RevisionMap map = RevisionMap.of(revisions);
        String first = chainId(0);
        String last = chainId(SIZE - 1);

        assertThat(map.heads()).extracting(Revision::id).containsExactly(last);
        Plan up = map.upgradePlan(Set.of(), "head");
        assertThat(up.steps()).hasSize(SIZE);
        assertThat(stepIds(up).get(0)).isEqualTo(first);
        assertThat(up.endHeads()).containsExactly(last);

        Plan down = map.downgradePlan(up.endHeads(), "base");
        assertThat(down.steps()).hasSize(SIZE);
        assertThat(stepIds(down).get(0)).isEqualTo(last);
        assertThat(down.endHeads()).isEmpty();

        assertThat(map.newestFirst()).hasSize(SIZE).first().extracting(Revision::id).isEqualTo(last);
        assertThat(map.resolve("-" + (SIZE - 1), Set.of(last))).containsExactly(first);
        assertThat(map.resolve("base+" + SIZE, Set.of())).containsExactly(last);
        assertThat(map.range("-100", null, Set.of())).hasSize(101);
        assertThat(map.stampHeads(Set.of(last), first)).containsExactly(first);
        assertThat(map.downgradePlan(Set.of(last), first).steps()).hasSize(SIZE - 1);
    }

    @Test
    void labelOnTheRootOfADeepChainReachesItsHead() {
        List<Revision> revisions = new ArrayList<>(chain(SIZE));
        revisions.set(0, new Revision(chainId(0), List.of(), Set.of("main"), List.of(), "", null));
        RevisionMap map = RevisionMap.of(revisions);
        assertThat(map.resolve("main@head", Set.of())).containsExactly(chainId(SIZE - 1));
        assertThat(map.branchLabels(chainId(SIZE - 1))).containsExactly("main");
        assertThat(map.resolve("main@-1", Set.of(chainId(SIZE - 1)))).containsExactly(chainId(SIZE - 2));
    }

    @Test
    void tenThousandLongCycleIsReportedBriefly() {
        List<Revision> revisions = new ArrayList<>(chain(SIZE));
        revisions.set(0, Revision.of(chainId(0), chainId(SIZE - 1)));
        assertThatThrownBy(() -> RevisionMap.of(revisions))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revisions r00000 -> r00001 -> r00002 -> r00003 -> r00004 -> r00005 -> r00006 -> r00007 "
                        + "-> r00008 -> ... (9991 more) -> r00000 form a cycle (r00001.sql, r00002.sql, r00003.sql, "
                        + "r00004.sql, r00005.sql, r00006.sql, r00007.sql, r00008.sql, ...); fix the down revision or "
                        + "depends-on of one of them.");
    }

    @Test
    void tenThousandRevisionsWithBranchesMergesAndDependencies() {
        List<Revision> revisions = branchy(SIZE);
        RevisionMap map = RevisionMap.of(revisions);
        Plan up = map.upgradePlan(Set.of(), "heads");
        assertThat(up.steps()).hasSize(revisions.size());
        assertThat(map.downgradePlan(up.endHeads(), "base").steps()).hasSize(revisions.size());
        assertThat(map.newestFirst()).hasSize(revisions.size());
        String middle = revisions.get(revisions.size() / 2).id();
        Plan half = map.upgradePlan(Set.of(), middle);
        Plan rest = map.upgradePlan(half.endHeads(), "heads");
        assertThat(half.steps().size() + rest.steps().size()).isEqualTo(revisions.size());
    }

    @Test
    void largeGraphsPlanEveryRevision() {
        // Speed is measured by the benchmark under bench/, not here: these machines are too noisy for timed tests.
        for (List<Revision> revisions : List.of(chain(SIZE), branchy(SIZE))) {
            RevisionMap map = RevisionMap.of(revisions);
            assertThat(map.heads()).isNotEmpty();
            assertThat(map.upgradePlan(Set.of(), "heads").steps()).hasSize(revisions.size());
        }
    }

    @Test
    void tenThousandRevisionRandomGraphDoesNotOverflow() {
        Random random = new Random(42);
        List<Revision> revisions = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            List<String> parents = new ArrayList<>();
            if (i > 0) {
                parents.add(id(i - 1 - random.nextInt(Math.min(i, 20))));
                if (random.nextInt(4) == 0) {
                    String other = id(random.nextInt(i));
                    if (!parents.contains(other)) {
                        parents.add(other);
                    }
                }
            }
            revisions.add(new Revision(id(i), parents, Set.of(), List.of(), "", null));
        }
        RevisionMap map = RevisionMap.of(revisions);
        Plan up = map.upgradePlan(Set.of(), "heads");
        assertThat(up.steps()).hasSize(SIZE);
        assertThat(map.downgradePlan(up.endHeads(), "base").endHeads()).isEmpty();
    }

    /**
     * A trunk that keeps splitting into three feature branches of five revisions and merging them
     * back; every tenth feature revision also depends on the previous round's first branch.
     */
    private static List<Revision> branchy(int size) {
        List<Revision> out = new ArrayList<>();
        out.add(Revision.of(id(0)));
        String trunk = id(0);
        String previousFirstBranch = null;
        int next = 1;
        while (next + 16 <= size) {
            List<String> tips = new ArrayList<>();
            String firstBranch = null;
            for (int branch = 0; branch < 3; branch++) {
                String tip = trunk;
                for (int k = 0; k < 5; k++) {
                    String id = id(next++);
                    List<String> dependsOn = previousFirstBranch != null && next % 10 == 0
                            ? List.of(previousFirstBranch) : List.of();
                    out.add(new Revision(id, List.of(tip), Set.of(), dependsOn, "", null));
                    tip = id;
                }
                tips.add(tip);
                firstBranch = firstBranch == null ? tip : firstBranch;
            }
            String merge = id(next++);
            out.add(new Revision(merge, tips, Set.of(), List.of(), "", null));
            trunk = merge;
            previousFirstBranch = firstBranch;
        }
        while (next < size) {
            String id = id(next++);
            out.add(Revision.of(id, trunk));
            trunk = id;
        }
        return out;
    }

    /** A 12-hex-digit id whose order has nothing to do with creation order, as real ids. */
    private static String id(int i) {
        return String.format("%012x", (i * 0x9E3779B97F4AL) & 0xFFFFFFFFFFFFL);
    }
}
