package dev.retort.command;

import dev.retort.lint.Finding;
import dev.retort.lint.LintInput;
import dev.retort.lint.Linter;
import dev.retort.operation.Operation;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionMap;
import dev.retort.script.MigrationLoader;
import dev.retort.script.Script;
import dev.retort.script.ThreadOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Retort#lint(Optional)}: the linter over migration files, as retort.toml configures it. */
final class Linting {
    private final Retort retort;

    Linting(Retort retort) {
        this.retort = retort;
    }

    /**
     * Lints migration files: all of them, one revision ({@code 1a2b}), or a range ({@code LOWER:UPPER}).
     * Findings are in history order, oldest revision first.
     */
    List<Finding> lint(Optional<String> which) {
        Linter linter = Lint.linter(retort.config().lintSeverities());
        RevisionMap map = retort.map();
        List<Revision> revisions;
        if (which.isEmpty()) {
            revisions = new ArrayList<>(map.newestFirst());
        } else if (which.get().contains(":")) {
            revisions = new ArrayList<>(retort.history(which));
        } else {
            revisions = retort.show(which.get());
        }
        java.util.Collections.reverse(revisions);
        MigrationLoader loader = retort.loader();
        loader.prepare(revisions.stream().map(r -> retort.scripts().script(r.id())).toList());
        List<Finding> findings = new ArrayList<>();
        for (Revision revision : revisions) {
            Script script = retort.scripts().script(revision.id());
            // What a Java migration prints is muted: lint only looks at its operations, it does not run them.
            List<Operation> upgrade = ThreadOutput.muted(() -> loader.operations(script, true));
            loader.checkExecutedSql(script, true, upgrade);
            boolean hasDowngrade = loader.canRevert(script);
            List<Operation> downgrade = hasDowngrade ? ThreadOutput.muted(() -> loader.operations(script, false))
                    : List.of();
            loader.checkExecutedSql(script, false, downgrade);
            findings.addAll(linter.lint(new LintInput(revision.id(), script.fileName(), script.source(), upgrade, downgrade,
                    hasDowngrade)));
        }
        return findings;
    }

}
