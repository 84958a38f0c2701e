package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameBytesTest {
    @Test
    void aNameWithinTheLimitIsKept() {
        String name = "a".repeat(63);
        assertThat(NameBytes.clip(name, NameBytes.MAX)).isSameAs(name);
    }

    @Test
    void aLongerNameIsCutAtTheLimit() {
        assertThat(NameBytes.clip("b".repeat(70), NameBytes.MAX)).isEqualTo("b".repeat(63));
        assertThat(NameBytes.clip("abcdef", 4)).isEqualTo("abcd");
    }

    @Test
    void aCharacterThatDoesNotFitWholeIsLeftOut() {
        // é takes two bytes, € three, 𝄞 four (a surrogate pair in Java).
        assertThat(NameBytes.clip("a".repeat(62) + "é", NameBytes.MAX)).isEqualTo("a".repeat(62));
        assertThat(NameBytes.clip("a".repeat(61) + "€", NameBytes.MAX)).isEqualTo("a".repeat(61));
        assertThat(NameBytes.clip("a".repeat(59) + "𝄞𝄞", NameBytes.MAX)).isEqualTo("a".repeat(59) + "𝄞");
        assertThat(NameBytes.of("é€𝄞")).isEqualTo(9);
    }
}
