package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code DO} block runs its PL/pgSQL body at once, in the migration: the SQL statements in it are checked as those
 * written outside one are, at their own lines.
 */
class DoBlocksTest {
    private static String sqlFile(String upgrade) {
        return "-- revision: a1b2c3d4e5f6\n"
                + "-- down_revision: none\n"
                + "-- message: change\n"
                + "-- +upgrade\n"
                + upgrade + "\n"
                + "-- +downgrade\nSELECT 1;\n";
    }

    private static List<String> codesAndLines(String upgrade) {
        return Lint.sql(sqlFile(upgrade)).stream().map(f -> f.code() + "@" + f.line()).toList();
    }

    @Test
    void aDropInADoBlockIsReportedAtItsLine() {
        List<Finding> findings = Lint.sql(sqlFile("""
                DO $$ BEGIN DROP TABLE accounts; END $$;
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'c') THEN
                        ALTER TABLE t DROP COLUMN c;
                    END IF;
                END
                $$;"""));

        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(
                tuple("RT101", 5), tuple("RT102", 9));
        assertThat(findings.get(0).message()).isEqualTo("drops table accounts and all its rows");
        assertThat(findings.get(1).message()).isEqualTo("drops column t.c and its data");
    }

    @Test
    void everyWayOfWritingAPlpgsqlDoBlockIsRead() {
        assertThat(codesAndLines("""
                DO $migrate$ BEGIN TRUNCATE orders; END $migrate$;
                DO LANGUAGE plpgsql $$ BEGIN DELETE FROM sessions; END $$;
                do $$ begin drop table carts; end $$ language 'plpgsql';
                DO LANGUAGE plperl $$ my $x = 'DROP TABLE users;'; $$;
                DO $$ BEGIN RAISE NOTICE 'DROP TABLE users;'; END $$;"""))
                .containsExactly("RT117@5", "RT117@6", "RT101@7");
    }

    @Test
    void plpgsqlStructureIsSkippedAndTheStatementsWithinItAreRead() {
        String upgrade = """
                DO $$
                <<outer>>
                DECLARE
                    n int := 0;
                    r record;
                BEGIN
                    n := (SELECT count(*) FROM users);
                    PERFORM pg_sleep(0);
                    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'archive' LOOP
                        RAISE NOTICE 'found %', r.tablename;
                    END LOOP;
                    WHILE n > 0 LOOP
                        n := n - 1;
                    END LOOP;
                    IF n = 0 THEN
                        UPDATE users SET active = true;
                    ELSIF n = 1 THEN
                        DELETE FROM audit;
                    ELSE
                        NULL;
                    END IF;
                    BEGIN
                        CREATE INDEX users_email ON users (email);
                    EXCEPTION WHEN duplicate_table THEN
                        DROP INDEX users_mail;
                    END;
                    COMMIT;
                END outer
                $$;""";
        assertThat(codesAndLines(upgrade)).containsExactly("RT117@22", "RT110@27", "RT110@29", "RT114@31");
    }

    @Test
    void aFunctionBodyRunsOnlyWhenCalledAndIsNotRead() {
        assertThat(Lint.sql(sqlFile("""
                CREATE FUNCTION purge() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    DROP TABLE accounts;
                END
                $$;
                DO $$ BEGIN RAISE NOTICE 'hi'; END $$;"""))).isEmpty();
    }

    @Test
    void aTableTheBlockCreatesIsNew() {
        assertThat(Lint.sql(sqlFile("""
                DO $$ BEGIN
                    CREATE TABLE staging (id int);
                    DROP TABLE staging;
                END $$;"""))).isEmpty();
    }

    @Test
    void anAllowCommentInTheBodyOrAboveTheBlockAcceptsItsStatements() {
        String upgrade = """
                DO $$
                BEGIN
                    -- retort:allow RT101 (archived in the warehouse)
                    DROP TABLE legacy_orders;
                    DROP TABLE legacy_items;  -- retort:allow RT101
                    DROP TABLE legacy_users;
                END
                $$;
                -- retort:allow RT102 (copied into full_name before)
                DO $$ BEGIN
                    ALTER TABLE users DROP COLUMN first_name;
                END $$;""";
        assertThat(codesAndLines(upgrade)).containsExactly("RT101@10");
    }

    @Test
    void sqlThatExecuteBuildsAtRunTimeIsReportedAsNotReviewed() {
        String upgrade = """
                DO $$
                DECLARE
                    t text;
                    n bigint;
                BEGIN
                    FOR t IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'tmp_%' LOOP
                        EXECUTE 'DROP TABLE ' || quote_ident(t);
                        EXECUTE format('SELECT count(*) FROM %I', t) INTO n;
                    END LOOP;
                    EXECUTE 'DROP TABLE legacy';
                    EXECUTE format('ALTER TABLE %I DROP COLUMN %I', 'users', 'nickname');
                END
                $$;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade));

        assertThat(findings).extracting(f -> f.code() + "@" + f.line())
                .containsExactly("RT124@11", "RT101@14", "RT102@15");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings.get(0).message()).isEqualTo("runs SQL that EXECUTE builds at run time, which lint "
                + "cannot read: review what it can run, then accept it with a retort:allow RT124 comment");
        assertThat(findings.get(2).message()).isEqualTo("drops column users.nickname and its data");
    }

    @Test
    void passwordsInADoBlockAreSecrets() {
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER ROLE app PASSWORD %L', 'hunter2');
                END $$;
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reporter') THEN
                        CREATE ROLE reporter LOGIN PASSWORD 'Tr0ub4dor&3';
                    END IF;
                END
                $$;""")), "RT116");

        assertThat(findings).extracting(Finding::line).containsExactly(7, 12);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("hunter2", "Tr0ub4dor"));
        assertThat(findings.get(0).message()).contains("(`ALTER ROLE app PASSWORD '***'`)");
    }

    @Test
    void aDoBlockInAJavaMigrationIsReadToo() {
        String text = """
                public class Change implements Migration {
                    public void upgrade(Operations op) {
                        op.execute(\"""
                                DO $$ BEGIN
                                    DROP TABLE accounts;
                                END $$\""");
                    }
                }
                """;
        assertThat(Lint.java(text, op -> op.execute("DO $$ BEGIN\n    DROP TABLE accounts;\nEND $$")))
                .extracting(Finding::code, Finding::line).containsExactly(tuple("RT101", 5));
    }

    @Test
    void aHeadEndsAtItsOwnThenOrLoopNotOneInParenthesesOrACaseExpression() {
        String upgrade = """
                DO $$
                DECLARE
                    r record;
                BEGIN
                    IF (SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM users) = 0 THEN
                        DROP TABLE categories CASCADE;
                    ELSIF CASE WHEN true THEN 1 END = 1 THEN
                        DROP TABLE tags;
                    END IF;
                    CASE WHEN (SELECT CASE WHEN true THEN 1 END) = 1 THEN
                        TRUNCATE orders;
                    END CASE;
                    FOR r IN SELECT * FROM (SELECT 1 AS loop) s LOOP
                        DELETE FROM sessions;
                    END LOOP;
                END $$;""";
        assertThat(codesAndLines(upgrade)).containsExactly("RT101@10", "RT101@12", "RT117@15", "RT117@18");
    }

    @Test
    void aFormatThatCannotBeReadIsDynamicSqlNotACrash() {
        String upgrade = """
                DO $$ BEGIN EXECUTE format('SELECT %3000000000$s', 1); END $$;
                DO $$ BEGIN EXECUTE format('DROP TABLE %3000000000$s', 'users'); END $$;
                DO $$ BEGIN EXECUTE format('DROP TABLE %s.%s', 'users'); END $$;
                DO $$ BEGIN EXECUTE format('DROP TABLE users%'); END $$;
                DO $$ BEGIN EXECUTE format('DROP TABLE %-10s', 'users'); END $$;
                DO $$ BEGIN EXECUTE format('DROP TABLE %0$s', 'users'); END $$;
                DO $$ BEGIN EXECUTE format('DROP TABLE %s', 'users'); END $$;""";
        assertThat(codesAndLines(upgrade))
                .containsExactly("RT124@6", "RT124@7", "RT124@8", "RT124@9", "RT124@10", "RT101@11");
    }

    @Test
    void aBodyWithAStringOrCommentLeftOpenIsNoCrash() {
        for (String upgrade : List.of("DO $$ BEGIN EXECUTE 'DROP TABLE users; END $$;",
                "DO $$ BEGIN EXECUTE format('DROP TABLE %s', 'users); END $$;",
                "DO $$ BEGIN EXECUTE $x$DROP TABLE users; END $$;",
                "DO $$ BEGIN DROP TABLE users; /* END $$;", "DO $$ BEGIN EXECUTE E'DROP TABLE \\",
                "DO $$ BEGIN DROP TABLE users; END", "DO $$ BEGIN EXECUTE format(")) {
            assertThat(Lint.sql(sqlFile(upgrade))).isNotNull();
        }
    }

    @Test
    void aDoBlockOnOneLineOfAJavaMigrationIsReportedAtThatLine() {
        String sql = "DO $$\nBEGIN\n  UPDATE users SET username = username WHERE id = 1;\n  DROP TABLE categories;\n"
                + "  EXECUTE format('ALTER ROLE app PASSWORD %L', 'hunter2');\nEND $$";
        String text = """
                public class Change implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("%s");
                        op.execute("SELECT 1");
                    }
                }
                """.formatted(sql.replace("\n", "\\n"));
        assertThat(Lint.java(text, op -> {
            op.execute(sql);
            op.execute("SELECT 1");
        })).extracting(Finding::code, Finding::line).containsExactlyInAnyOrder(tuple("RT116", 3), tuple("RT101", 3));

        String allowed = text.replace("        op.execute(\"DO",
                "        // retort:allow RT101 RT116\n        op.execute(\"DO");
        assertThat(Lint.java(allowed, op -> op.execute(sql))).isEmpty();
    }

    @Test
    void aDoBlockWrittenOneLineAPieceInAJavaMigrationIsReportedAtItsLines() {
        String text = """
                public class Change implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("DO $$\\n"
                                + "BEGIN\\n"
                                + "  DROP TABLE categories;\\n"
                                + "END $$");
                    }
                }
                """;
        assertThat(Lint.java(text, op -> op.execute("DO $$\nBEGIN\n  DROP TABLE categories;\nEND $$")))
                .extracting(Finding::code, Finding::line).containsExactly(tuple("RT101", 5));
    }

    @Test
    void aStatementRefusedInATransactionIsAnErrorInADoBlockEvenInAnAutocommitBlock() {
        // PostgreSQL runs a DO block as a function, and refuses such a statement there whatever the transaction:
        // "CREATE INDEX CONCURRENTLY cannot be executed from a function".
        String upgrade = """
                DO $$
                BEGIN
                    CREATE INDEX CONCURRENTLY users_email ON users (email);
                    EXECUTE 'VACUUM users';
                END $$;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade)), "RT120");

        assertThat(findings).extracting(Finding::line).containsExactly(7, 8);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(findings.get(0).message()).isEqualTo("runs CREATE INDEX CONCURRENTLY in a DO block, where "
                + "PostgreSQL refuses it even in an autocommit block (it cannot be executed from a function): move it "
                + "out of the DO block, as a statement of its own in an autocommit block ('-- +autocommit' in SQL, "
                + "op.autocommit in Java)");
        assertThat(Lint.withCode(Lint.ops(op -> op.autocommit(() -> op.execute(
                "DO $$ BEGIN CREATE INDEX CONCURRENTLY users_email ON users (email); END $$"))), "RT120"))
                .extracting(Finding::message).singleElement().asString().startsWith("runs CREATE INDEX CONCURRENTLY "
                        + "in a DO block, where PostgreSQL refuses it even in an autocommit block");
    }

    @Test
    void theQueryOfAForInExecuteLoopIsReadAsExecuteIs() {
        String upgrade = """
                DO $$
                DECLARE
                    r record;
                    t text := 'audit';
                BEGIN
                    FOR r IN EXECUTE 'DELETE FROM sessions RETURNING id' LOOP
                        RAISE NOTICE '%', r.id;
                    END LOOP;
                    FOR r IN EXECUTE format('DELETE FROM %I RETURNING id', 'carts') USING t LOOP
                        DROP TABLE legacy;
                    END LOOP;
                    FOR r IN EXECUTE 'SELECT * FROM ' || quote_ident(t) LOOP
                    END LOOP;
                    FOR r IN EXECUTE 'DELETE FROM ' || quote_ident(t) || ' RETURNING id' LOOP
                    END LOOP;
                    FOR i IN 1..10 LOOP
                        NULL;
                    END LOOP;
                END $$;""";
        assertThat(codesAndLines(upgrade)).containsExactly("RT117@10", "RT117@13", "RT101@14", "RT124@18");
    }

    @Test
    void anEscapeStringAfterExecuteIsReadAsPostgresqlUnescapesIt() {
        String upgrade = """
                DO $$ BEGIN EXECUTE E'DROP TABLE accounts'; END $$;
                DO $$ BEGIN EXECUTE E'ALTER TABLE users\\n\\tDROP COLUMN nickname'; END $$;
                DO $$ BEGIN EXECUTE e'DROP TABLE \\x6cegacy_\\157rders'; END $$;
                DO $$ BEGIN EXECUTE format(E'DROP TABLE %I', E'It\\'s'); END $$;
                DO $$ BEGIN EXECUTE E'SELECT \\'a\\\\b\\'\\'c\\'; TRUNCATE audit'; END $$;
                DO $$ BEGIN EXECUTE $sql$DROP TABLE sessions$sql$; END $$;
                DO $$ BEGIN EXECUTE E'DROP TABLE t\\0'; END $$;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade));

        assertThat(findings).extracting(f -> f.code() + "@" + f.line()).containsExactly(
                "RT101@5", "RT102@6", "RT101@7", "RT101@8", "RT117@9", "RT101@10", "RT124@11");
        assertThat(findings).extracting(Finding::message).element(1)
                .isEqualTo("drops column users.nickname and its data");
        assertThat(findings).extracting(Finding::message).element(2).isEqualTo("drops table legacy_orders and all its "
                + "rows");
        assertThat(findings).extracting(Finding::message).element(3).isEqualTo("drops table It's and all its rows");
    }

    @Test
    void aPasswordInAnEscapeStringAfterExecuteIsASecret() {
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile("""
                DO $$
                BEGIN
                    EXECUTE E'ALTER ROLE app\\n  PASSWORD \\'hunter2\\'';
                END $$;""")), "RT116");

        assertThat(findings).extracting(Finding::line).containsExactly(7);
        assertThat(findings.get(0).message()).doesNotContain("hunter2");
    }
}
