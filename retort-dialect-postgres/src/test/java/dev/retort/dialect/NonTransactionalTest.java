package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonTransactionalTest {
    @Test
    void namesWhatPostgresqlRefusesInATransactionBlock() {
        assertThat(NonTransactional.statement("VACUUM ANALYZE shop.purchases")).isEqualTo("VACUUM");
        assertThat(NonTransactional.statement("-- reclaim space\n  vacuum (verbose, analyze) t")).isEqualTo("VACUUM");
        assertThat(NonTransactional.statement("CREATE INDEX CONCURRENTLY ix ON t (a)"))
                .isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("create unique index concurrently if not exists ix on t (a)"))
                .isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("DROP INDEX CONCURRENTLY IF EXISTS s.ix"))
                .isEqualTo("DROP INDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("REINDEX (VERBOSE) TABLE CONCURRENTLY t"))
                .isEqualTo("REINDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("REINDEX INDEX CONCURRENTLY ix")).isEqualTo("REINDEX CONCURRENTLY");
        // PostgreSQL 14's option list says it too.
        assertThat(NonTransactional.statement("REINDEX (CONCURRENTLY) TABLE t")).isEqualTo("REINDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("reindex /* online */ (verbose, concurrently true) index ix"))
                .isEqualTo("REINDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("REINDEX (TABLESPACE \"fast,(x)\", CONCURRENTLY ON) INDEX ix"))
                .isEqualTo("REINDEX CONCURRENTLY");
        assertThat(NonTransactional.statement("REINDEX SCHEMA shop")).isEqualTo("REINDEX SCHEMA");
        assertThat(NonTransactional.statement("REINDEX DATABASE app")).isEqualTo("REINDEX DATABASE");
        assertThat(NonTransactional.statement("REINDEX SYSTEM app")).isEqualTo("REINDEX SYSTEM");
        assertThat(NonTransactional.statement("CREATE DATABASE reports")).isEqualTo("CREATE DATABASE");
        assertThat(NonTransactional.statement("DROP DATABASE IF EXISTS reports")).isEqualTo("DROP DATABASE");
        assertThat(NonTransactional.statement("CREATE TABLESPACE fast LOCATION '/ssd'"))
                .isEqualTo("CREATE TABLESPACE");
        assertThat(NonTransactional.statement("DROP TABLESPACE fast")).isEqualTo("DROP TABLESPACE");
        assertThat(NonTransactional.statement("ALTER SYSTEM SET work_mem = '64MB'")).isEqualTo("ALTER SYSTEM");
        assertThat(NonTransactional.statement("ALTER DATABASE app SET TABLESPACE fast"))
                .isEqualTo("ALTER DATABASE SET TABLESPACE");
        assertThat(NonTransactional.statement("ALTER TABLE measurements DETACH PARTITION s.y2020 CONCURRENTLY"))
                .isEqualTo("ALTER TABLE ... DETACH PARTITION CONCURRENTLY");
        assertThat(NonTransactional.statement("CLUSTER")).isEqualTo("CLUSTER");
        assertThat(NonTransactional.statement("CLUSTER VERBOSE")).isEqualTo("CLUSTER");
        assertThat(NonTransactional.statement("DISCARD ALL")).isEqualTo("DISCARD ALL");
    }

    @Test
    void leavesWhatATransactionCanRunAlone() {
        assertThat(NonTransactional.statement("ANALYZE t")).isNull();
        assertThat(NonTransactional.statement("CREATE INDEX ix ON t (a)")).isNull();
        assertThat(NonTransactional.statement("DROP INDEX ix")).isNull();
        assertThat(NonTransactional.statement("REINDEX TABLE t")).isNull();
        assertThat(NonTransactional.statement("REINDEX (CONCURRENTLY false) TABLE t")).isNull();
        assertThat(NonTransactional.statement("REINDEX (VERBOSE, CONCURRENTLY off) INDEX ix")).isNull();
        assertThat(NonTransactional.statement("REINDEX (TABLESPACE concurrently) INDEX ix")).isNull();
        assertThat(NonTransactional.statement("CLUSTER t USING ix")).isNull();
        assertThat(NonTransactional.statement("ALTER DATABASE app SET search_path = shop")).isNull();
        assertThat(NonTransactional.statement("ALTER TABLE t DETACH PARTITION p")).isNull();
        assertThat(NonTransactional.statement("DISCARD PLANS")).isNull();
        assertThat(NonTransactional.statement("CREATE TABLE \"vacuum\" (a int)")).isNull();
        assertThat(NonTransactional.statement("INSERT INTO log VALUES ('VACUUM')")).isNull();
        assertThat(NonTransactional.statement("-- VACUUM later\nSELECT 1")).isNull();
        assertThat(NonTransactional.statement("/* CREATE DATABASE x */ SELECT 1")).isNull();
        assertThat(NonTransactional.statement("DO $$BEGIN EXECUTE 'VACUUM'; END$$")).isNull();
        assertThat(NonTransactional.statement("")).isNull();
    }
}
