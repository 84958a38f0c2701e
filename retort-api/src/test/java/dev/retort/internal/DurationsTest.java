package dev.retort.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void aDurationIsReadInTheUnitsRetortTomlTakes() {
        assertThat(Durations.millis("0")).isZero();
        assertThat(Durations.millis("300")).isEqualTo(300);
        assertThat(Durations.millis("500ms")).isEqualTo(500);
        assertThat(Durations.millis(" 5 s")).isEqualTo(5_000);
        assertThat(Durations.millis("10min")).isEqualTo(600_000);
        assertThat(Durations.millis("2h")).isEqualTo(7_200_000);
        assertThat(Durations.millis("1d")).isEqualTo(86_400_000);
        assertThat(Durations.millis("99999999999999999999999s")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Durations.millis("forever")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.millis("5 days")).isInstanceOf(IllegalArgumentException.class);
    }
}
