package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The graph of all migrations: lookups, heads and bases, target resolution, and upgrade, downgrade
 * and stamp plans. Retort's counterpart of Alembic's {@code RevisionMap}.
 *
 * <p>Pure and in memory: it is built once from {@link Revision} values and never changes, so it can be
 * shared freely. Methods that take {@code currentHeads} take the contents of the version table (empty
 * for a fresh database) and first check that every id in it is known. Every list and set it returns
 * comes out in the same order for the same revisions, whatever order they were given in; ties are
 * broken by id. Nothing here recurses, so histories of any depth work on the default stack.
 */
public final class RevisionMap {
    private final Graph graph;
    private final Planner planner;
    private volatile int[] newestFirst;
    private volatile BranchLabels branchLabels;

    private RevisionMap(Graph graph) {
        this.graph = graph;
        this.planner = new Planner(graph);
    }

    /**
     * Checks and indexes {@code revisions}.
     *
     * @throws RevisionGraphException for an unusable or duplicate id, a down revision or depends-on that
     *                                names no revision, a cycle, a branch label used twice or equal to
     *                                a revision id
     */
    public static RevisionMap of(Collection<Revision> revisions) {
        return new RevisionMap(GraphBuilder.build(revisions));
    }

    /** The number of revisions. */
    public int size() {
        return graph.size();
    }

    /** The revision with exactly this id; throws if there is none. */
    public Revision get(String id) {
        return find(id).orElseThrow(() -> new RevisionGraphException("No revision has the id '" + id
                + "'; run `retort history` to see the revisions."));
    }

    /** The revision with exactly this id, if there is one. */
    public Optional<Revision> find(String id) {
        int node = graph.indexOf(Objects.requireNonNull(id, "id"));
        return node < 0 ? Optional.empty() : Optional.of(graph.revisions[node]);
    }

    /**
     * Whether revision {@code id} is applied in a database at {@code currentHeads}: one of them, or what one of them
     * follows (through down revisions and depends-on). False for an id no revision has; heads no revision has are
     * passed over.
     */
    public boolean isApplied(String id, Set<String> currentHeads) {
        int node = graph.indexOf(Objects.requireNonNull(id, "id"));
        return node >= 0 && applied(currentHeads)[node];
    }

    /**
     * Revision {@code id} and every revision that follows it (through down revisions and depends-on), in id order:
     * the version-table rows any one of which means that {@code id} is applied ({@link #isApplied}).
     */
    public Set<String> descendants(String id) {
        return graph.idSet(Graph.flagged(graph.descendants(new int[] {node(id)}, true)));
    }

    /**
     * The heads a database at {@code currentHeads} is at once revision {@code id}, one of them, is reverted alone:
     * what it follows, its parents and what it depends on, stays applied, and becomes a head where no other applied
     * revision follows it. In id order; empty for base.
     */
    public Set<String> headsWithout(String id, Set<String> currentHeads) {
        boolean[] applied = applied(currentHeads);
        int node = graph.indexOf(Objects.requireNonNull(id, "id"));
        if (node >= 0) {
            applied[node] = false;
        }
        boolean[] followed = new boolean[applied.length];
        for (int i = 0; i < applied.length; i++) {
            if (applied[i]) {
                for (int pred : graph.preds[i]) {
                    followed[pred] = true;
                }
            }
        }
        Set<String> heads = new TreeSet<>();
        for (int i = 0; i < applied.length; i++) {
            if (applied[i] && !followed[i]) {
                heads.add(graph.ids[i]);
            }
        }
        return heads;
    }

    /** The revisions applied in a database at {@code currentHeads}, by node; heads no revision has are passed over. */
    private boolean[] applied(Set<String> currentHeads) {
        return graph.ancestors(currentHeads.stream().mapToInt(graph::indexOf).filter(n -> n >= 0).toArray(), true);
    }

    /** The revisions that are no one's down revision, in id order. */
    public List<Revision> heads() {
        return revisions(graph.heads);
    }

    /**
     * The revisions that no one names as down revision or dependency, in id order: the heads when a dependency
     * counts as a parent ({@code heads --resolve-dependencies}), which is what {@code upgrade heads} applies.
     */
    public List<Revision> resolvedHeads() {
        return revisions(graph.realHeads);
    }

    /** The revisions that have no down revision, in id order. */
    public List<Revision> bases() {
        return revisions(graph.bases);
    }

    /** Whether no revision names this one as its down revision. */
    public boolean isHead(String id) {
        return graph.children[node(id)].length == 0;
    }

    /** The revisions that more than one revision names as down revision, in id order. */
    public List<Revision> branchPoints() {
        List<Revision> out = new ArrayList<>();
        for (int node = 0; node < graph.size(); node++) {
            if (graph.children[node].length > 1) {
                out.add(graph.revisions[node]);
            }
        }
        return List.copyOf(out);
    }

    /** The revisions that name {@code id} as a down revision, in id order. */
    public List<Revision> children(String id) {
        return revisions(graph.children[node(id)]);
    }

    /**
     * The branch labels that apply to a revision: its own, those of the revisions its branch grows from,
     * and those of later revisions on an unbranched stretch leading to it, as Alembic shows them in
     * {@code history} and {@code heads}.
     */
    public Set<String> branchLabels(String id) {
        int node = node(id);
        BranchLabels labels = branchLabels;
        if (labels == null) {
            labels = new BranchLabels(graph);
            branchLabels = labels;
        }
        return labels.of(node);
    }

    /**
     * All revisions, each before everything it follows (parents and dependencies): the order
     * {@code history} prints. Branches are kept together, the first head's branch first.
     */
    public List<Revision> newestFirst() {
        return revisions(newestFirstOrder());
    }

    private int[] newestFirstOrder() {
        int[] order = newestFirst;
        if (order == null) {
            order = graph.newestFirst(graph.heads, null);
            newestFirst = order;
        }
        return order;
    }

    /**
     * The revisions a target names, as version-table contents: {@code head}, {@code heads}, {@code base}
     * (empty), an id, a unique id prefix of 4 or more characters, a branch label, {@code LABEL@head},
     * {@code LABEL@heads}, {@code LABEL@REV}, and relative steps {@code +N}, {@code -N} (from
     * {@code currentHeads}), {@code REV+N}, {@code REV-N}, {@code head-N}, {@code base+N},
     * {@code LABEL@+N}, {@code LABEL@-N} (LABEL may be a revision, for the branch it is on).
     */
    public Set<String> resolve(String target, Set<String> currentHeads) {
        int[] rows = known(currentHeads);
        return graph.idSet(sorted(new TargetResolver(graph, rows, false).resolve(target).nodes()));
    }

    /**
     * The revisions a target names, as {@code show}, {@code merge} and {@code revision --head} take them: as
     * {@link #resolve(String, Set)}, except that {@code heads} names every head {@link #heads()} lists. The version
     * table leaves out a head that another head depends on, since that one implies it; a merge must join it all the
     * same, or the heads stay apart.
     */
    public Set<String> revisions(String target, Set<String> currentHeads) {
        TargetResolver resolver = new TargetResolver(graph, known(currentHeads), false);
        Target parsed = resolver.parse(target);
        if (parsed instanceof Target.Heads && parsed.branch() == null) {
            return graph.idSet(graph.heads.clone());
        }
        return graph.idSet(sorted(resolver.resolve(parsed).nodes()));
    }

    /**
     * Whether {@code target} counts from the database's current revisions ({@code -1}, {@code +2}, {@code LABEL@-1},
     * {@code REV@+1}), so that resolving it needs them; a named revision, {@code head} or {@code REV+N} does not.
     */
    public boolean countsFromCurrent(String target) {
        Target parsed = new TargetResolver(graph, new int[0], false).parse(target);
        return parsed instanceof Target.Relative relative && relative.fromCurrent();
    }

    /**
     * Checks that every version-table id is a known revision.
     *
     * @throws RevisionGraphException naming the first unknown id
     */
    public void checkKnown(Set<String> currentHeads) {
        known(currentHeads);
    }

    /**
     * The steps that apply everything {@code target} needs that is not applied yet, each after its down
     * revisions and dependencies. Empty when the target is already applied or the database is past it on its
     * branch, as in Alembic; an error for a relative step down ({@code -1}).
     */
    /**
     * Refuses {@code target} when it is in a form an upgrade does not take, whatever the database holds (a range, a
     * step down): a usage error to tell before connecting. Names are looked up by {@link #upgradePlan}.
     */
    public void checkUpgradeTarget(String target) {
        planner.upgradeTarget(target);
    }

    /** Refuses {@code target} when it is in a form a downgrade does not take (a range, a step up), as above. */
    public void checkDowngradeTarget(String target) {
        planner.downgradeTarget(target);
    }

    /** Refuses {@code target} when it is in a form no single target takes (a range, a URL), as above. */
    public void checkTarget(String target) {
        new TargetResolver(graph, new int[0], false).parse(target);
    }

    public Plan upgradePlan(Set<String> currentHeads, String target) {
        return planner.upgrade(known(currentHeads), target);
    }

    /**
     * The steps that revert what was applied after {@code target} on its branch, each before what it
     * follows. {@code base} reverts everything; {@code LABEL@REV} and {@code LABEL@-N} ({@code REV@-N} too) touch only
     * that branch. An error when the target is not applied.
     */
    public Plan downgradePlan(Set<String> currentHeads, String target) {
        return planner.downgrade(known(currentHeads), target);
    }

    /**
     * The version-table contents after {@code stamp target}: the target replaces the current heads in
     * its lineage (above or below it) and joins the others; {@code base} empties the table and
     * {@code heads} sets every head.
     */
    public Set<String> stampHeads(Set<String> currentHeads, String target) {
        return planner.stamp(known(currentHeads), target);
    }

    /**
     * The version-table contents after {@code stamp} of several targets, as Alembic's {@code stamp REV...}: each
     * stamped in turn, for revisions on different branches. Two targets on one line (one comes before the other)
     * are refused, since the later would silently replace the earlier.
     */
    public Set<String> stampHeads(Set<String> currentHeads, List<String> targets) {
        Set<String> rows = currentHeads;
        List<Set<String>> stamped = new ArrayList<>();
        for (String target : targets) {
            stamped.add(planner.stampTargets(known(rows), target));
            rows = stampHeads(rows, target);
        }
        for (int i = 0; i < targets.size(); i++) {
            for (String id : stamped.get(i)) {
                if (!rows.contains(id)) {
                    String later = targets.subList(i + 1, targets.size()).stream()
                            .filter(t -> !stampHeads(Set.of(id), t).contains(id)).findFirst().orElse("another");
                    throw new RevisionGraphException("Cannot stamp both '" + targets.get(i) + "' and '" + later
                            + "': they are on one line, so " + id + " would be replaced; stamp only the revision the "
                            + "database is at on each branch.");
                }
            }
        }
        return rows;
    }

    /**
     * The revisions of {@code history -r lower:upper}, newest first. Either side may be null or empty
     * (base, heads), {@code current} stands for {@code currentHeads}, and a relative side such as
     * {@code -3} counts from the other side.
     */
    public List<Revision> range(String lower, String upper, Set<String> currentHeads) {
        return new HistoryRange(graph, newestFirstOrder()).select(lower, upper, known(currentHeads));
    }

    private int[] known(Set<String> currentHeads) {
        Objects.requireNonNull(currentHeads, "currentHeads");
        IdSet ids = IdSet.copyOf(currentHeads);
        int[] rows = new int[ids.size()];
        int k = 0;
        for (String id : ids) {
            int node = graph.indexOf(id);
            if (node < 0) {
                // A plain stamp checks these ids too, so only --purge gets past an id no file has.
                throw new RevisionGraphException("The database is at revision " + id + ", which no migration file "
                        + "has: a newer version of the project may have upgraded it (deploy that version, or downgrade "
                        + "with it to a revision these files have), or its file was lost (restore it). Only if the "
                        + "database really is at another revision, `retort stamp --purge REV` with that one.");
            }
            rows[k++] = node;
        }
        return rows;
    }

    private int node(String id) {
        int node = graph.indexOf(Objects.requireNonNull(id, "id"));
        if (node < 0) {
            throw new RevisionGraphException("No revision has the id '" + id
                    + "'; run `retort history` to see the revisions.");
        }
        return node;
    }

    private List<Revision> revisions(int[] nodes) {
        Revision[] out = new Revision[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = graph.revisions[nodes[i]];
        }
        return List.of(out);
    }

    private static int[] sorted(int[] nodes) {
        int[] copy = nodes.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "RevisionMap[" + graph.size() + " revisions, heads " + graph.names(graph.heads) + "]";
    }
}
