package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the size of the next group of steps follows from how long the last one took. */
class GroupSizeTest {
    @Test
    void aQuickGroupIsFollowedByOneTwiceItsSizeUpToTheLargest() {
        assertThat(GroupSender.nextGroupSize(1, Duration.ofMillis(3))).isEqualTo(2);
        assertThat(GroupSender.nextGroupSize(64, Duration.ofMillis(99))).isEqualTo(128);
        assertThat(GroupSender.nextGroupSize(256, Duration.ofMillis(40))).isEqualTo(256);
    }

    @Test
    void aSlowGroupIsFollowedByOneAsMuchSmallerAsItWasSlower() {
        assertThat(GroupSender.nextGroupSize(128, Duration.ofMillis(160))).isEqualTo(80);
        assertThat(GroupSender.nextGroupSize(128, Duration.ofMillis(100))).isEqualTo(128);
        assertThat(GroupSender.nextGroupSize(64, Duration.ofMillis(200))).isEqualTo(32);
    }

    @Test
    void aSlowStepIsFollowedByAGroupOfOne() {
        assertThat(GroupSender.nextGroupSize(64, Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(GroupSender.nextGroupSize(1, Duration.ofSeconds(1))).isEqualTo(1);
    }
}
