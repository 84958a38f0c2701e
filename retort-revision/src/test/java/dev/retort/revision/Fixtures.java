package dev.retort.revision;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Small builders for revision graphs in tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Revision rev(String id, String... downs) {
        return new Revision(id, List.of(downs), Set.of(), List.of(), "message of " + id, id + ".sql");
    }

    static Revision labeled(String id, String label, String... downs) {
        return new Revision(id, List.of(downs), Set.of(label), List.of(), "message of " + id, id + ".sql");
    }

    static Revision dependent(String id, List<String> dependsOn, String... downs) {
        return new Revision(id, List.of(downs), Set.of(), dependsOn, "message of " + id, id + ".sql");
    }

    static Set<String> ids(String... ids) {
        return new LinkedHashSet<>(Arrays.asList(ids));
    }

    static List<String> idsOf(List<Revision> revisions) {
        return revisions.stream().map(Revision::id).toList();
    }

    static List<String> stepIds(Plan plan) {
        return plan.steps().stream().map(step -> step.revision().id()).toList();
    }

    /** A chain r0000 <- r0001 <- ... of {@code length} revisions. */
    static List<Revision> chain(int length) {
        Revision[] out = new Revision[length];
        for (int i = 0; i < length; i++) {
            out[i] = i == 0 ? rev(chainId(0)) : rev(chainId(i), chainId(i - 1));
        }
        return List.of(out);
    }

    static String chainId(int i) {
        return String.format("r%05d", i);
    }

    /**
     * a - b - c1 - d1 (c1 labelled c1branch) and b - c2 - d2 (c2 labelled c2branch):
     * Alembic's BranchedPathTest.
     */
    static RevisionMap branched() {
        return RevisionMap.of(List.of(rev("a"), rev("b", "a"), labeled("c1", "c1branch", "b"), rev("d1", "c1"),
                labeled("c2", "c2branch", "b"), rev("d2", "c2")));
    }

    /** {@link #branched()} with d1 and d2 merged into e, followed by f: Alembic's MergedPathTest. */
    static RevisionMap merged() {
        return RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("c1", "b"), rev("d1", "c1"),
                labeled("c2", "c2branch", "b"), rev("d2", "c2"), rev("e", "d1", "d2"), rev("f", "e")));
    }
}
