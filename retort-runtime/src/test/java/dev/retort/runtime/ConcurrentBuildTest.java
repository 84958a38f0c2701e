package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcurrentBuildTest {
    @Test
    void aNamedConcurrentBuildGivesItsTableAsWrittenAndItsIndexAsKept() {
        assertThat(ConcurrentBuild.of("CREATE INDEX CONCURRENTLY ix_t_a ON t (a)"))
                .contains(new ConcurrentBuild("t", "ix_t_a"));
        assertThat(ConcurrentBuild.of("/* why */ -- and how\n create unique index concurrently if not exists "
                + "IX_Mixed on only \"Sales\" . \"Order\"(a)"))
                .contains(new ConcurrentBuild("\"Sales\".\"Order\"", "ix_mixed"));
        assertThat(ConcurrentBuild.of("CREATE INDEX CONCURRENTLY \"Odd \"\"x\"\"\" ON s.t USING gin (a)"))
                .contains(new ConcurrentBuild("s.t", "Odd \"x\""));
        assertThat(ConcurrentBuild.of("CREATE INDEX CONCURRENTLY Été ON t (a)"))
                .contains(new ConcurrentBuild("t", "Été"));
    }

    @Test
    void otherStatementsAreNone() {
        assertThat(ConcurrentBuild.of("CREATE INDEX CONCURRENTLY ON t (a)")).isEmpty();
        assertThat(ConcurrentBuild.of("CREATE INDEX ix_t_a ON t (a)")).isEmpty();
        assertThat(ConcurrentBuild.of("DROP INDEX CONCURRENTLY ix_t_a")).isEmpty();
        assertThat(ConcurrentBuild.of("SELECT 'CREATE INDEX CONCURRENTLY ix ON t (a)'")).isEmpty();
    }
}
