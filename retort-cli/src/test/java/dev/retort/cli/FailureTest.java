package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing migration rolls back itself, keeps what came before, and says exactly where it failed. */
class FailureTest {
    @TempDir
    Path dir;

    private Cli withBrokenThird() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        cli.sql("bad000000003", ids.get(1), "broken",
                "CREATE TABLE t_3 (id int);\nINSERT INTO t_3 VALUES (1);\nALTER TABLE no_such_table ADD COLUMN x int;",
                "DROP TABLE t_3;");
        return cli;
    }

    @Test
    void theFailingRevisionRollsBackAndEarlierOnesStay() {
        Cli cli = withBrokenThird();
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
        assertThat(error).contains("bad000000003").contains("bad000000003_broken.sql, line 7")
                .contains("ALTER TABLE no_such_table ADD COLUMN x int")
                .contains("relation \"no_such_table\" does not exist")
                .contains("the database stays at a00000000002");
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(cli.versions()).containsExactly("a00000000002");
        assertThat(cli.tableExists("t_2")).isTrue();
        assertThat(cli.tableExists("t_3")).isFalse();
    }

    @Test
    void sqlIsSentAsWrittenWithoutJdbcEscapes() {
        for (boolean perMigration : List.of(true, false)) {
            Cli cli = new Cli(dir.resolve("per-migration-" + perMigration), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            List<String> ids = cli.chain(1);
            // JDBC's escape processing would make this upper('a'); psql and PostgreSQL know no such syntax.
            cli.sql("e00000000002", ids.get(0), "escape", "CREATE VIEW v AS SELECT {fn ucase('a')} AS x;", "DROP VIEW v;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("failed at statement `CREATE VIEW v AS SELECT {fn ucase('a')} AS x`")
                    .contains("syntax error at or near \"{\"");
            assertThat(cli.tableExists("v")).isFalse();
        }
    }

    @Test
    void oneTransactionForTheRunRollsBackEverything() {
        Cli cli = withBrokenThird();
        cli.write("retort.toml", "transaction_per_migration = false\n");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("the database stays at base");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void debugShowsTheStackTrace() {
        Cli.Result r = withBrokenThird().run("--debug", "upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void aJavaMigrationThatDoesNotCompileChangesNothing() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.write("migrations/versions/bad000000002_typo.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "bad000000002", down = "a00000000001", message = "typo")
                class Typo_bad000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.exectue("SELECT 1");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad000000002_typo.java:8").contains("cannot find symbol");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void aBrokenSqlMigrationLaterInTheRunChangesNothing() {
        // The scripts are parsed while the run takes its lock: the broken one still stops the run before its first
        // step.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(3);
        cli.sql("bad000000004", ids.get(2), "unterminated", "SELECT 'never closed;", "SELECT 1;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("bad000000004_unterminated.sql").doesNotContain("\tat ");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void inOneTransactionAMigrationWithAnAutocommitPartCommitsWholeBeforeALaterFailure() {
        // Its autocommit part committed the run so far; were the rest of it left in the run's transaction, the
        // failure below would roll that rest back and leave it partly applied.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        cli.sql("a00000000001", "none", "one", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
        cli.sql("a00000000002", "a00000000001", "two", "CREATE TABLE t_2 (id int);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_t_2 ON t_2 (id);\n-- +end-autocommit\n"
                + "ALTER TABLE t_2 ADD COLUMN y int;", "DROP TABLE t_2;");
        cli.sql("a00000000003", "a00000000002", "three", "CREATE TABLE t_3 (id int);\nALTER TABLE no_such ADD x int;",
                "DROP TABLE t_3;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("Upgrade of revision a00000000003 (")
                .contains("The run's transaction was rolled back; the database stays at a00000000002.");
        assertThat(cli.versions()).containsExactly("a00000000002");
        assertThat(cli.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 't_2' "
                + "AND column_name = 'y'")).containsExactly("1");
        assertThat(cli.tableExists("t_3")).isFalse();
        // The script shows the migration's own COMMIT, before the next one starts.
        String script = cli.ok("upgrade", "head", "--sql").out();
        assertThat(script.substring(script.indexOf("ALTER TABLE t_2 ADD COLUMN y int;"),
                script.indexOf("CREATE TABLE t_3"))).contains("COMMIT;");
    }

    /**
     * In one transaction, an autocommit part whose first statement fails has committed the revisions before it all the
     * same: the message says where the database is, not that the run's transaction was rolled back.
     */
    @Test
    void inOneTransactionAFailureAtTheFirstStatementOfAnAutocommitPartSaysWhereTheDatabaseIs() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        cli.sql("a00000000001", "none", "one", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
        cli.sql("a00000000002", "a00000000001", "two", "-- +autocommit\nCREATE INDEX CONCURRENTLY ix ON no_such (id);\n"
                + "-- +end-autocommit", "");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("The revision was rolled back; its autocommit part committed the run's "
                + "transaction before it, so the database is at a00000000001.");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    /** In one transaction, what failed after an autocommit part leaves the revisions before it committed: say so. */
    @Test
    void inOneTransactionAFailureAfterAnAutocommitPartSaysWhereTheDatabaseIs() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        cli.sql("a00000000001", "none", "one", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
        cli.sql("a00000000002", "a00000000001", "two", "CREATE TABLE t_2 (id int);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_t_2 ON t_2 (id);\n-- +end-autocommit\n"
                + "ALTER TABLE no_such ADD COLUMN y int;", "DROP TABLE t_2;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("Upgrade of revision a00000000002 (")
                .contains("Its autocommit part committed the run's transaction before it, so the database is at "
                        + "a00000000001.");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    @Test
    void noDowngradeSectionMeansNoDowngradePastIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/aaaaaaaaaaa1_x.sql",
                "-- revision: aaaaaaaaaaa1\n-- down_revision: none\n-- +upgrade\nCREATE TABLE x (id int);\n");
        cli.ok("upgrade", "head");
        Cli.Result r = cli.run("downgrade", "base");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("aaaaaaaaaaa1_x.sql has no '-- +downgrade' section");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void noConfigurationProblemsPrintAStackTrace() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "script_location = [\n");
        Cli.Result r = cli.run("history");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("retort.toml").doesNotContain("\tat ");
        cli.write("retort.toml", "script_location = \"elsewhere\"\n");
        assertThat(cli.run("history").err()).contains("elsewhere").contains("correct script_location in");
        assertThat(cli.run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(cli.run("upgrade", "--nope").exitCode()).isEqualTo(2);
    }

    @Test
    void aMigrationThatCommitsInTheMiddleIsRefusedBeforeAnythingRuns() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "first", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "commits", "CREATE TABLE t_2 (id int);\nCOMMIT;\n"
                + "CREATE TABLE t_3 (id int);", "DROP TABLE t_3;\nDROP TABLE t_2;");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("aaaaaaaaaaa2_commits.sql, line 6: COMMIT would end or open a transaction")
                .contains("`-- +autocommit` block");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();

        // The same in a Java migration.
        Files.delete(cli.project.resolve("migrations/versions/aaaaaaaaaaa2_commits.sql"));
        cli.write("migrations/versions/aaaaaaaaaaa2_commits.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "aaaaaaaaaaa2", down = "aaaaaaaaaaa1", message = "commits")
                class Commits_aaaaaaaaaaa2 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE t_2 (id int); COMMIT");
                    }

                    public void downgrade(Operations op) {
                        op.execute("DROP TABLE t_2");
                    }
                }
                """);
        Cli.Result java = cli.run("upgrade", "head");
        assertThat(java.exitCode()).as(java.toString()).isEqualTo(1);
        assertThat(java.err()).contains("aaaaaaaaaaa2_commits.java:8, upgrade(): op.execute(\"COMMIT\") would end")
                .contains("op.autocommit(...)");
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aFailureJustBeforeAnAutocommitPartNamesItsStatement() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE t (v text);", "DROP TABLE t;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "type", "ALTER TABLE t ADD COLUMN nope nonexistenttype;\n"
                + "-- +autocommit\nCREATE INDEX CONCURRENTLY ix_t_v ON t (v);\n-- +end-autocommit", "SELECT 1;");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("aaaaaaaaaaa2_type.sql, line 5) failed at statement `ALTER TABLE t ADD COLUMN nope "
                + "nonexistenttype`: ERROR: type \"nonexistenttype\" does not exist")
                .contains("the database stays at aaaaaaaaaaa1").doesNotContain("version table");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void aFailureAfterAnAutocommitPartSaysWhatStayedApplied() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "half", "CREATE TABLE half_done (v text);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_half ON half_done (v);\n-- +end-autocommit\nSELECT 1/0;", "DROP TABLE half_done;");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rolled back except 2 statement(s) committed by its autocommit part (CREATE TABLE half_done");
        assertThat(cli.tableExists("half_done")).isTrue();
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void anErrorInsideALongStatementNamesItsOwnLine() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "lines", "CREATE TABLE counted (n int);", "DROP TABLE counted;");
        // Line 5 of each file below is its first statement's first line.
        String table = "CREATE TABLE orders (\n    id bigint PRIMARY KEY,\n    placed_on datte NOT NULL\n);";
        String compiled = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$\nDECLARE\n    n int;\nBEGIN\n"
                + "    SELECT count(*) INTO n FROM counted;\n    RETRUN n;\nEND\n$fn$;";
        String block = "DO $do$\nDECLARE\n    n int := 0;\nBEGIN\n    INSERT INTO counted VALUES (1);\n"
                + "    PERFORM 1 / n;\nEND\n$do$;";
        String called = "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN 1 / 0;\nEND $$;\n"
                + "SELECT 1;\nDO $$\nBEGIN\n    PERFORM g();\nEND $$;";
        List<List<String>> cases = List.of(List.of(table, "line 7)", "type \"datte\" does not exist."),
                List.of(compiled, "line 10)", "syntax error at or near \"RETRUN\"."),
                List.of(block, "line 10)", "division by zero."),
                List.of(called, "line 12)", "division by zero (in PL/pgSQL function g() line 3 at RETURN)."));
        cli.ok("upgrade", "head");
        String before = cli.snapshot();
        for (List<String> c : cases) {
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "long", c.get(0), "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(c.get(0)).contains("aaaaaaaaaaa2_long.sql, " + c.get(1)).contains(c.get(2));
            assertThat(cli.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void aRowThatBreaksAKeyIsNamed() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "people", "CREATE TABLE people (id int PRIMARY KEY, email text UNIQUE);\n"
                + "CREATE TABLE orders (id int PRIMARY KEY, person int REFERENCES people);",
                "DROP TABLE orders, people;");
        cli.ok("upgrade", "head");
        List<List<String>> cases = List.of(
                List.of("INSERT INTO people VALUES (1, 'a@example.com'), (2, 'a@example.com');",
                        "violates unique constraint \"people_email_key\": Key (email)=(a@example.com) already exists."),
                List.of("INSERT INTO orders VALUES (1, 7);", "violates foreign key constraint \"orders_person_fkey\": "
                        + "Key (person)=(7) is not present in table \"people\"."));
        for (List<String> c : cases) {
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "rows", c.get(0), "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains(c.get(1)).contains("the database stays at aaaaaaaaaaa1");
        }
    }

    @Test
    void aKeyOverAPasswordColumnIsNamedWithoutItsValues() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "people", "CREATE TABLE people (id int PRIMARY KEY, email text, "
                + "password_hash text);\nINSERT INTO people VALUES (1, 'a@example.com', 'Zq9SECREThash'), "
                + "(2, 'b@example.com', 'Zq9SECREThash');", "DROP TABLE people;");
        cli.ok("upgrade", "head");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "unique", "CREATE UNIQUE INDEX people_login ON people (email, "
                + "password_hash);\nCREATE UNIQUE INDEX people_hash ON people (password_hash);", "SELECT 1;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("could not create unique index \"people_hash\": Key (password_hash)=(***) is "
                + "duplicated").doesNotContain("Zq9SECRET");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "unique", "CREATE UNIQUE INDEX ON people (lower(password_hash));",
                "SELECT 1;");
        Cli.Result expression = cli.run("upgrade", "head");
        assertThat(expression.err()).contains("Key (lower(password_hash))=(***) is duplicated")
                .doesNotContain("zq9secret");
        // A value the server quotes when a password column is retyped.
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "unique", "ALTER TABLE people ALTER COLUMN password_hash TYPE uuid "
                + "USING password_hash::uuid;", "SELECT 1;");
        assertThat(cli.run("upgrade", "head").err()).contains("invalid input syntax for type uuid: \"***\"")
                .doesNotContain("Zq9SECRET");
    }

    @Test
    void aDropThatOtherObjectsNeedNamesThem() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "notes", "CREATE TABLE notes (id int PRIMARY KEY, owner text, body text);\n"
                + "ALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY own_rows ON notes USING (owner = current_user);\n"
                + "CREATE VIEW note_owners AS SELECT DISTINCT owner FROM notes;", "DROP TABLE notes CASCADE;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "drop owner", "ALTER TABLE notes DROP COLUMN owner;", "SELECT 1;");
        cli.ok("upgrade", "aaaaaaaaaaa1");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        // PostgreSQL's first line says only that "other objects depend on it"; its detail says which, on the same line.
        String error = r.err().lines().filter(line -> line.startsWith("retort:")).findFirst().orElse("");
        assertThat(error).as(r.toString())
                .contains("cannot drop column owner of table notes because other objects depend on it (")
                .contains("policy own_rows on table notes depends on column owner of table notes; ")
                .contains("view note_owners depends on column owner of table notes")
                // What to drop and make again, and that CASCADE would drop them as well, not only the column.
                .contains("Drop or change policy own_rows on table notes, view note_owners earlier in the migration, "
                        + "and create them again after the statement if they stay (for a view, with its query from "
                        + "pg_get_viewdef); adding CASCADE to the statement drops them too, without a word, so add it "
                        + "only if they are meant to go.")
                .contains("the database stays at aaaaaaaaaaa1");
    }

    @Test
    void aRoleThatOwnsOrMayReadObjectsIsToldWhatToDoForDropRoleHasNoCascade() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "notes", "CREATE TABLE notes (id int PRIMARY KEY);", "DROP TABLE notes;");
        // Roles belong to the whole server: the revision's rollback takes this one back.
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "reader", "CREATE ROLE failure_test_reader;\n"
                + "GRANT SELECT ON notes TO failure_test_reader;\nDROP ROLE failure_test_reader;", "SELECT 1;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String error = r.err().lines().filter(line -> line.startsWith("retort:")).findFirst().orElse("");
        assertThat(error).as(r.toString())
                .contains("role \"failure_test_reader\" cannot be dropped because some objects depend on it "
                        + "(privileges for table notes). DROP ROLE has no CASCADE: earlier in the migration, hand what "
                        + "failure_test_reader owns to another role (REASSIGN OWNED BY failure_test_reader TO "
                        + "another_role) and revoke its privileges (REVOKE ... FROM failure_test_reader, or DROP OWNED "
                        + "BY failure_test_reader, which also drops what it still owns), in each database where it has "
                        + "any.")
                .doesNotContain("CASCADE to the statement");
    }

    @Test
    void aStatementWrittenTwiceIsNamedAtTheLineOfTheOneThatFailed() {
        // Between the two, a statement that returns rows (sent alone), or none (the step goes in a group).
        for (String between : List.of("SELECT 1;", "CREATE TABLE u (id int);")) {
            Cli cli = new Cli(dir.resolve(between.substring(0, 6)), TestPostgres.freshDatabase());
            cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE t (id int PRIMARY KEY);", "DROP TABLE t;");
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "twice",
                    "INSERT INTO t VALUES (1);\n" + between + "\nINSERT INTO t VALUES (1);", "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(between).contains("aaaaaaaaaaa2_twice.sql, line 7) failed at statement "
                    + "`INSERT INTO t VALUES (1)`: ERROR: duplicate key");
        }
    }

    @Test
    void aSlowGroupNamesTheLineOfTheStatementWrittenTwiceThatFailed() {
        for (boolean perMigration : List.of(true, false)) {
            Cli cli = new Cli(dir.resolve("per-migration-" + perMigration), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            cli.sql("aaaaaaaaaaa1", "none", "tables", "CREATE TABLE t (id int);\nCREATE TABLE u (id int);",
                    "DROP TABLE t, u;");
            // A group slower than a second is not run again to name the statement: the error's position names it.
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "twice", "DO $$BEGIN PERFORM pg_sleep(1.2); END$$;\n"
                    + "INSERT INTO t SELECT id FROM u;\nDROP TABLE u;\nINSERT INTO t SELECT id FROM u;", "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as("per migration: " + perMigration).contains("aaaaaaaaaaa2_twice.sql, line 8) failed "
                    + "at statement `INSERT INTO t SELECT id FROM u`: ERROR: relation \"u\" does not exist");
        }
    }

    @Test
    void aJavaCallWrittenTwiceIsNamedAtTheLineOfTheOneThatFailed() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE t (id int PRIMARY KEY);", "DROP TABLE t;");
        cli.write("migrations/versions/aaaaaaaaaaa2_twice.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "aaaaaaaaaaa2", down = "aaaaaaaaaaa1", message = "twice")
                class Twice_aaaaaaaaaaa2 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("INSERT INTO t VALUES (1)");
                        op.execute("SELECT 1");
                        op.execute("INSERT INTO t VALUES (1)");
                    }

                    public void downgrade(Operations op) {
                        op.addColumn("t", Operations.column("note", "text"));
                        op.execute("SELECT 1");
                        op.addColumn("t", Operations.column("note", "text"));
                    }
                }
                """);

        Cli.Result up = cli.run("upgrade", "head");

        assertThat(up.exitCode()).as(up.toString()).isEqualTo(1);
        assertThat(up.err()).contains("aaaaaaaaaaa2_twice.java:10) failed at statement `INSERT INTO t VALUES (1)`");
        // Without the key, both rows go in; then the downgrade adds the same column twice.
        cli.execute("ALTER TABLE t DROP CONSTRAINT t_pkey");
        cli.ok("upgrade", "head");

        Cli.Result down = cli.run("downgrade", "-1");

        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.err()).contains("aaaaaaaaaaa2_twice.java:16) failed at statement `ALTER TABLE t ADD COLUMN "
                + "note");
    }

    @Test
    void aTypeChangeThatAViewStandsInTheWayOfNamesIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "notes", "CREATE TABLE notes (id int PRIMARY KEY, body text);\n"
                + "CREATE VIEW v_notes AS SELECT body FROM notes;", "DROP TABLE notes CASCADE;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "shorter", "ALTER TABLE notes ALTER COLUMN body TYPE varchar(300);",
                "SELECT 1;");
        cli.ok("upgrade", "aaaaaaaaaaa1");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        List<String> error = r.err().lines().filter(line -> line.startsWith("retort:")).toList();
        assertThat(error).as(r.toString()).hasSize(1);
        assertThat(error.get(0)).as(r.toString())
                .contains("cannot alter type of a column used by a view or rule (rule _RETURN on view v_notes "
                        + "depends on column \"body\")")
                .contains("drop that object earlier in the migration and create it again after the ALTER (for a view, "
                        + "DROP VIEW before it and CREATE VIEW after it).")
                .contains("the database stays at aaaaaaaaaaa1");
    }
}
