package dev.retort.cli;

import dev.retort.TerminalText;
import dev.retort.lint.Finding;
import dev.retort.lint.Linter;
import dev.retort.lint.Rule;
import dev.retort.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

final class LintCommand extends Verb {
    LintCommand(RetortCommand root) {
        super(root, "lint", "Check migrations for steps that lose data, lock tables, or leak secrets.",
                "", "Exit 1 when a finding is an error (or, with --strict, a warning). Severities per rule: [lint] in",
                "retort.toml, e.g. RT110 = \"error\" or RT106 = \"off\".", "", "Examples:", "  retort lint",
                "  retort lint head --strict       # the newest migration, in CI", "  retort lint 1a2b:head",
                "  retort lint --rules");
        parameter(String.class, "REV|RANGE", "0..1", "A revision or LOWER:UPPER (default: every migration).");
        flag("Warnings fail too.", "--strict");
        flag("List the rules and their default severities.", "--rules");
    }

    @Override
    public Integer call() {
        boolean strict = isSet("--strict");
        if (isSet("--rules")) {
            for (Rule rule : Linter.rules()) {
                root.session.out().printf("%s  %-7s  %s%n", rule.code(), rule.defaultSeverity().name().toLowerCase(Locale.ROOT),
                        rule.title());
            }
            return 0;
        }
        List<Finding> findings = root.retort().lint(Optional.ofNullable(parameter()));
        for (Finding f : findings) {
            // A finding quotes the migration's names, whose escape sequences a repository could aim at the terminal.
            root.session.out().println(TerminalText.lines(f.toString()));
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        root.session.err().println(errors + " error(s), " + warnings + " warning(s)"
                + (strict && warnings > 0 ? " (--strict: warnings fail)" : "") + ".");
        return errors > 0 || strict && warnings > 0 ? ErrorHandler.FAILURE : 0;
    }
}
