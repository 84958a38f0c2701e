package dev.retort.lint;

import static dev.retort.operation.Operations.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierLengthsTest {
    @Test
    void aNameOverSixtyThreeBytesIsAnErrorNamingTheTruncatedForm() {
        String longName = "ix_" + "customer_".repeat(7) + "email";   // 71 bytes
        List<Finding> findings = Lint.java("op.createIndex(\"" + longName + "\", \"users\", \"email\").concurrently();",
                op -> op.createIndex(longName, "users", "email").concurrently());
        Finding finding = Lint.withCode(findings, "RT115").get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).isEqualTo("index name " + longName + " is 71 bytes; PostgreSQL truncates names "
                + "to 63 bytes, so it would be stored as " + longName.substring(0, 63) + "; shorten it");
        assertThat(finding.line()).isEqualTo(1);
    }

    @Test
    void bytesCountNotCharactersAndTruncationKeepsWholeCharacters() {
        String name = "ä".repeat(32);   // 32 characters, 64 bytes
        assertThat(Lint.withCode(Lint.ops(op -> op.createTable("t", column(name, "int"))), "RT115")).hasSize(1);
        assertThat(IdentifierLengths.truncate(name)).isEqualTo("ä".repeat(31));
    }

    @Test
    void aNameOfExactlySixtyThreeBytesIsFine() {
        String name = "a".repeat(63);
        assertThat(Lint.ops(op -> {
            op.createTable(name, column(name, "int"));
            op.createSchema(name);
            op.createEnum(name, "x");
        })).isEmpty();
    }

    @Test
    void eachLongNameIsReportedOnce() {
        String table = "t".repeat(70);
        assertThat(Lint.withCode(Lint.ops(op -> {
            op.createTable(table, column("id", "int"));
            op.addColumn(table, column("b", "int"));
        }), "RT115")).hasSize(1);
    }
}
