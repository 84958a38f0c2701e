package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsUserTest {
    @Test
    void aUserTheSystemNamesIsRecordedByName() {
        assertThat(OsUser.of("deploy", "someone-else", () -> 1000)).isEqualTo("deploy");
    }

    @Test
    void aUserWithoutAnEntryInPasswdIsRecordedByUserOrByUid() {
        // Java's user.name for a user id with no passwd entry (OpenShift's random ones, docker run --user 1000).
        assertThat(OsUser.of("?", "ci", () -> 1000680000)).isEqualTo("ci");
        assertThat(OsUser.of("?", null, () -> 1000680000)).isEqualTo("uid 1000680000");
        assertThat(OsUser.of("?", "", () -> null)).isNull();
    }
}
