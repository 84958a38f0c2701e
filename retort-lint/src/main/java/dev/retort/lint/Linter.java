package dev.retort.lint;

import dev.retort.operation.Autocommit;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reviews one migration for dangerous or sensitive content: destructive or locking DDL, a missing
 * downgrade, transaction control, over-long names and secrets.
 *
 * <p>The linter reads only the migration: it never connects to a database. So a table counts as
 * "existing" unless the same migration created it earlier (or {@link LintInput#tablesCreatedEarlier()}
 * lists it); see each rule in {@link #rules()}. A linter is immutable and can be shared.
 */
public final class Linter {
    private static final Pattern DOWNGRADE_MARKER =
            Pattern.compile("^\\s*--\\s*\\+downgrade\\s*$|\\bdowngrade\\s*\\(", Pattern.CASE_INSENSITIVE);

    private final Map<String, Severity> severities;

    /**
     * A linter whose rules have their default severities except where {@code overrides} (rule code to
     * severity, from {@code retort.toml}'s {@code [lint]} table) says otherwise; {@link Severity#OFF} turns a rule off.
     *
     * @throws IllegalArgumentException if a code names no rule, or a severity is missing
     */
    public Linter(Map<String, Severity> overrides) {
        Map<String, Severity> chosen = new HashMap<>();
        for (Rule rule : RuleCatalog.ALL) {
            chosen.put(rule.code(), rule.defaultSeverity());
        }
        overrides.forEach((code, severity) -> {
            if (!chosen.containsKey(code)) {
                throw new IllegalArgumentException("Unknown lint rule " + code + "; the rules are "
                        + RuleCatalog.ALL.get(0).code() + " to RT"
                        + RuleCatalog.ALL.get(RuleCatalog.ALL.size() - 1).code().substring(2) + ".");
            }
            if (severity == null) {
                throw new IllegalArgumentException("Lint rule " + code + " has no severity; use error, warning or off.");
            }
            chosen.put(code, severity);
        });
        this.severities = Map.copyOf(chosen);
    }

    /** A linter with every rule at its default severity. */
    public Linter() {
        this(Map.of());
    }

    /** Every rule the linter knows, sorted by code. */
    public static List<Rule> rules() {
        return RuleCatalog.ALL;
    }

    /**
     * The findings for one migration, in line order (unknown lines first), without those of rules turned off or
     * allowed by the migration's {@code retort:allow} comments ({@link AllowComments}).
     */
    public List<Finding> lint(LintInput input) {
        MigrationScope scope = new MigrationScope(input.tablesCreatedEarlier());
        List<Operation> downgrade = Autocommit.flatten(input.downgrade());
        for (Operation operation : downgrade) {
            if (operation instanceof CreateEnum created) {
                scope.previousEnumValues(created.type(), created.values());
            } else if (operation instanceof Execute execute) {
                SqlRules.recordEnumDefinitions(execute.sql(), scope);
            }
        }
        List<Hit> hits = new ArrayList<>(OperationRules.check(input.upgrade(), scope,
                SourceLines.upgradeSection(input.text())));
        hits.addAll(IdentifierLengths.check(input.upgrade(), SourceLines.upgradeSection(input.text())));
        hits.addAll(downgradeTransactions(input));
        missingDowngrade(input, downgrade, hits);
        misnamedFile(input, hits);
        secrets(input, hits);
        if (input.file().endsWith(".sql")) {
            hits.addAll(FlywayPlaceholders.scan(input.text()));
        }
        hits.removeIf(AllowComments.in(input.text())::allows);
        return findings(hits, input.revision(), input.file());
    }

    /**
     * The finding for a migration that cannot be linted ({@code why}, the error a run would stop with), whose
     * operations are therefore not linted: empty when rule RT100 is turned off.
     */
    public List<Finding> unreadable(String revision, String file, String why) {
        return findings(List.of(new Hit(RuleCatalog.UNREADABLE, "cannot be linted: " + why, 0)), revision, file);
    }

    private List<Finding> findings(List<Hit> hits, String revision, String file) {
        List<Finding> findings = new ArrayList<>();
        for (Hit hit : hits) {
            Severity severity = severities.get(hit.rule().code());
            if (severity != Severity.OFF) {
                findings.add(new Finding(hit.rule().code(), severity, revision, file, hit.line(), hit.message()));
            }
        }
        findings.sort(Comparator.comparingInt(Finding::line));
        return List.copyOf(findings);
    }

    /**
     * Lints an upgrade as it is being written, one operation at a time: each call's findings are about that
     * operation alone, read in the light of those passed before it (a table they created, a NOT NULL a validated
     * check of theirs proves). Each operation is read once, so a long migration costs what linting it whole does.
     */
    public Sequence sequence() {
        return new Sequence();
    }

    /** An upgrade being linted one operation at a time; see {@link #sequence()}. */
    public final class Sequence {
        private final MigrationScope scope = new MigrationScope(Set.of());
        private final SourceLines noText = SourceLines.upgradeSection("");
        private final SecretStatements secrets = new SecretStatements(noText);

        private Sequence() {
        }

        /** The findings about {@code operation}, the next operation of the upgrade; they name no file or line. */
        public List<Finding> next(Operation operation) {
            List<Operation> one = List.of(operation);
            List<Hit> hits = new ArrayList<>(OperationRules.check(one, scope, noText));
            hits.addAll(IdentifierLengths.check(one, noText));
            SecretScanner.scan(executedSql(one)).forEach(hit -> hits.add(new Hit(hit.rule(), hit.message(), 0)));
            hits.addAll(secrets.next(operation));
            return findings(hits, "new", "new");
        }
    }

    /**
     * Rule RT116: what looks like a secret in the file's text, and the passwords its statements hold by their
     * structure ({@link SecretStatements}), one finding a line.
     */
    private static void secrets(LintInput input, List<Hit> hits) {
        List<Hit> found = new ArrayList<>();
        if (input.text().isEmpty()) {
            // Lines of the concatenated SQL are no lines of any file: report them as unknown.
            SecretScanner.scan(executedSql(input.upgrade())).forEach(hit -> found.add(new Hit(hit.rule(),
                    hit.message(), 0)));
        } else {
            found.addAll(SecretScanner.scan(input.text()));
        }
        Set<Integer> lines = found.stream().map(Hit::line).collect(Collectors.toSet());
        List<Hit> statements = new ArrayList<>(SecretStatements.check(input.upgrade(),
                SourceLines.upgradeSection(input.text())));
        statements.addAll(SecretStatements.check(input.downgrade(), SourceLines.downgradeSection(input.text())));
        for (Hit hit : statements) {
            if (hit.line() == 0 || lines.add(hit.line())) {
                found.add(hit);
            }
        }
        hits.addAll(found);
    }

    /**
     * Rules RT114 and RT120 in the downgrade: a downgrade runs in a transaction as an upgrade does, and refuses
     * what PostgreSQL refuses in one. The other rules stay on the upgrade: a downgrade drops what its upgrade made.
     */
    private static List<Hit> downgradeTransactions(LintInput input) {
        List<Hit> found = new ArrayList<>();
        for (Hit hit : OperationRules.check(input.downgrade(), new MigrationScope(Set.of()),
                SourceLines.downgradeSection(input.text()))) {
            if (hit.rule() == RuleCatalog.TRANSACTION_CONTROL || hit.rule() == RuleCatalog.REFUSED_IN_TRANSACTION) {
                found.add(new Hit(hit.rule(), "its downgrade " + hit.message(), hit.line(), hit.statementLine()));
            }
        }
        return found;
    }

    private static void missingDowngrade(LintInput input, List<Operation> downgrade, List<Hit> hits) {
        if (!input.hasDowngrade() && input.file().endsWith(".java")) {
            hits.add(new Hit(RuleCatalog.MISSING_DOWNGRADE, "its downgrade() throws UnsupportedOperationException, so "
                    + "'retort downgrade' cannot revert it", 0));
        } else if (!input.hasDowngrade()) {
            hits.add(new Hit(RuleCatalog.MISSING_DOWNGRADE, "has no '-- +downgrade' section, so "
                    + "'retort downgrade' cannot revert it; add one that undoes the upgrade", 0));
        } else if (downgrade.isEmpty() && !input.upgrade().isEmpty()) {
            int line = SourceLines.upgradeSection(input.text()).findAnywhere(DOWNGRADE_MARKER);
            hits.add(new Hit(RuleCatalog.MISSING_DOWNGRADE, "has an empty downgrade while the upgrade has "
                    + input.upgrade().size() + " operation(s), so 'retort downgrade' would record a revert that "
                    + "undoes nothing; write the reverse operations", line));
        }
    }

    /**
     * A file named for another revision than its header declares: Retort goes by the header, while people, logs and
     * `retort show` on the id in the name go by the name. Usually a copied file whose header was edited, or the
     * other way round.
     */
    private static void misnamedFile(LintInput input, List<Hit> hits) {
        String file = input.file();
        boolean migrationFile = file.endsWith(".sql") || file.endsWith(".java");
        if (!migrationFile || file.startsWith(input.revision() + "_")) {
            return;
        }
        int underscore = file.indexOf('_');
        String rest = underscore > 0 && isRevisionId(file.substring(0, underscore)) ? file.substring(underscore + 1)
                : file;
        int at = input.text().indexOf(input.revision());
        int line = at < 0 ? 0 : (int) input.text().substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        hits.add(new Hit(RuleCatalog.FILE_NAME, "declares revision " + input.revision() + " in a file named " + file
                + "; rename the file to " + input.revision() + "_" + rest + ", or, if it was copied from another "
                + "migration, give its header a new id", line));
    }

    private static boolean isRevisionId(String text) {
        return text.length() == 12 && text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** Without the file's text (a migration from the classpath), the SQL it runs is what can be scanned. */
    private static String executedSql(List<Operation> upgrade) {
        StringBuilder sql = new StringBuilder();
        for (Operation operation : Autocommit.flatten(upgrade)) {
            if (operation instanceof Execute execute) {
                sql.append(execute.sql()).append('\n');
            }
        }
        return sql.toString();
    }
}
