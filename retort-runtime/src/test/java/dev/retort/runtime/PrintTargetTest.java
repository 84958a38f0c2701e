package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintTargetTest {
    @Test
    void aStatementEndingInALineCommentHasItsSemicolonOnTheNextLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintTarget target = new PrintTarget(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        target.execute("ALTER TABLE acct ALTER COLUMN balance TYPE bigint USING balance::bigint -- widen");
        target.execute("CREATE INDEX ix_acct ON acct (id)\nWHERE balance > 0 -- positive only\n");
        target.execute("-- a note\nUPDATE acct SET balance = balance + 100");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                ALTER TABLE acct ALTER COLUMN balance TYPE bigint USING balance::bigint -- widen
                ;

                CREATE INDEX ix_acct ON acct (id)
                WHERE balance > 0 -- positive only
                ;

                -- a note
                UPDATE acct SET balance = balance + 100;

                """);
    }
}
