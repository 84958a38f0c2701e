package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void aMessageIsOneLineWithItsEscapeSequencesWrittenOut() {
        assertThat(TerminalText.oneLine("add\r\nphone\nnumber\rnow\u2028too"))
                .isEqualTo("add phone number now too");
        assertThat(TerminalText.oneLine("hello\u001b[31mRED\u001b]0;TITLE\u0007 \u001b[2J\u009b1m\u007f\u0000"))
                .isEqualTo("hello\\u001b[31mRED\\u001b]0;TITLE\\u0007 \\u001b[2J\\u009b1m\\u007f\\u0000");
        assertThat(TerminalText.oneLine("tab\tstays, and \u00e7a, \ud83d\ude00 too")).isEqualTo(
                "tab\tstays, and \u00e7a, \ud83d\ude00 too");
    }

    @Test
    void directionalOverridesAreWrittenOutAndMarksStay() {
        assertThat(TerminalText.oneLine("add_\u202etxt.exe\u202c and \u2066isolated\u2069"))
                .isEqualTo("add_\\u202etxt.exe\\u202c and \\u2066isolated\\u2069");
        assertThat(TerminalText.quoted("\u05e9\u05dc\u05d5\u05dd\u200f 1")).isEqualTo("\u05e9\u05dc\u05d5\u05dd\u200f 1");
    }

    @Test
    void aQuotedValueShowsItsLineBreaks() {
        assertThat(TerminalText.quoted("x\ny\r\tz\u001b")).isEqualTo("x\\ny\\r\\tz\\u001b");
        assertThat(TerminalText.quoted("already\\u001b")).isEqualTo("already\\u001b");
    }

    @Test
    void linesStayApart() {
        assertThat(TerminalText.lines("first\u001b[2J\r\n\tat second\u0007\n")).isEqualTo(
                "first\\u001b[2J\n\tat second\\u0007\n");
    }
}
