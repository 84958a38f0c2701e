package dev.retort.revision;

import dev.retort.Spelling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Turns a parsed {@link Target} into revisions of a {@link Graph}, given the database's current heads.
 *
 * <p>Follows Alembic's {@code RevisionMap}: {@code heads} are the revisions nothing follows, {@code head}
 * the single one, relative steps walk along down revisions (up through children, filtered to the named
 * branch). A walk that meets a merge going down, or a branch point going up, stops with an error asking
 * for a branch or a revision, since either way would be a guess. A branch's lineage is the revision
 * carrying the label, its ancestors and its descendants.
 */
final class TargetResolver {
    /** Marks "before the first revision" during walks. */
    private static final int BASE = -1;
    /** What an id prefix looks like: a near miss of {@code head} in it is no reason to suggest {@code head}. */
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]+");

    /** Where a target points: revisions (none for base), and the branch it was restricted to, or -1. */
    record Resolution(int[] nodes, int branch) {
    }

    private final Graph graph;
    private final int[] current;
    private final boolean clamp;
    private final Map<Integer, boolean[]> lineages = new HashMap<>();

    /**
     * @param current the version table's rows, as nodes
     * @param clamp   stop walks at base or a head instead of failing, as Alembic's history ranges do
     */
    TargetResolver(Graph graph, int[] current, boolean clamp) {
        this.graph = graph;
        this.current = current.clone();
        Arrays.sort(this.current);
        this.clamp = clamp;
    }

    Target parse(String text) {
        return Target.parse(text, name -> graph.indexOf(name) >= 0 || graph.labelOwner(name) >= 0);
    }

    Resolution resolve(String text) {
        return resolve(parse(text));
    }

    Resolution resolve(Target target) {
        int branch = target.branch() == null ? -1 : branchNode(target.branch(), target.text());
        if (target instanceof Target.Heads) {
            return new Resolution(heads(branch), branch);
        }
        if (target instanceof Target.Head) {
            return new Resolution(head(branch, target.text()), branch);
        }
        if (target instanceof Target.Base) {
            return new Resolution(new int[0], branch);
        }
        if (target instanceof Target.Named named) {
            return new Resolution(new int[] {named(named.name(), branch, target)}, branch);
        }
        return relative((Target.Relative) target, branch);
    }

    /** The lineage of {@code node} through down revisions: what a branch restricted to it may touch. */
    boolean[] lineage(int node) {
        return lineages.computeIfAbsent(node, n -> graph.lineage(n, false));
    }

    private int branchNode(String branch, String text) {
        int owner = graph.labelOwner(branch);
        if (owner >= 0) {
            return owner;
        }
        int exact = graph.indexOf(branch);
        if (exact >= 0) {
            return exact;
        }
        int[] matches = branch.length() >= 4 ? graph.withPrefix(branch) : new int[0];
        if (matches.length == 1) {
            return matches[0];
        }
        if (matches.length > 1) {
            throw ambiguousPrefix(branch, matches);
        }
        String hint = Spelling.closest(branch, graph.labels())
                .map(label -> "did you mean `" + label + text.substring(branch.length()) + "`?")
                .orElse("run `retort branches` to see the branch labels.");
        throw new RevisionGraphException("No branch label or revision matches '" + branch + "' in '" + text + "'; "
                + hint);
    }

    private int[] heads(int branch) {
        if (branch < 0) {
            // What the version table holds once everything is applied: a head that another revision
            // depends on is implied by that revision (Alembic's "real heads").
            return graph.realHeads.clone();
        }
        return within(graph.heads, lineage(branch));
    }

    private int[] head(int branch, String text) {
        int[] candidates = branch < 0 ? graph.heads : within(graph.heads, lineage(branch));
        if (candidates.length <= 1) {
            return candidates.clone();
        }
        if (branch < 0) {
            // Every command that takes a revision comes here (show, edit, stamp as well as upgrade): advice for all.
            throw new RevisionGraphException("Multiple heads are present (" + graph.names(candidates)
                    + "): name one head or a branch label (`LABEL@head`), give `heads` for all of them, "
                    + "or merge them with `retort merge -m MESSAGE heads`.");
        }
        throw new RevisionGraphException("'" + text + "' names several heads (" + graph.names(candidates)
                + "): name one of them, or merge them with `retort merge -m MESSAGE "
                + String.join(" ", Arrays.stream(candidates).mapToObj(i -> graph.ids[i]).toList()) + "`.");
    }

    /** The revision {@code name} (an id, a branch label or an id prefix) stands for in {@code target}. */
    private int named(String name, int branch, Target target) {
        int node = graph.indexOf(name);
        if (node < 0) {
            node = graph.labelOwner(name);
        }
        if (node < 0) {
            node = byPrefix(name, branch, target);
        }
        if (branch >= 0 && !lineage(branch)[node]) {
            throw new RevisionGraphException("Revision " + graph.ids[node] + " is not on branch '" + target.branch()
                    + "'; name a revision of that branch, or run `retort branches`.");
        }
        return node;
    }

    private int byPrefix(String prefix, int branch, Target target) {
        if (prefix.length() < 4) {
            throw new RevisionGraphException("No revision matches '" + prefix + "' (an id prefix needs at "
                    + "least 4 characters); " + nearMiss(prefix, target).orElse("run `retort history` to see the "
                    + "revisions."));
        }
        int[] matches = graph.withPrefix(prefix);
        if (branch >= 0 && matches.length > 1) {
            matches = within(matches, lineage(branch));
        }
        if (matches.length == 0) {
            throw new RevisionGraphException("No revision matches '" + prefix + "'; " + nearMiss(prefix, target)
                    .orElse("run `retort history` to see the revisions."));
        }
        if (matches.length > 1) {
            throw ambiguousPrefix(prefix, matches);
        }
        return matches[0];
    }

    /**
     * "did you mean `head`?" when {@code name}, which names nothing, is a near miss of {@code head}, {@code heads},
     * {@code base} or a branch label: the hint is {@code target} with the word put right ({@code billing@head-1} for
     * {@code billing@heda-1}), or is one in another case ({@code HEAD}). Nothing for what looks like an id prefix:
     * {@code dead} is more likely a mistyped id than {@code head}.
     */
    private Optional<String> nearMiss(String name, Target target) {
        if (ID_PREFIX.matcher(name).matches()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(List.of("head", "heads", "base"));
        words.addAll(graph.labels());
        int at = target.branch() == null ? 0 : target.branch().length() + 1;
        String text = target.text();
        Optional<String> otherCase = words.stream().filter(name::equalsIgnoreCase).findFirst();
        return otherCase.or(() -> Spelling.closest(name, words)).filter(word -> text.startsWith(name, at))
                .map(word -> "did you mean `" + text.substring(0, at) + word + text.substring(at + name.length())
                        + "`?");
    }

    private RevisionGraphException ambiguousPrefix(String prefix, int[] matches) {
        int shown = Math.min(matches.length, 5);
        String listed = graph.names(Arrays.copyOf(matches, shown)) + (matches.length > shown ? ", ..." : "");
        return new RevisionGraphException("Revision prefix '" + prefix + "' is ambiguous: it matches " + listed
                + "; give more characters.");
    }

    private Resolution relative(Target.Relative target, int branch) {
        int start;
        int restrictTo = branch;
        if (target.fromCurrent()) {
            start = currentStart(target, branch);
            if (!target.up() && branch < 0) {
                // Alembic restricts "-N" to the branch of the revision it counts from.
                restrictTo = start;
            }
        } else {
            start = anchor(target, branch);
        }
        int[] ends = target.up()
                ? new int[] {walkUp(start, target.steps(), branch < 0 ? null : lineage(branch), target.text())}
                : walkDown(start, target.steps(), target.text());
        return new Resolution(ends.length == 1 && ends[0] == BASE ? new int[0] : ends, restrictTo);
    }

    private int anchor(Target.Relative target, int branch) {
        String anchor = target.anchor();
        if (anchor.equals("base")) {
            return BASE;
        }
        if (anchor.equals("heads") && branch < 0 && graph.heads.length > 1) {
            throw severalHeadsAnchor(target);
        }
        int[] nodes = anchor.equals("head") || anchor.equals("heads")
                ? head(branch, target.text())
                : new int[] {named(anchor, branch, target)};
        return nodes.length == 0 ? BASE : nodes[0];
    }

    /**
     * {@code heads+N} or {@code heads-N} with several heads, where the one-head message would advise the {@code heads}
     * that was given: nothing follows a head, and counting down needs one head to count from.
     */
    private RevisionGraphException severalHeadsAnchor(Target.Relative target) {
        if (target.up()) {
            return new RevisionGraphException("Target '" + target.text() + "' goes past the heads: no revision "
                    + "follows a head, so `heads` is as far up as there is.");
        }
        return new RevisionGraphException("Target '" + target.text() + "' counts down from several heads ("
                + graph.names(graph.heads) + "); count from one, as `" + graph.ids[graph.heads[0]] + "-"
                + target.steps() + "`, or within a branch, as `LABEL@head-" + target.steps() + "`.");
    }

    /** The single current revision a relative step counts from (on the branch, if one is named). */
    private int currentStart(Target.Relative target, int branch) {
        int[] starts = current;
        if (branch >= 0) {
            starts = within(current, lineage(branch));
            if (starts.length == 0) {
                // The branch's own row is gone (another branch moved on from it): count from the newest
                // applied revisions of the branch instead, as Alembic does.
                starts = appliedTips(lineage(branch));
            }
        }
        if (starts.length > 1) {
            String step = (target.up() ? "+" : "-") + target.steps();
            // REV@-N, not REV-N: REV-N is the revision below REV, and downgrading to a branch point reverts every
            // branch that grew from it, the other heads among them.
            throw new RevisionGraphException("Target '" + target.text() + "' is ambiguous: the database is at "
                    + "several heads (" + graph.names(starts) + "); say which, as `" + graph.ids[starts[0]] + "@"
                    + step + "`, or use a branch label, as `LABEL@" + step + "`.");
        }
        if (starts.length == 1) {
            return starts[0];
        }
        if (!target.up()) {
            throw new RevisionGraphException("Target '" + target.text() + "' counts back from the database's "
                    + "revision, but " + (branch < 0 ? "no revision" : "nothing on that branch") + " is applied.");
        }
        return BASE;
    }

    /** Applied revisions within {@code lineage} that no other applied revision within it follows. */
    private int[] appliedTips(boolean[] lineage) {
        boolean[] applied = graph.ancestors(current, true);
        boolean[] followed = new boolean[applied.length];
        for (int node = 0; node < applied.length; node++) {
            if (applied[node] && lineage[node]) {
                for (int pred : graph.preds[node]) {
                    followed[pred] = true;
                }
            }
        }
        return IntStream.range(0, applied.length)
                .filter(node -> applied[node] && lineage[node] && !followed[node])
                .toArray();
    }

    /**
     * The revision(s) {@code steps} below {@code start}. The last step may go down through a merge: it lands
     * on all the merge's parents, so that {@code downgrade -1} right after a merge undoes just the merge.
     */
    private int[] walkDown(int start, int steps, String text) {
        if (clamp) {
            return walkDownEveryLine(start, steps);
        }
        int node = start;
        for (int taken = 0; taken < steps; taken++) {
            if (node == BASE) {
                if (clamp) {
                    return new int[] {BASE};
                }
                if (start == BASE) {
                    throw new RevisionGraphException("Target '" + text + "' goes below base; there is nothing "
                            + "before base.");
                }
                throw new RevisionGraphException("Target '" + text + "' goes past base: " + graph.ids[start]
                        + " is only " + taken + " revision" + (taken == 1 ? "" : "s")
                        + " above it; use a smaller step or `base`.");
            }
            int[] parents = graph.down[node];
            if (parents.length > 1 && taken == steps - 1) {
                return parents.clone();
            }
            if (parents.length > 1) {
                throw new RevisionGraphException("Target '" + text + "' is ambiguous: " + graph.ids[node]
                        + " merges several revisions (" + graph.names(parents)
                        + "); name the revision to go to instead.");
            }
            node = parents.length == 0 ? BASE : parents[0];
        }
        return new int[] {node};
    }

    /**
     * A history range's walk down: through a merge it goes down the line of every parent, and a line that reaches
     * base stops there, so that {@code -10:} lists ten revisions below the head on each line instead of failing.
     * One step at a time over the set of revisions reached, so each revision is visited once a step.
     */
    private int[] walkDownEveryLine(int start, int steps) {
        int[] reached = {start};
        for (int taken = 0; taken < steps; taken++) {
            int[] next = IntStream.of(reached).flatMap(node -> node == BASE || graph.down[node].length == 0
                    ? IntStream.of(BASE) : IntStream.of(graph.down[node])).distinct().toArray();
            if (Arrays.equals(next, reached)) {
                break;
            }
            reached = next;
        }
        // A line at base puts the range's lower end at base: everything below the upper end is in it.
        return IntStream.of(reached).anyMatch(node -> node == BASE) ? new int[] {BASE} : reached;
    }

    private int walkUp(int start, int steps, boolean[] lineage, String text) {
        int node = start;
        for (int taken = 0; taken < steps; taken++) {
            int[] next = node == BASE ? graph.bases : graph.children[node];
            if (lineage != null) {
                next = within(next, lineage);
            }
            if (next.length == 0) {
                if (clamp) {
                    return node;
                }
                String from = start == BASE ? "base" : graph.ids[start];
                throw new RevisionGraphException("Target '" + text + "' goes past the head: only " + taken
                        + " revision" + (taken == 1 ? "" : "s") + " follow" + (taken == 1 ? "s " : " ") + from
                        + " there; use a smaller step or `head`.");
            }
            if (next.length > 1) {
                String what = node == BASE
                        ? "there are several base revisions (" + graph.names(next) + ")"
                        : graph.ids[node] + " is followed by several branches (" + graph.names(next) + ")";
                throw new RevisionGraphException("Target '" + text + "' is ambiguous: " + what
                        + "; pick one with a branch label, as `LABEL@+" + steps + "`, or name a revision.");
            }
            node = next[0];
        }
        return node;
    }

    /** The nodes of {@code nodes} that are flagged, keeping their order. */
    static int[] within(int[] nodes, boolean[] flags) {
        return Arrays.stream(nodes).filter(node -> flags[node]).toArray();
    }
}
