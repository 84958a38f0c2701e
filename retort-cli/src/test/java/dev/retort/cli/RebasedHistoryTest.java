package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revision the graph puts under an applied one after that ran (its down_revision moved onto a sibling, a "rebase")
 * never runs: upgrade refuses to call the database up to date, and validate names it, where both once said all was
 * well. The history an older Retort left incomplete is no such finding.
 */
class RebasedHistoryTest {
    static final String A = "a00000000001";
    static final String B = "b00000000001";
    static final String C = "c00000000001";

    @TempDir
    Path dir;

    /** Users; B adds a phone column to them; C, a sibling of B, adds orders. */
    private Cli siblings() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql(A, "none", "users", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        cli.sql(B, A, "phone", "ALTER TABLE users ADD COLUMN phone text;", "ALTER TABLE users DROP COLUMN phone;");
        cli.sql(C, A, "orders", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        return cli;
    }

    private Path fileOfC() {
        return dir.resolve("migrations/versions/" + C + "_orders.sql");
    }

    private void downRevisionOfC(String down) throws Exception {
        Path file = fileOfC();
        Files.writeString(file, Files.readString(file).replaceFirst("-- down_revision: \\w+",
                "-- down_revision: " + down));
    }

    private List<String> columnsOfUsers(Cli cli) {
        return cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' "
                + "ORDER BY ordinal_position");
    }

    @Test
    void aRevisionRebasedUnderAnAppliedOneIsRefusedAndTheAdviceWorks() throws Exception {
        Cli cli = siblings();
        cli.ok("upgrade", C);
        downRevisionOfC(B);

        String line = "revision " + B + " is below the applied " + C + " in the graph but never ran here (its last "
                + "record: none): " + C + "'s down_revision changed after it was applied; restore " + C + "'s "
                + "down_revision as it was applied, join the two heads with `retort merge -m MESSAGE heads` and run "
                + "`retort upgrade head` to run " + B + " (if its changes are in the database after all, `retort "
                + "stamp --purge " + C + "` records it as applied)";
        Cli.Result upgrade = cli.run("upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        assertThat(upgrade.err()).contains(line + ". Nothing was changed.").doesNotContain("Nothing to upgrade")
                .doesNotContain("Exception");
        assertThat(cli.versions()).containsExactly(C);

        Cli.Result validate = cli.run("validate");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
        assertThat(validate.out()).contains("revision " + C + " (" + C + "_orders.sql) changed after it was applied")
                .contains(line + ".\n").doesNotContain("older Retort").doesNotContain("could not be checked");

        // The advice, as written: the header back, the heads joined, the upgrade runs the phone column.
        downRevisionOfC(A);
        cli.ok("merge", "-m", "join", "heads");
        cli.ok("upgrade", "head");
        assertThat(columnsOfUsers(cli)).containsExactly("id", "phone");
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");
    }

    /** Upgraded once and downgraded, then rebased under C: its last record is the downgrade, which validate names. */
    @Test
    void aRevertedRevisionRebasedUnderAnAppliedOneIsNamedWithItsDowngrade() throws Exception {
        Cli cli = siblings();
        cli.ok("upgrade", B);
        cli.ok("downgrade", A);
        cli.ok("upgrade", C);
        downRevisionOfC(B);

        Cli.Result validate = cli.run("validate");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
        assertThat(validate.out()).containsPattern("revision " + B + " is below the applied " + C + " in the graph "
                + "but is not applied here \\(its last record: a downgrade on \\d{4}-\\d{2}-\\d{2}\\): " + C
                + "'s down_revision changed after it was applied; ");
        Cli.Result upgrade = cli.run("upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        assertThat(upgrade.err()).contains("is not applied here");

        // Its change made by hand, the stamp the advice names records it (and C as it is now), and all is well.
        cli.execute("ALTER TABLE users ADD COLUMN phone text");
        cli.ok("stamp", "--purge", C);
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
        assertThat(columnsOfUsers(cli)).containsExactly("id", "phone");
    }

    /**
     * A database an older Retort ran before retort_history existed has no record of what it ran: nothing is named
     * unrun, and validate blames the missing history, not a stamp.
     */
    @Test
    void revisionsRunBeforeTheHistoryExistedAreNoFinding() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(3);
        cli.ok("upgrade", ids.get(1));
        cli.execute("DROP TABLE retort_history");
        cli.ok("upgrade", "head");
        // Edited too, which names a revision under it as its down revision all the same.
        Path third = dir.resolve("migrations/versions/" + ids.get(2) + "_step_3.sql");
        Files.writeString(third, Files.readString(third).replace("-- message: step 3", "-- message: step three"));

        Cli.Result validate = cli.run("validate");
        assertThat(validate.out()).doesNotContain("is below the applied").doesNotContain("stamp of an older Retort")
                .contains("2 applied revisions could not be checked (a00000000001, a00000000002): no checksum of "
                        + "their files was recorded (retort_history holds no record of them: they were applied "
                        + "without one, by an older Retort or by the tool whose version table Retort reads (Alembic's "
                        + "alembic_version))");
        assertThat(cli.run("upgrade", "head").exitCode()).isZero();
    }

    /**
     * Stamps of older Retorts: one that recorded nothing, and one that recorded its target only, without a checksum.
     * Neither leaves the revisions under the target unrun.
     */
    @Test
    void revisionsUnderAStampOfAnOlderRetortAreNoFinding() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(5);
        cli.ok("upgrade", ids.get(0));
        cli.ok("stamp", ids.get(2));
        cli.execute("DELETE FROM retort_history WHERE direction = 'stamp'");
        cli.ok("upgrade", ids.get(3));
        assertThat(cli.ok("validate").out()).doesNotContain("is below the applied")
                .contains("(a00000000002, a00000000003)");

        cli.ok("stamp", ids.get(4));
        cli.execute("UPDATE retort_history SET checksum = NULL WHERE revision = '" + ids.get(4) + "'");
        Cli.Result validate = cli.ok("validate");
        assertThat(validate.out()).doesNotContain("is below the applied");
        assertThat(cli.ok("upgrade", "head").exitCode()).isZero();
    }

    /** Branches, a merge of them and a dependency across branches, each run in its own way: no finding. */
    @Test
    void branchesMergesAndDependenciesAreNoFinding() throws Exception {
        Cli cli = siblings();
        cli.sql("d00000000001", B + ", " + C, "join", "SELECT 1;", "SELECT 1;");
        cli.write("migrations/versions/e00000000001_x.sql", "-- revision: e00000000001\n-- down_revision: none\n"
                + "-- message: x\n-- depends_on: " + B + "\n-- +upgrade\nCREATE TABLE x (id int);\n"
                + "-- +downgrade\nDROP TABLE x;\n");
        cli.ok("upgrade", C);
        cli.ok("upgrade", "e00000000001");
        cli.ok("upgrade", "heads");
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");
        cli.ok("downgrade", A);
        cli.ok("upgrade", "heads");
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");
        cli.ok("stamp", "--purge", "heads");
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");
    }

    /** A dependency added to an applied revision on a revision that never ran is the same rebase. */
    @Test
    void aDependencyAddedOnAnUnrunRevisionIsNamed() throws Exception {
        Cli cli = siblings();
        cli.ok("upgrade", C);
        Path file = fileOfC();
        Files.writeString(file, Files.readString(file).replace("-- message: orders\n",
                "-- message: orders\n-- depends_on: " + B + "\n"));
        Cli.Result validate = cli.run("validate");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("revision " + B + " is below the applied " + C + " in the graph but never "
                + "ran here (its last record: none): " + C + "'s depends_on changed after it was applied; ");
    }

    /** Two revisions rebased under an applied one: the refusal stays one line, naming both. */
    @Test
    void twoUnrunRevisionsAreNamedInOneLine() throws Exception {
        Cli cli = siblings();
        cli.sql("b00000000002", B, "fax", "ALTER TABLE users ADD COLUMN fax text;",
                "ALTER TABLE users DROP COLUMN fax;");
        cli.ok("upgrade", C);
        downRevisionOfC("b00000000002");

        Cli.Result upgrade = cli.run("upgrade", "head");

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        // Besides the drift warning of the edited header.
        assertThat(upgrade.err().lines().filter(l -> !l.startsWith("warning:")).count()).as(upgrade.toString())
                .isEqualTo(1);
        // Described by the one whose header the advice can name: the revision the applied one names itself.
        assertThat(upgrade.err()).contains("2 revisions under applied ones are not applied here (")
                .contains(B).contains("One: revision b00000000002 is below the applied " + C)
                .contains("restore " + C + "'s down_revision").contains("Nothing was changed.");
        assertThat(cli.versions()).containsExactly(C);
    }

    /**
     * A partly applied revision under the heads a purge stamps is stamped applied, not let go: an edit of a later
     * file must not make it look reverted, and so rebased.
     */
    @Test
    void aPartlyAppliedRevisionStampedByAPurgeIsNotTakenForAnUnrunOne() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("bb0000000001", "none", "base", "CREATE TABLE t0 (i int);", "DROP TABLE t0;");
        cli.sql("bc0000000001", "bb0000000001", "partial", "-- +autocommit\nCREATE TABLE t1 (i int);\n"
                + "-- +end-autocommit\nSELECT 1/0;", "DROP TABLE t1;");
        Path last = cli.sql("bd0000000001", "bc0000000001", "last", "CREATE TABLE t2 (i int);",
                "DROP TABLE IF EXISTS t2;");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        cli.ok("stamp", "--purge", "bd0000000001");
        cli.ok("downgrade", "-1");
        cli.ok("upgrade", "head");
        Files.writeString(last, Files.readString(last) + "-- a comment\n");

        Cli.Result upgrade = cli.run("upgrade", "head");

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.err()).contains("changed after it was applied").doesNotContain("is not applied here");
        assertThat(cli.column("SELECT direction FROM retort_history WHERE revision = 'bc0000000001' ORDER BY id"))
                .containsExactly("partial", "stamp");
    }

    /** A downgrade through the rebased revision would run the downgrade of one that never ran: refused too. */
    @Test
    void aDowngradeThroughAnUnrunRevisionIsRefused() throws Exception {
        Cli cli = siblings();
        cli.ok("upgrade", C);
        downRevisionOfC(B);

        Cli.Result downgrade = cli.run("downgrade", A);

        assertThat(downgrade.exitCode()).as(downgrade.toString()).isEqualTo(1);
        assertThat(downgrade.err()).contains("The downgrade would run the downgrade of " + B + ", which is not applied "
                + "here: revision " + B + " is below the applied " + C).contains("Nothing was changed.");
        assertThat(cli.versions()).containsExactly(C);
        assertThat(cli.tableExists("orders")).isTrue();
    }
}
