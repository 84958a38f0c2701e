package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.autogenerate.Autogenerator;
import dev.retort.autogenerate.ScratchDatabase;
import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.Renames;
import dev.retort.config.RetortConfig.Models;
import dev.retort.operation.Operation;
import dev.retort.revision.Direction;
import dev.retort.revision.RevisionMap;
import dev.retort.revision.Step;
import dev.retort.runtime.RunListener;
import dev.retort.runtime.RunOptions;
import dev.retort.runtime.Runner;
import dev.retort.script.CapturedOutput;
import dev.retort.script.MigrationLoader;
import dev.retort.script.RevisionIds;
import dev.retort.script.Script;
import dev.retort.script.ThreadOutput;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link Retort#testHistory()}: the whole history up, down and up again on a scratch database. */
final class HistoryTesting {
    private final Retort retort;

    HistoryTesting(Retort retort) {
        this.retort = retort;
    }

    /**
     * Tests the whole history on a scratch database (dropped afterwards) on the {@link TestServer}: a single
     * head, every revision upgraded, downgraded and upgraded again without a trace, and the models (when
     * {@code [models]} names them) matching the head schema.
     */
    HistoryCheck run() {
        long started = System.nanoTime();
        RevisionMap map = retort.map();
        List<String> tested = new ArrayList<>();
        List<String> appliedOnly = new ArrayList<>();
        if (map.heads().size() > 1) {
            return new HistoryCheck(tested, appliedOnly, "The history has " + map.heads().size() + " heads ("
                    + Retort.ids(map.heads()) + "); merge them with `retort merge -m MESSAGE heads`.",
                    elapsedSince(started), Optional.empty());
        }
        MigrationLoader loader = retort.loader();
        List<Script> scripts = map.upgradePlan(Set.of(), "heads").steps().stream()
                .map(step -> retort.scripts().script(step.revision().id())).toList();
        try {
            // All in one compiler task, as upgrade does, and before the server is asked for anything: a file that
            // does not compile or parse fails the test at once, not after the revisions before it ran.
            loader.prepare(scripts);
        } catch (RetortException e) {
            return new HistoryCheck(tested, appliedOnly, e.getMessage(), elapsedSince(started), Optional.empty());
        }
        TestServer server = TestServer.of(retort.config());
        String name = "retort_test_" + RevisionIds.random();
        try (ScratchCleanup cleanup = ScratchCleanup.register(server, name, retort.listener(), retort.notices())) {
            ScratchConnections scratch = cleanup.create();
            Runner runner = new Runner(retort.scripts(), loader, retort.dialect(),
                    RunOptions.scratch(retort.config().versionTable(), retort.config().versionTableSchema(), name),
                    outputUnderItsStep(retort.listener()));
            HistoryTester tester = new HistoryTester(runner, map, scratch, retort.config().versionTable(),
                    retort.config().versionTableSchema(),
                    id -> loader.canRevert(retort.scripts().script(id)), cleanup::doing, cleanup.roles(),
                    id -> RoleNames.in(retort.scripts().script(id)), step -> runsOutsideTransaction(loader, step));
            String failure = tester.run(tested, appliedOnly);
            if (failure == null && hasModels()) {
                cleanup.doing("while comparing the models with the head");
                String difference = toModels(scratch);
                if (difference != null) {
                    failure = "The models differ from the schema the migrations build (to reach the models: "
                            + difference + "); run `retort revision --autogenerate` for the missing migration.";
                }
            }
            return new HistoryCheck(tested, appliedOnly, failure, elapsedSince(started), Optional.of(name));
        }
    }

    /**
     * What takes the scratch database, at head, to the models, as {@code retort check} compares a database with them
     * (the same scope, and a JPA model's latitude on extensions' schemas and keys' column order); null when nothing.
     */
    private String toModels(ScratchConnections scratch) {
        Comparing comparing = new Comparing(retort);
        ScratchDatabase normalizer = new ScratchDatabase(retort.dialect());
        try (Connection head = scratch.open()) {
            List<Change> changes = new Autogenerator().compare(comparing.modelSource(),
                    // The test server's version is the user's choice ([test]), not the target's.
                    model -> DevDatabase.desired(retort.config(), normalizer, model, head, warning -> { }), head,
                    comparing.scope(),
                    model -> Renames.NONE).diff().upgrade();
            return changes.isEmpty() ? null : HistoryTester.described(changes);
        } catch (SQLException e) {
            throw new RetortException("Could not read the scratch database " + scratch.name() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * A listener for the test's runs that is silent, as three moves a revision would fill a log, but for what a Java
     * migration prints: that comes under the line of the step that printed it, as {@code upgrade} shows it, so that
     * a message says which revision and which way it was run.
     */
    private static RunListener outputUnderItsStep(RunListener progress) {
        return new RunListener() {
            /**
             * Silent: the line of a stopped move would say where the scratch database stays, but the test's own
             * {@link ScratchCleanup} drops it, and its line says so.
             */
            @Override
            public void stopped(String message) {
            }

            /**
             * Silent too: each of a revision's three moves would say it again, and what the scratch database tells
             * (another tool's table, what a failed run left) is not about the user's database.
             */
            @Override
            public void warning(String message) {
            }

            @Override
            public void stepOutput(Step step, Script script, CapturedOutput output) {
                // Each move is a run of its one step.
                progress.stepStarted(step, script, 1, 1);
                progress.stepOutput(step, script, output);
            }
        };
    }

    /**
     * Whether {@code step} runs statements outside its transaction (an autocommit part, a {@code CREATE INDEX
     * CONCURRENTLY}). Its operations are recorded once more, with what a Java migration prints muted: it printed
     * that when the step ran.
     */
    private boolean runsOutsideTransaction(MigrationLoader loader, Step step) {
        Script script = retort.scripts().script(step.revision().id());
        boolean upgrade = step.direction() == Direction.UPGRADE;
        return ThreadOutput.muted(() -> loader.operations(script, upgrade)).stream()
                .anyMatch(Operation::requiresAutocommit);
    }

    private boolean hasModels() {
        Models models = retort.config().models();
        return models.schemaFile().isPresent() || !models.sources().isEmpty() || !models.classpath().isEmpty();
    }

    private static java.time.Duration elapsedSince(long started) {
        return java.time.Duration.ofNanos(System.nanoTime() - started);
    }
}
