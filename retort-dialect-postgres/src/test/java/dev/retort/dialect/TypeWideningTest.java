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
    void anyOtherTypeGetsNoCondition() {
        assertThat(TypeWidening.lossless("timestamptz")).isNull();
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
