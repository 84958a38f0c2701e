package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.revision.Revision;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlMigrationParserTest {
    private static final String FILE = """
            -- revision: 1a2b3c4d5e6f
            -- down_revision: 0f9e8d7c6b5a, 00aa11bb22cc
            -- message: create users table
            -- branch_labels: accounts
            -- depends_on: abcdefabcdef
            -- create_date: 2026-11-25 10:00:00

            -- +upgrade
            CREATE TABLE users (id bigint PRIMARY KEY, note text DEFAULT ';');
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            -- +autocommit
            CREATE INDEX CONCURRENTLY ix_users_note ON users (note);
            -- +end-autocommit
            -- +downgrade
            DROP TABLE users;
            """;

    @Test
    void readsEveryHeaderKey() {
        Revision r = SqlMigrationParser.header("x.sql", FILE).revision();
        assertThat(r.id()).isEqualTo("1a2b3c4d5e6f");
        assertThat(r.downRevisions()).containsExactly("0f9e8d7c6b5a", "00aa11bb22cc");
        assertThat(r.message()).isEqualTo("create users table");
        assertThat(r.branchLabels()).containsExactly("accounts");
        assertThat(r.dependsOn()).containsExactly("abcdefabcdef");
        assertThat(SqlMigrationParser.header("x.sql", FILE).created()).isEqualTo("2026-11-25 10:00:00");
    }

    @Test
    void noneMeansARoot() {
        String text = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n-- +upgrade\nSELECT 1;\n";
        assertThat(SqlMigrationParser.header("x.sql", text).revision().downRevisions()).isEmpty();
    }

    @Test
    void splitsSectionsAndAutocommitBlocksWithFileLineNumbers() {
        SqlMigration m = SqlMigrationParser.body("x.sql", FILE, new PostgresDialect());
        assertThat(m.upgrade()).hasSize(2);
        assertThat(m.upgrade().get(0).autocommit()).isFalse();
        assertThat(m.upgrade().get(0).statements()).hasSize(2);
        assertThat(m.upgrade().get(0).statements().get(0).line()).isEqualTo(9);
        assertThat(m.upgrade().get(0).statements().get(1).sql()).contains("SELECT 1; $$");
        assertThat(m.upgrade().get(1).autocommit()).isTrue();
        assertThat(m.upgrade().get(1).statements().get(0).line()).isEqualTo(12);
        assertThat(m.downgrade()).isPresent();
        assertThat(m.downgrade().get().get(0).statements().get(0).sql()).isEqualTo("DROP TABLE users");
    }

    @Test
    void aMissingDowngradeSectionIsRemembered() {
        String text = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n-- +upgrade\nSELECT 1;\n";
        assertThat(SqlMigrationParser.body("x.sql", text, new PostgresDialect()).downgrade()).isEmpty();
    }

    @Test
    void headerLinesThatDoNotReadAsAKeyAreComments() {
        String text = """
                -- revision: 1a2b3c4d5e6f
                --
                -- Adds things; see https://example.com/ticket/12 (a colon after words is fine)
                -- Note - no colon right after the first word
                -- step 2: more than one word before the colon
                -- down_revision: none
                -- +upgrade
                -- Note: below the marker a comment may read like a key
                SELECT 1;
                """;
        assertThat(SqlMigrationParser.header("x.sql", text).revision().downRevisions()).isEmpty();
        assertThat(SqlMigrationParser.body("x.sql", text, new PostgresDialect()).upgrade().get(0).statements())
                .containsExactly(new SqlStatement("SELECT 1", 9));
    }

    @Test
    void aHeaderCommentThatReadsAsAnUnknownKeySaysHowToWriteAComment() {
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql",
                "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n-- Note: this adds things\n-- +upgrade\n"))
                .isInstanceOf(ScriptException.class)
                .hasMessage("a.sql:3: unknown header key 'note'; the keys are revision, down_revision, message, "
                        + "branch_labels, depends_on, create_date. To write a comment, leave out the colon after "
                        + "its first word, or put it below '-- +upgrade'.");
    }

    @Test
    void headerErrorsNameTheFileAndLine() {
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", "-- down_revision: none\n-- +upgrade\n"))
                .hasMessageContaining("a.sql").hasMessageContaining("revision:");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", "-- revision: 1a2b3c4d5e6f\n-- +upgrade\n"))
                .hasMessageContaining("down_revision: none");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", "-- revision: XYZ\n-- down_revision: none\n-- +upgrade\n"))
                .hasMessageContaining("'XYZ' is not 12 lowercase hex");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql",
                "-- revision: 1a2b3c4d5e6f\n-- down_revison: none\n-- +upgrade\n"))
                .hasMessageContaining("a.sql:2: unknown header key 'down_revison'");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n"))
                .hasMessageContaining("a.sql: no '-- +upgrade' section");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", "CREATE TABLE x ();\n-- +upgrade\n"))
                .hasMessageContaining("a.sql:1: SQL before the '-- +upgrade' marker");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql",
                "-- revision: 1a2b3c4d5e6f\n-- down_revision: bogus\n-- +upgrade\n"))
                .hasMessageContaining("down_revision 'bogus'");
    }

    @Test
    void aMistypedMarkerOrAnEmptyDownRevisionIsAnError() {
        String head = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n";
        PostgresDialect d = new PostgresDialect();
        // Taken for a comment, the misspelt marker would run the DROP as part of the upgrade.
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nCREATE TABLE t (id int);\n"
                + "-- +downgarde\nDROP TABLE t;\n", d))
                .hasMessageStartingWith("a.sql:5: '-- +downgarde' is not a marker; the markers are '-- +upgrade'");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", head + "--+upgrad\n-- +upgrade\n"))
                .hasMessageStartingWith("a.sql:3: '--+upgrad' is not a marker");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql",
                "-- revision: 1a2b3c4d5e6f\n-- down_revision:\n-- +upgrade\n"))
                .hasMessageContaining("a.sql:2: '-- down_revision:' is empty; write the id of the revision this one "
                        + "follows, or 'none' for a first migration.");
        // A '+' without a letter after it is no marker's form: a comment.
        assertThat(SqlMigrationParser.body("a.sql", head + "-- +upgrade\n-- +1 for this\nSELECT 1;\n", d)
                .upgrade()).hasSize(1);
    }

    @Test
    void markersMayBeIndentedInAnyCaseAndSpacedBeforeThePlus() {
        String text = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n  -- +Upgrade\nCREATE TABLE t (id int);\n"
                + "\t--+AUTOCOMMIT\nCREATE INDEX CONCURRENTLY ix ON t (id);\n    -- +End-Autocommit  \n"
                + "--   +DOWNGRADE\nDROP TABLE t;\n";
        PostgresDialect d = new PostgresDialect();

        assertThat(SqlMigrationParser.header("a.sql", text).revision().id()).isEqualTo("1a2b3c4d5e6f");
        SqlMigration m = SqlMigrationParser.body("a.sql", text, d);

        assertThat(m.upgrade()).extracting(SqlMigration.Block::autocommit).containsExactly(false, true);
        assertThat(m.downgrade().orElseThrow()).hasSize(1);
        assertThat(m.downgrade().orElseThrow().get(0).statements().get(0).sql()).isEqualTo("DROP TABLE t");
    }

    @Test
    void aSpaceAfterThePlusOrInTheWordIsRefusedWithTheExactForm() {
        String head = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n";
        PostgresDialect d = new PostgresDialect();
        // Read as a comment, '-- + downgrade' would leave the DROP in the upgrade.
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nCREATE TABLE t (id int);\n"
                + "-- + downgrade\nDROP TABLE t;\n", d))
                .hasMessage("a.sql:5: '-- + downgrade' is not a marker; write it '-- +downgrade', the word right "
                        + "after the '+'.");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\n-- +end - autocommit\n", d))
                .hasMessageStartingWith("a.sql:4: '-- +end - autocommit' is not a marker; write it "
                        + "'-- +end-autocommit'");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", head + "-- + upgrade\n"))
                .hasMessageStartingWith("a.sql:3: '-- + upgrade' is not a marker; write it '-- +upgrade'");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade now\nSELECT 1;\n", d))
                .hasMessageStartingWith("a.sql:3: '-- +upgrade now' is not a marker; the markers are");
    }

    @Test
    void aMarkerWithoutItsPlusIsRefusedRatherThanRunInTheSectionBefore() {
        String head = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n";
        PostgresDialect d = new PostgresDialect();
        // Read as a comment, '-- downgrade' left the DROP in the upgrade: the upgrade added and dropped the column.
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nALTER TABLE t ADD c int;\n"
                + "-- downgrade\nALTER TABLE t DROP c;\n", d))
                .hasMessage("a.sql:5: '-- downgrade' is not a marker; write it '-- +downgrade', with the '+' (as a "
                        + "comment, the statements after it would stay in the section before it).");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nSELECT 1;\n-- Downgrade:\n", d))
                .hasMessageStartingWith("a.sql:5: '-- Downgrade:' is not a marker; write it '-- +downgrade'");
        // A comment with more words than the marker's is a comment; so is the word where it changes nothing: in the
        // header, as a heading of the upgrade or of the downgrade section (migrations applied with one read the same).
        SqlMigration m = SqlMigrationParser.body("a.sql", head + "-- Upgrade\n-- +upgrade\n-- upgrade\n"
                + "-- downgrade the prices later\nSELECT 1;\n-- +downgrade\n-- Downgrade\n"
                + "-- downgrade: nothing to undo\n"
                + "SELECT 2;\n", d);
        assertThat(m.upgrade().get(0).statements()).hasSize(1);
        assertThat(m.downgrade().orElseThrow().get(0).statements()).hasSize(1);
        assertThat(SqlMigrationParser.header("a.sql", head + "-- Upgrade\n-- +upgrade\nSELECT 1;\n").revision().id())
                .isEqualTo("1a2b3c4d5e6f");
        // A heading right above the downgrade's marker misplaces no statement.
        SqlMigration headed = SqlMigrationParser.body("a.sql", head + "-- +upgrade\nSELECT 1;\n\n-- Downgrade\n"
                + "-- +downgrade\nSELECT 2;\n", d);
        assertThat(headed.upgrade().get(0).statements()).hasSize(1);
        assertThat(headed.downgrade().orElseThrow().get(0).statements()).hasSize(1);
    }

    @Test
    void aFileWhoseLinesEndInACarriageReturnAloneIsToldSo() {
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql",
                "-- revision: 1a2b3c4d5e6f\r-- down_revision: none\r-- +upgrade\rSELECT 1;\r"))
                .hasMessage("a.sql: its lines end in a carriage return alone (as on classic Mac OS), so Retort reads "
                        + "it as one line; save it with LF (or CRLF) line ends.");
    }

    @Test
    void aMarkerWithMoreDashesIsRefusedWithTheExactForm() {
        String head = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n";
        PostgresDialect d = new PostgresDialect();
        // Read as a comment, '--- +downgrade' left the DROP in the upgrade, which then created and dropped the table.
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nCREATE TABLE t (id int);\n"
                + "--- +downgrade\nDROP TABLE t;\n", d))
                .hasMessage("a.sql:5: '--- +downgrade' is not a marker; write it '-- +downgrade', the word right "
                        + "after the '+'.");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nSELECT 1;\n"
                + "  ----+AutoCommit\nVACUUM;\n", d))
                .hasMessageStartingWith("a.sql:5: '----+AutoCommit' is not a marker; write it '-- +autocommit'");
        assertThatThrownBy(() -> SqlMigrationParser.header("a.sql", head + "--- +upgrade\n"))
                .hasMessageStartingWith("a.sql:3: '--- +upgrade' is not a marker; write it '-- +upgrade'");
        // Dashes and a '+' before something else are a comment, as '-- +1' is.
        assertThat(SqlMigrationParser.body("a.sql", head + "-- +upgrade\n---- +1 for this\nSELECT 1;\n", d)
                .upgrade()).hasSize(1);
    }

    @Test
    void bodyErrorsNameTheFileAndLine() {
        String head = "-- revision: 1a2b3c4d5e6f\n-- down_revision: none\n";
        PostgresDialect d = new PostgresDialect();
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nSELECT 'oops;\n", d))
                .hasMessageStartingWith("a.sql: ").hasMessageContaining("line 4");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\nSELECT $$ body;\n", d))
                .hasMessageStartingWith("a.sql: ").hasMessageContaining("line 4");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\n-- +autocommit\nSELECT 1;\n", d))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +upgrade\n-- +end-autocommit\n", d))
                .hasMessageContaining("without a '-- +autocommit'");
        assertThatThrownBy(() -> SqlMigrationParser.body("a.sql", head + "-- +downgrade\n-- +upgrade\n", d))
                .isInstanceOf(ScriptException.class);
    }

    @Test
    void aMarkerLineInsideADollarQuotedBodyIsPartOfTheBody() {
        for (String quote : List.of("$$", "$fn$")) {
            String text = """
                    -- revision: 1a2b3c4d5e6f
                    -- down_revision: none
                    -- +upgrade
                    CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS %1$s
                    BEGIN
                    -- +downgrade
                    -- +autocommit
                      RETURN 1;
                    END
                    %1$s;
                    SELECT f();
                    -- +downgrade
                    DROP FUNCTION f();
                    """.formatted(quote);
            SqlMigration m = SqlMigrationParser.body("x.sql", text, new PostgresDialect());
            assertThat(m.upgrade()).hasSize(1);
            assertThat(m.upgrade().get(0).statements()).extracting(s -> s.sql().lines().count(), s -> s.line())
                    .containsExactly(tuple(7L, 4), tuple(1L, 11));
            assertThat(m.upgrade().get(0).statements().get(0).sql()).contains("\n-- +downgrade\n-- +autocommit\n");
            assertThat(m.downgrade().orElseThrow().get(0).statements()).containsExactly(
                    new SqlStatement("DROP FUNCTION f()", 13));
        }
    }

    @Test
    void aMarkerLineInsideAStringQuotedNameOrBlockCommentIsNoMarker() {
        String text = """
                -- +upgrade
                INSERT INTO notes VALUES ('a
                -- +downgrade
                b', E'c\\'
                -- +end-autocommit
                ');
                CREATE TABLE "odd
                -- +upgrade
                name" (id int);
                /* a comment
                -- +autocommit
                */
                SELECT 1;
                -- +downgrade
                SELECT 2;
                """;
        SqlMigration m = SqlMigrationParser.body("x.sql", text, new PostgresDialect());
        assertThat(m.upgrade()).hasSize(1);
        assertThat(m.upgrade().get(0).statements()).extracting(SqlStatement::line).containsExactly(2, 7, 13);
        assertThat(m.downgrade().orElseThrow().get(0).statements()).containsExactly(new SqlStatement("SELECT 2", 15));
    }

    @Test
    void aMarkerCountsOnlyAloneOnItsLineAndEndsAStatementWithoutItsSemicolon() {
        // After SQL on its line a marker would be a comment, and the DROP below it part of the upgrade: refused.
        assertThatThrownBy(() -> SqlMigrationParser.body("x.sql", "-- +upgrade\nSELECT 1; -- +downgrade\nDROP TABLE t",
                new PostgresDialect())).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("x.sql: '-- +downgrade' at line 2 follows SQL on its line");
        // A comment of the marker's word inside a column list: named, not reported as an unclosed parenthesis.
        assertThatThrownBy(() -> SqlMigrationParser.body("x.sql", "-- +upgrade\nCREATE TABLE t (\n  id int,\n"
                + "  -- downgrade\n  x int\n);\n-- +downgrade\nDROP TABLE t;\n", new PostgresDialect()))
                .hasMessage("x.sql: '-- downgrade' at line 4 stands inside the parenthesis opened at line 2, which no "
                        + "')' closes before it: close the statement before the marker, or, if the line is a comment, "
                        + "write it in other words");
        String text = """
                -- +upgrade
                SELECT 1; -- a comment
                CREATE TABLE t (id int)
                  -- +DOWNGRADE \r
                DROP TABLE t
                """;
        SqlMigration m = SqlMigrationParser.body("x.sql", text, new PostgresDialect());
        assertThat(m.upgrade().get(0).statements()).containsExactly(new SqlStatement("SELECT 1", 2),
                new SqlStatement("CREATE TABLE t (id int)", 3));
        assertThat(m.downgrade().orElseThrow().get(0).statements()).containsExactly(
                new SqlStatement("DROP TABLE t", 5));
    }

    @Test
    void writerOutputParsesBack() {
        NewRevision r = new NewRevision("00aa11bb22cc", "add phone", List.of("1a2b3c4d5e6f"), List.of("x"),
                List.of(), java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 5), ScriptKind.SQL,
                "ALTER TABLE users ADD COLUMN phone varchar(20);", "ALTER TABLE users DROP COLUMN phone;");
        String text = ScriptWriter.sql(r);
        Revision parsed = SqlMigrationParser.header("f.sql", text).revision();
        assertThat(parsed.id()).isEqualTo("00aa11bb22cc");
        assertThat(parsed.downRevisions()).containsExactly("1a2b3c4d5e6f");
        assertThat(parsed.branchLabels()).containsExactly("x");
        assertThat(parsed.message()).isEqualTo("add phone");
        SqlMigration body = SqlMigrationParser.body("f.sql", text, new PostgresDialect());
        assertThat(body.upgrade().get(0).statements().get(0).sql()).isEqualTo("ALTER TABLE users ADD COLUMN phone varchar(20)");
        assertThat(body.downgrade().orElseThrow().get(0).statements()).hasSize(1);
    }
}
