package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.revision.Direction;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.script.Script;
import dev.retort.script.ScriptKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The moments of a run that a process test cannot stop in on purpose: the microseconds between a COMMIT's return
 * and the runner's record of it. A stop there must not claim that the revision was rolled back. (Stops while the
 * server is busy are tested on real processes, in the command line's {@code StoppedRunTest}.)
 */
class StopNoticeTest {
    private static final Revision FIRST = Revision.of("a00000000001");
    private static final Script FILE = new Script(FIRST, Path.of("migrations/versions/a00000000001_first.sql"),
            ScriptKind.SQL, "", "CREATE TABLE first (id int);");

    /** Stands in for the connection: every call returns at once, as one that has just done its work. */
    private static final class Returning implements SqlTarget {
        @Override
        public void begin() {
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }

        @Override
        public int execute(String sql) {
            return 0;
        }

        @Override
        public void enterAutocommit() {
        }

        @Override
        public void exitAutocommit() {
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    private static StopNotice notice(boolean perMigration) {
        RunOptions options = new RunOptions("retort_version", Optional.empty(), perMigration, "0", "0", 0, false,
                Optional.empty());
        RunContext context = new RunContext(null, null, new PostgresDialect(), options, RunListener.NONE,
                new VersionTable("retort_version", new PostgresDialect()), null);
        Step step = new Step(FIRST, Direction.UPGRADE, Set.of(), Set.of(FIRST.id()));
        return new StopNotice(context, new Plan(List.of(step), Set.of(), Set.of(FIRST.id())));
    }

    @Test
    void aStopBeforeTheCommitSaysTheRevisionWasNotCommitted() throws Exception {
        StopNotice notice = notice(true);
        SqlTarget target = notice.guard(new Returning());
        notice.started(0, FILE);
        target.begin();
        target.execute("CREATE TABLE first (id int)");

        assertThat(notice.stop()).isEqualTo("stopped during the upgrade of revision a00000000001 "
                + "(migrations/versions/a00000000001_first.sql): its transaction was not committed, so the database "
                + "stays at base (no revision); run the command again.");
    }

    @Test
    void aStopAfterTheCommitReturnedButBeforeItWasRecordedSaysItIsNotKnown() throws Exception {
        StopNotice notice = notice(true);
        SqlTarget target = notice.guard(new Returning());
        notice.started(0, FILE);
        target.begin();
        target.execute("CREATE TABLE first (id int)");
        target.commit();

        assertThat(notice.stop()).isEqualTo("stopped while a COMMIT of the upgrade of revision a00000000001 "
                + "(migrations/versions/a00000000001_first.sql) was on its way: what it committed is not known here; "
                + "run `retort current` to see where the database stands, then the command again.");
    }

    @Test
    void aStopOnceTheCommitIsRecordedSaysTheRunIsComplete() throws Exception {
        StopNotice notice = notice(true);
        SqlTarget target = notice.guard(new Returning());
        notice.started(0, FILE);
        target.begin();
        target.commit();
        notice.committed(0);

        assertThat(notice.stop()).isEqualTo("stopped after the upgrade of revision a00000000001: the database is at "
                + "a00000000001; the run was complete.");
    }

    @Test
    void aStopAfterTheRunsOneCommitReturnedNamesBothPlacesTheDatabaseMayBe() throws Exception {
        StopNotice notice = notice(false);
        SqlTarget target = notice.guard(new Returning());
        target.begin();
        notice.started(0, FILE);
        target.execute("CREATE TABLE first (id int)");
        notice.endingRun();
        target.commit();

        assertThat(notice.stop()).isEqualTo("stopped while the COMMIT of the run's one transaction "
                + "(transaction_per_migration = false) was on its way, after the upgrade of revision a00000000001: "
                + "whether it committed is not known here, so the database is at a00000000001 or still at base "
                + "(no revision); run `retort current` to see which, then the command again if needed.");
    }
}
