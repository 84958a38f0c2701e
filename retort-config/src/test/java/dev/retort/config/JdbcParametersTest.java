package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

class JdbcParametersTest {
    @Test
    void knowsExactlyPgjdbcsPropertyNamesOtherThanTheOnesTheUrlCarries() {
        Set<String> pgjdbc = Arrays.stream(PGProperty.values()).map(PGProperty::getName).collect(Collectors.toSet());
        pgjdbc.removeAll(Set.of("user", "password", "PGHOST", "PGPORT", "PGDBNAME"));

        assertThat(JdbcParameters.PGJDBC_NAMES).containsExactlyInAnyOrderElementsOf(pgjdbc);
    }

    @Test
    void everyTranslatedLibpqNameIsAPgjdbcName() {
        Map<String, String> libpq = Map.of("connect_timeout", "5", "application_name", "a",
                "target_session_attrs", "read-only", "keepalives", "0", "krbsrvname", "postgres",
                "gssencmode", "disable", "channel_binding", "require", "sslnegotiation", "direct",
                "require_auth", "scram-sha-256");

        Map<String, String> jdbc = JdbcParameters.toJdbc(libpq);

        assertThat(jdbc).hasSize(libpq.size());
        assertThat(JdbcParameters.PGJDBC_NAMES).containsAll(jdbc.keySet());
        assertThat(jdbc).containsEntry("targetServerType", "secondary").containsEntry("tcpKeepAlive", "false");
    }

    @Test
    void treatsAnyPasswordParameterAsSecret() {
        assertThat(JdbcParameters.isSecret("sslpassword")).isTrue();
        assertThat(JdbcParameters.isSecret("PASSWORD")).isTrue();
        assertThat(JdbcParameters.isSecret("sslmode")).isFalse();
        // Names the driver does not know, which a user meant for the password.
        assertThat(JdbcParameters.isSecret("pass")).isTrue();
        assertThat(JdbcParameters.isSecret("passwd")).isTrue();
        assertThat(JdbcParameters.isSecret("pwd")).isTrue();
        assertThat(JdbcParameters.isSecret("auth_token")).isTrue();
        assertThat(JdbcParameters.isSecret("connect_timeout")).isFalse();
        assertThat(JdbcParameters.isSecret("sslkey")).isFalse();
    }
}
