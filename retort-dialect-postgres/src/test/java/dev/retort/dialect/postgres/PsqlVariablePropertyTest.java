package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.SqlSyntaxException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A psql variable ({@code :name}, {@code :'name'}, {@code :"name"}) is refused with its line; the colons of SQL
 * (casts, assignments, array slices, SQL/JSON's key: value) and colons in strings, quoted names, comments and dollar
 * quotes are not.
 */
class PsqlVariablePropertyTest {
    private final PostgresDialect dialect = new PostgresDialect();

    /** Code with colons that are SQL's own, or text. */
    private static final List<String> COLONS = List.of(
            "SELECT x::int", "'a'::text", "x :: int", "ts::timestamptz::date", "'{\"a\": 1}'::jsonb",
            "f(a := 1)", "f(a:=1)", "arr[1:2]", "arr[lo:hi]", "arr[:hi]", "arr[lo:]", "m[1:2][3:4]", "(arr)[i:j]",
            "arr[f(1):g(2)]", "'time: 10:30'", "'a:b'", "':name'", "E'\\':x'", "\"col:name\"", "\":'q'\"",
            "$$ x := :y; $$", "$fn$ :'v' $fn$", "$a$:\"b\"$a$", "interval '1:30'", "a : b", "x:1", "SELECT 1",
            "json_object('a':'b')", "json_object('k':v)", "json_objectagg((k):\"v\")");

    /** Pieces that only sit between code. */
    private static final List<String> BETWEEN = List.of("-- :name\n", "/* :'x' :\"y\" */", "\n", " ", "--\n");

    private static final List<String> VARIABLES = List.of(":name", ":'name'", ":\"name\"", ":v1", ":_x", ":Name",
            ":{?name}");

    @Property
    void sqlColonsAreNotVariables(@ForAll("scripts") List<String> pieces) {
        String script = String.join(" ", pieces);

        assertThat(dialect.split(script)).isNotEmpty();
    }

    @Property
    void aVariableAnywhereInTheCodeAfterAnOperatorIsRefusedWithItsLine(@ForAll("scripts") List<String> pieces,
            @ForAll("variables") String variable, @ForAll @IntRange(max = 100) int at) {
        int index = at % (pieces.size() + 1);
        String before = String.join(" ", pieces.subList(0, index));
        String after = String.join(" ", pieces.subList(index, pieces.size()));
        // After an operator, where a value goes; right after a value, a colon is SQL/JSON's (json_object('a':'b')).
        String script = before + " = " + variable + " " + after;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;

        assertThatThrownBy(() -> dialect.split(script))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("psql variable " + variable + " at line " + line + ": ");
    }

    @Provide
    Arbitrary<List<String>> scripts() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(COLONS)), Tuple.of(1, Arbitraries.of(BETWEEN)));
        return piece.list().ofMinSize(1).ofMaxSize(8).filter(p -> !p.stream().allMatch(BETWEEN::contains));
    }

    @Provide
    Arbitrary<String> variables() {
        return Arbitraries.of(VARIABLES);
    }
}
