package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.lint.Finding;
import dev.retort.lint.LintInput;
import dev.retort.lint.Linter;
import dev.retort.operation.Operation;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionMap;
import dev.retort.script.MigrationLoader;
import dev.retort.script.Script;
import dev.retort.script.ThreadOutput;

import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<Script> scripts = revisions.stream().map(r -> retort.scripts().script(r.id())).toList();
        Map<String, String> unreadable = prepared(loader, scripts);
        List<Finding> findings = new ArrayList<>();
        for (Script script : scripts) {
            String id = script.revision().id();
            if (unreadable.containsKey(id)) {
                findings.addAll(linter.unreadable(id, script.fileName(), unreadable.get(id)));
                continue;
            }
            try {
                findings.addAll(linter.lint(input(loader, script)));
            } catch (RetortException e) {
                // A file that cannot be split into statements, or a migration that throws: a finding, so that every
                // such file shows in one run.
                findings.addAll(linter.unreadable(id, script.fileName(), e.getMessage()));
            }
        }
        return findings;
    }

    private static LintInput input(MigrationLoader loader, Script script) {
        // What a Java migration prints is muted: lint only looks at its operations, it does not run them.
        List<Operation> upgrade = ThreadOutput.muted(() -> loader.operations(script, true));
        loader.checkExecutedSql(script, true, upgrade);
        boolean hasDowngrade = loader.canRevert(script);
        List<Operation> downgrade = hasDowngrade ? ThreadOutput.muted(() -> loader.operations(script, false))
                : List.of();
        loader.checkExecutedSql(script, false, downgrade);
        return new LintInput(script.revision().id(), script.fileName(), script.source(), upgrade, downgrade,
                hasDowngrade);
    }

    /**
     * Compiles the Java migrations among {@code scripts} in one compiler task; when that fails, each file alone, to
     * tell which files cannot be read: their revisions and the error each would stop a run with.
     */
    private static Map<String, String> prepared(MigrationLoader loader, List<Script> scripts) {
        try {
            loader.prepare(scripts);
            return Map.of();
        } catch (RetortException all) {
            Map<String, String> unreadable = new LinkedHashMap<>();
            for (Script script : scripts) {
                try {
                    loader.prepare(List.of(script));
                } catch (RetortException e) {
                    unreadable.put(script.revision().id(), e.getMessage());
                }
            }
            if (unreadable.isEmpty()) {
                throw all;
            }
            return unreadable;
        }
    }

}
