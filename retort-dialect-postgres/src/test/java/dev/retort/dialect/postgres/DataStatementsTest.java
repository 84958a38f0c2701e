package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.SqlSyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataStatementsTest {
    @Test
    void executeSplitsHandWrittenSqlIntoStatements() {
        assertThat(sql(op -> op.execute("""
                UPDATE users SET status = 'a;b';
                -- backfill done
                CREATE FUNCTION touch() RETURNS trigger AS $$
                BEGIN NEW.updated_at = now(); RETURN NEW; END;
                $$ LANGUAGE plpgsql;
                """))).containsExactly(
                "UPDATE users SET status = 'a;b'",
                "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN NEW.updated_at = now(); RETURN NEW; END;\n$$ LANGUAGE plpgsql");
    }

    @Test
    void executeOfASingleStatementNeedsNoSemicolon() {
        assertThat(sql(op -> op.execute("VACUUM ANALYZE users"))).containsExactly("VACUUM ANALYZE users");
    }

    @Test
    void executeReportsUnterminatedSql() {
        assertThatThrownBy(() -> sql(op -> op.execute("SELECT 'oops")))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unterminated quoted string starting at line 1");
    }

    @Test
    void bulkInsertWritesEveryValueAsALiteral() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(sql(op -> op.bulkInsert("accounts", "id", "name", "active", "opened", "balance", "avatar")
                .schema("bank")
                .row(id, "O'Brien", true, LocalDate.of(2026, 11, 25), new java.math.BigDecimal("10.50"), new byte[] {0x0f, (byte) 0xa0})
                .row(UUID.fromString("00000000-0000-0000-0000-000000000000"), null, false, null, -3, null)))
                .containsExactly("""
                        INSERT INTO bank.accounts (id, name, active, opened, balance, avatar) VALUES
                            ('123e4567-e89b-12d3-a456-426614174000'::uuid, 'O''Brien', TRUE, DATE '2026-11-25', 10.50, '\\x0fa0'::bytea),
                            ('00000000-0000-0000-0000-000000000000'::uuid, NULL, FALSE, NULL, -3, NULL)""");
    }

    @Test
    void bulkInsertFromMaps() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "admin");
        row.put("id", 1);
        assertThat(sql(op -> op.bulkInsert("roles", List.of(row, Map.of("id", 2, "name", "user")))))
                .containsExactly("INSERT INTO roles (id, name) VALUES\n    (1, 'admin'),\n    (2, 'user')");
    }

    @Test
    void largeBulkInsertsAreSplitIntoSeveralStatements() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= DataStatements.ROWS_PER_INSERT * 2 + 1; i++) {
            rows.add(Map.of("n", i));
        }
        List<String> statements = sql(op -> op.bulkInsert("numbers", rows));

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).startsWith("INSERT INTO numbers (n) VALUES\n    (1),\n    (2),")
                .endsWith("(1000)").doesNotContain("(1001)");
        assertThat(statements.get(1)).contains("    (1001),").endsWith("(2000)");
        assertThat(statements.get(2)).isEqualTo("INSERT INTO numbers (n) VALUES\n    (2001)");
    }
}
