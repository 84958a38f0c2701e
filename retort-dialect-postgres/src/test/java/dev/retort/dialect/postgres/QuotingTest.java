package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuotingTest {
    private final Dialect dialect = new PostgresDialect();

    @ParameterizedTest
    @ValueSource(strings = {"users", "user_id", "_private", "a1", "price$", "t2_x$y", "name", "comment", "text", "key"})
    void plainLowercaseNamesAndUnreservedKeywordsStayUnquoted(String identifier) {
        assertThat(dialect.quote(identifier)).isEqualTo(identifier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "table", "order", "select", "group", "position", "time", "values", "left",
            "collation", "system_user", "json_table", "merge_action"})
    void keywordsThatCannotStandAsNamesAreQuoted(String keyword) {
        assertThat(dialect.quote(keyword)).isEqualTo("\"" + keyword + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Users           | \"Users\"",
            "a\"b            | \"a\"\"b\"",
            "my table        | \"my table\"",
            "Ünïcode         | \"Ünïcode\"",
            "ünïcode         | \"ünïcode\"",
            "x; DROP TABLE y | \"x; DROP TABLE y\"",
            "1abc            | \"1abc\"",
            "$x              | \"$x\"",
            "a.b             | \"a.b\"",
            "a-b             | \"a-b\"",
            "\"\"            | \"\"\"\"\"\"",
            "`x\"; DROP TABLE users; --` | `\"x\"\"; DROP TABLE users; --\"`"})
    void anythingElseIsQuotedWithInnerQuotesDoubled(String identifier, String quoted) {
        assertThat(dialect.quote(identifier)).isEqualTo(quoted);
    }

    @Test
    void surroundingSpacesAndNewlinesArePreservedInsideTheQuotes() {
        assertThat(dialect.quote(" a ")).isEqualTo("\" a \"");
        assertThat(dialect.quote("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }

    @Test
    void namesPostgresCannotHoldAreRejected() {
        assertThatThrownBy(() -> dialect.quote(""))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("An empty name");
        assertThatThrownBy(() -> dialect.quote("a\0b"))
                .isInstanceOf(RetortException.class)
                .hasMessage("Name \"a\\0b\" contains a NUL character, which PostgreSQL does not allow in names; remove it.");
    }
}
