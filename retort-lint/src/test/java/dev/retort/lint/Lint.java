package dev.retort.lint;

import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the default linter over migrations written the way users write them. */
final class Lint {
    private Lint() {
    }

    /** Lints a Java migration whose upgrade records {@code upgrade} and whose downgrade undoes it. */
    static List<Finding> java(String text, Consumer<Operations> upgrade) {
        return java(text, upgrade, op -> op.execute("SELECT 1"));
    }

    static List<Finding> java(String text, Consumer<Operations> upgrade, Consumer<Operations> downgrade) {
        return new Linter().lint(new LintInput("a1b2c3d4e5f6", "a1b2c3d4e5f6_change.java", text,
                record(upgrade), record(downgrade), true));
    }

    /** Lints a Java migration without its text, as when it is loaded from the classpath. */
    static List<Finding> ops(Consumer<Operations> upgrade) {
        return java("", upgrade);
    }

    /** Lints a SQL migration: one Execute per statement of each section, as the script loader gives them. */
    static List<Finding> sql(String text, Map<String, Severity> overrides) {
        String body = text.substring(text.indexOf("-- +upgrade") + "-- +upgrade".length());
        int down = body.indexOf("-- +downgrade");
        String up = down < 0 ? body : body.substring(0, down);
        String dn = down < 0 ? "" : body.substring(down + "-- +downgrade".length());
        return new Linter(overrides).lint(new LintInput("a1b2c3d4e5f6", "a1b2c3d4e5f6_change.sql", text,
                statements(up), statements(dn), down >= 0));
    }

    static List<Finding> sql(String text) {
        return sql(text, Map.of());
    }

    static List<Finding> withCode(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    private static List<Operation> record(Consumer<Operations> migration) {
        Operations op = new Operations();
        migration.accept(op);
        return op.operations();
    }

    private static List<Operation> statements(String section) {
        List<Operation> operations = new ArrayList<>();
        for (SqlStatements.Statement statement : SqlStatements.split(section)) {
            operations.add(new Execute(statement.text()));
        }
        return operations;
    }
}
