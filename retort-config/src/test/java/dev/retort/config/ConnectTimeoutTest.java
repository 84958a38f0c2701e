package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A connect timeout in the URL bounds the whole connection, handshake included, as libpq's does. */
class ConnectTimeoutTest {
    @Test
    void connectTimeoutAlsoBoundsTheLogin() {
        assertThat(DatabaseUrl.parse("postgresql://u:pw@h/d?connect_timeout=3").connectionProperties())
                .containsEntry("connectTimeout", "3").containsEntry("loginTimeout", "3");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/d?connectTimeout=4").connectionProperties())
                .containsEntry("connectTimeout", "4").containsEntry("loginTimeout", "4");
    }

    @Test
    void aLoginTimeoutOfItsOwnIsKept() {
        assertThat(DatabaseUrl.parse("postgresql://h/d?connect_timeout=3&loginTimeout=20").connectionProperties())
                .containsEntry("connectTimeout", "3").containsEntry("loginTimeout", "20");
    }

    @Test
    void noTimeoutGivenAddsNone() {
        assertThat(DatabaseUrl.parse("postgresql://h/d").connectionProperties()).doesNotContainKey("loginTimeout");
    }
}
