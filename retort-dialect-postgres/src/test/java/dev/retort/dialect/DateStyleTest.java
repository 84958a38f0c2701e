package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateStyleTest {
    @ParameterizedTest
    @ValueSource(strings = {"SET DateStyle = 'German'|German", "set datestyle to sql, dmy|sql, dmy",
        "-- dates for the report\nSET SESSION DateStyle TO 'Postgres', 'MDY'|Postgres, MDY",
        "SET LOCAL \"datestyle\" = 'SQL,DMY'|SQL,DMY",
        "SELECT pg_catalog.set_config('DateStyle', 'German, DMY', false)|German, DMY"})
    void anotherOutputFormatIsNamed(String sqlAndStyle) {
        String[] parts = sqlAndStyle.replace("\\n", "\n").split("\\|");
        assertThat(DateStyle.notIso(parts[0])).isEqualTo(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET DateStyle = 'ISO, DMY'", "SET datestyle TO DMY", "SET DateStyle TO DEFAULT",
        "RESET DateStyle", "SELECT set_config('datestyle', 'ISO, MDY', false)", "SET search_path = sql",
        "CREATE TABLE styles (datestyle text)", "COMMENT ON TABLE t IS 'SET DateStyle = German'",
        "CREATE FUNCTION german(d date) RETURNS text LANGUAGE plpgsql AS $$ BEGIN "
            + "PERFORM set_config('DateStyle', 'German', true); RETURN d::text; END $$"})
    void isoAndOtherStatementsAreLeftAlone(String sql) {
        assertThat(DateStyle.notIso(sql)).isNull();
    }
}
