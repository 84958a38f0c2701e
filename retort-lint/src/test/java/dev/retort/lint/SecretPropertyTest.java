package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Secrets hidden among random lines are found on their line, and never echoed into a message. */
class SecretPropertyTest {
    record Embedded(List<String> before, String secret, String line, List<String> after) {
        String text() {
            StringBuilder text = new StringBuilder();
            before.forEach(l -> text.append(l).append('\n'));
            text.append(line).append('\n');
            after.forEach(l -> text.append(l).append('\n'));
            return text.toString();
        }
    }

    @Property(tries = 300)
    void embeddedSecretsAreFoundAndNeverRepeated(@ForAll("embedded") Embedded embedded) {
        List<Finding> findings = Lint.withCode(Lint.java(embedded.text(), op -> op.execute("SELECT 1")), "RT116");
        assertThat(findings).extracting(Finding::line).contains(embedded.before().size() + 1);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain(embedded.secret()));
    }

    @Provide
    Arbitrary<Embedded> embedded() {
        Arbitrary<String> filler = Arbitraries.strings().withChars("abcdefghij klmnop(),;.").ofMaxLength(40);
        Arbitrary<List<String>> lines = filler.list().ofMaxSize(8);
        Arbitrary<String> password = Arbitraries.strings().alpha().numeric().ofMinLength(12).ofMaxLength(30);
        Arbitrary<String> upper = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofLength(16);
        Arbitrary<String[]> secretAndLine = Arbitraries.oneOf(
                password.map(p -> new String[] {p, "String password = \"" + p + "\";"}),
                password.map(p -> new String[] {p, "{\"client_secret\": \"" + p + "\"}"}),
                password.map(p -> new String[] {p, "CREATE USER app WITH PASSWORD '" + p + "';"}),
                password.map(p -> new String[] {p, "url = \"postgres://svc:" + p + "@db.example:5432/app\""}),
                password.map(p -> new String[] {p, "jdbc:postgresql://db/app?user=svc&password=" + p}),
                upper.map(k -> new String[] {"AKIA" + k, "aws_access = AKIA" + k}),
                password.map(p -> new String[] {"ghp_" + p + "abcdefghij", "gh ghp_" + p + "abcdefghij"}));
        return Combinators.combine(lines, secretAndLine, lines)
                .as((before, pair, after) -> new Embedded(before, pair[0], pair[1], after));
    }
}
