package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MissingTypeTest {
    @Test
    void namesTheTypeOfAnUndefinedObjectError() {
        assertThat(MissingType.of("m", new SQLException("ERROR: type \"citext\" does not exist\n  Position: 40",
                "42704"))).map(MissingType::type).contains("citext");
        assertThat(MissingType.of("m", new SQLException("ERROR: type \"citext[]\" does not exist", "42704")))
                .map(MissingType::type).contains("citext");
    }

    @Test
    void otherErrorsAreNotMissingTypes() {
        assertThat(MissingType.of("m", new SQLException("ERROR: type \"citext\" does not exist", "42P01"))).isEmpty();
        assertThat(MissingType.of("m", new SQLException("ERROR: function nope() does not exist", "42704"))).isEmpty();
        assertThat(MissingType.of("m", new SQLException("ERROR: type \"ext.citext\" does not exist", "42704")))
                .isEmpty();
    }
}
