package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An escape string stands for what PostgreSQL's scanner makes of it; one PostgreSQL refuses stands for nothing. */
class EscapeStringsTest {
    @Test
    void quotesAndBackslashEscapesAreUnescaped() {
        assertThat(EscapeStrings.text("it''s \\'q\\' a\\\\b")).isEqualTo("it's 'q' a\\b");
        assertThat(EscapeStrings.text("\\b\\f\\n\\r\\t")).isEqualTo("\b\f\n\r\t");
        assertThat(EscapeStrings.text("\\q\\\"\\8")).isEqualTo("q\"8");
    }

    @Test
    void octalHexAndUnicodeEscapesAreReadAsPostgresqlReadsThem() {
        assertThat(EscapeStrings.text("\\101\\1012\\7")).isEqualTo("AA2\u0007");
        assertThat(EscapeStrings.text("\\x41\\x4142\\xg")).isEqualTo("AA42xg");
        assertThat(EscapeStrings.text("\\xC3\\xA9 \\303\\251")).isEqualTo("\u00e9 \u00e9");
        assertThat(EscapeStrings.text("\\u00e9\\U0001F600\\uD83D\\uDE00")).isEqualTo("\u00e9\uD83D\uDE00\uD83D\uDE00");
        assertThat(EscapeStrings.text("caf\u00e9 \uD83D\uDE00")).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }

    @Test
    void whatPostgresqlRefusesIsNoText() {
        assertThat(EscapeStrings.text("\\xC3")).isNull();
        assertThat(EscapeStrings.text("a\\0b")).isNull();
        assertThat(EscapeStrings.text("\\u0000")).isNull();
        assertThat(EscapeStrings.text("\\u12")).isNull();
        assertThat(EscapeStrings.text("\\uD83Dx")).isNull();
        assertThat(EscapeStrings.text("\\uDE00")).isNull();
        assertThat(EscapeStrings.text("\\U00110000")).isNull();
    }

    @Test
    void aBackslashAtTheEndOfAStringLeftOpenStandsForItself() {
        assertThat(EscapeStrings.text("DROP TABLE \\")).isEqualTo("DROP TABLE \\");
    }
}
