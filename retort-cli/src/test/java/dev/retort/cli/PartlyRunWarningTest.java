package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the warning about a partly run revision advises fits where the database is. */
class PartlyRunWarningTest {
    @TempDir
    Path dir;

    /**
     * A downgrade whose autocommit part committed before a later statement failed: the version table still lists the
     * revision, so the advice is about its downgrade, and the stamp it names ends the warning.
     */
    @Test
    void aDowngradeThatPartlyRanIsToldAsOneAndItsStampEndsTheWarning() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "keep", "CREATE TABLE keep (id int);", "DROP TABLE keep;");
        cli.sql("e00000000002", "e00000000001", "two", "CREATE TABLE u (id int);\nCREATE TABLE u2 (id int);",
                "DROP TABLE u2;\n-- +autocommit\nDROP TABLE u;\nSELECT 1/0;\n-- +end-autocommit");
        cli.ok("upgrade", "head");
        assertThat(cli.run("downgrade", "-1").exitCode()).isEqualTo(1);

        String warning = cli.ok("current").err();

        assertThat(warning).contains("warning: The downgrade of revision e00000000002 partly ran: a run that failed "
                + "(or was stopped) on ").contains(" committed its autocommit part (and what came before it), while "
                + "the version table still lists e00000000002. Make those statements safe to run again (IF EXISTS), "
                + "then run the downgrade again; or, having finished it by hand, `retort stamp --purge e00000000001`; "
                + "or, having put back by hand what they undid, `retort stamp --purge e00000000002` (the revision the "
                + "database is at).");
        assertThat(cli.ok("stamp", "--purge", "e00000000001").err()).doesNotContain("partly");
        assertThat(cli.ok("current").err()).doesNotContain("partly");
        assertThat(cli.versions()).containsExactly("e00000000001");
    }

    /**
     * On a database at two heads, finishing the downgrade of one of them by hand keeps the other: the stamp the
     * warning names sets the version table to the other head alone.
     */
    @Test
    void theStampAfterAPartlyRunDowngradeKeepsTheOtherBranch() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "keep", "CREATE TABLE keep (id int);", "DROP TABLE keep;");
        cli.sql("e00000000002", "e00000000001", "more", "CREATE TABLE more (id int);", "DROP TABLE more;");
        cli.write("migrations/versions/f00000000001_reports.sql", "-- revision: f00000000001\n-- down_revision: none\n"
                + "-- branch_labels: reports\n-- message: reports\n-- +upgrade\nCREATE TABLE r (id int);\n"
                + "-- +downgrade\n-- +autocommit\nDROP TABLE r;\nSELECT 1/0;\n-- +end-autocommit\n");
        cli.ok("upgrade", "heads");
        assertThat(cli.run("downgrade", "reports@base").exitCode()).isEqualTo(1);

        assertThat(cli.ok("current").err()).contains("having finished it by hand, `retort stamp --purge "
                + "e00000000002`;", "`retort stamp --purge e00000000002 f00000000001` (the revisions the database is "
                + "at)");
        cli.ok("stamp", "--purge", "e00000000002");

        assertThat(cli.versions()).containsExactly("e00000000002");
        assertThat(cli.ok("current").err()).doesNotContain("partly");
        assertThat(cli.ok("upgrade", "heads").err()).contains("Running upgrade -> f00000000001");
    }

    /**
     * A revision whose upgrade partly ran, and whose parent was downgraded since: a stamp of it would record the parent
     * as applied while its tables are gone.
     */
    @Test
    void aPartlyAppliedRevisionBelowWhichTheDatabaseWentIsNotToldToBeStamped() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "keep", "CREATE TABLE keep (id int);", "DROP TABLE keep;");
        cli.sql("e00000000002", "e00000000001", "two", "-- +autocommit\nCREATE TABLE u (id int);\nSELECT 1/0;\n"
                + "-- +end-autocommit", "DROP TABLE u;");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        assertThat(cli.ok("current").err()).contains("`retort stamp e00000000002`");

        cli.ok("downgrade", "base");
        String warning = cli.ok("current").err();

        assertThat(warning).contains("warning: Revision e00000000002 is partly applied: a run that failed (or was "
                + "stopped) on ").contains(" committed its autocommit part (and what came before it), and the database "
                + "has since gone below the revision it follows. Make those statements safe to run again (IF NOT "
                + "EXISTS) and upgrade through it; or undo them by hand and `retort stamp --purge base` (the revision "
                + "the database is at).").doesNotContain("`retort stamp e00000000002`");
    }

    /**
     * A partly applied revision whose file was deleted since: a stamp of it fails, as no file has it, and no run can
     * go through it again, so the warning offers only the way back.
     */
    @Test
    void aPartlyAppliedRevisionWithoutItsFileIsNotToldToBeStamped() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "keep", "CREATE TABLE keep (id int);", "DROP TABLE keep;");
        Path file = cli.sql("e00000000002", "e00000000001", "two", "CREATE TABLE t (id int);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix ON t (id);\n-- +end-autocommit\nSELECT 1/0;", "DROP TABLE t;");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        java.nio.file.Files.delete(file);

        String warning = cli.ok("current").err();

        assertThat(warning).contains("warning: Revision e00000000002 is partly applied: a run that failed (or was "
                + "stopped) on ").contains(" committed its autocommit part (and what came before it), which the "
                + "version table does not list, and no migration file has e00000000002 any more: restore its file to "
                + "finish it; or, having given it up, undo those statements by hand and `retort stamp --purge "
                + "e00000000001` (the revision the database is at).").doesNotContain("`retort stamp e00000000002`");
        cli.execute("DROP TABLE t");
        assertThat(cli.ok("stamp", "--purge", "e00000000001").err()).doesNotContain("partly");
        assertThat(cli.ok("current").err()).doesNotContain("partly");
    }
}
