package dev.retort.autogenerate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading type names: base types and which changes lose data. */
class TypeNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "character varying(20)           | character varying",
        "numeric(10,2)[]                 | numeric[]",
        "timestamp(3) without time zone  | timestamp without time zone",
        "integer                         | integer"})
    void theBaseTypeLeavesOutModifiers(String type, String base) {
        assertThat(TypeNames.base(type)).isEqualTo(base);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "character varying(40)          | character varying(20)          | true",
        "character varying(20)          | character varying(40)          | false",
        "character varying(20)          | character varying              | false",
        "character varying              | character varying(20)          | true",
        "text                           | character varying(20)          | true",
        "character varying(20)          | text                           | false",
        "bigint                         | integer                        | true",
        "integer                        | bigint                         | false",
        "smallint                       | integer                        | false",
        "real                           | double precision               | false",
        "double precision               | real                           | true",
        "numeric(10,2)                  | numeric(12,2)                  | false",
        "numeric(10,2)                  | numeric(8,2)                   | true",
        "numeric(10,2)                  | numeric(10,4)                  | true",
        "numeric(10,2)                  | numeric(10,1)                  | true",
        "numeric(10,2)                  | numeric                        | false",
        "numeric                        | numeric(10,2)                  | true",
        "timestamp(6) without time zone | timestamp(3) without time zone | true",
        "timestamp without time zone    | timestamp with time zone       | true",
        "timestamp without time zone    | timestamp(6) without time zone | false",
        "timestamp without time zone    | timestamp(5) without time zone | true",
        "time(0) without time zone      | time without time zone         | false",
        "date                           | timestamp without time zone    | false",
        "date                           | timestamp(0) without time zone | false",
        "date                           | timestamp with time zone       | true",
        "timestamp without time zone    | date                           | true",
        "integer                        | text                           | true",
        // An array converts element by element.
        "integer[]                      | bigint[]                       | false",
        "bigint[]                       | integer[]                      | true",
        "character varying(20)[]        | character varying(40)[]        | false",
        "character varying(40)[]        | character varying(20)[]        | true",
        "integer                        | bigint[]                       | true",
        // A character(n) is compared without the blanks that pad it, which the cast drops: it fits in n characters.
        "character(1)                   | character varying(255)         | false",
        "character(3)                   | character varying(3)           | false",
        "character(3)                   | character varying              | false",
        "character(3)                   | text                           | false",
        "character(3)[]                 | character varying(3)[]         | false",
        "character(4)                   | character varying(3)           | true",
        "character varying(3)           | character(3)                   | true",
        "integer                        | numeric                        | false",
        "integer                        | numeric(12,2)                  | false",
        "integer                        | numeric(11,2)                  | true",
        "integer                        | numeric(12,-2)                 | true",
        "bigint                         | numeric(30,-1)                 | true",
        "bigint                         | numeric(19,0)                  | false",
        "bigint                         | numeric(20,2)                  | true",
        "numeric                        | integer                        | true",
        "smallint                       | double precision               | false",
        "integer                        | double precision               | false",
        "integer                        | real                           | true",
        "bigint                         | double precision               | true"})
    void narrowingAndCrossTypeChangesLoseData(String from, String to, boolean losesData) {
        assertThat(TypeNames.losesData(from, to)).isEqualTo(losesData);
    }
}
