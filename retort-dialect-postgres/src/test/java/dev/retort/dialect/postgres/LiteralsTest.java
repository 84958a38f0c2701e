package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiteralsTest {
    private final Dialect dialect = new PostgresDialect();

    @Test
    void strings() {
        assertThat(dialect.literal("hello")).isEqualTo("'hello'");
        assertThat(dialect.literal("")).isEqualTo("''");
        assertThat(dialect.literal("it's")).isEqualTo("'it''s'");
        assertThat(dialect.literal("'; DROP TABLE users; --")).isEqualTo("'''; DROP TABLE users; --'");
        assertThat(dialect.literal("two\nlines")).isEqualTo("'two\nlines'");
        assertThat(dialect.literal("Ünïcode ✓")).isEqualTo("'Ünïcode ✓'");
        assertThat(dialect.literal('x')).isEqualTo("'x'");
    }

    @Test
    void stringsWithBackslashesUseEscapeSyntaxSoTheyReadTheSameUnderAnySetting() {
        assertThat(dialect.literal("C:\\temp")).isEqualTo("E'C:\\\\temp'");
        assertThat(dialect.literal("\\'")).isEqualTo("E'\\\\'''");
    }

    @Test
    void textWithNulIsRejected() {
        assertThatThrownBy(() -> dialect.literal("a\0b"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("contains a NUL character");
    }

    @Test
    void nullAndBooleans() {
        assertThat(dialect.literal(null)).isEqualTo("NULL");
        assertThat(dialect.literal(true)).isEqualTo("TRUE");
        assertThat(dialect.literal(false)).isEqualTo("FALSE");
    }

    @Test
    void numbers() {
        assertThat(dialect.literal(42)).isEqualTo("42");
        assertThat(dialect.literal(-7L)).isEqualTo("-7");
        assertThat(dialect.literal((short) 3)).isEqualTo("3");
        assertThat(dialect.literal((byte) -1)).isEqualTo("-1");
        assertThat(dialect.literal(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(dialect.literal(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(dialect.literal(new BigDecimal("0.000001"))).isEqualTo("0.000001");
        assertThat(dialect.literal(1.5)).isEqualTo("1.5");
        assertThat(dialect.literal(1e20)).isEqualTo("1.0E20");
        assertThat(dialect.literal(0.1f)).isEqualTo("0.1");
    }

    @Test
    void nonFiniteFloatingPointNumbersAndNegativeZeroAreTypedStrings() {
        assertThat(dialect.literal(Double.NaN)).isEqualTo("'NaN'::double precision");
        assertThat(dialect.literal(Double.POSITIVE_INFINITY)).isEqualTo("'Infinity'::double precision");
        assertThat(dialect.literal(Float.NEGATIVE_INFINITY)).isEqualTo("'-Infinity'::real");
        assertThat(dialect.literal(-0.0)).isEqualTo("'-0'::double precision");
        assertThat(dialect.literal(-0.0f)).isEqualTo("'-0'::real");
        assertThat(dialect.literal(0.0)).isEqualTo("0.0");
    }

    @Test
    void datesAndTimesAreTypedLiterals() {
        assertThat(dialect.literal(LocalDate.of(2026, 11, 25))).isEqualTo("DATE '2026-11-25'");
        assertThat(dialect.literal(LocalTime.of(10, 0))).isEqualTo("TIME '10:00:00'");
        assertThat(dialect.literal(LocalTime.of(10, 0, 1, 500_000_000))).isEqualTo("TIME '10:00:01.5'");
        assertThat(dialect.literal(LocalDateTime.of(2026, 11, 25, 10, 0, 30)))
                .isEqualTo("TIMESTAMP '2026-11-25 10:00:30'");
        assertThat(dialect.literal(OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 123_456_000, ZoneOffset.ofHours(2))))
                .isEqualTo("TIMESTAMP WITH TIME ZONE '2026-11-25 10:00:00.123456+02:00'");
        assertThat(dialect.literal(ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("TIMESTAMP WITH TIME ZONE '2026-07-01 12:00:00+02:00'");
        assertThat(dialect.literal(Instant.parse("2026-11-25T10:00:00Z")))
                .isEqualTo("TIMESTAMP WITH TIME ZONE '2026-11-25 10:00:00+00:00'");
        assertThat(dialect.literal(OffsetTime.of(9, 30, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30))))
                .isEqualTo("TIME WITH TIME ZONE '09:30:00-03:30'");
    }

    @Test
    void yearsBeforeOneAdUsePostgresEra() {
        assertThat(dialect.literal(LocalDate.of(0, 1, 1))).isEqualTo("DATE '0001-01-01 BC'");
        assertThat(dialect.literal(LocalDate.of(-43, 3, 15))).isEqualTo("DATE '0044-03-15 BC'");
        assertThat(dialect.literal(LocalDateTime.of(-99, 1, 2, 3, 4))).isEqualTo("TIMESTAMP '0100-01-02 03:04:00 BC'");
        assertThat(dialect.literal(LocalDate.of(12345, 6, 7))).isEqualTo("DATE '12345-06-07'");
    }

    @Test
    void bytesAndUuids() {
        assertThat(dialect.literal(new byte[] {0, 1, (byte) 0xab, (byte) 0xff})).isEqualTo("'\\x0001abff'::bytea");
        assertThat(dialect.literal(new byte[0])).isEqualTo("'\\x'::bytea");
        assertThat(dialect.literal(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .isEqualTo("'123e4567-e89b-12d3-a456-426614174000'::uuid");
    }

    @Test
    void otherTypesAreRejectedWithAnExplanation() {
        assertThatThrownBy(() -> dialect.literal(new java.util.Date(0)))
                .isInstanceOf(RetortException.class)
                .hasMessage("Retort cannot write a value of type java.util.Date as an SQL literal; "
                        + "use a String, number, Boolean, java.time value, byte[] or UUID.");
    }
}
