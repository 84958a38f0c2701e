package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.boot.model.naming.Identifier;
import org.junit.jupiter.api.Test;

/** Names cut as PostgreSQL's {@code pg_mbcliplen} cuts them, in bytes of UTF-8 and by whole characters. */
class StoredNamesTest {

    @Test
    void aNameOfSixtyThreeBytesIsKeptAndALongerOneCut() {
        String sixtyThree = "a".repeat(63);

        assertThat(StoredNames.clipped(sixtyThree)).isEqualTo(sixtyThree);
        assertThat(StoredNames.clipped(sixtyThree + "bcd")).isEqualTo(sixtyThree);
    }

    @Test
    void aMultiByteCharacterThatDoesNotFitIsLeftOutWhole() {
        // 62 bytes, then a two-byte character that would end at byte 64: PostgreSQL keeps the 62.
        String name = "a".repeat(62) + "éé";

        assertThat(StoredNames.clipped(name)).isEqualTo("a".repeat(62));
        assertThat(StoredNames.clipped("a".repeat(61) + "ééé")).isEqualTo("a".repeat(61) + "é");
        assertThat(StoredNames.clipped("a".repeat(60) + "\uD83D\uDE00b")).isEqualTo("a".repeat(60));
    }

    @Test
    void storedFoldsAnUnquotedNameAndCutsEither() {
        assertThat(StoredNames.stored(Identifier.toIdentifier("A".repeat(70)))).isEqualTo("a".repeat(63));
        assertThat(StoredNames.stored(Identifier.toIdentifier("B".repeat(70), true))).isEqualTo("B".repeat(63));
    }
}
