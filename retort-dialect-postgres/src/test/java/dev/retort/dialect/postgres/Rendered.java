package dev.retort.dialect.postgres;

import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Test helper: the SQL a migration body renders to, as one flat list of statements. */
final class Rendered {
    private static final PostgresDialect DIALECT = new PostgresDialect();

    private Rendered() {
    }

    static List<String> sql(Consumer<Operations> migration) {
        Operations op = new Operations();
        migration.accept(op);
        List<String> statements = new ArrayList<>();
        for (Operation operation : op.operations()) {
            statements.addAll(DIALECT.render(operation));
        }
        return statements;
    }
}
