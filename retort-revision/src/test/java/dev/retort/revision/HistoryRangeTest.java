package dev.retort.revision;

import static dev.retort.revision.Fixtures.idsOf;
import static dev.retort.revision.Fixtures.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code history -r lower:upper}. */
class HistoryRangeTest {
    private final RevisionMap linear = RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("c", "b"), rev("d", "c"),
            rev("e", "d")));

    private List<String> range(RevisionMap map, String lower, String upper, Set<String> current) {
        return idsOf(map.range(lower, upper, current));
    }

    @Test
    void openEndsMeanBaseAndHeads() {
        assertThat(range(linear, null, null, Set.of())).containsExactly("e", "d", "c", "b", "a");
        assertThat(range(linear, "", "", Set.of())).containsExactly("e", "d", "c", "b", "a");
        assertThat(range(linear, "c", null, Set.of())).containsExactly("e", "d", "c");
        assertThat(range(linear, null, "c", Set.of())).containsExactly("c", "b", "a");
        assertThat(range(linear, "b", "d", Set.of())).containsExactly("d", "c", "b");
    }

    /** A branch of one revision reaches base one step down; the other heads still count down on their own. */
    @Test
    void aLineThatReachesBaseStartsAtItsFirstRevisionOnly() {
        RevisionMap branched = RevisionMap.of(List.of(rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("a4", "a3"),
                rev("b1")));
        assertThat(range(branched, "heads-1", null, Set.of())).containsExactlyInAnyOrder("a4", "a3", "b1");
        assertThat(range(branched, "-1", null, Set.of())).containsExactlyInAnyOrder("a4", "a3", "b1");
        assertThat(range(branched, "-9", null, Set.of())).containsExactlyInAnyOrder("a4", "a3", "a2", "a1", "b1");
        assertThat(range(linear, "-9", null, Set.of())).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void current() {
        assertThat(range(linear, "current", null, Set.of("c"))).containsExactly("e", "d", "c");
        assertThat(range(linear, null, "current", Set.of("b"))).containsExactly("b", "a");
        assertThat(range(linear, null, "current", Set.of())).isEmpty();
    }

    @Test
    void relativeEndsCountFromTheOtherEnd() {
        assertThat(range(linear, "-2", null, Set.of())).containsExactly("e", "d", "c");
        assertThat(range(linear, "-2", "current", Set.of("d"))).containsExactly("d", "c", "b");
        assertThat(range(linear, "current", "+1", Set.of("c"))).containsExactly("d", "c");
        assertThat(range(linear, null, "+2", Set.of())).containsExactly("b", "a");
        assertThat(range(linear, "-3", "current", Set.of())).isEmpty();
        assertThat(range(linear, "c-1", "d", Set.of())).containsExactly("d", "c", "b");
    }

    @Test
    void relativeEndsStopAtBaseAndHead() {
        assertThat(range(linear, "-10", null, Set.of())).containsExactly("e", "d", "c", "b", "a");
        assertThat(range(linear, "c", "+10", Set.of())).containsExactly("e", "d", "c");
    }

    @Test
    void relativeEndsGoDownEveryLineOfAMerge() {
        // a - b - c - m - n, with x (after a) merged into m: two lines below m.
        RevisionMap merged = RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("c", "b"), rev("x", "a"),
                rev("m", "c", "x"), rev("n", "m")));
        assertThat(range(merged, "-2", null, Set.of())).containsExactlyInAnyOrder("n", "m", "c", "x");
        assertThat(range(merged, "-3", null, Set.of())).containsExactlyInAnyOrder("n", "m", "c", "x", "b", "a");
        assertThat(range(merged, "-10", null, Set.of())).containsExactlyInAnyOrder("n", "m", "c", "x", "b", "a");
        // A walk that does not count through history, downgrade -3, still refuses to guess a line.
        assertThatThrownBy(() -> merged.downgradePlan(Set.of("n"), "-3"))
                .isInstanceOf(RevisionGraphException.class).hasMessageContaining("is ambiguous: m merges");
    }

    @Test
    void rangeErrors() {
        // The wrong way round is a usage error (exit 2), as `upgrade --sql head:base` is.
        assertThatThrownBy(() -> linear.range("d", "b", Set.of()))
                .isInstanceOf(TargetUsageException.class)
                .hasMessage("Revision d is not an ancestor of 'b', so 'd:b' is not a range; swap the ends: `b:d`.");
        assertThatThrownBy(() -> linear.range("d", "base", Set.of()))
                .isInstanceOf(TargetUsageException.class)
                .hasMessage("Revision d is not an ancestor of 'base', so 'd:base' is not a range; swap the ends: "
                        + "`base:d`.");
        assertThatThrownBy(() -> linear.range("-1", "+1", Set.of()))
                .hasMessage("History range '-1:+1' counts each end from the other; name at least one end, "
                        + "for example `-3:head`.");
        // Alembic refuses it too ("didn't produce 1 migrations"); an empty list would look like no history.
        assertThatThrownBy(() -> linear.range("base", "-1", Set.of()))
                .hasMessage("History range 'base:-1' counts '-1' down from base, below which there is nothing; "
                        + "to leave out the newest revisions, count from the heads: `base:head-1`.");
        assertThat(range(linear, "base", "head-1", Set.of())).containsExactly("d", "c", "b", "a");
        assertThatThrownBy(() -> linear.range("zzzz", null, Set.of()))
                .hasMessageStartingWith("No revision matches 'zzzz'");
    }

    @Test
    void branches() {
        RevisionMap branched = Fixtures.branched();
        assertThat(range(branched, "c1", null, Set.of())).containsExactly("d1", "c1");
        // Swapping ends on two branches would not make a range: the advice says what would.
        assertThatThrownBy(() -> branched.range("c1", "d2", Set.of()))
                .isNotInstanceOf(TargetUsageException.class)
                .hasMessage("Revision c1 is not an ancestor of 'd2', so 'c1:d2' is not a range; its ends are on "
                        + "different branches; pick revisions on one branch, or one branch's range, as "
                        + "`LABEL@base:LABEL@head`.");
        assertThatThrownBy(() -> branched.range("c1branch@head", "c1branch@base", Set.of()))
                .isInstanceOf(TargetUsageException.class).hasMessageEndingWith("swap the ends: "
                        + "`c1branch@base:c1branch@head`.");
        assertThat(range(branched, null, "d2", Set.of())).containsExactly("d2", "c2", "b", "a");
        assertThat(range(branched, "-1", null, Set.of())).containsExactly("d1", "c1", "d2", "c2");
        assertThat(range(branched, "c1branch@-1", null, Set.of())).containsExactly("d1", "c1");
        // Ends on two branches are a fact of the graph, not a mistyped command line.
        assertThatThrownBy(() -> branched.range("c1", "d2", Set.of()))
                .isNotInstanceOf(TargetUsageException.class)
                .hasMessageStartingWith("Revision c1 is not an ancestor of 'd2'");
    }

    /**
     * With several heads, {@code heads-N} counts down from each of them: {@code :heads-1} is everything but the heads.
     * {@code head} is the one head, as for upgrade, so {@code head-1} is refused, with what to write instead.
     */
    @Test
    void headsMinusNCountsFromEveryHead() {
        RevisionMap branched = Fixtures.branched();
        assertThat(range(branched, null, "heads-1", Set.of())).containsExactly("c1", "c2", "b", "a");
        assertThat(range(branched, null, "heads-2", Set.of())).containsExactly("b", "a");
        assertThat(range(branched, null, "heads-9", Set.of())).isEmpty();
        assertThat(range(branched, "heads-1", null, Set.of())).containsExactly("d1", "c1", "d2", "c2");
        assertThat(range(branched, "heads-9", null, Set.of())).containsExactly("d1", "c1", "d2", "c2", "b", "a");
        assertThat(range(branched, "c1", "heads-1", Set.of())).containsExactly("c1");
        // A line shorter than the count adds nothing to the upper end; the others still count.
        RevisionMap uneven = RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("c", "b"), rev("x", "a")));
        assertThat(range(uneven, null, "heads-2", Set.of())).containsExactly("a");
        assertThatThrownBy(() -> branched.range(null, "head-1", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("In history range ':head-1', head is the one head, and there are several (d1, d2): "
                        + "write `heads-1` for all of them, or name one head or a branch label (`LABEL@head-1`).");
        assertThatThrownBy(() -> branched.range("head", null, Set.of()))
                .hasMessageStartingWith("In history range 'head:', head is the one head, and there are several "
                        + "(d1, d2): write `heads` for all of them");
        assertThat(range(branched, null, "c1branch@head-1", Set.of())).containsExactly("c1", "b", "a");
        assertThatThrownBy(() -> branched.range("base", "-1", Set.of()))
                .hasMessageEndingWith("count from the heads: `base:heads-1`.");
        // Upgrade keeps its own reading: head-1 and heads-1 need one head.
        assertThatThrownBy(() -> branched.upgradePlan(Set.of(), "heads-1"))
                .hasMessageStartingWith("Target 'heads-1' counts down from several heads (d1, d2)");
    }

    @Test
    void aRangeAcrossAMergeKeepsToTheLowerEndsLine() {
        assertThat(range(Fixtures.merged(), "c2", "f", Set.of())).containsExactly("f", "e", "d2", "c2");
        assertThat(range(Fixtures.merged(), "-1", null, Set.of())).containsExactly("f", "e");
        // Counting down through a merge goes down both parents' lines rather than guess one (Alembic refuses).
        assertThat(range(Fixtures.merged(), "-3", null, Set.of()))
                .containsExactlyInAnyOrder("f", "e", "d1", "d2", "c1", "c2");
    }
}
