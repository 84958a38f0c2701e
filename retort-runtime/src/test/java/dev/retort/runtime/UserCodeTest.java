package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements may run code written in the database, so that their step gives the session back whole. */
class UserCodeTest {
    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO audited VALUES (1)", "update audited set n = 2", "DELETE FROM audited",
        "MERGE INTO audited a USING src s ON a.id = s.id WHEN MATCHED THEN DELETE", "COPY audited FROM '/data.csv'",
        "TRUNCATE audited", "WITH x AS (SELECT 1) SELECT * FROM x", "TABLE v", "-- seed\nDO $$BEGIN END$$",
        "CALL setup()", "REFRESH MATERIALIZED VIEW CONCURRENTLY totals", "EXPLAIN ANALYZE SELECT 1",
        "CREATE MATERIALIZED VIEW totals AS SELECT sum(n) FROM audited",
        "CREATE TABLE copied AS SELECT 1 AS n", "create unlogged table if not exists copied as table audited",
        "CREATE EXTENSION IF NOT EXISTS pgcrypto", "ALTER EXTENSION postgis UPDATE",
        "(SELECT 1) UNION (SELECT 2)"})
    void statementsThatChangeRowsRunQueriesOrAreCode(String sql) {
        assertThat(UserCode.mayRun(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT configure_tenant('acme')", "SELECT app.configure('acme')",
        "select \"Configure\"(1)", "SELECT 1, lower('A') || tenant()", "SELECT * FROM settings", "VALUES (next_code())",
        "SELECT set_config('search_' || 'path', 'x', false)",
        "SELECT pg_catalog.set_config(E'search_path', 'x', false)",
        "SELECT query_to_xml('SELECT f()', true, false, '')"})
    void aSelectThatReadsATableOrCallsAFunctionOfTheDatabase(String sql) {
        assertThat(UserCode.mayRun(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1", "SELECT pg_catalog.set_config('search_path', '', false)",
        "SELECT pg_catalog.setval('public.orders_id_seq', 42, true)", "SELECT current_setting('search_path')",
        "select now()::date, coalesce(null, 1), cast('1' AS numeric(10,2))"})
    void aSelectOfPostgresqlsOwnFunctions(String sql) {
        assertThat(UserCode.mayRun(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE orders ADD COLUMN code int DEFAULT next_code()",
        "ALTER TABLE ONLY public.orders ADD COLUMN code int NOT NULL DEFAULT app.next_code()",
        "ALTER TABLE orders ALTER COLUMN code TYPE int USING parse_code(code)",
        "ALTER TABLE orders ALTER COLUMN code TYPE int USING code::text || parse_code(code)",
        "ALTER TABLE orders ADD CONSTRAINT ck CHECK (code > 0 AND valid_code(code))",
        "ALTER TABLE orders ADD COLUMN tag text GENERATED ALWAYS AS (normalized(name)) STORED",
        "ALTER TABLE orders ADD CONSTRAINT ex EXCLUDE USING gist (code_range(code) WITH &&)",
        "ALTER TABLE orders ALTER COLUMN code SET DEFAULT \"NextCode\"()",
        "ALTER DOMAIN code ADD CONSTRAINT ck CHECK (valid_code(VALUE))",
        "CREATE INDEX orders_name ON orders (normalized(name))",
        "CREATE UNIQUE INDEX CONCURRENTLY orders_email ON orders USING btree (lower(email)) WHERE is_active(state)",
        "CREATE INDEX ON places USING gist (ST_Transform(geom, 4326))",
        "CREATE INDEX orders_due ON orders (placed_at) WHERE NOT is_closed(state)"})
    void anExpressionEvaluatedOverTheRowsThatCallsAFunctionOfTheDatabase(String sql) {
        assertThat(UserCode.mayRun(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE t_1 (id bigint PRIMARY KEY, name varchar(100) NOT NULL, qty integer DEFAULT 0,\n"
            + "    price numeric(10,2), created_at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX ix_t_1_name ON t_1 (name)",
        "CREATE TABLE orders (id uuid DEFAULT uuid_generate_v4() PRIMARY KEY, code int CHECK (valid_code(code)))",
        "CREATE TABLE orders_1 PARTITION OF orders FOR VALUES IN (1)",
        "ALTER TABLE orders ADD COLUMN note character varying(20) DEFAULT 'x'::character varying NOT NULL",
        "ALTER TABLE items ADD COLUMN embedding vector(1536)",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS ref uuid NOT NULL DEFAULT gen_random_uuid()",
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2)",
        "ALTER TABLE orders ALTER COLUMN placed_at SET DATA TYPE timestamp(3) with time zone",
        "ALTER TABLE ONLY public.orders ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES public.p (a, b) "
            + "ON DELETE SET NULL (a)",
        "ALTER TABLE orders ADD CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a) INCLUDE (b) WITH (fillfactor = 90)",
        "ALTER TABLE bookings ADD CONSTRAINT ex EXCLUDE USING gist (room WITH =, during WITH &&)",
        "ALTER TABLE orders ADD CONSTRAINT ck CHECK (price > 0 AND coalesce(qty, 0) >= 0 AND length(name) < 100)",
        "ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "ALTER TABLE orders SET (autovacuum_enabled = false)",
        "ALTER TABLE orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START WITH 1)",
        "ALTER TABLE \"Order\" ADD COLUMN \"Total\" numeric(10,2) DEFAULT 0",
        "ALTER TABLE orders RENAME COLUMN a TO b",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS docs_body ON ONLY public.docs\n"
            + "    USING gin (to_tsvector('english', body))",
        "CREATE INDEX people_name ON people USING gin (name gin_trgm_ops)",
        "CREATE INDEX items_embedding ON items USING hnsw (embedding vector_l2_ops)",
        "CREATE INDEX orders_key ON orders ((data->>'id'), lower(email) text_pattern_ops) WHERE deleted_at IS NULL",
        "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN\n"
            + "    PERFORM set_config('app.x', 'y', false); INSERT INTO log VALUES (1); RETURN NEW; END$$",
        "CREATE TRIGGER audited BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
        "CREATE VIEW open_orders AS SELECT normalized(name) FROM orders",
        "CREATE POLICY tenant ON orders USING (tenant_id = current_tenant())",
        "CREATE DOMAIN code AS text CHECK (valid_code(VALUE))", "CREATE TYPE mood AS ENUM ('sad', 'ok')",
        "COMMENT ON FUNCTION audit() IS 'INSERT'", "GRANT EXECUTE ON FUNCTION audit() TO app",
        "DROP FUNCTION audit()", "ANALYZE orders", "SET search_path TO billing", "LOCK TABLE orders",
        "-- INSERT INTO orders\nCREATE TABLE notes (body text DEFAULT 'INSERT normalized()')"})
    void plainDdlAndDefinitionsRunNothing(String sql) {
        assertThat(UserCode.mayRun(sql)).isFalse();
    }

    @Test
    void theQuickCharacterTestsAgreeWithJavasForEveryCharacter() {
        List<String> differ = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (UserCode.Token.whitespace(c) != Character.isWhitespace(c)) {
                differ.add(String.format("white space U+%04X", (int) c));
            }
            if (UserCode.Token.partOfWord(c) != (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127)) {
                differ.add(String.format("part of a word U+%04X", (int) c));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void aStatementSeparatedByOtherWhiteSpaceIsReadAlike() {
        assertThat(UserCode.mayRun("\u000B\fINSERT\u001Finto\rt\tVALUES (1)")).isTrue();
        assertThat(UserCode.mayRun("CREATE\u000BINDEX i ON t\u001C(lower(c))")).isFalse();
    }
}
