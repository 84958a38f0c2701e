package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only statements that return no rows go into a batch: a JDBC batch refuses one that returns rows. */
class BatchableTest {
    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE t (id int)", "  alter table t add column x int", "-- why\nDROP TABLE t",
        "INSERT INTO t VALUES (1)", "update t set x = 1", "DELETE FROM t", "DO $$ BEGIN END $$", "COMMENT ON TABLE t IS 'x'",
        "SET LOCAL lock_timeout = '1s'", "GRANT SELECT ON t TO app", "CREATE TABLE t2 AS SELECT * FROM t"})
    void rowlessStatementsAreBatched(String sql) {
        assertThat(Batchable.test(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT pg_sleep(1)", "select setval('s', 10)", "WITH x AS (DELETE FROM t RETURNING *) SELECT 1",
        "INSERT INTO t VALUES (1) RETURNING id", "VALUES (1)", "SHOW search_path", "CALL p()", "TABLE t",
        "EXPLAIN SELECT 1", "/* a comment */ CREATE TABLE t (id int)", "", "   "})
    void statementsThatMayReturnRowsAreSentAlone(String sql) {
        assertThat(Batchable.test(sql)).isFalse();
    }
}
