package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Branches, merges and every target form, end to end. */
class BranchAndTargetTest {
    static final String A = "aaaa00000001";
    static final String B = "bbbb00000002";
    static final String C = "cccc00000003";
    static final String D = "dddd00000004";
    static final String M = "eeee00000005";

    @TempDir
    Path dir;
    Cli cli;

    /** A -> B -> C on the trunk, A -> D on a branch labelled "billing". */
    @BeforeEach
    void graph() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql(A, "none", "root", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cli.sql(B, A, "trunk b", "CREATE TABLE b (id int);", "DROP TABLE b;");
        cli.sql(C, B, "trunk c", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cli.write("migrations/versions/" + D + "_billing.sql", "-- revision: " + D + "\n-- down_revision: " + A
                + "\n-- message: billing\n-- branch_labels: billing\n-- +upgrade\nCREATE TABLE d (id int);\n"
                + "-- +downgrade\nDROP TABLE d;\n");
    }

    @Test
    void headIsRefusedWhenThereAreTwo() {
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Multiple heads are present").contains("heads").contains("retort merge");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(cli.ok("heads").outLines()).containsExactlyInAnyOrder(C + " (head)", D + " (billing) (head)");
        Cli.Result check = cli.run("heads", "--check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("2 heads").contains("retort merge");
        assertThat(cli.ok("branches").out()).contains(A + " (branchpoint), root").contains("-> " + B)
                .contains("-> " + D + " (billing) (head), billing");
    }

    /** With two heads, history's `:heads-1` is everything but the heads; `:head-1` says to write that. */
    @Test
    void historyCountsDownFromEveryHead() {
        assertThat(cli.ok("history", "-r", ":heads-1").outLines()).containsExactly(
                A + " -> " + B + ", trunk b", "<base> -> " + A + " (branchpoint), root");
        Cli.Result head = cli.run("history", "-r", ":head-1");
        assertThat(head.exitCode()).isEqualTo(1);
        assertThat(head.err()).contains("write `heads-1` for all of them").contains("`LABEL@head-1`")
                .doesNotContain("upgrade");
        assertThat(cli.ok("history", "-r", ":billing@head-1").outLines())
                .containsExactly("<base> -> " + A + " (branchpoint), root");
    }

    @Test
    void upgradeHeadsThenMergeThenDowngradeOneBranch() {
        cli.ok("upgrade", "heads");
        assertThat(cli.versions()).containsExactlyInAnyOrder(C, D);
        assertThat(cli.ok("current").outLines()).containsExactlyInAnyOrder(C + " (head)", D + " (billing) (head)");

        Cli.Result merge = cli.ok("merge", "-m", "merge billing", "heads", "--rev-id", M, "--sql-file");
        assertThat(merge.out()).contains(M + "_merge_billing.sql ... done");
        cli.ok("upgrade", "head");
        cli.ok("heads", "--check");
        assertThat(cli.versions()).containsExactly(M);
        assertThat(cli.ok("history").outLines().get(0)).isEqualTo(C + ", " + D + " -> " + M + " (head) (mergepoint), merge billing");

        cli.ok("downgrade", "-1");
        assertThat(cli.versions()).containsExactlyInAnyOrder(C, D);
        cli.ok("downgrade", "billing@-1");
        assertThat(cli.versions()).containsExactly(C);
        assertThat(cli.tableExists("d")).isFalse();
        assertThat(cli.tableExists("c")).isTrue();
    }

    @Test
    void everyTargetForm() {
        cli.ok("upgrade", "+1");
        assertThat(cli.versions()).containsExactly(A);
        cli.ok("upgrade", "bbbb");                       // unique prefix
        assertThat(cli.versions()).containsExactly(B);
        cli.ok("downgrade", "-1");
        cli.ok("upgrade", "bbbb");
        assertThat(cli.versions()).containsExactly(B);
        cli.ok("upgrade", "billing@head");               // a branch's head
        assertThat(cli.versions()).containsExactlyInAnyOrder(B, D);
        cli.ok("downgrade", "billing@-1");
        assertThat(cli.versions()).containsExactly(B);
        cli.ok("upgrade", B + "+1");                     // REV+N
        assertThat(cli.versions()).containsExactly(C);
        cli.ok("downgrade", C + "-1");                   // REV-N
        assertThat(cli.versions()).containsExactly(B);
        cli.ok("upgrade", "heads");
        cli.ok("downgrade", "base");
        assertThat(cli.versions()).isEmpty();
        cli.ok("upgrade", "billing");                    // a branch label names its revision
        assertThat(cli.versions()).containsExactly(D);
    }

    @Test
    void badTargetsAreOneLineErrors() {
        cli.sql("bbbb99999999", C, "another b", "SELECT 1;", "SELECT 1;");
        for (List<String> args : List.of(List.of("upgrade", "bbbb"), List.of("upgrade", "zzzz"),
                List.of("upgrade", "ab"), List.of("downgrade", "-5"), List.of("show", "fff"),
                List.of("show", "base"))) {
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err().strip()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        }
        assertThat(cli.run("upgrade", "bbbb").err()).contains("ambiguous").contains("bbbb00000002").contains("bbbb99999999");
        assertThat(cli.run("upgrade", "zzzz").err()).contains("zzzz");
        assertThat(cli.versions()).isEmpty();
    }

    /**
     * A target written as no id, label or step is, and a range the wrong way round, are usage errors (2), as
     * `upgrade --sql` says of its ranges; a range whose ends are on two branches is a fact of the graph (1).
     */
    @Test
    void malformedTargetsAndRangesTheWrongWayRoundAreUsageErrors() {
        for (List<String> args : List.of(List.of("upgrade", "+x"), List.of("upgrade", "+abc"),
                List.of("upgrade", "+-1"), List.of("upgrade", " head"), List.of("show", "b@"),
                List.of("history", "-r", C + ":" + A), List.of("lint", C + ":" + A),
                List.of("upgrade", "--sql", C + ":" + A))) {
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        }
        assertThat(cli.run("upgrade", " head").err()).isEqualTo("retort: ' head' is not a revision target; give a "
                + "revision id, a branch label, `head`, `heads`, `base` or a relative step such as `-1` or "
                + "`head+2`.\n");
        Cli.Result branches = cli.run("history", "-r", B + ":" + D);
        assertThat(branches.exitCode()).as(branches.toString()).isEqualTo(1);
        assertThat(branches.err()).contains("is not an ancestor of");
        assertThat(cli.versions()).isEmpty();
    }

    /** With two heads, the advice fits the command, and does not offer `heads` to one who wrote it. */
    @Test
    void adviceForTwoHeadsFitsTheCommand() {
        for (String verb : List.of("show", "edit", "stamp")) {
            Cli.Result r = cli.run(verb, "head");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).isEqualTo("retort: Multiple heads are present (" + C + ", " + D
                    + "): name one head or a branch label (`LABEL@head`), give `heads` for all of them, or merge "
                    + "them with `retort merge -m MESSAGE heads`.\n");
        }
        Cli.Result above = cli.run("upgrade", "heads+1");
        assertThat(above.exitCode()).as(above.toString()).isEqualTo(1);
        assertThat(above.err()).isEqualTo("retort: Target 'heads+1' goes past the heads: no revision follows a head, "
                + "so `heads` is as far up as there is.\n");
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void revisionFollowsTheHeadOrTheGivenOne() {
        Cli.Result refused = cli.run("revision", "-m", "next");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Multiple heads are present").contains("--head");
        cli.ok("revision", "-m", "after c", "--head", C, "--rev-id", "ffff00000006", "--sql-file");
        assertThat(cli.ok("heads").out()).contains("ffff00000006 (head)");
        Cli.Result notHead = cli.run("revision", "-m", "x", "--head", B);
        assertThat(notHead.err()).contains("not a head").contains("--splice");
        cli.ok("revision", "-m", "from b", "--head", B, "--splice", "--rev-id", "ffff00000007");
        cli.ok("revision", "-m", "new root", "--head", "base", "--branch-label", "audit", "--rev-id", "ffff00000008");
        assertThat(cli.ok("heads").out()).contains("ffff00000007").contains("ffff00000008 (audit) (head)");
        cli.ok("revision", "-m", "needs billing", "--head", "audit@head", "--depends-on", "billing",
                "--rev-id", "ffff00000009", "--sql-file");
        cli.ok("upgrade", "ffff00000009");
        assertThat(cli.tableExists("d")).as("depends-on applies billing first").isTrue();
        // Options the graph refuses are usage errors, as a --head that is not a head is; a revision that is not
        // there fails, as `retort show` of it does.
        Cli.Result takenLabel = cli.run("revision", "-m", "y", "--head", "ffff00000007", "--branch-label", "audit");
        assertThat(takenLabel.exitCode()).as(takenLabel.toString()).isEqualTo(2);
        assertThat(takenLabel.err()).contains("--branch-label audit is already the label of ffff00000008 (file "
                + "ffff00000008_new_root.java); choose another; nothing was written.").doesNotContain("file new");
        for (String[] taken : new String[][] {{"head", "--branch-label head cannot be used: labels hold letters, "
                + "digits, '_', '.' and '-' and cannot be head, heads, base, current or none; nothing was written."},
                {"ffff00000007", "--branch-label ffff00000007 is the id of ffff00000007 (file "
                        + "ffff00000007_from_b.java); choose another; nothing was written."},
                // `retort upgrade ffff0000` would go to the label's revision instead of the one whose id starts so.
                {"ffff0000", "--branch-label ffff0000 is the start of the id of "}}) {
            Cli.Result refusedLabel = cli.run("revision", "-m", "y", "--head", "ffff00000007", "--branch-label",
                    taken[0]);
            assertThat(refusedLabel.exitCode()).as(refusedLabel.toString()).isEqualTo(2);
            assertThat(refusedLabel.err()).contains(taken[1]);
        }
        assertThat(cli.project.resolve("migrations/versions")).isDirectoryNotContaining("glob:**_y.*");
        Cli.Result unknownDependency = cli.run("revision", "-m", "z", "--head", "ffff00000007", "--depends-on", "abab");
        assertThat(unknownDependency.exitCode()).as(unknownDependency.toString()).isEqualTo(1);
        assertThat(unknownDependency.err()).contains("--depends-on abab: ");
        Cli.Result hexLabel = cli.run("revision", "-m", "z", "--head", "ffff00000007", "--branch-label", "3e9f");
        assertThat(hexLabel.exitCode()).isEqualTo(2);
        assertThat(hexLabel.err()).contains("Branch label '3e9f' must start with a letter or '_'");
        Cli.Result unknownHead = cli.run("revision", "-m", "z", "--head", "abab");
        assertThat(unknownHead.exitCode()).as(unknownHead.toString()).isEqualTo(1);
        assertThat(unknownHead.err()).contains("--head abab: ");
        // The other way round: an id that starts with a label, which `retort show bead` would not name.
        cli.ok("revision", "-m", "labelled", "--head", "ffff00000007", "--branch-label", "bead", "--rev-id",
                "ffff0000000a", "--sql-file");
        Cli.Result underLabel = cli.run("revision", "-m", "y", "--head", "bead@head", "--rev-id", "bead12345678");
        assertThat(underLabel.exitCode()).as(underLabel.toString()).isEqualTo(2);
        assertThat(underLabel.err()).contains("--rev-id bead12345678 starts with branch label bead, so a target "
                + "`bead` would name the label's revision, never this one; choose another --rev-id.");
    }

    /** Alembic's {@code heads --resolve-dependencies}: a head that another revision depends on is no head. */
    @Test
    void headsCanCountDependenciesAsParents() {
        cli.ok("revision", "-m", "needs c", "--head", "billing@head", "--depends-on", C, "--rev-id", "ffff00000006",
                "--sql-file");
        assertThat(cli.ok("heads").outLines()).containsExactly(C + " (head)", "ffff00000006 (head)");
        assertThat(cli.ok("heads", "--resolve-dependencies").outLines()).containsExactly("ffff00000006 (head)");
        // As Alembic writes a dependency in history: after the down revision, in parentheses.
        assertThat(cli.ok("history", "-r", "billing:").outLines())
                .containsExactly(D + " (" + C + ") -> ffff00000006 (head), needs c",
                        A + " -> " + D + " (billing), billing");
    }

    /**
     * {@code heads} names every head {@code retort heads} lists, a head that another revision depends on too: the
     * merge that {@code upgrade head} asks for takes them all, as Alembic's {@code merge heads} does.
     */
    @Test
    void mergeHeadsJoinsAHeadThatAnotherDependsOn() {
        String needsC = "ffff00000006";
        cli.ok("revision", "-m", "needs c", "--head", "billing@head", "--depends-on", C, "--rev-id", needsC,
                "--sql-file");
        assertThat(cli.ok("show", "heads").outLines()).filteredOn(line -> line.startsWith("Rev: "))
                .containsExactly("Rev: " + C + " (head)", "Rev: " + needsC + " (head)");
        assertThat(cli.run("upgrade", "head").err()).contains("retort merge -m MESSAGE heads");
        // The version table still holds only the revision that implies the other head.
        cli.ok("upgrade", "heads");
        assertThat(cli.versions()).containsExactly(needsC);

        cli.ok("merge", "-m", "join", "heads", "--rev-id", M, "--sql-file");
        assertThat(cli.ok("history").outLines().get(0)).isEqualTo(C + ", " + needsC + " -> " + M
                + " (head) (mergepoint), join");
        cli.ok("heads", "--check");
        cli.ok("upgrade", "head");
        assertThat(cli.versions()).containsExactly(M);
    }

    /** {@code revision --head heads} follows every head, as {@code merge heads} joins them. */
    @Test
    void revisionAfterHeadsFollowsAHeadThatAnotherDependsOn() {
        String needsC = "ffff00000006";
        cli.ok("revision", "-m", "needs c", "--head", "billing@head", "--depends-on", C, "--rev-id", needsC,
                "--sql-file");
        cli.ok("revision", "-m", "after all", "--head", "heads", "--rev-id", M, "--sql-file");
        assertThat(cli.ok("history").outLines().get(0)).isEqualTo(C + ", " + needsC + " -> " + M
                + " (head) (mergepoint), after all");
    }

    /** Alembic's {@code show current}: the revisions the database is at, in full. */
    @Test
    void showCurrentShowsTheAppliedRevisions() {
        Cli.Result atBase = cli.run("show", "current");
        assertThat(atBase.exitCode()).as(atBase.toString()).isEqualTo(1);
        assertThat(atBase.err().strip()).isEqualTo("retort: The database is at base: no revision is applied, so "
                + "current names no revision.");
        cli.ok("upgrade", "heads");
        cli.ok("downgrade", C + "-1");
        List<String> shown = cli.ok("show", "current").outLines();
        assertThat(shown).filteredOn(line -> line.startsWith("Rev: "))
                .containsExactlyInAnyOrder("Rev: " + B, "Rev: " + D + " (billing) (head)");
        assertThat(shown).contains("    trunk b", "    billing");
    }

    /** Relative targets count from the database's revision for show, as for upgrade and downgrade. */
    @Test
    void showCountsRelativeTargetsFromTheDatabase() {
        Cli.Result atBase = cli.run("show", "--", "-1");
        assertThat(atBase.exitCode()).as(atBase.toString()).isEqualTo(1);
        assertThat(atBase.err()).contains("no revision is applied");
        assertThat(shown("+1")).containsExactly(A);

        cli.ok("upgrade", B);
        assertThat(shown("-1")).containsExactly(A);
        assertThat(shown("+1")).containsExactly(C);
        assertThat(shown("bbbb@+1")).containsExactly(C);
        // Nothing on billing is applied: its steps count from A, the newest revision of its line that is.
        assertThat(shown("billing@+1")).containsExactly(D);
        assertThat(shown(C + "-1")).containsExactly(B);
    }

    /** A target that does not count from the database is shown without connecting to it. */
    @Test
    void showOfANamedTargetNeedsNoDatabase() {
        Cli offline = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(offline.ok("show", "bbbb+1").out()).contains("Rev: " + C);
        Cli.Result relative = offline.run("show", "+1");
        assertThat(relative.exitCode()).as(relative.toString()).isEqualTo(1);
    }

    /** The ids {@code show TARGET} prints, in order. */
    private List<String> shown(String target) {
        return cli.ok("show", "--", target).outLines().stream().filter(line -> line.startsWith("Rev: "))
                .map(line -> line.substring("Rev: ".length(), "Rev: ".length() + A.length())).toList();
    }

    /** As in Alembic, -m may be left out: the revision has no message and its file is named after the id only. */
    @Test
    void revisionAndMergeNeedNoMessage() {
        Cli.Result merge = cli.ok("merge", "heads", "--rev-id", M);
        assertThat(merge.out()).contains(M + "_migration.java ... done");
        Cli.Result java = cli.ok("revision", "--rev-id", "ffff00000006");
        assertThat(java.out()).contains("ffff00000006_migration.java ... done");
        Cli.Result sql = cli.ok("revision", "--rev-id", "ffff00000007", "--sql-file");
        assertThat(sql.out()).contains("ffff00000007_migration.sql ... done");
        assertThat(cli.ok("history", "-r", M + ":").outLines()).containsExactly(
                "ffff00000006 -> ffff00000007 (head)", M + " -> ffff00000006",
                C + ", " + D + " -> " + M + " (mergepoint)");
        cli.ok("upgrade", "head");
        assertThat(cli.versions()).containsExactly("ffff00000007");
    }

    @Test
    void mergeRefusesARevisionThatIsNotAHead() throws IOException {
        for (List<String> revisions : List.of(List.of("aaaa", "bbbb"), List.of(B, D), List.of("heads", "bbbb"))) {
            List<String> args = new ArrayList<>(List.of("merge", "-m", "m"));
            args.addAll(revisions);
            Cli.Result r = cli.run(args.toArray(String[]::new));
            String refused = revisions.get(0).equals("aaaa") ? A : B;

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().strip()).as(r.toString()).isEqualTo("retort: Revision " + refused + " is not a head "
                    + "(the heads are " + C + ", " + D + "); merge joins heads only, so name heads or give `heads`.");
        }
        try (Stream<Path> files = Files.list(cli.project.resolve("migrations/versions"))) {
            assertThat(files).hasSize(4);
        }
        cli.ok("merge", "-m", "join billing", C, "billing@head", "--rev-id", M);
        cli.ok("heads", "--check");
    }

    @Test
    void stampSetsTheVersionTableOnly() {
        cli.ok("stamp", C);
        assertThat(cli.versions()).containsExactly(C);
        assertThat(cli.tableExists("a")).isFalse();
        cli.ok("stamp", "heads");
        assertThat(cli.versions()).containsExactlyInAnyOrder(C, D);
        cli.ok("stamp", "base");
        assertThat(cli.versions()).isEmpty();
        cli.execute("CREATE TABLE IF NOT EXISTS retort_version (version_num varchar(32) PRIMARY KEY)");
        cli.execute("INSERT INTO retort_version VALUES ('999999999999')");
        Cli.Result unknown = cli.run("current");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("999999999999").contains("stamp");
        cli.ok("stamp", "--purge", A);
        assertThat(cli.versions()).containsExactly(A);
    }

    @Test
    void stampTakesARevisionOnEachBranch() {
        Cli.Result both = cli.ok("stamp", B, "billing@head");
        assertThat(both.err()).contains("Stamped the database at ");
        assertThat(cli.versions()).containsExactlyInAnyOrder(B, D);
        assertThat(cli.ok("stamp", "--sql", C, D).out())
                .contains("INSERT INTO retort_version (version_num) VALUES ('" + C + "')");
        Cli.Result sameLine = cli.run("stamp", B, C);
        assertThat(sameLine.exitCode()).isEqualTo(1);
        assertThat(sameLine.err()).contains("Cannot stamp both '" + B + "' and '" + C + "': they are on one line");
        assertThat(cli.versions()).containsExactlyInAnyOrder(B, D);
        Cli.Result range = cli.run("stamp", "--sql", A + ":" + C, D);
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).contains("stamp --sql takes a range FROM:TO only alone");
    }
}
