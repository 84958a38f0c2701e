package dev.retort.cli;

import dev.retort.lint.Finding;
import dev.retort.lint.Linter;
import dev.retort.lint.Rule;
import dev.retort.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "lint", mixinStandardHelpOptions = true,
        description = "Check migrations for steps that lose data, lock tables, or leak secrets.",
        footer = {"", "Exit 1 when a finding is an error (or, with --strict, a warning). Severities per rule: [lint] in",
            "retort.toml, e.g. RT110 = \"error\" or RT106 = \"off\".", "", "Examples:", "  retort lint",
            "  retort lint head --strict       # the newest migration, in CI", "  retort lint 1a2b:head",
            "  retort lint --rules"})
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV|RANGE", arity = "0..1", description = "A revision or LOWER:UPPER (default: every migration).")
    String which;

    @Option(names = "--strict", description = "Warnings fail too.")
    boolean strict;

    @Option(names = "--rules", description = "List the rules and their default severities.")
    boolean rules;

    @Override
    public Integer call() {
        if (rules) {
            for (Rule rule : Linter.rules()) {
                root.session.out().printf("%s  %-7s  %s%n", rule.code(), rule.defaultSeverity().name().toLowerCase(Locale.ROOT),
                        rule.title());
            }
            return 0;
        }
        List<Finding> findings = root.retort().lint(Optional.ofNullable(which));
        for (Finding f : findings) {
            root.session.out().println(f);
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        root.session.err().println(errors + " error(s), " + warnings + " warning(s)"
                + (strict && warnings > 0 ? " (--strict: warnings fail)" : "") + ".");
        return errors > 0 || strict && warnings > 0 ? ErrorHandler.FAILURE : 0;
    }
}
