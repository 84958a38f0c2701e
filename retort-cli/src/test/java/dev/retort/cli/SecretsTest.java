package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's own settings work, and the password never appears in any output. */
class SecretsTest {
    static final String PASSWORD = "StrongPassw@rd123";

    @TempDir
    Path dir;

    private static void assertNoPassword(Cli.Result r) {
        assertThat(r.out()).doesNotContain("StrongPassw");
        assertThat(r.err()).doesNotContain("StrongPassw");
    }

    private static URI target(Cli cli) {
        return URI.create(cli.jdbcUrl.substring("jdbc:".length()));
    }

    @Test
    void theGuidesAsyncpgUrlFromDotEnvWorks() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        URI db = target(cli);
        cli.environment.remove("DATABASE_URL");
        cli.write(".env", "DATABASE_URL=postgresql+asyncpg://postgres:" + PASSWORD + "@" + db.getHost() + ":" + db.getPort()
                + db.getPath() + "\n");
        cli.chain(2);
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "current", "-v"}, {"history", "-i"},
                {"downgrade", "-1"}}) {
            Cli.Result r = cli.ok(args);
            assertNoPassword(r);
        }
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    @Test
    void theGuidesDbVariablesWork() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        URI db = target(cli);
        cli.environment.remove("DATABASE_URL");
        cli.write(".env", "DB_HOST=" + db.getHost() + "\nDB_PORT=" + db.getPort() + "\nDB_NAME=" + db.getPath().substring(1)
                + "\nDB_USER=postgres\nDB_PASSWORD=" + PASSWORD + "\n");
        cli.chain(1);
        assertNoPassword(cli.ok("upgrade", "head"));
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    @Test
    void aPasswordWrittenAfterTheUserIsNotShownWhenTheServerQuotesTheUser() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        URI db = target(cli);
        cli.environment.put("DATABASE_URL", "postgresql://" + db.getHost() + ":" + db.getPort() + db.getPath()
                + "?user=app:Zq9SECRETpw");

        Cli.Result r = cli.run("current");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("app:***").doesNotContain("Zq9SECRET");
    }

    @Test
    void aSchemaFileStatementThatTheDevDatabaseRejectsIsShownWithoutItsPassword() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("schema.sql", "CREATE TABLE t1 (id int PRIMARY KEY);\nCREATE ROLE zz PASSWORD Zq9SECRETsch;\n");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("schema.sql (line 2): PostgreSQL rejects `CREATE ROLE zz PASSWORD ***`: ERROR: "
                + "syntax error at or near \"***\"").doesNotContain("Zq9SECRET");
    }

    @Test
    void aFailedStatementThatSetsAPasswordIsShownWithoutIt() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'secrets_test_role') THEN "
                + "CREATE ROLE secrets_test_role; END IF; END $$");
        // The role exists: the statement fails, in a group of steps and alone, and the error quotes it.
        cli.sql("a00000000001", "none", "first", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
        cli.sql("a00000000002", "a00000000001", "role", "CREATE ROLE secrets_test_role LOGIN PASSWORD "
                + "'TopSecret''Value7';", "DROP ROLE secrets_test_role;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("failed at statement `CREATE ROLE secrets_test_role LOGIN PASSWORD '***'`")
                    .doesNotContain("TopSecret");
        }
        // Dollar-quoted, the password is hidden as well.
        cli.sql("a00000000002", "a00000000001", "role", "CREATE ROLE secrets_test_role LOGIN PASSWORD "
                + "$pw$TopSecret'Value8$pw$;", "DROP ROLE secrets_test_role;");
        Cli.Result dollar = cli.run("--debug", "upgrade", "head");
        assertThat(dollar.exitCode()).isEqualTo(1);
        assertThat(dollar.err()).contains("PASSWORD $pw$***$pw$").doesNotContain("TopSecret");
        // The statements --debug logs go to the process's stderr.
        Path log = dir.resolve("debug.log");
        Process process = cli.start(log, "--debug", "upgrade", "head");
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log);
        assertThat(output).contains("DEBUG JdbcTarget - CREATE ROLE secrets_test_role LOGIN PASSWORD $pw$***$pw$")
                .doesNotContain("TopSecret");
    }

    @Test
    void aRolesPasswordWrittenWithoutQuotesIsNotQuotedBackByTheServersError() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "role", "CREATE ROLE secrets_bare_role LOGIN PASSWORD TopSecretValue7;",
                "DROP ROLE secrets_bare_role;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("failed at statement `CREATE ROLE secrets_bare_role LOGIN PASSWORD ***`: "
                    + "ERROR: syntax error at or near \"***\"").doesNotContain("TopSecret");
        }
    }

    @Test
    void aFailedInsertShowsNoRowsPassword() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "accounts", "CREATE TABLE accounts (name text PRIMARY KEY, password text);",
                "DROP TABLE accounts;");
        // The second row's name is the first's: the statement fails, and the error quotes it.
        cli.sql("a00000000002", "a00000000001", "seed", "INSERT INTO accounts (name, password) VALUES\n"
                + "  ('admin', 'TopSecretValue7'),\n  ('admin', 'TopSecretValue8');", "DELETE FROM accounts;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("failed at statement `INSERT INTO accounts (name, password) VALUES ('admin', "
                    + "'***'), ('admin', '***')`: ERROR: duplicate key value").doesNotContain("TopSecret");
        }
    }

    @Test
    void aFailedInsertThatListsNoColumnsShowsNoPasswordOfATableTheDatabaseHas() throws Exception {
        for (boolean perMigration : new boolean[] {true, false}) {
            Path project = dir.resolve("per-migration-" + perMigration);
            Cli cli = new Cli(project, TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            cli.sql("a00000000001", "none", "accounts", "CREATE TABLE accounts (name text PRIMARY KEY, "
                    + "password_hash text, password_reset_at date);", "DROP TABLE accounts;");
            cli.ok("upgrade", "a00000000001");
            // Made by an earlier run: the catalog says which value is the hash, once the statement failed.
            cli.sql("a00000000002", "a00000000001", "seed", "INSERT INTO accounts VALUES\n"
                    + "  ('admin', 'TopSecretValue7', '2026-01-01'),\n  ('admin', 'TopSecretValue8', NULL);",
                    "DELETE FROM accounts;");
            for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
                Cli.Result r = cli.run(args);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
                assertThat(r.err()).contains("failed at statement `INSERT INTO accounts VALUES ('admin', '***', "
                        + "'2026-01-01'), ('admin', '***', NULL)`: ERROR: duplicate key value")
                        .doesNotContain("TopSecret");
            }
            // The statements --debug logs, before they run: no statement before it says what the table's columns are.
            Path log = project.resolve("debug.log");
            Process process = cli.start(log, "--debug", "upgrade", "head");
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(Files.readString(log)).contains("DEBUG JdbcTarget - INSERT INTO accounts VALUES\n"
                    + "  ('***', '***', '***'),").doesNotContain("TopSecret");
            assertThat(cli.versions()).containsExactly("a00000000001");
        }
    }

    @Test
    void aFailedInsertThatListsNoColumnsIntoANameTwoSchemasHoldShowsNoPassword() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "accounts", "CREATE SCHEMA billing;\n"
                + "CREATE TABLE billing.accounts (password text, name text PRIMARY KEY);\n"
                + "CREATE TABLE accounts (name text PRIMARY KEY, note text);\n"
                + "INSERT INTO billing.accounts VALUES ('x', 'admin');",
                "DROP TABLE accounts;\nDROP SCHEMA billing CASCADE;");
        cli.ok("upgrade", "a00000000001");
        // The step's search path, rolled back with it, found billing's table; the default one finds public's.
        cli.sql("a00000000002", "a00000000001", "seed", "SET search_path TO billing, public;\n"
                + "INSERT INTO accounts VALUES ('TopSecretValue7', 'admin');", "DELETE FROM billing.accounts;");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("INSERT INTO accounts VALUES ('***', '***')").doesNotContain("TopSecret");
    }

    @Test
    void aFailedInsertThatListsNoColumnsShowsNoPasswordTheServersDetailQuotes() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "accounts", "CREATE TABLE accounts (name text NOT NULL, password_digest text);",
                "DROP TABLE accounts;");
        // The --debug trace shows the server's detail: Failing row contains (null, ...).
        cli.sql("a00000000002", "a00000000001", "seed", "INSERT INTO accounts VALUES (NULL, 'TopSecretValue7');",
                "DELETE FROM accounts;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains("violates not-null constraint").doesNotContain("TopSecret");
        }
        assertThat(cli.run("--debug", "upgrade", "head").err()).contains("Failing row contains (null, ***)");
    }

    /**
     * The causes of a --debug trace, the server's error as the driver reports it, quote the key's values and the
     * value the server could not read in their detail, where the message hides them.
     */
    @Test
    void theDebugTraceHidesWhatTheServersDetailQuotesOfAPasswordColumn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "users", "CREATE TABLE users (name text, password_hash text);\nINSERT INTO "
                + "users VALUES ('a', 'HASHLEAK1'), ('b', 'HASHLEAK1'), ('c', 'ab1'), ('d', 'ab1');\n"
                + "CREATE UNIQUE INDEX ON users (password_hash);", "DROP TABLE users;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains("Key (password_hash)=(***) is duplicated")
                    .doesNotContain("HASHLEAK1").doesNotContain("=(ab1)");
        }
        cli.sql("a00000000001", "none", "users", "SELECT 'LEAKD4'::int AS password;", "SELECT 1;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains("invalid input syntax for type integer: \"***\"")
                    .doesNotContain("integer: \"LEAKD4\"");
        }
    }

    @Test
    void aFailedInsertThatListsNoColumnsShowsNoPasswordOfATableItsMigrationMakes() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        // Rolled back with the failed statement, the table is known by the statement that made it.
        cli.sql("a00000000001", "none", "accounts", "CREATE TABLE accounts (name text PRIMARY KEY, "
                + "user2_password text, password_changed_at date);\nINSERT INTO accounts VALUES ('admin', "
                + "'TopSecretValue7', '2026-01-01'), ('admin', 'TopSecretValue8', NULL);", "DROP TABLE accounts;");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("failed at statement `INSERT INTO accounts VALUES ('admin', '***', "
                    + "'2026-01-01'), ('admin', '***', NULL)`: ERROR: duplicate key value").doesNotContain("TopSecret");
        }
        Path log = dir.resolve("debug.log");
        Process process = cli.start(log, "--debug", "upgrade", "head");
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(log)).contains("DEBUG JdbcTarget - INSERT INTO accounts VALUES ('admin', '***', "
                + "'2026-01-01')").doesNotContain("TopSecret");
    }

    @Test
    void aFlagsBooleanDefaultIsNoPasswordToLintNorToUpgradeSqlNorInAFailedStatement() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "flags", """
                CREATE TABLE u (id int, must_change_password boolean);
                ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT 'true'::boolean;
                ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT ('false');
                ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT CAST('false' AS boolean);
                ALTER TABLE nosuch ALTER COLUMN must_change_password SET DEFAULT 'false';""", "DROP TABLE u;");
        assertThat(cli.ok("lint").out()).doesNotContain("RT116");
        assertThat(cli.ok("upgrade", "--sql", "base:head").err()).doesNotContain("password");
        Cli.Result flag = cli.run("upgrade", "head");
        assertThat(flag.exitCode()).as(flag.toString()).isEqualTo(1);
        assertThat(flag.err()).contains("failed at statement `ALTER TABLE nosuch ALTER COLUMN must_change_password "
                + "SET DEFAULT 'false'`: ERROR: relation \"nosuch\" does not exist");
        // A password is still one, to each of them.
        cli.sql("a00000000001", "none", "flags", """
                CREATE TABLE u (id int, password text);
                ALTER TABLE nosuch ALTER COLUMN password SET DEFAULT 'hunter2-s3cret'::text;""", "DROP TABLE u;");
        Cli.Result lint = cli.run("lint");
        assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(1);
        assertThat(lint.out()).contains("a00000000001_flags.sql:6: error RT116 holds a password as a literal (`ALTER "
                + "TABLE nosuch ALTER COLUMN password SET DEFAULT '***'::text`)");
        assertThat(cli.ok("upgrade", "--sql", "base:head").err()).contains("a00000000001_flags.sql, line 6: `ALTER "
                + "TABLE nosuch ALTER COLUMN password SET DEFAULT '***'::text` is printed with its password");
        Cli.Result password = cli.run("upgrade", "head");
        assertThat(password.exitCode()).as(password.toString()).isEqualTo(1);
        assertThat(password.err()).contains("failed at statement `ALTER TABLE nosuch ALTER COLUMN password SET "
                + "DEFAULT '***'::text`: ERROR: relation \"nosuch\" does not exist");
        assertThat(lint.out() + password.err()).doesNotContain("hunter2");
    }

    @Test
    void aSlowGroupedStepThatFailsWithoutNamingItsStatementShowsNoPasswordTheServerQuotes() {
        for (boolean perMigration : new boolean[] {true, false}) {
            Cli cli = new Cli(dir.resolve("per-migration-" + perMigration), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            cli.sql("a00000000001", "none", "first", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
            // Sent in a group, slower than running it again is worth: the error names the file, not the statement. The
            // server quotes the password the EXECUTE'd statement left unquoted: syntax error at or near "...".
            cli.sql("a00000000002", "a00000000001", "role", "DO $$BEGIN PERFORM pg_sleep(1.1);\n"
                    + "EXECUTE 'ALTER ROLE secrets_slow_role LOGIN PASSWORD TopSecretValue7'; END$$;", "SELECT 1;");
            for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
                Cli.Result r = cli.run(args);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
                assertThat(r.err()).as(r.toString()).contains("a00000000002_role.sql)")
                        .contains("failed: ERROR: syntax error at or near \"***\"").doesNotContain("TopSecret");
            }
        }
    }

    @Test
    void aFailedConnectionNamesTheServerButNotThePassword() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.environment.put("DATABASE_URL", "postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/equipment_db");
        cli.chain(1);
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}, {"current"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).isEqualTo(1);
            assertNoPassword(r);
            assertThat(r.err()).contains("postgresql://postgres:***@127.0.0.1:1/equipment_db")
                    .contains("DATABASE_URL");
        }
        Cli.Result escaped = cli.run("--url", "postgresql://postgres:Strong%50assw%40rd123@127.0.0.1:1/x", "current");
        assertThat(escaped.err()).doesNotContain("Strong%50assw").doesNotContain("StrongPassw");
    }

    @Test
    void aUrlGivenInTheWrongPlaceIsQuotedWithoutItsPassword() {
        // A CI job's `retort upgrade head --url "$DATABASE_URL"`: picocli quotes the arguments it cannot place.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String url = "postgresql://app:" + PASSWORD + "@db.internal:5432/shop";
        for (String[] args : new String[][] {{"-x", url, "current"}, {"current", url},
                {"-x", "url:" + url, "current"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertNoPassword(r);
            assertThat(r.err()).as(r.toString()).contains("postgresql://app:***@db.internal:5432/shop");
        }
        // --url after the command is told where it goes, and the URL is not repeated at all.
        for (String[] args : new String[][] {{"upgrade", "head", "--url", url}, {"current", "--url=" + url}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertNoPassword(r);
            assertThat(r.err()).as(r.toString()).startsWith("retort: --url is an option of retort itself")
                    .doesNotContain("db.internal");
        }
        // Given as a target, the URL is in the wrong place as well: a usage error.
        Cli.Result target = cli.run("upgrade", url);
        assertThat(target.exitCode()).as(target.toString()).isEqualTo(2);
        assertNoPassword(target);
        // A password no URL reader would take (a space, an unescaped '/') and one named sslpassword.
        for (String odd : new String[] {"postgresql://app:StrongPassw rd/123@db/shop",
                "postgresql://db/shop?sslpassword=" + PASSWORD, "jdbc:postgresql://db/shop?password=" + PASSWORD}) {
            Cli.Result r = cli.run("current", "--url", odd);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertNoPassword(r);
        }
    }

    @Test
    void aMigrationsErrorShowsNeitherAUrlsPasswordNorTheDatabasePassword() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        // The test server trusts its clients, so the password is only there to be kept out of sight.
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&password=" + PASSWORD);
        cli.sql("a00000000001", "none", "link", "SELECT dblink_connect('postgresql://app:" + PASSWORD
                + "@db.internal/shop');", "");
        for (String[] args : new String[][] {{"upgrade", "head"}, {"--debug", "upgrade", "head"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertNoPassword(r);
            assertThat(r.err()).contains("dblink_connect('postgresql://app:***@db.internal/shop')");
        }
        Files.delete(dir.resolve("migrations/versions/a00000000001_link.sql"));
        cli.write("migrations/versions/a00000000001_link.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "a00000000001", message = "link")
                class Link_a00000000001 implements Migration {
                    public void upgrade(Operations op) {
                        throw new IllegalStateException("no server answers to " + op.argument("secret").orElse(""));
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        Cli.Result r = cli.run("-x", "secret=" + PASSWORD, "--debug", "upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertNoPassword(r);
        assertThat(r.err()).contains("no server answers to ***");
    }

    @Test
    void hidingPasswordsLeavesTheRestOfAMessageAsItIs() {
        // A configured password as short as a common word is hidden only where it stands as a password.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&password=step");
        cli.sql("a00000000001", "none", "step", "SELECT 1/0 AS \"password reset step\";", "");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("failed at statement `SELECT 1/0 AS \"password reset step\"`");
    }

    @Test
    void aPasswordThatIsAlsoANameOrAWordIsNotCutOutOfOtherWords() {
        // postgres:postgres, as many a local server has it: the user, the database and the scheme stay readable.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Cli.Result local = cli.run("--url", "postgresql://postgres:postgres@127.0.0.1:1/postgres", "current");
        assertThat(local.exitCode()).as(local.toString()).isEqualTo(1);
        assertThat(local.err()).contains("Could not connect to postgresql://postgres:***@127.0.0.1:1/postgres (from "
                + "--url)");
        // A password found inside a longer name is not that password.
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&password=orders");
        cli.sql("a00000000001", "none", "totals", "SELECT 1/0 AS orders_total;", "");
        Cli.Result inName = cli.run("upgrade", "head");
        assertThat(inName.exitCode()).as(inName.toString()).isEqualTo(1);
        assertThat(inName.err()).contains("failed at statement `SELECT 1/0 AS orders_total`");
        // "password" is the word of PostgreSQL's messages and Retort's hints as much as anyone's password.
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&password=password");
        cli.sql("a00000000001", "none", "totals", "SELECT 1/0 AS \"password reset\";", "");
        Cli.Result word = cli.run("upgrade", "head");
        assertThat(word.exitCode()).as(word.toString()).isEqualTo(1);
        assertThat(word.err()).contains("failed at statement `SELECT 1/0 AS \"password reset\"`");
    }

    @Test
    void aShortPasswordIsNotCutOutOfTheWordsOfAFailedConnectionsMessage() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        for (String password : new String[] {"p", "the"}) {
            String url = "postgresql://u:" + password + "@127.0.0.1:1/x";
            cli.write("retort.toml", "script_location = \"migrations\"\n");
            cli.environment.put("DATABASE_URL", url);
            Cli.Result fromFlag = cli.run("--url", url, "current");
            Cli.Result fromEnvironment = cli.run("current");
            cli.write("retort.toml", "script_location = \"migrations\"\ndatabase_url = \"${URL}\"\n");
            Cli.Result fromX = cli.run("-x", "URL=" + url, "current");
            cli.write("retort.toml", "script_location = \"migrations\"\ndatabase_url = \"" + url + "\"\n");
            Cli.Result fromFile = cli.run("current");
            for (Cli.Result r : new Cli.Result[] {fromFlag, fromEnvironment, fromX, fromFile}) {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
                assertThat(r.err()).contains("postgresql://u:***@127.0.0.1:1/x").doesNotContain("u:" + password + "@")
                        .contains("Check that the hostname and port are correct and that the postmaster is "
                                + "accepting TCP/IP connections");
            }
        }
    }
}
