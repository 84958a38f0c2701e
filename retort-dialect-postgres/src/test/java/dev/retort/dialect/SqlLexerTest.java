package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLexerTest {
    @Test
    void aStringEndsAtItsClosingQuote() {
        String sql = "x = 'a;b' AND y";
        assertThat(SqlLexer.quoteEnd(sql, 4)).isEqualTo(sql.indexOf(" AND"));
        assertThat(SqlLexer.quoteEnd("''", 0)).isEqualTo(2);
    }

    @Test
    void aDoubledQuoteStaysInside() {
        assertThat(SqlLexer.quoteEnd("'it''s' || x", 0)).isEqualTo(7);
        assertThat(SqlLexer.quoteEnd("'''' x", 0)).isEqualTo(4);
        assertThat(SqlLexer.quoteEnd("\"a\"\"b\".c", 0)).isEqualTo(6);
    }

    @Test
    void aQuotedNameEndsAtItsOwnQuoteOnly() {
        assertThat(SqlLexer.quoteEnd("\"it's\" x", 0)).isEqualTo(6);
        assertThat(SqlLexer.quoteEnd("'say \"hi\"' x", 0)).isEqualTo(10);
    }

    @Test
    void aBackslashEscapesOnlyInAnEscapeString() {
        String sql = "E'it\\'s' || x";
        assertThat(SqlLexer.escapeStringEnd(sql, 1)).isEqualTo(8);
        // A standard string ends at the quote after the backslash (standard_conforming_strings).
        assertThat(SqlLexer.quoteEnd(sql, 1)).isEqualTo(6);
        assertThat(SqlLexer.escapeStringEnd("E'a\\\\' x", 1)).isEqualTo(6);
        assertThat(SqlLexer.escapeStringEnd("E'it''s' x", 1)).isEqualTo(8);
    }

    @Test
    void unterminatedTextRunsToTheEnd() {
        assertThat(SqlLexer.quoteEnd("'open", 0)).isEqualTo(5);
        assertThat(SqlLexer.quoteEnd("'open''", 0)).isEqualTo(7);
        assertThat(SqlLexer.escapeStringEnd("E'open\\", 1)).isEqualTo(7);
        assertThat(SqlLexer.blockCommentEnd("/* open", 0)).isEqualTo(7);
        assertThat(SqlLexer.blockCommentEnd("/* /* inner */ still open", 0)).isEqualTo(25);
    }

    @Test
    void blockCommentsNest() {
        assertThat(SqlLexer.blockCommentEnd("/* a */ b", 0)).isEqualTo(7);
        assertThat(SqlLexer.blockCommentEnd("/* a /* b */ c */ d", 0)).isEqualTo(17);
        assertThat(SqlLexer.blockCommentEnd("/**/x", 0)).isEqualTo(4);
        assertThat(SqlLexer.blockCommentEnd("x /* 'it' */ y", 2)).isEqualTo(12);
    }
}
