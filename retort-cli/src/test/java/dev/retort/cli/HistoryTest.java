package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** retort_history records every step; an applied migration's edited file is noticed. */
class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void everyStepIsRecordedWithItsChecksum() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(2);
        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT revision || ' ' || direction || ' ' || length(checksum) || ' ' || (duration_ms >= 0) "
                + "|| ' ' || (os_user IS NOT NULL) FROM retort_history ORDER BY id")).containsExactly(
                "a00000000001 upgrade 64 true true", "a00000000002 upgrade 64 true true",
                "a00000000002 downgrade 64 true true");
    }

    @Test
    void aFailedStepLeavesNoHistory() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.sql("bad000000002", "a00000000001", "broken", "SELECT * FROM nowhere;", "SELECT 1;");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        assertThat(cli.column("SELECT revision FROM retort_history")).containsExactly("a00000000001");
    }

    @Test
    void anEditedMigrationIsDriftButLineEndingsAreNot() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        cli.ok("upgrade", "head");
        assertThat(cli.ok("validate").out()).contains("Every applied migration matches its file.");

        Path first = dir.resolve("migrations/versions/" + ids.get(0) + "_step_1.sql");
        Files.writeString(first, Files.readString(first).replace("\n", "   \r\n"));
        assertThat(cli.ok("validate").out()).contains("matches");

        Files.writeString(first, Files.readString(first).replace("CREATE TABLE t_1 (id int)", "CREATE TABLE t_1 (id bigint)"));
        Cli.Result validate = cli.run("validate");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).containsPattern("revision a00000000001 \\(a00000000001_step_1.sql\\) changed after it "
                + "was applied on \\d{4}-\\d{2}-\\d{2}; ");
        assertThat(cli.ok("current", "-v").err()).contains("warning: revision a00000000001");
        assertThat(cli.ok("upgrade", "head").err()).contains("warning: revision a00000000001");
    }

    /**
     * A stamp records each revision it marks applied with its file's checksum, as an upgrade does: a file edited after
     * `stamp head` is drift, where `validate` once said every migration matched.
     */
    @Test
    void aMigrationEditedAfterItsStampIsDrift() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        cli.ok("stamp", "head");
        assertThat(cli.column("SELECT revision || ' ' || direction || ' ' || length(checksum) FROM retort_history "
                + "ORDER BY id")).containsExactly("a00000000001 stamp 64", "a00000000002 stamp 64");
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");

        Path first = dir.resolve("migrations/versions/" + ids.get(0) + "_step_1.sql");
        Files.writeString(first, Files.readString(first).replace("(id int)", "(id bigint)"));
        Cli.Result validate = cli.run("validate");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
        // It never ran here: "applied" would send people looking for a run that never happened.
        assertThat(validate.out()).containsPattern("^revision a00000000001 \\(a00000000001_step_1.sql\\) changed "
                + "after it was stamped on \\d{4}-\\d{2}-\\d{2}; ").contains("if the database has the change "
                + "already, 'retort stamp --purge' with the revisions 'retort current' prints records every applied "
                + "file as it is now");
        // As the message says, a deliberate change is accepted by stamping the current revisions again.
        cli.ok("stamp", "--purge", ids.get(1));
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");
    }

    /**
     * A stamp of an older Retort recorded no checksum: `validate` says which revisions it could not check and why,
     * rather than that all match; a stamp --purge records them.
     */
    @Test
    void revisionsStampedWithoutAChecksumAreNamedAsUnchecked() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(3);
        cli.ok("upgrade", "a00000000001");
        cli.ok("stamp", "head");
        cli.execute("UPDATE retort_history SET checksum = NULL WHERE direction = 'stamp' "
                + "AND revision = 'a00000000003'; DELETE FROM retort_history WHERE revision = 'a00000000002'");
        Cli.Result validate = cli.ok("validate");
        assertThat(validate.out()).isEqualTo("2 applied revisions could not be checked (a00000000002, a00000000003): "
                + "no checksum of their files was recorded (a stamp of an older Retort records none); if the files are "
                + "as they were applied, `retort stamp --purge REV` with the revisions `retort current` prints records "
                + "them; every other applied migration matches its file.\n");

        cli.ok("stamp", "--purge", "a00000000003");
        assertThat(cli.ok("validate").out()).isEqualTo("Every applied migration matches its file.\n");

        // With none of them checked, there is no other to vouch for.
        cli.execute("UPDATE retort_history SET checksum = NULL");
        assertThat(cli.ok("validate").out()).startsWith("3 applied revisions could not be checked (a00000000001, "
                + "a00000000002, a00000000003)").endsWith("records them.\n");
    }

    @Test
    void aDowngradeOfAnEditedMigrationWarnsAndRuns() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        cli.ok("upgrade", "head");
        // Unedited, a downgrade says nothing of checksums.
        assertThat(cli.ok("downgrade", "-1").err()).doesNotContain("warning");
        cli.ok("upgrade", "head");

        Path second = dir.resolve("migrations/versions/" + ids.get(1) + "_step_2.sql");
        Files.writeString(second, Files.readString(second).replace("DROP TABLE t_2;", "DROP TABLE t_2;\nSELECT 2;"));
        Cli.Result r = cli.ok("downgrade", "-1");

        List<String> warnings = r.err().lines().filter(line -> line.contains("warning")).toList();
        assertThat(warnings).as(r.toString()).hasSize(1);
        assertThat(warnings.get(0)).contains("revision a00000000002 (a00000000002_step_2.sql) changed after it was "
                + "applied on ").contains("its checksum differs from the one recorded then")
                .contains("the downgrade runs the file as it is now");
        assertThat(cli.versions()).containsExactly("a00000000001");
        assertThat(cli.tableExists("t_2")).isFalse();
        // Reverted, it is no drift: upgrading it again runs the file as it is, and records its new checksum.
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("warning");
        assertThat(cli.ok("downgrade", "-1").err()).doesNotContain("warning");
    }
}
