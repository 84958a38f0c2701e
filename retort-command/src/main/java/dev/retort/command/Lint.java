package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.lint.Linter;
import dev.retort.lint.Rule;
import dev.retort.lint.Severity;
import dev.retort.operation.Operation;
import dev.retort.autogenerate.MigrationComposer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The linter as the project configures it ({@code [lint]} in retort.toml), for files and for autogenerate. */
final class Lint {
    private Lint() {
    }

    static Linter linter(Map<String, String> severities) {
        Map<String, Severity> overrides = new HashMap<>();
        Set<String> codes = Linter.rules().stream().map(Rule::code).collect(Collectors.toSet());
        for (Map.Entry<String, String> e : severities.entrySet()) {
            if (!codes.contains(e.getKey())) {
                throw new RetortException("retort.toml [lint] names rule " + e.getKey() + ", which does not exist; the rules "
                        + "are " + Linter.rules().get(0).code() + " to " + Linter.rules().get(Linter.rules().size() - 1).code()
                        + " (see `retort lint --rules`).");
            }
            overrides.put(e.getKey(), Severity.valueOf(e.getValue().toUpperCase(Locale.ROOT)));
        }
        return new Linter(overrides);
    }

    /** Comments above each operation of a generated migration: what the linter says of it. */
    static MigrationComposer.Notes notes(Linter linter) {
        return new MigrationComposer.Notes() {
            private Linter.Sequence sequence = linter.sequence();
            private int read;

            @Override
            public List<String> about(Operation operation, List<Operation> before) {
                if (before.size() != read) {
                    // Another body (a part method of a long migration): read what it says came before afresh.
                    sequence = linter.sequence();
                    before.forEach(sequence::next);
                }
                read = before.size() + 1;
                return sequence.next(operation).stream()
                        .map(f -> f.code() + " (" + f.severity().name().toLowerCase(Locale.ROOT) + "): " + f.message())
                        .toList();
            }
        };
    }
}
