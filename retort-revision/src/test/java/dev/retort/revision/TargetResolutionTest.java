package dev.retort.revision;

import static dev.retort.revision.Fixtures.ids;
import static dev.retort.revision.Fixtures.labeled;
import static dev.retort.revision.Fixtures.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetResolutionTest {
    private static final String A = "1a2b3c4d5e6f";
    private static final String B = "1a2b9f000001";
    private static final String C = "77aa00000002";
    private static final String D = "88bb00000003";

    /** A - B - C - D, with D labelled "tip". */
    private final RevisionMap linear = RevisionMap.of(List.of(rev(A), rev(B, A), rev(C, B), labeled(D, "tip", C)));
    private final RevisionMap branched = Fixtures.branched();

    @Test
    void keywords() {
        assertThat(linear.resolve("head", Set.of())).containsExactly(D);
        assertThat(linear.resolve("heads", Set.of())).containsExactly(D);
        assertThat(linear.resolve("base", Set.of(C))).isEmpty();
        assertThat(branched.resolve("heads", Set.of())).containsExactly("d1", "d2");
    }

    @Test
    void fullIdPrefixAndLabel() {
        assertThat(linear.resolve(C, Set.of())).containsExactly(C);
        assertThat(linear.resolve("1a2b3", Set.of())).containsExactly(A);
        assertThat(linear.resolve("77aa", Set.of())).containsExactly(C);
        assertThat(linear.resolve("tip", Set.of())).containsExactly(D);
        assertThat(branched.resolve("c2branch", Set.of())).containsExactly("c2");
    }

    @Test
    void ambiguousPrefixListsTheMatches() {
        assertThatThrownBy(() -> linear.resolve("1a2b", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revision prefix '1a2b' is ambiguous: it matches 1a2b3c4d5e6f, 1a2b9f000001; "
                        + "give more characters.");
    }

    @Test
    void shortPrefixIsRefusedAndSaysWhy() {
        assertThatThrownBy(() -> linear.resolve("77a", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("No revision matches '77a' (an id prefix needs at least 4 characters); "
                        + "run `retort history` to see the revisions.");
    }

    @Test
    void unknownTarget() {
        assertThatThrownBy(() -> linear.resolve("xyz0", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("No revision matches 'xyz0'; run `retort history` to see the revisions.");
    }

    @Test
    void aNearMissOfAWordSaysWhichWordItMeant() {
        assertThatThrownBy(() -> linear.resolve("heda", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("No revision matches 'heda'; did you mean `head`?");
        assertThatThrownBy(() -> linear.resolve("bsae", Set.of()))
                .hasMessage("No revision matches 'bsae'; did you mean `base`?");
        assertThatThrownBy(() -> linear.resolve("hed", Set.of()))
                .hasMessage("No revision matches 'hed' (an id prefix needs at least 4 characters); "
                        + "did you mean `head`?");
        assertThatThrownBy(() -> branched.resolve("c1branch@haed-1", ids("d1", "d2")))
                .hasMessage("No revision matches 'haed'; did you mean `c1branch@head-1`?");
        assertThatThrownBy(() -> branched.resolve("c1brnach", Set.of()))
                .hasMessage("No revision matches 'c1brnach'; did you mean `c1branch`?");
        assertThatThrownBy(() -> branched.resolve("c1brnach@head", Set.of()))
                .hasMessage("No branch label or revision matches 'c1brnach' in 'c1brnach@head'; did you mean "
                        + "`c1branch@head`?");
        assertThatThrownBy(() -> linear.resolve("HEAD", Set.of()))
                .hasMessage("No revision matches 'HEAD'; did you mean `head`?");
        // What looks like an id prefix is taken for a mistyped id, not for a word.
        assertThatThrownBy(() -> linear.resolve("dead", Set.of()))
                .hasMessage("No revision matches 'dead'; run `retort history` to see the revisions.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@", "@head", "x@y@z", "d1 ", " head", "!!", "heads+x", "tip@@head", "+-1", "+abc"})
    void garbageIsAUsageError(String target) {
        assertThatThrownBy(() -> linear.resolve(target, Set.of()))
                .isInstanceOf(TargetUsageException.class)
                .hasMessage("'" + target + "' is not a revision target; give a revision id, a branch label, `head`, "
                        + "`heads`, `base` or a relative step such as `-1` or `head+2`.");
    }

    @Test
    void aRangeIsNoTarget() {
        assertThatThrownBy(() -> linear.upgradePlan(Set.of(), "1a2b3c4d5e6f:head"))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("'1a2b3c4d5e6f:head' is a range FROM:TO, which only --sql and `history -r` take; name one "
                        + "target, such as 'head'.");
        assertThatThrownBy(() -> linear.upgradePlan(Set.of(), "head:"))
                .hasMessageEndingWith("name one target, such as 'head'.");
        for (String text : new String[] {"::", ":", "a:b:c"}) {
            assertThatThrownBy(() -> linear.upgradePlan(Set.of(), text))
                    .hasMessageStartingWith("'" + text + "' is no revision target, nor a range FROM:TO (one colon, "
                            + "with a revision on at least one side of it)");
        }
        assertThatThrownBy(() -> linear.upgradePlan(Set.of(), "postgresql://app@db:5432/shop"))
                .hasMessage("'postgresql://app@db:5432/shop' is a database URL, not a revision target; give it with "
                        + "--url (before the command: `retort --url URL upgrade head`), or in DATABASE_URL.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void emptyTarget(String target) {
        assertThatThrownBy(() -> linear.resolve(target, Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessageStartingWith("The revision target is empty; give a revision id");
        assertThatThrownBy(() -> linear.upgradePlan(Set.of(), null))
                .hasMessageStartingWith("The revision target is empty");
    }

    @Test
    void hugeStepIsRefused() {
        assertThatThrownBy(() -> linear.resolve("+12345678901", Set.of()))
                .hasMessage("The step in '+12345678901' is too large; run `retort history` to see how many "
                        + "revisions there are.");
    }

    @Test
    void multipleHeads() {
        assertThatThrownBy(() -> branched.resolve("head", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Multiple heads are present (d1, d2): name one head or a branch label (`LABEL@head`), "
                        + "give `heads` for all of them, or merge them with `retort merge -m MESSAGE heads`.");
    }

    /** The advice for `head` would be the `heads` that was given. */
    @Test
    void countingFromSeveralHeads() {
        assertThatThrownBy(() -> branched.resolve("heads+1", Set.of()))
                .hasMessage("Target 'heads+1' goes past the heads: no revision follows a head, so `heads` is as far "
                        + "up as there is.");
        assertThatThrownBy(() -> branched.resolve("heads-1", Set.of()))
                .hasMessage("Target 'heads-1' counts down from several heads (d1, d2); count from one, as `d1-1`, or "
                        + "within a branch, as `LABEL@head-1`.");
    }

    @Test
    void branchQualifiedHeads() {
        assertThat(branched.resolve("c1branch@head", Set.of())).containsExactly("d1");
        assertThat(branched.resolve("c2branch@heads", Set.of())).containsExactly("d2");
        assertThat(branched.resolve("d2@head", Set.of())).containsExactly("d2");
        assertThatThrownBy(() -> branched.resolve("b@head", Set.of()))
                .hasMessage("'b@head' names several heads (d1, d2): name one of them, or merge them with "
                        + "`retort merge -m MESSAGE d1 d2`.");
        assertThatThrownBy(() -> branched.resolve("nolabel@head", Set.of()))
                .hasMessage("No branch label or revision matches 'nolabel' in 'nolabel@head'; run `retort branches` "
                        + "to see the branch labels.");
    }

    @Test
    void branchQualifiedRevision() {
        assertThat(branched.resolve("c2branch@b", Set.of())).containsExactly("b");
        assertThat(branched.resolve("c2branch@d2", Set.of())).containsExactly("d2");
        assertThatThrownBy(() -> branched.resolve("c2branch@d1", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Revision d1 is not on branch 'c2branch'; name a revision of that branch, "
                        + "or run `retort branches`.");
    }

    @Test
    void relativeToCurrent() {
        assertThat(linear.resolve("+1", Set.of())).containsExactly(A);
        assertThat(linear.resolve("+2", Set.of(A))).containsExactly(C);
        assertThat(linear.resolve("-1", Set.of(C))).containsExactly(B);
        assertThat(linear.resolve("-3", Set.of(C))).isEmpty();
        assertThat(linear.resolve("+0", Set.of(C))).containsExactly(C);
    }

    @Test
    void relativeToARevision() {
        assertThat(linear.resolve(B + "+2", Set.of())).containsExactly(D);
        assertThat(linear.resolve("77aa-1", Set.of())).containsExactly(B);
        assertThat(linear.resolve("head-2", Set.of())).containsExactly(B);
        assertThat(linear.resolve("heads-1", Set.of())).containsExactly(C);
        assertThat(linear.resolve("base+1", Set.of(D))).containsExactly(A);
        assertThat(linear.resolve("tip-1", Set.of())).containsExactly(C);
        assertThat(linear.resolve("tip@-1", Set.of(D))).containsExactly(C);
    }

    @Test
    void goingPastBaseSaysHowFarItCanGo() {
        assertThatThrownBy(() -> linear.resolve("-5", Set.of(C)))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Target '-5' goes past base: 77aa00000002 is only 3 revisions above it; "
                        + "use a smaller step or `base`.");
        assertThatThrownBy(() -> linear.resolve(A + "-2", Set.of()))
                .hasMessage("Target '1a2b3c4d5e6f-2' goes past base: 1a2b3c4d5e6f is only 1 revision above it; "
                        + "use a smaller step or `base`.");
        assertThatThrownBy(() -> linear.resolve("base-1", Set.of()))
                .hasMessage("Target 'base-1' goes below base; there is nothing before base.");
        assertThatThrownBy(() -> linear.resolve("-1", Set.of()))
                .hasMessage("Target '-1' counts back from the database's revision, but no revision is applied.");
    }

    @Test
    void goingPastTheHead() {
        assertThatThrownBy(() -> linear.resolve("+3", Set.of(B)))
                .hasMessage("Target '+3' goes past the head: only 2 revisions follow 1a2b9f000001 there; "
                        + "use a smaller step or `head`.");
        assertThatThrownBy(() -> linear.resolve("head+1", Set.of()))
                .hasMessage("Target 'head+1' goes past the head: only 0 revisions follow 88bb00000003 there; "
                        + "use a smaller step or `head`.");
    }

    @Test
    void walksStopAtBranchPointsAndMerges() {
        assertThatThrownBy(() -> branched.resolve("+1", Set.of("b")))
                .hasMessage("Target '+1' is ambiguous: b is followed by several branches (c1, c2); pick one with a "
                        + "branch label, as `LABEL@+1`, or name a revision.");
        assertThat(branched.resolve("c2branch@+1", Set.of("b"))).containsExactly("c2");
        assertThat(branched.resolve("base+2", Set.of())).containsExactly("b");
        assertThatThrownBy(() -> branched.resolve("base+3", Set.of()))
                .hasMessageStartingWith("Target 'base+3' is ambiguous: b is followed by several branches (c1, c2)");
        assertThat(branched.resolve("c2branch@base+3", Set.of())).containsExactly("c2");
        // One step down from a merge lands on all its parents (undoing just the merge); further is a guess.
        assertThat(Fixtures.merged().resolve("e-1", Set.of())).containsExactly("d1", "d2");
        assertThatThrownBy(() -> Fixtures.merged().resolve("e-2", Set.of()))
                .hasMessage("Target 'e-2' is ambiguous: e merges several revisions (d1, d2); name the revision to "
                        + "go to instead.");
        RevisionMap forest = RevisionMap.of(List.of(rev("a1"), rev("a2")));
        assertThatThrownBy(() -> forest.resolve("+1", Set.of()))
                .hasMessageStartingWith("Target '+1' is ambiguous: there are several base revisions (a1, a2)");
    }

    @Test
    void relativeFromSeveralCurrentHeads() {
        assertThatThrownBy(() -> branched.resolve("-1", ids("d1", "d2")))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("Target '-1' is ambiguous: the database is at several heads (d1, d2); say which, as "
                        + "`d1@-1`, or use a branch label, as `LABEL@-1`.");
        assertThatThrownBy(() -> branched.resolve("+1", ids("c1", "c2")))
                .hasMessageStartingWith("Target '+1' is ambiguous: the database is at several heads (c1, c2)");
        assertThat(branched.resolve("c1branch@-1", ids("d1", "d2"))).containsExactly("c1");
        assertThat(branched.resolve("c2branch@+1", ids("c1", "c2"))).containsExactly("d2");
        assertThat(branched.resolve("d2-1", ids("d1", "d2"))).containsExactly("c2");
    }

    @Test
    void branchRelativeWhenTheBranchRowIsGone() {
        // c2branch has no row of its own: its newest applied revision is b, under c1's row.
        assertThat(branched.resolve("c2branch@+1", Set.of("c1"))).containsExactly("c2");
        assertThat(branched.resolve("c2branch@+2", Set.of("c1"))).containsExactly("d2");
        assertThat(branched.resolve("c2branch@+1", Set.of())).containsExactly("a");
    }

    @Test
    void labelsThatLookRelativeResolveAsThemselves() {
        RevisionMap map = RevisionMap.of(List.of(rev("a"), labeled("b", "feature-1", "a"), rev("c", "b")));
        assertThat(map.resolve("feature-1", Set.of())).containsExactly("b");
        assertThat(map.resolve("feature-1+1", Set.of())).containsExactly("c");
        assertThat(map.resolve("feature-1@head", Set.of())).containsExactly("c");
    }

    @Test
    void longMatchListsAreCut() {
        RevisionMap map = RevisionMap.of(List.of(rev("abcd01"), rev("abcd02"), rev("abcd03"), rev("abcd04"),
                rev("abcd05"), rev("abcd06"), rev("abce07")));
        assertThatThrownBy(() -> map.resolve("abcd", Set.of()))
                .hasMessage("Revision prefix 'abcd' is ambiguous: it matches abcd01, abcd02, abcd03, abcd04, "
                        + "abcd05, ...; give more characters.");
        assertThatThrownBy(() -> map.resolve("abcd@head", Set.of()))
                .hasMessageStartingWith("Revision prefix 'abcd' is ambiguous");
        assertThat(map.resolve("abce@head", Set.of())).containsExactly("abce07");
    }

    @Test
    void branchRelativeWithNothingOfTheBranchApplied() {
        RevisionMap forest = RevisionMap.of(List.of(labeled("a1", "one"), rev("b1", "a1"), labeled("a2", "two")));
        assertThatThrownBy(() -> forest.resolve("two@-1", Set.of("b1")))
                .hasMessage("Target 'two@-1' counts back from the database's revision, but nothing on that branch "
                        + "is applied.");
        assertThat(forest.resolve("two@+1", Set.of("b1"))).containsExactly("a2");
        assertThat(forest.resolve("one@-1", ids("b1", "a2"))).containsExactly("a1");
    }
}
