package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientEncodingTest {
    @ParameterizedTest
    @ValueSource(strings = {"SET client_encoding = 'LATIN1'|LATIN1",
        "-- from the dump\nset client_encoding to win1252|win1252",
        "SET SESSION client_encoding TO \"SQL_ASCII\"|SQL_ASCII", "SET NAMES 'LATIN9'|LATIN9", "SET NAMES|DEFAULT",
        "SET client_encoding TO DEFAULT|DEFAULT", "RESET client_encoding|DEFAULT",
        "SELECT pg_catalog.set_config('client_encoding', 'EUC_JP', false)|EUC_JP"})
    void anotherEncodingIsNamed(String sqlAndEncoding) {
        String[] parts = sqlAndEncoding.replace("\\n", "\n").split("\\|");
        assertThat(ClientEncoding.otherThanUtf8(parts[0])).isEqualTo(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET client_encoding = 'UTF8'", "SET client_encoding = 'utf-8'", "SET NAMES 'unicode'",
        "set client_encoding to Utf_8", "SELECT set_config('client_encoding', 'UTF8', false)",
        "SET client_min_messages = warning", "CREATE TABLE names (client_encoding text)",
        "COMMENT ON TABLE t IS 'SET client_encoding = ''LATIN1'''",
        "CREATE OR REPLACE PROCEDURE latin() LANGUAGE sql AS "
            + "$$ SELECT set_config('client_encoding', 'LATIN1', true) $$"})
    void utf8AndOtherStatementsAreLeftAlone(String sql) {
        assertThat(ClientEncoding.otherThanUtf8(sql)).isNull();
    }
}
