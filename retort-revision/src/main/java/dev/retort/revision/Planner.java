package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Works out upgrade and downgrade plans and stamps over a {@link Graph}, with Alembic's semantics.
 *
 * <p>Upgrading to a target applies everything the target needs that is not applied yet, each after
 * what it follows. Downgrading to a revision reverts what was applied on top of it along its branch
 * (its children and everything that follows them), leaving other branches alone; downgrading to
 * {@code base} reverts everything, {@code LABEL@base} one branch down to its root.
 */
final class Planner {
    private final Graph graph;

    Planner(Graph graph) {
        this.graph = graph;
    }

    /**
     * Refuses {@code text} when no database could make it an upgrade target: a form the command does not take (a
     * range, a step down), told before a connection is made or a server started for it.
     */
    Target upgradeTarget(String text) {
        Target target = new TargetResolver(graph, new int[0], false).parse(text);
        // -0, like +0, is where the database is: no step, as downgrade -0 takes none either.
        if (target instanceof Target.Relative relative && relative.fromCurrent() && !relative.up()
                && relative.steps() > 0) {
            throw new TargetUsageException("Upgrade target '" + text + "' goes backwards; use `retort downgrade "
                    + text + "` to revert migrations.");
        }
        return target;
    }

    /** Refuses {@code text} when no database could make it a downgrade target, as {@link #upgradeTarget} does. */
    Target downgradeTarget(String text) {
        Target target = new TargetResolver(graph, new int[0], false).parse(text);
        if (target instanceof Target.Relative relative && relative.fromCurrent() && relative.up()) {
            throw new TargetUsageException("Downgrade target '" + text + "' goes forwards; use `retort upgrade "
                    + text + "` to apply migrations.");
        }
        return target;
    }

    Plan upgrade(int[] rows, String text) {
        TargetResolver resolver = new TargetResolver(graph, rows, false);
        Target target = upgradeTarget(text);
        // A target the database is already at or past (base among them) leaves nothing to apply: as in Alembic,
        // that is an empty plan, not an error, so that a deploy that upgrades to a pinned revision can run again
        // after a newer one. Only a relative step down from the database's revision is refused, above.
        int[] targets = resolver.resolve(target).nodes();
        VersionTable table = new VersionTable(graph, rows);
        boolean[] missing = table.applied();
        for (int i = 0; i < missing.length; i++) {
            missing[i] = !missing[i];
        }
        IdSet start = table.rows();
        List<Step> steps = new ArrayList<>();
        for (int node : graph.oldestFirst(targets, missing)) {
            steps.add(table.upgrade(node));
        }
        return new Plan(steps, start, table.rows());
    }

    Plan downgrade(int[] rows, String text) {
        TargetResolver resolver = new TargetResolver(graph, rows, false);
        Target target = downgradeTarget(text);
        TargetResolver.Resolution resolution = resolver.resolve(target);
        int[] nodes = resolution.nodes();
        VersionTable table = new VersionTable(graph, rows);
        for (int to : nodes) {
            if (!table.isApplied(to)) {
                throw new RevisionGraphException("Revision " + graph.ids[to] + " is not applied; did you mean "
                        + "`retort upgrade " + text + "`?");
            }
        }
        // Several targets (the parents of a merge, for `-1` right after it): revert what follows any of them,
        // but none of the targets themselves or what they need.
        int[] roots = nodes.length == 0 ? graph.bases
                : Arrays.stream(nodes).flatMap(to -> Arrays.stream(graph.children[to])).distinct().toArray();
        if (resolution.branch() >= 0 && roots.length > 1) {
            roots = TargetResolver.within(roots, resolver.lineage(resolution.branch()));
        }
        boolean[] revert = graph.descendants(roots, true);
        boolean[] keep = nodes.length > 1 ? graph.ancestors(nodes, true) : new boolean[revert.length];
        for (int node = 0; node < revert.length; node++) {
            revert[node] &= table.isApplied(node) && !keep[node];
        }
        int[] topRows = Arrays.stream(rows).filter(row -> revert[row]).sorted().toArray();
        IdSet start = table.rows();
        List<Step> steps = new ArrayList<>();
        for (int node : graph.newestFirst(topRows, revert)) {
            steps.add(table.downgrade(node));
        }
        return new Plan(steps, start, table.rows());
    }

    /**
     * The rows after {@code stamp}: each target replaces the rows it is an ancestor or descendant of
     * (through depends-on too) and joins the others; {@code base} empties the table, {@code LABEL@base}
     * drops the rows of that branch.
     */
    IdSet stamp(int[] rows, String text) {
        return stamp(rows, text, false);
    }

    /** The revisions {@code stamp text} puts into the version table, beside the rows it leaves. */
    IdSet stampTargets(int[] rows, String text) {
        return stamp(rows, text, true);
    }

    private IdSet stamp(int[] rows, String text, boolean targetsOnly) {
        TargetResolver resolver = new TargetResolver(graph, rows, false);
        TargetResolver.Resolution resolution = resolver.resolve(text);
        int[] targets = resolution.nodes();
        if (targetsOnly) {
            return graph.idSet(Arrays.stream(newest(targets)).sorted().toArray());
        }
        boolean[] replaced;
        if (targets.length == 0) {
            if (resolution.branch() < 0) {
                return IdSet.EMPTY;
            }
            replaced = graph.lineage(resolution.branch(), true);
        } else {
            targets = newest(targets);
            replaced = graph.ancestors(targets, true);
            boolean[] after = graph.descendants(targets, true);
            for (int node = 0; node < replaced.length; node++) {
                replaced[node] |= after[node];
            }
        }
        boolean[] result = new boolean[graph.size()];
        for (int row : rows) {
            result[row] = !replaced[row];
        }
        for (int node : targets) {
            result[node] = true;
        }
        return graph.idSet(Graph.flagged(result));
    }

    /** The targets that no other target follows: stamping {@code X} already implies what it follows. */
    private int[] newest(int[] targets) {
        List<Integer> before = new ArrayList<>();
        for (int node : targets) {
            for (int pred : graph.preds[node]) {
                before.add(pred);
            }
        }
        boolean[] implied = graph.ancestors(before.stream().mapToInt(Integer::intValue).toArray(), true);
        return Arrays.stream(targets).filter(node -> !implied[node]).toArray();
    }
}
