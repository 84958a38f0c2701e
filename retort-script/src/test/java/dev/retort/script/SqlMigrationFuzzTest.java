package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraphException;
import dev.retort.revision.RevisionMap;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * SQL migration files of any shape either parse or fail with a {@link ScriptException} whose message is
 * one line naming the file; and what {@link ScriptWriter} writes always parses back to the same header.
 */
class SqlMigrationFuzzTest {
    private static final String FILE = "1a2b3c4d5e6f_fuzz.sql";
    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final List<String> KEYS =
            List.of("revision", "down_revision", "message", "branch_labels", "depends_on", "create_date");
    private static final List<String> MARKERS = List.of("-- +upgrade", "-- +downgrade", "-- +autocommit",
            "-- +end-autocommit", "--+upgrade", "-- +UPGRADE", "  -- +downgrade  ");

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(12);
    }

    @Provide
    Arbitrary<List<String>> headers() {
        return headerLines().list().ofMaxSize(12);
    }

    private Arbitrary<String> headerLines() {
        Arbitrary<String> value = Arbitraries.oneOf(ids(), ids().list().ofMaxSize(3).map(l -> String.join(", ", l)),
                Arbitraries.of("none", "NONE", "", ",", " , ", "1A2B3C4D5E6F", "1a2b3c4d5e6", "head", "x\ry",
                        "a\u2028b", "\u0000", "\ud83d\ude00"),
                Arbitraries.strings().ofMaxLength(20).map(s -> s.replace('\n', ' ')));
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.of("Revision", "DOWN_REVISION",
                "down_revison", "x", "", " revision", "re vision"), Arbitraries.strings().withCharRange('a', 'z')
                .withChars('_').ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> keyed = Builders.withBuilder(StringBuilder::new)
                .use(Arbitraries.of("--", "-- ", "--  ", "---", " -- ")).in((b, p) -> b.append(p))
                .use(key).in((b, k) -> b.append(k))
                .use(Arbitraries.of(":", ": ", " : ", "=", "")).in((b, s) -> b.append(s))
                .use(value).in((b, v) -> b.append(v))
                .build(StringBuilder::toString);
        return Arbitraries.frequencyOf(
                Tuple.of(8, keyed),
                Tuple.of(2, Arbitraries.of(MARKERS)),
                Tuple.of(2, Arbitraries.of("", "   ", "--", "-- plain comment", "-- a: b: c",
                        "SELECT 1;", "/* block */", "CREATE TABLE t (v text DEFAULT '--');", "$$", "'")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30).map(s -> s.replace('\n', ' '))));
    }

    @Property(tries = 2000)
    void randomHeadersParseOrNameTheFile(@ForAll("headers") List<String> lines) {
        String text = String.join("\n", lines) + "\n-- +upgrade\nSELECT 1;\n";
        parsesOrNamesTheFile(() -> SqlMigrationParser.header(FILE, text));
        parsesOrNamesTheFile(() -> SqlMigrationParser.body(FILE, text, DIALECT));
    }

    @Property(tries = 2000)
    void randomFilesParseOrNameTheFile(@ForAll("headers") List<String> lines) {
        String text = String.join("\n", lines);
        parsesOrNamesTheFile(() -> SqlMigrationParser.header(FILE, text));
        parsesOrNamesTheFile(() -> SqlMigrationParser.body(FILE, text, DIALECT));
    }

    @Property(tries = 1000)
    void anyTextParsesOrNamesTheFile(@ForAll @StringLength(max = 200) String text) {
        parsesOrNamesTheFile(() -> SqlMigrationParser.header(FILE, text));
        parsesOrNamesTheFile(() -> SqlMigrationParser.body(FILE, text, DIALECT));
        String withHeader = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n-- +upgrade\n" + text;
        parsesOrNamesTheFile(() -> SqlMigrationParser.body(FILE, withHeader, DIALECT));
    }

    @Provide
    Arbitrary<String> markers() {
        return Arbitraries.of(MARKERS);
    }

    /** How a text that may span lines opens and closes: strings, quoted names, dollar quotes, block comments. */
    @Provide
    Arbitrary<List<String>> quotes() {
        return Arbitraries.of(List.of("'", "'"), List.of("E'", "'"), List.of("\"", "\""), List.of("$$", "$$"),
                List.of("$fn$", "$fn$"), List.of("/*", "*/"), List.of("/* /*", "*/ */"));
    }

    @Property(tries = 200)
    void aMarkerLineInsideQuotesIsText(@ForAll("markers") String marker, @ForAll("quotes") List<String> quote) {
        String quoted = "SELECT 0, " + quote.get(0) + "\n" + marker + "\n" + quote.get(1) + " 1";
        String text = "-- +upgrade\n" + quoted + ";\n-- +downgrade\nSELECT 2;\n";
        SqlMigration body = SqlMigrationParser.body(FILE, text, DIALECT);
        assertThat(body.upgrade()).hasSize(1);
        assertThat(body.upgrade().get(0).statements()).containsExactly(new SqlStatement(quoted, 2));
        assertThat(body.downgrade().orElseThrow().get(0).statements()).containsExactly(new SqlStatement("SELECT 2", 6));
    }

    @Provide
    Arbitrary<List<String>> idLists() {
        return ids().list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<String>> labelLists() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '.', '-').ofMinLength(1).ofMaxLength(12)
                .filter(l -> l.matches("[A-Za-z_][A-Za-z0-9_.-]*") && !l.equalsIgnoreCase("none"))
                .list().ofMaxSize(3).uniqueElements();
    }

    @Provide
    Arbitrary<LocalDateTime> times() {
        return Arbitraries.longs().between(0, 4_000_000_000L)
                .map(s -> LocalDateTime.of(1970, 1, 1, 0, 0).plusSeconds(s));
    }

    @Property(tries = 1000)
    void writtenFilesParseBackToTheSameHeader(@ForAll("ids") String id, @ForAll String message,
            @ForAll("idLists") List<String> down, @ForAll("labelLists") List<String> label,
            @ForAll("idLists") List<String> depends, @ForAll("times") LocalDateTime created, @ForAll List<String> summary) {
        NewRevision written = new NewRevision(id, message, down, label, depends, created, ScriptKind.SQL,
                "CREATE TABLE t (v text DEFAULT ';');", "DROP TABLE t;", List.of(), summary.stream().limit(5).toList(), "");
        String text = ScriptWriter.sql(written);

        SqlMigrationParser.Header header = SqlMigrationParser.header(FILE, text);
        Revision read = header.revision();
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.downRevisions()).isEqualTo(down);
        assertThat(List.copyOf(read.branchLabels())).isEqualTo(label);
        assertThat(read.dependsOn()).isEqualTo(depends);
        assertThat(read.message()).isEqualTo(written.message());
        assertThat(header.created()).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(created));
        SqlMigration body = SqlMigrationParser.body(FILE, text, DIALECT);
        assertThat(body.upgrade().get(0).statements().get(0).sql()).isEqualTo("CREATE TABLE t (v text DEFAULT ';')");
        assertThat(body.downgrade().orElseThrow().get(0).statements().get(0).sql()).isEqualTo("DROP TABLE t");
    }

    @Test
    void aHeaderValueWithALineBreakIsShownOnOneLine() {
        assertThatThrownBy(() -> SqlMigrationParser.header(FILE, "-- revision: 1a2b\r3c4d5e6f\n-- +upgrade\n"))
                .isInstanceOf(ScriptException.class)
                .hasMessage(FILE + ": revision id '1a2b\\r3c4d5e6f' is not 12 lowercase hex characters.");
    }

    @Test
    void aBranchLabelNamedNoneCannotBeCreatedSinceItCouldNotBeReadBack() {
        assertThat(SqlMigrationParser.header(FILE, "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n"
                + "-- branch_labels: None\n-- +upgrade\n").revision().branchLabels()).isEmpty();
        assertThatThrownBy(() -> RevisionMap.of(List.of(new Revision("1a2b3c4d5e6f", List.of(), Set.of("None"),
                List.of(), "", FILE)))).isInstanceOf(RevisionGraphException.class)
                .hasMessageContaining("Branch label 'None' of revision 1a2b3c4d5e6f").hasMessageContaining("or none");
    }

    private static void parsesOrNamesTheFile(Supplier<?> parse) {
        try {
            assertThat(parse.get()).isNotNull();
        } catch (RetortException e) {
            assertThat(e).isInstanceOf(ScriptException.class);
            assertThat(e.getMessage()).startsWith(FILE);
            assertThat(e.getMessage().chars().filter(c -> c == '\n' || c == '\r' || c == '\u2028' || c == '\u0085'))
                    .as("a one-line message: " + e.getMessage()).isEmpty();
        }
    }
}
