package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.revision.Revision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    private static String checksum(String text) {
        return new Script(Revision.of("aaaaaaaaaaaa"), Path.of("a.sql"), ScriptKind.SQL, "", text).checksum();
    }

    @Test
    void lineEndingsAndTrailingSpaceAreNotAChange() {
        String unix = "-- revision: x\nCREATE TABLE t (id int);\n";
        assertThat(checksum(unix.replace("\n", "\r\n"))).isEqualTo(checksum(unix));
        assertThat(checksum("-- revision: x   \nCREATE TABLE t (id int);\t\n\n\n")).isEqualTo(checksum(unix));
        assertThat(checksum(unix)).hasSize(64);
    }

    @Test
    void anyRealEditIs() {
        String unix = "-- revision: x\nCREATE TABLE t (id int);\n";
        assertThat(checksum(unix.replace("int", "bigint"))).isNotEqualTo(checksum(unix));
        assertThat(checksum("  " + unix)).isNotEqualTo(checksum(unix));
        assertThat(List.of(checksum("a\nb"), checksum("ab"))).doesNotHaveDuplicates();
    }
}
