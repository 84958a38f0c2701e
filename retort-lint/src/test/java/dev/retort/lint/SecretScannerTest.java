package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretScannerTest {
    private static List<Finding> secrets(String text) {
        return Lint.withCode(Lint.java(text, op -> op.execute("SELECT 1")), "RT116");
    }

    /**
     * A long run of the characters a key or a URL scheme is made of (a literal of 5 MB in a data migration) was read
     * to its end from each of its characters: hours for 100,000 of them. Now one pass; still found after the run.
     */
    @Test
    void aLongLineIsScannedInOnePass() {
        for (String run : List.of("x", "a.", "db.key", "1-")) {
            String line = "INSERT INTO t VALUES ('" + run.repeat(100_000 / run.length()) + "');";
            List<Hit> hits = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> SecretScanner.scan(line + " -- password = 'Hunter2Hunter2'\n"), run);
            assertThat(hits).as(run).singleElement().extracting(Hit::line).isEqualTo(1);
        }
    }

    @Test
    void aRolePasswordIsAnErrorOnItsLineWithoutTheSecret() {
        List<Finding> findings = secrets("-- +upgrade\nCREATE ROLE app LOGIN\n  PASSWORD 'Hunter2Hunter2';\n");
        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.line()).isEqualTo(3);
        assertThat(finding.message()).startsWith("sets a role's password as a literal (PASSWORD '***')")
                .doesNotContain("Hunter2");
    }

    @Test
    void aDollarQuotedRolePasswordIsFoundToo() {
        List<Finding> findings = secrets("-- +upgrade\nCREATE ROLE app LOGIN PASSWORD $pw$Hunter2'Hunter2$pw$;\n");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).message()).startsWith("sets a role's password as a literal").doesNotContain("Hunter2");
        assertThat(secrets("-- +upgrade\nCREATE ROLE app LOGIN PASSWORD $$${APP_PASSWORD}$$;\n")).isEmpty();
    }

    @Test
    void aConnectionStringShowsOnlyTheRedactedForm() {
        Finding finding = secrets("String url = \"postgresql://app:StrongPassw@rd123@db.internal:5432/shop\";").get(0);
        assertThat(finding.message()).startsWith("holds a connection string with a password "
                + "(postgresql://app:***@db.internal)").doesNotContain("StrongPassw");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "password = \"s3cr3t-value\"",
            "{\"api_key\": \"k-82hd82hd72\"}",
            "String dbPassword = \"correct horse\";",
            "url = \"jdbc:postgresql://db/shop?user=app&password=s3cr3t\"",
            "SELECT dblink_connect('host=db.internal user=app password=s3cr3t dbname=shop');",
            "SELECT dblink_connect('password=s3cr3t dbname=shop');",
            "-----BEGIN RSA PRIVATE KEY-----",
            "aws = AKIAIOSFODNN7EXAMPLE",
            "token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "slack xoxb-123456789012-abcdefghijkl",
            "auth eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "signingKey = \"q8Zr2Lw9Xv4Tn7Bp1Ks6Yd3Hm5Jc0Fg2\""
    })
    void eachKindOfSecretIsFound(String line) {
        assertThat(secrets("// header\n" + line)).extracting(Finding::line).containsExactly(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "database_url = \"${DATABASE_URL}\"",
            "password = \"\"",
            "password = \"change-me\"",
            "\"password\": \"<password>\"",
            "password = \"***\"",
            "\"password\": \":password\"",
            "postgresql://app:${DB_PASSWORD}@localhost/shop",
            "CREATE ROLE app LOGIN PASSWORD NULL;",
            "ALTER TABLE users ADD COLUMN password_hash text;",
            "String secretary = \"Jane\";",
            "token_type = \"bearer\"",
            "cacheKey = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
            "https://example.com/docs/path@v2",
            "SELECT dblink_connect('host=db.internal user=app password=${DB_PASSWORD} dbname=shop');",
            "SELECT dblink_connect('host=db.internal user=app dbname=shop');",
            "UPDATE users SET password=crypt(password, gen_salt('bf'));",
            "SELECT id FROM accounts WHERE user='app' AND password=crypt('x', password);"
    })
    void placeholdersAndOrdinaryCodeAreFine(String line) {
        assertThat(secrets(line)).isEmpty();
    }

    @Test
    void aLibpqConnectionStringShowsOnlyTheRedactedForm() {
        Finding finding = secrets("SELECT dblink_connect('host=db user=app password=Hunter2Hunter2 dbname=shop');")
                .get(0);
        assertThat(finding.message()).startsWith("holds a connection string with a password (password=***)")
                .doesNotContain("Hunter2");
    }

    @Test
    void withoutTheFileTextTheExecutedSqlIsScanned() {
        List<Finding> findings = Lint.withCode(Lint.ops(op -> op.execute("CREATE ROLE app PASSWORD 'x9Zq2LmP'")), "RT116");
        assertThat(findings).extracting(Finding::line).containsExactly(0);
    }
}
