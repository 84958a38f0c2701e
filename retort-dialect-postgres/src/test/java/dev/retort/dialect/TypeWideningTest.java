package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The conditions themselves run on PostgreSQL in the backup tests; here, which types get one. */
class TypeWideningTest {
    @Test
    void integersWidenFromNarrowerIntegers() {
        assertThat(TypeWidening.lossless("BIGINT"))
                .isEqualTo("a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)");
        assertThat(TypeWidening.lossless("int")).isEqualTo("a.atttypid IN ('int2'::regtype, 'int4'::regtype)");
        assertThat(TypeWidening.lossless("int4")).isEqualTo(TypeWidening.lossless("integer"));
        assertThat(TypeWidening.lossless("smallint")).isEqualTo("a.atttypid IN ('int2'::regtype)");
    }

    @Test
    void floatsTakeTheIntegersTheirMantissaHolds() {
        assertThat(TypeWidening.lossless("double  precision")).isEqualTo(
                "a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'float4'::regtype, 'float8'::regtype)");
        assertThat(TypeWidening.lossless("real")).isEqualTo("a.atttypid IN ('int2'::regtype, 'float4'::regtype)");
    }

    @Test
    void numericNeedsRoomOnBothSidesOfThePoint() {
        assertThat(TypeWidening.lossless("numeric")).isEqualTo(
                "a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)");
        assertThat(TypeWidening.lossless("decimal(12, 2)")).isEqualTo("(a.atttypid IN ('int2'::regtype, "
                + "'int4'::regtype) OR a.atttypid = 'numeric'::regtype AND a.atttypmod >= 4 AND "
                + "((a.atttypmod - 4) >> 16) - ((a.atttypmod - 4) & 2047) <= 10 AND ((a.atttypmod - 4) & 2047) <= 2)");
        assertThat(TypeWidening.lossless("numeric(4)")).startsWith("(a.atttypid = 'numeric'::regtype");
    }

    @Test
    void stringsWidenToLongerOnesAndToText() {
        assertThat(TypeWidening.lossless("text")).isEqualTo("a.atttypid IN ('varchar'::regtype, 'text'::regtype)");
        assertThat(TypeWidening.lossless("character varying")).isEqualTo(TypeWidening.lossless("text"));
        assertThat(TypeWidening.lossless("VARCHAR(40)"))
                .isEqualTo("(a.atttypid = 'varchar'::regtype AND a.atttypmod BETWEEN 5 AND 44)");
    }

    @Test
    void timesKeepTheirDigitsAfterTheSecondAndTimestampsTakeDates() {
        assertThat(TypeWidening.lossless("timestamp")).isEqualTo("a.atttypid IN ('date'::regtype, "
                + "'timestamp'::regtype)");
        assertThat(TypeWidening.lossless("timestamp(6) without time zone")).isNull();
        assertThat(TypeWidening.lossless("timestamp(6)")).isEqualTo(TypeWidening.lossless("timestamp"));
        assertThat(TypeWidening.lossless("timestamp(3)")).isEqualTo("(a.atttypid IN ('date'::regtype) OR "
                + "a.atttypid = 'timestamp'::regtype AND a.atttypmod BETWEEN 0 AND 3)");
        assertThat(TypeWidening.lossless("timestamp with time zone")).isEqualTo("a.atttypid IN "
                + "('timestamptz'::regtype)");
        assertThat(TypeWidening.lossless("timestamptz(0)"))
                .isEqualTo("(a.atttypid = 'timestamptz'::regtype AND a.atttypmod BETWEEN 0 AND 0)");
        assertThat(TypeWidening.lossless("time")).isEqualTo("a.atttypid IN ('time'::regtype)");
        assertThat(TypeWidening.lossless("TIMETZ")).isEqualTo("a.atttypid IN ('timetz'::regtype)");
        assertThat(TypeWidening.lossless("time(2, 1)")).isNull();
    }

    @Test
    void anyOtherTypeGetsNoCondition() {
        assertThat(TypeWidening.lossless("interval")).isNull();
        assertThat(TypeWidening.lossless("date")).isNull();
        assertThat(TypeWidening.lossless("int[]")).isNull();
        assertThat(TypeWidening.lossless("pg_catalog.int8")).isNull();
        assertThat(TypeWidening.lossless("\"bigint\"")).isNull();
        assertThat(TypeWidening.lossless("varchar(10, 2)")).isNull();
        assertThat(TypeWidening.lossless("bigint(8)")).isNull();
        assertThat(TypeWidening.lossless("numeric(1e3)")).isNull();
        assertThat(TypeWidening.lossless("character(10)")).isNull();
        assertThat(TypeWidening.lossless("")).isNull();
    }
}
