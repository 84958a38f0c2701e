package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.ScriptPart;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.SqlSyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {
    private final Dialect dialect = new PostgresDialect();

    private List<SqlStatement> split(String script) {
        return dialect.split(script);
    }

    private List<String> sql(String script) {
        return split(script).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void splitsAtSemicolonsAndTrims() {
        assertThat(split("CREATE TABLE a (id int);\n\n  INSERT INTO a VALUES (1) ;\nSELECT 1")).containsExactly(
                new SqlStatement("CREATE TABLE a (id int)", 1),
                new SqlStatement("INSERT INTO a VALUES (1)", 3),
                new SqlStatement("SELECT 1", 4));
    }

    @Test
    void emptyScriptsAndEmptyStatementsYieldNothing() {
        assertThat(split("")).isEmpty();
        assertThat(split(" \n\t ")).isEmpty();
        assertThat(split(";;\n;")).isEmpty();
        assertThat(split("-- only a comment\n/* and another */;\n")).isEmpty();
        assertThat(sql("SELECT 1;;SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void commentsAroundAStatementAreNotPartOfIt() {
        assertThat(split("""
                -- create the table
                /* block */ CREATE TABLE a (id int); -- trailing remark
                -- about b
                CREATE TABLE b (id int) -- no semicolon inside this comment;
                ;
                -- the end""")).containsExactly(
                new SqlStatement("CREATE TABLE a (id int)", 2),
                new SqlStatement("CREATE TABLE b (id int)", 4));
    }

    @Test
    void aByteOrderMarkBeforeAStatementIsSkippedButKeptInAString() {
        // What `cat a.sql b.sql` makes of two files saved by a Windows editor.
        assertThat(split("CREATE TABLE a (id int);\n\uFEFF-- V2\n\uFEFFCREATE TABLE b (id int);\n"
                + "\uFEFFINSERT INTO a VALUES ('\uFEFFx');")).containsExactly(
                new SqlStatement("CREATE TABLE a (id int)", 1),
                new SqlStatement("CREATE TABLE b (id int)", 3),
                new SqlStatement("INSERT INTO a VALUES ('\uFEFFx')", 4));
    }

    @Test
    void commentsInsideAStatementAreKept() {
        assertThat(sql("SELECT 1, -- one; still\n 2 /* two; */ + 3;"))
                .containsExactly("SELECT 1, -- one; still\n 2 /* two; */ + 3");
    }

    @Test
    void semicolonsInStringsDoNotSplit() {
        assertThat(sql("INSERT INTO t VALUES ('a;b', 'it''s; fine', '');SELECT ';'"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine', '')", "SELECT ';'");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertThat(sql("SELECT E'\\';', e'a\\\\';SELECT 2"))
                .containsExactly("SELECT E'\\';', e'a\\\\'", "SELECT 2");
        // In a standard string a backslash is an ordinary character, so the quote after it closes the string.
        assertThat(sql("SELECT 'a\\';SELECT 2")).containsExactly("SELECT 'a\\'", "SELECT 2");
        // A name ending in e is not an escape-string prefix.
        assertThat(sql("SELECT type'a\\';SELECT 2")).containsExactly("SELECT type'a\\'", "SELECT 2");
    }

    @Test
    void prefixedStringsAndQuotedIdentifiers() {
        assertThat(sql("SELECT U&'d\\0061;', B'01', X'1f', N'n;', \"semi;colon\", \"a\"\"b;\", U&\"x;\";SELECT 2"))
                .containsExactly("SELECT U&'d\\0061;', B'01', X'1f', N'n;', \"semi;colon\", \"a\"\"b;\", U&\"x;\"", "SELECT 2");
    }

    @Test
    void nestedBlockCommentsDoNotSplit() {
        assertThat(sql("SELECT /* outer; /* inner; */ still outer; */ 1;SELECT 2"))
                .containsExactly("SELECT /* outer; /* inner; */ still outer; */ 1", "SELECT 2");
    }

    @Test
    void lineCommentsEndAtTheLineEnd() {
        assertThat(sql("SELECT 1 -- a; b\r\n, 2;SELECT 3")).containsExactly("SELECT 1 -- a; b\r\n, 2", "SELECT 3");
        assertThat(sql("SELECT 1 - -2; SELECT 3")).containsExactly("SELECT 1 - -2", "SELECT 3");
    }

    @Test
    void dollarQuotedBodiesDoNotSplit() {
        String function = """
                CREATE FUNCTION add(a int, b int) RETURNS int AS $$
                BEGIN
                    RETURN a + b; -- ';' inside
                END;
                $$ LANGUAGE plpgsql""";
        assertThat(split(function + ";\nSELECT add(1, 2);")).containsExactly(
                new SqlStatement(function, 1),
                new SqlStatement("SELECT add(1, 2)", 6));
    }

    @Test
    void taggedDollarQuotesEndOnlyAtTheirOwnTag() {
        String body = "DO $fn$ BEGIN PERFORM $q$;$q$; RAISE NOTICE $$ $fn; $$; END $fn$";
        assertThat(sql(body + ";SELECT 1")).containsExactly(body, "SELECT 1");
        assertThat(sql("SELECT $_x1$;$_x1$, $Ab$;$ab$;$Ab$;SELECT 2"))
                .containsExactly("SELECT $_x1$;$_x1$, $Ab$;$ab$;$Ab$", "SELECT 2");
    }

    @Test
    void parametersAndDollarsInNamesAreNotDollarQuotes() {
        assertThat(sql("PREPARE p AS SELECT $1, $2;EXECUTE p(1, 2)"))
                .containsExactly("PREPARE p AS SELECT $1, $2", "EXECUTE p(1, 2)");
        assertThat(sql("SELECT price$ FROM a$b$c;SELECT 2")).containsExactly("SELECT price$ FROM a$b$c", "SELECT 2");
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() {
        assertThat(sql("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t);SELECT 1"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t)", "SELECT 1");
        assertThat(sql("SELECT 1);SELECT 2")).containsExactly("SELECT 1)", "SELECT 2");
    }

    @Test
    void sqlStandardRoutineBodiesDoNotSplit() {
        String function = """
                CREATE OR REPLACE FUNCTION grade(score int) RETURNS text
                LANGUAGE sql
                BEGIN ATOMIC
                    SELECT CASE WHEN score > 50 THEN 'pass' ELSE 'fail' END;
                    SELECT 'done';
                END""";
        String procedure = "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END";
        assertThat(sql(function + ";\n" + procedure + ";\nBEGIN;\nSELECT 1;\nEND;"))
                .containsExactly(function, procedure, "BEGIN", "SELECT 1", "END");
    }

    @Test
    void lineNumbersCountNewlinesInsideStringsCommentsAndDollarQuotes() {
        assertThat(split("SELECT 'a\nb';\n/* c\nd */\nSELECT $$\n$$;\n\"x\ny\";E'\\\n';SELECT 3"))
                .extracting(SqlStatement::line).containsExactly(1, 5, 7, 8, 9);
    }

    @Test
    void unterminatedConstructsReportWhereTheyStart() {
        assertThatThrownBy(() -> split("SELECT 1;\n\nSELECT 'abc;\nmore"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unterminated quoted string starting at line 3")
                .extracting(e -> ((SqlSyntaxException) e).line()).isEqualTo(3);
        assertThatThrownBy(() -> split("SELECT E'it\\'s"))
                .hasMessage("unterminated quoted string starting at line 1");
        assertThatThrownBy(() -> split("SELECT 1;\nSELECT \"col"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unterminated quoted identifier starting at line 2");
        assertThatThrownBy(() -> split("SELECT 1;\n/* a /* b */ still open"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unterminated block comment starting at line 2");
        assertThatThrownBy(() -> split("\n".repeat(11) + "CREATE FUNCTION f() AS $body$ BEGIN; $$ END;"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unterminated dollar-quoted string starting at line 12");
    }

    @Test
    void psqlMetaCommandsAreRefusedWithTheirLine() {
        // The server would say only "syntax error at or near \", and \set would swallow the statement after it.
        assertThatThrownBy(() -> split("SELECT 1;\n\\set ON_ERROR_STOP on\nCREATE TABLE t (id int);"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("psql meta-command \\set at line 2: Retort sends each statement to the server")
                .extracting(e -> ((SqlSyntaxException) e).line()).isEqualTo(2);
        assertThatThrownBy(() -> split("\\i other.sql")).hasMessageStartingWith("psql meta-command \\i at line 1");
        assertThatThrownBy(() -> split("SELECT 'x' AS a\n\\gexec")).hasMessageStartingWith("psql meta-command \\gexec");
        assertThatThrownBy(() -> split("SELECT 1 \\\\ SELECT 2")).hasMessageStartingWith("psql meta-command \\\\ ");
        // Backslashes in strings, escape strings, dollar quotes and comments are text.
        assertThat(sql("SELECT '\\i', E'\\\\', $$\\set$$ -- \\q\n/* \\x */;SELECT 2")).hasSize(2);
    }

    @Test
    void pgDumpsRestrictLinesAreSkipped() {
        // pg_dump writes these around every dump since PostgreSQL 17.6 (and 16.10, 15.14, ...); they guard psql only.
        String dump = "--\n-- PostgreSQL database dump\n--\n\n\\restrict cTzW2jRzJcYA3NDEW\n\nSET lock_timeout = 0;\n"
                + "CREATE TABLE public.t (id integer);\n\n\\unrestrict cTzW2jRzJcYA3NDEW\n";

        assertThat(split(dump)).containsExactly(
                new SqlStatement("SET lock_timeout = 0", 7), new SqlStatement("CREATE TABLE public.t (id integer)", 8));
        // Inside a statement, and other commands of that name, are meta-commands as before.
        assertThatThrownBy(() -> split("SELECT 1\n\\restrict k\n;"))
                .hasMessageStartingWith("psql meta-command \\restrict at line 2");
        assertThatThrownBy(() -> split("\\restrictive k")).hasMessageStartingWith("psql meta-command \\restrictive");
    }

    @Test
    void flywayPlaceholdersAreRefusedWithTheirLine() {
        // The server would say "syntax error at or near $"; ${flyway:defaultSchema} read as the psql variable
        // :defaultSchema before.
        assertThatThrownBy(() -> split("SELECT 1;\nGRANT SELECT ON t TO ${app_role};"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("placeholder ${app_role} at line 2: Flyway would replace it, but Retort sends the SQL as "
                        + "written, and the server would answer with a syntax error; write the value itself (a value "
                        + "that differs between databases can come from the database, or from a Java migration, which "
                        + "reads `-x name=value` with op.argument)")
                .extracting(e -> ((SqlSyntaxException) e).line()).isEqualTo(2);
        assertThatThrownBy(() -> split("CREATE TABLE ${flyway:defaultSchema}.coupons (code text)"))
                .hasMessageStartingWith("placeholder ${flyway:defaultSchema} at line 1: ");
        // In strings, quoted names, comments and dollar quotes it is text; $1 and $$ are SQL.
        assertThat(sql("SELECT '${a}', \"${b}\" -- ${c}\n/* ${d} */;DO $$BEGIN PERFORM '${e}'; END$$;"
                + "PREPARE p AS SELECT $1")).hasSize(3);
    }

    @Test
    void psqlVariablesAreRefusedWithTheirLine() {
        // The server would say "syntax error at or near ":"", far from what psql was meant to put there.
        assertThatThrownBy(() -> split("SELECT 1;\nINSERT INTO t VALUES (:'name', :\"col\", :count);"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("psql variable :'name' at line 2: Retort sends each statement to the server, which knows "
                        + "no psql variables; write the value itself (a value that differs between databases can come "
                        + "from the database, or from a Java migration)")
                .extracting(e -> ((SqlSyntaxException) e).line()).isEqualTo(2);
        assertThatThrownBy(() -> split("GRANT SELECT ON t TO :role")).hasMessageStartingWith("psql variable :role at");
        assertThatThrownBy(() -> split("SELECT :\"x\"")).hasMessageStartingWith("psql variable :\"x\" at line 1");
        // Casts, assignments, slices, and colons in strings, names, comments and dollar quotes are SQL.
        assertThat(sql("SELECT a::text, f(b := 1), arr[1:n], 'x:y', \"c:d\" -- :e\n/* :f */;"
                + "DO $$BEGIN v := :w; END$$")).hasSize(2);
    }

    @Test
    void theColonBetweenAKeyAndItsValueInSqlJsonIsNoVariable() {
        // PostgreSQL 16's JSON_OBJECT('a' : 'b') form: a colon after a value is not where psql's variables go.
        assertThat(sql("SELECT json_object('a':'b'), json_object('id':id), json_object(\"k\":v, 'n' :\"N\");\n"
                + "SELECT json_objectagg((k):v), json_object(1:x), json_object($$k$$:'v');")).hasSize(2);
        assertThatThrownBy(() -> split("SELECT json_object('a', :'b')"))
                .hasMessageStartingWith("psql variable :'b' at line 1");
        assertThatThrownBy(() -> split("CREATE ROLE app LOGIN PASSWORD :'pw'"))
                .hasMessageStartingWith("psql variable :'pw' at line 1");
        assertThatThrownBy(() -> split("SELECT 'a' -- :x\n, :y")).hasMessageStartingWith("psql variable :y at line 2");
    }

    @Test
    void copyFromStdinIsRefusedBeforeItsRows() {
        assertThatThrownBy(() -> split("CREATE TABLE t (a text);\nCOPY t (a) FROM stdin;\nx;y\n\\.\n"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("COPY ... FROM STDIN at line 2 needs psql to send its rows, and Retort sends statements "
                        + "only: write the rows as INSERT statements (op.bulkInsert in Java), or COPY FROM a file "
                        + "the database server can read");
        assertThatThrownBy(() -> split("copy t to STDOUT with (format csv)"))
                .hasMessageStartingWith("COPY ... TO STDOUT at line 1 needs psql to receive its rows");
        // A server-side file, a table or column called stdin, and the words in a query or a string are fine.
        assertThat(sql("COPY t FROM '/srv/t.csv';COPY stdin FROM '/srv/x';COPY (SELECT stdin FROM s) TO '/srv/y';"
                + "COPY t (a) FROM PROGRAM 'echo from stdin';SELECT 1 FROM stdin")).hasSize(5);
    }

    @Test
    void aMarkerAfterSqlOnItsLineIsRefusedRatherThanReadAsAComment() {
        // Read as a comment, it would leave the DROP in the upgrade, after the CREATE it should undo.
        assertThatThrownBy(() -> dialect.split("-- +up\nCREATE TABLE x (id int); -- +down\nDROP TABLE x;",
                line -> line.startsWith("-- +")))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("'-- +down' at line 2 follows SQL on its line, so it would be read as a comment, not as a "
                        + "marker; put the marker on a line of its own, or, if it is a comment, write it in other "
                        + "words");
        // Without markers, or with a comment that is no marker, such a comment is a comment.
        assertThat(sql("SELECT 1; -- +down\nSELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(dialect.split("-- +up\nSELECT 1; -- +1 to this\n", line -> line.startsWith("-- +u")))
                .hasSize(2);
    }

    @Test
    void anUnclosedParenthesisIsReportedWhereItOpens() {
        // The semicolons inside parentheses do not split, so the rest of the script would be one statement.
        assertThatThrownBy(() -> split("SELECT 1;\nCREATE TABLE t (id int;\nCREATE TABLE u (id int);\n"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unclosed parenthesis opened at line 2: a ')' is missing before the end of the statement")
                .extracting(e -> ((SqlSyntaxException) e).line()).isEqualTo(2);
        assertThatThrownBy(() -> dialect.split("-- +a\nSELECT f((1);\n-- +b\nSELECT 2;", line -> line.startsWith("-- +")))
                .hasMessage("'-- +b' at line 3 stands inside the parenthesis opened at line 2, which no ')' closes "
                        + "before it: close the statement before the marker, or, if the line is a comment, write it in "
                        + "other words");
        assertThatThrownBy(() -> dialect.split("-- +a\nCREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  -- +b\n  SELECT 1;\nEND;\n", line -> line.startsWith("-- +")))
                .hasMessage("'-- +b' at line 4 stands inside the routine body whose BEGIN at line 3 no END closes "
                        + "before it: end the statement before the marker, or, if the line is a comment, write it in "
                        + "other words");
        assertThat(sql("SELECT ')(' || \"(\" -- (\n/* ( */ FROM t")).containsExactly(
                "SELECT ')(' || \"(\" -- (\n/* ( */ FROM t");
    }

    @Test
    void markerLinesCutTheScriptOutsideQuotesAndComments() {
        List<ScriptPart> parts = dialect.split("""
                -- a header comment
                -- +one
                SELECT $$
                -- +one
                $$, 'a
                -- +one
                ', "b
                -- +one
                " /*
                -- +one
                */;
                SELECT 2; -- one (a marker after SQL is refused: see below)
                  -- +ONE\t
                SELECT 3
                -- +two
                """, comment -> comment.equalsIgnoreCase("-- +one") || comment.equals("-- +two"));
        assertThat(parts).extracting(ScriptPart::marker, ScriptPart::line)
                .containsExactly(tuple(null, 0), tuple("-- +one", 2), tuple("-- +ONE", 13), tuple("-- +two", 15));
        assertThat(parts.get(0).statements()).isEmpty();
        assertThat(parts.get(1).statements()).extracting(SqlStatement::line).containsExactly(3, 12);
        assertThat(parts.get(1).statements().get(0).sql()).endsWith("\"b\n-- +one\n\"");
        assertThat(parts.get(2).statements()).containsExactly(new SqlStatement("SELECT 3", 14));
        assertThat(parts.get(3).statements()).isEmpty();
    }

    @Test
    void aMarkerEndsTheStatementBeforeIt() {
        List<ScriptPart> parts = dialect.split("SELECT 1\n-- cut\nSELECT 2\n-- cut", "-- cut"::equals);
        assertThat(parts).extracting(ScriptPart::statements).containsExactly(
                List.of(new SqlStatement("SELECT 1", 1)),
                List.of(new SqlStatement("SELECT 2", 3)),
                List.of());
        // Inside a routine's body the marker is the likelier mistake (a comment of its words), and the cut would
        // leave the routine without its END: named, as a marker inside parentheses is.
        assertThatThrownBy(() -> dialect.split("CREATE FUNCTION f() BEGIN ATOMIC SELECT 1;\n-- cut\nSELECT 2",
                "-- cut"::equals)).isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("'-- cut' at line 2 "
                        + "stands inside the routine body whose BEGIN at line 1 no END closes before it");
    }

    @Test
    void withoutMarkersThereIsOnePart() {
        assertThat(dialect.split("SELECT 1;\n-- +upgrade\n", comment -> false)).containsExactly(
                new ScriptPart(null, 0, List.of(new SqlStatement("SELECT 1", 1))));
    }
}
