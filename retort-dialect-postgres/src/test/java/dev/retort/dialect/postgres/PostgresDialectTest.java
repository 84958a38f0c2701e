package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.operation.Autocommit;
import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
import dev.retort.operation.QualifiedName;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {
    private final Dialect dialect = new PostgresDialect();

    @Test
    void anAutocommitBlockRendersAsItsOperations() {
        Operations op = new Operations();
        op.autocommit(() -> {
            op.addEnumValue("status", "archived");
            op.createIndex("ix_t_a", "t", "a").concurrently();
        });
        Operation block = op.operations().get(0);

        assertThat(block).isInstanceOf(Autocommit.class);
        assertThat(dialect.render(block)).containsExactly(
                "ALTER TYPE status ADD VALUE 'archived'",
                "CREATE INDEX CONCURRENTLY ix_t_a ON t (a)");
    }

    @Test
    void renderedStatementListsAreImmutable() {
        assertThat(sql(op -> op.createSchema("s"))).containsExactly("CREATE SCHEMA s");
        Operations op = new Operations();
        op.createSchema("s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dialect.render(op.operations().get(0)).add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void qualifiedNamesQuoteEachPart() {
        assertThat(dialect.quote(QualifiedName.of("app", "users"))).isEqualTo("app.users");
        assertThat(dialect.quote(QualifiedName.of("My Schema", "a.b"))).isEqualTo("\"My Schema\".\"a.b\"");
        assertThat(dialect.quote(QualifiedName.of("users"))).isEqualTo("users");
    }
}
