package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Joining statements with {@code ;\n} and splitting the script gives back the same statements, on the right lines. */
class ScriptSplitterPropertyTest {
    private final PostgresDialect dialect = new PostgresDialect();

    /** Pieces of SQL that may start or end a statement; several hide a semicolon or a newline. */
    private static final List<String> CODE = List.of(
            "SELECT 1", "INSERT INTO t VALUES (1, 2)", "x", "$1", "a$b", "e", "E",
            "'plain'", "'semi;colon'", "'it''s;'", "''", "E'\\';'", "e'\\\\'", "E'\\n;'",
            "\"Quoted;Name\"", "\"a\"\"b;\"", "U&'x;'",
            "$$ ; $$", "$fn$ ; $$ ; $fn$", "$a$\n;\n$a$", "$_1$ $ ; $_1$",
            "(a; b)", "f(x, (y; z))", "'multi\nline;'", "1.5e3");

    /** Pieces that may only sit between code, such as comments. */
    private static final List<String> INNER = List.of(
            "-- comment; with semicolon\n", "--\n", "/* block; */", "/* outer /* inner; */ ; */", "\n", " ", "\t");

    @Property
    void joiningAndSplittingIsTheIdentity(@ForAll("statements") List<String> statements) {
        String script = String.join(";\n", statements);

        List<SqlStatement> split = dialect.split(script);

        assertThat(split).extracting(SqlStatement::sql).containsExactlyElementsOf(statements);
        List<Integer> expectedLines = new ArrayList<>();
        int line = 1;
        for (String statement : statements) {
            expectedLines.add(line);
            line += statement.chars().filter(c -> c == '\n').count() + 1;
        }
        assertThat(split).extracting(SqlStatement::line).containsExactlyElementsOf(expectedLines);
    }

    @Property
    void aTrailingSemicolonAndBlankLinesChangeNothing(@ForAll("statements") List<String> statements) {
        String script = "\n\n" + String.join(";\n\n", statements) + ";\n  \n";

        assertThat(dialect.split(script)).extracting(SqlStatement::sql).containsExactlyElementsOf(statements);
    }

    @Provide
    Arbitrary<List<String>> statements() {
        Arbitrary<String> code = Arbitraries.of(CODE);
        Arbitrary<String> middle = Arbitraries.oneOf(code.map(piece -> " " + piece + " "), Arbitraries.of(INNER));
        // A statement starts and ends with code, so trimming and comment handling cannot change it.
        Arbitrary<String> longer = Combinators.combine(code, middle.list().ofMaxSize(6), code)
                .as((first, pieces, last) -> first + String.join("", pieces) + " " + last);
        return Arbitraries.oneOf(code, longer).list().ofMinSize(1).ofMaxSize(8);
    }
}
