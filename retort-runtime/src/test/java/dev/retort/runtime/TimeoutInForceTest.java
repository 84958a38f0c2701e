package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which timeout a migration set before the statement that ran out of it. */
class TimeoutInForceTest {
    private static final String SLOW = "SELECT pg_sleep(5)";

    @Test
    void theLastSetBeforeTheStatementIsInForce() {
        List<String> statements = List.of("SET statement_timeout = '1s'", "SET LOCAL statement_timeout TO 200",
                SLOW, "SET statement_timeout = '9s'");
        assertThat(TimeoutInForce.setBefore(statements, SLOW, "statement_timeout")).hasValue("200ms");
        assertThat(TimeoutInForce.setBefore(statements, SLOW, "lock_timeout")).isEmpty();
    }

    @Test
    void setConfigAndResetCount() {
        assertThat(TimeoutInForce.setBefore(List.of("SELECT set_config('lock_timeout', '50ms', false)", SLOW), SLOW,
                "lock_timeout")).hasValue("50ms");
        assertThat(TimeoutInForce.setBefore(List.of("SET lock_timeout = '50ms'", "RESET lock_timeout", SLOW), SLOW,
                "lock_timeout")).hasValue(TimeoutInForce.DEFAULT);
    }

    @Test
    void aSetAfterTheStatementDoesNotCount() {
        assertThat(TimeoutInForce.setBefore(List.of(SLOW, "SET lock_timeout = '1s'"), SLOW, "lock_timeout")).isEmpty();
        assertThat(TimeoutInForce.setBefore(List.of("SET lock_timeout_x = '1s'", SLOW), SLOW, "lock_timeout"))
                .isEmpty();
    }

    @Test
    void withoutTheFailedStatementTheLastSetOfAllIsTaken() {
        List<String> statements = List.of("SET lock_timeout = '1s'", SLOW, "SET lock_timeout TO DEFAULT");
        assertThat(TimeoutInForce.setBefore(statements, null, "lock_timeout")).hasValue(TimeoutInForce.DEFAULT);
    }
}
