package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What someone who writes migrations by hand meets: each mistake or limit said plainly, before anything runs. */
class HandWrittenMigrationsTest {
    @TempDir
    Path dir;

    @Test
    void aJavaDowngradeThatThrowsUnsupportedOperationCannotBeRevertedAndLintSaysSo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.write("migrations/versions/b00000000002_keep.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "keep")
                class Keep_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE kept (id int)");
                    }
                    public void downgrade(Operations op) {
                        throw new UnsupportedOperationException("the rows of kept cannot be rebuilt");
                    }
                }
                """);
        cli.sql("c00000000003", "b00000000002", "top", "CREATE TABLE top (id int);", "DROP TABLE top;");
        cli.ok("upgrade", "head");
        String before = cli.snapshot();

        Cli.Result down = cli.run("downgrade", "base");

        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.err()).contains("b00000000002_keep.java: revision b00000000002 cannot be reverted")
                .contains("the rows of kept cannot be rebuilt").doesNotContain("fix the migration");
        assertThat(cli.snapshot()).isEqualTo(before);
        Cli.Result lint = cli.ok("lint");
        assertThat(lint.out()).contains("b00000000002_keep.java: warning RT113 its downgrade() throws "
                + "UnsupportedOperationException, so 'retort downgrade' cannot revert it");
        cli.ok("downgrade", "-1");
        assertThat(cli.versions()).containsExactly("b00000000002");
    }

    @Test
    void psqlCommandsAndCopyFromStdinAreRefusedBeforeAnythingRuns() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.sql("b00000000002", "a00000000001", "seed", "CREATE TABLE colours (name text);\n"
                + "COPY colours (name) FROM stdin;\nred\ngreen\n\\.", "DROP TABLE colours;");
        String before = cli.snapshot();

        Cli.Result copy = cli.run("upgrade", "head");

        assertThat(copy.exitCode()).as(copy.toString()).isEqualTo(1);
        assertThat(copy.err()).contains("b00000000002_seed.sql: COPY ... FROM STDIN at line 6 needs psql")
                .contains("INSERT statements");
        assertThat(cli.snapshot()).isEqualTo(before);
        assertThat(cli.run("upgrade", "head", "--sql").err()).contains("COPY ... FROM STDIN at line 6");

        cli.sql("b00000000002", "a00000000001", "seed", "\\set ON_ERROR_STOP on\nCREATE TABLE colours (name text);",
                "DROP TABLE colours;");
        Cli.Result meta = cli.run("upgrade", "head");
        assertThat(meta.err()).contains("b00000000002_seed.sql: psql meta-command \\set at line 5");
        assertThat(cli.snapshot()).isEqualTo(before);

        cli.sql("b00000000002", "a00000000001", "seed", "CREATE TABLE colours (name text, tag text[]);\n"
                + "INSERT INTO colours SELECT 'red'::text, (ARRAY['a:b'])[1:1];\nALTER TABLE colours OWNER TO :owner;",
                "DROP TABLE colours;");
        Cli.Result variable = cli.run("upgrade", "head");
        assertThat(variable.exitCode()).as(variable.toString()).isEqualTo(1);
        assertThat(variable.err()).contains("b00000000002_seed.sql: psql variable :owner at line 7: Retort sends each "
                + "statement to the server, which knows no psql variables");
        assertThat(cli.snapshot()).isEqualTo(before);
    }

    @Test
    void aByteOrderMarkThatCatLeftBeforeAStatementIsNotSentButOneInAStringIs() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        // A Windows-saved Flyway file appended after Retort's header, as the porting loop of the docs once did.
        cli.sql("a00000000001", "none", "ported", "\uFEFF-- V1__init.sql\nCREATE TABLE t (v text);\n"
                + "\uFEFFINSERT INTO t VALUES ('\uFEFFkept');", "DROP TABLE t;");

        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT v FROM t")).containsExactly("\uFEFFkept");
    }

    @Test
    void sqlThatCannotBeSplitInAJavaExecuteNamesTheFile() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.write("migrations/versions/b00000000002_quote.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "quote")
                class Quote_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE q (id int); INSERT INTO q VALUES ('1)");
                    }
                    public void downgrade(Operations op) {
                        op.execute("DROP TABLE q");
                    }
                }
                """);

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("b00000000002_quote.java:8, upgrade(), in the SQL of op.execute(\"CREATE TABLE q")
                .contains("unterminated quoted string starting at line 1");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.run("lint").out()).contains("error RT100 cannot be linted: ")
                .contains("b00000000002_quote.java:8, upgrade()");
    }

    @Test
    void aFailedStatementOfAJavaMigrationNamesTheLineOfTheCallThatMadeIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        String migration = """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "lines")
                class Lines_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE lines (id int)");
                        addNote(op);
                        op.autocommit(() -> {
                            op.execute("CREATE TABLE IF NOT EXISTS lines_2 (id int)");
                            op.execute("INSERT INTO missing VALUES (1)");
                        });
                    }

                    private static void addNote(Operations op) {
                        op.addColumn("lines", Operations.column("note", "no_such_type"));
                    }

                    public void downgrade(Operations op) {
                    }
                }
                """;
        cli.write("migrations/versions/b00000000002_lines.java", migration);

        Cli.Result helper = cli.run("upgrade", "head");

        assertThat(helper.exitCode()).as(helper.toString()).isEqualTo(1);
        assertThat(helper.err()).contains("b00000000002_lines.java:17) failed at statement `ALTER TABLE lines ADD "
                + "COLUMN note no_such_type`");
        cli.write("migrations/versions/b00000000002_lines.java", migration.replace("no_such_type", "text"));

        Cli.Result inBlock = cli.run("upgrade", "head");

        assertThat(inBlock.err()).contains("b00000000002_lines.java:12) failed at statement `INSERT INTO missing "
                + "VALUES (1)`");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    @Test
    void aStatementThatCannotRunInATransactionSaysHowToRunItOutside() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.sql("b00000000002", "a00000000001", "index", "CREATE INDEX CONCURRENTLY ix_t_1 ON t_1 (id);",
                "DROP INDEX ix_t_1;");

        Cli.Result sql = cli.run("upgrade", "head");

        assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(1);
        assertThat(sql.err()).contains("cannot run inside a transaction block")
                .contains("put it between '-- +autocommit' and '-- +end-autocommit' lines");
        cli.write("migrations/versions/b00000000002_vacuum.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "vacuum")
                class Vacuum_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("VACUUM t_1");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        cli.project.resolve("migrations/versions/b00000000002_index.sql").toFile().delete();

        Cli.Result java = cli.run("upgrade", "head");

        assertThat(java.err()).contains("VACUUM cannot run inside a transaction block")
                .contains("put it inside op.autocommit(() -> ...)");
        // Found when the run is planned, so the revision before it is not applied either.
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void usingANewEnumValueInItsOwnTransactionSaysToCommitItFirst() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "colour", "CREATE TYPE colour AS ENUM ('red');", "DROP TYPE colour;");
        cli.sql("b00000000002", "a00000000001", "blue", "ALTER TYPE colour ADD VALUE 'blue';\n"
                + "CREATE TABLE paint (c colour DEFAULT 'blue');", "DROP TABLE paint;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("unsafe use of new value").contains("put the ALTER TYPE ... ADD VALUE between "
                + "'-- +autocommit' and '-- +end-autocommit' lines, or use the value in the next migration.");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    @Test
    void aRoleAMigrationTakesEndsWithItSoItsVersionRowAndTheNextMigrationRunAsRetortsUser() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        // Roles belong to the server, not to the test's database: a name of its own keeps it apart from other tests.
        String owner = "owner_" + dir.getFileName().toString().replaceAll("\\W", "_").toLowerCase();
        cli.sql("b00000000002", "a00000000001", "owned", "CREATE ROLE " + owner + " NOLOGIN;\n"
                + "GRANT CREATE ON SCHEMA public TO " + owner + ";\nSET ROLE " + owner + ";\n"
                + "CREATE TABLE owned (id int);", "DROP TABLE owned;\nREVOKE CREATE ON SCHEMA public FROM " + owner
                + ";\nDROP ROLE " + owner + ";");
        cli.sql("c00000000003", "b00000000002", "after", "CREATE TABLE after_owned (id int);",
                "DROP TABLE after_owned;");

        cli.ok("upgrade", "head");

        assertThat(cli.versions()).containsExactly("c00000000003");
        assertThat(cli.column("SELECT tablename || ' ' || tableowner FROM pg_tables WHERE tablename LIKE '%owned' "
                + "ORDER BY 1")).containsExactly("after_owned postgres", "owned " + owner);
        assertThat(cli.run("upgrade", "a00000000001:head", "--sql").out()).contains("CREATE TABLE owned (id int);\n\n"
                + "RESET ROLE;\n\nUPDATE retort_version");
        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname = '" + owner + "'")).isEmpty();
    }

    @Test
    void aRoleTheMigrationSetsDoesNotWriteTheMarkOfItsAutocommitPart() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        String owner = "marker_" + dir.getFileName().toString().replaceAll("\\W", "_").toLowerCase();
        cli.sql("b00000000002", "a00000000001", "owned", "CREATE ROLE " + owner + " NOLOGIN;\n"
                + "GRANT CREATE ON SCHEMA public TO " + owner + ";\nSET ROLE " + owner + ";\n"
                + "CREATE TABLE orders (id int, placed_on date);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_orders_placed_on ON orders (placed_on);\n-- +end-autocommit",
                "DROP TABLE orders;\nREVOKE CREATE ON SCHEMA public FROM " + owner + ";\nDROP ROLE " + owner + ";");
        cli.sql("c00000000003", "b00000000002", "fails", "SET ROLE " + owner + ";\n"
                + "CREATE TABLE more_orders (id int);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_more ON more_orders (id);\n-- +end-autocommit\n"
                + "SELECT 1 / 0;", "DROP TABLE more_orders;");

        cli.ok("upgrade", "b00000000002");
        Cli.Result failed = cli.run("upgrade", "head");

        assertThat(cli.versions()).containsExactly("b00000000002");
        assertThat(cli.column("SELECT indexname || ' ' || tableowner FROM pg_indexes JOIN pg_tables USING "
                + "(schemaname, tablename) WHERE indexname LIKE 'ix_%' ORDER BY 1"))
                .containsExactly("ix_more " + owner, "ix_orders_placed_on " + owner);
        assertThat(failed.err()).contains("division by zero");
        assertThat(cli.run("current").err()).contains("Revision c00000000003 is partly applied");
    }

    /**
     * A login user whose role comes from {@code ALTER ROLE ... SET role} (with {@code NOINHERIT}, it has no rights of
     * its own): the marks around an autocommit part are written as that role, the one the session starts with, not
     * as the login user, live and in a printed script run as that user.
     */
    @Test
    void theMarksOfAnAutocommitPartAreWrittenAsTheRoleTheLoginUserStartsWith() throws Exception {
        String suffix = dir.getFileName().toString().replaceAll("\\W", "_").toLowerCase();
        String owner = "app_owner_" + suffix;
        String deployer = "deployer_" + suffix;
        String live = TestPostgres.freshDatabase();
        String printed = TestPostgres.freshDatabase();
        Cli cli = new Cli(dir, live);
        cli.execute("CREATE ROLE " + owner + " NOLOGIN; CREATE ROLE " + deployer + " LOGIN NOINHERIT IN ROLE " + owner
                + "; ALTER ROLE " + deployer + " SET role = '" + owner + "'");
        for (String url : List.of(live, printed)) {
            cli.execute("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " OWNER TO " + owner);
        }
        cli.environment.put("DATABASE_URL", live + "?user=" + deployer);
        cli.sql("a00000000001", "none", "table", "CREATE TABLE t (id int);", "DROP TABLE t;");
        cli.sql("b00000000002", "a00000000001", "index", "INSERT INTO t VALUES (1);\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY t_id ON t (id);\n-- +end-autocommit", "DROP INDEX t_id;");

        cli.ok("upgrade", "head");

        assertThat(cli.versions()).containsExactly("b00000000002");
        assertThat(cli.column("SELECT tableowner FROM pg_tables WHERE tablename = 't'")).containsExactly(owner);
        String script = cli.ok("upgrade", "base:head", "--sql").out();
        try (Connection connection = DriverManager.getConnection(printed + "?user=" + deployer);
                Statement statement = connection.createStatement()) {
            for (String sql : Cli.statements(script)) {
                statement.execute(sql);
            }
            ResultSet versions = statement.executeQuery("SELECT version_num FROM retort_version");
            assertThat(versions.next() ? versions.getString(1) : null).isEqualTo("b00000000002");
        }
    }

    @Test
    void anEmptyDowngradeOfARevisionThatChangedSomethingIsRevertedWithAWarning() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.sql("b00000000002", "a00000000001", "forgotten", "CREATE TABLE forgotten (id int);", "");
        cli.sql("c00000000003", "b00000000002", "nothing to undo", "-- a comment only", "");
        cli.ok("upgrade", "head");

        Cli.Result quiet = cli.ok("downgrade", "-1");
        assertThat(quiet.err()).doesNotContain("warning");
        Cli.Result r = cli.ok("downgrade", "-1");

        assertThat(r.err()).contains("warning: the downgrade of revision b00000000002 (b00000000002_forgotten.sql) is "
                + "empty, so reverting it undoes none of the 1 operation(s) of its upgrade; if it cannot be undone, "
                + "remove its '-- +downgrade' section, and downgrades will stop before it.");
        assertThat(cli.versions()).containsExactly("a00000000001");
        assertThat(cli.tableExists("forgotten")).isTrue();
    }

    @Test
    void whatAMigrationPrintsGoesToStderrAndTheSqlScriptStaysSql() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeJava(cli, "a00000000001", null, List.of("System.out.println(\"checking the users table\");",
                "op.execute(\"CREATE TABLE users (id int)\");"),
                List.of("op.execute(\"DROP TABLE users\");"));
        Path out = dir.resolve("script.sql");
        Path err = dir.resolve("err.txt");

        Process process = cli.start(out, err, "upgrade", "--sql", "base:head");

        assertThat(process.waitFor()).isZero();
        assertThat(Files.readString(out)).contains("CREATE TABLE users (id int);").doesNotContain("checking");
        assertThat(Files.readString(err)).contains("checking the users table");
    }

    /**
     * A failed statement of a Java migration is traced to its line by running the section again; what the section
     * prints (to stdout, to stderr, through java.util.logging) comes from the run that failed alone.
     */
    @Test
    void whatAFailingJavaMigrationPrintsComesOnceAndTheErrorNamesItsLine() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeJava(cli, "a00000000001", null, List.of("System.out.println(\"upgrade says on stdout\");",
                "System.err.println(\"upgrade says on stderr\");",
                "Logger.getLogger(\"chatty\").info(\"upgrade logs\");",
                "op.execute(\"CREATE TABLE chatty (id int)\");",
                "op.execute(\"INSERT INTO missing VALUES (1)\");"),
                List.of());

        Cli.Result r = runInItsOwnProcess(cli, "upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String err = r.err();
        assertThat(err).contains("a00000000001_chatty.java:13) failed at statement `INSERT INTO missing VALUES (1)`");
        assertThat(occurrences(err, "upgrade says on stdout")).as(err).isOne();
        assertThat(occurrences(err, "upgrade says on stderr")).as(err).isOne();
        assertThat(occurrences(err, "upgrade logs")).as(err).isOne();
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void whatAFailingJavaDowngradePrintsComesOnceAndTheErrorNamesItsLine() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeJava(cli, "a00000000001", null, List.of("System.out.println(\"upgrade says on stdout\");",
                "op.execute(\"CREATE TABLE chatty (id int)\");"),
                List.of("System.out.println(\"downgrade says on stdout\");",
                "System.err.println(\"downgrade says on stderr\");",
                "Logger.getLogger(\"chatty\").info(\"downgrade logs\");",
                "op.execute(\"DROP TABLE missing\");",
                "op.execute(\"DROP TABLE chatty\");"));
        cli.ok("upgrade", "head");

        Cli.Result r = runInItsOwnProcess(cli, "downgrade", "base");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String err = r.err();
        assertThat(err).contains("a00000000001_chatty.java:16) failed at statement `DROP TABLE missing`");
        assertThat(occurrences(err, "downgrade says on stdout")).as(err).isOne();
        assertThat(occurrences(err, "downgrade says on stderr")).as(err).isOne();
        assertThat(occurrences(err, "downgrade logs")).as(err).isOne();
        assertThat(err).doesNotContain("upgrade says");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    /**
     * Retort runs a Java section a second time only to find the line of a statement that failed or that it refuses:
     * a successful run calls it once. It called every section with an {@code op.execute} twice, so what the method did
     * besides recording (a line logged to a file, a call to another service) happened twice.
     */
    @Test
    void aSuccessfulRunCallsAJavaSectionWithExecutedSqlOnce() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Path calls = dir.resolve("calls.txt");
        String note = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + calls + "\"), \"%s\\n\", "
                + "java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);";
        writeJava(cli, "a00000000001", null, List.of("try {", note.formatted("upgrade"),
                "} catch (java.io.IOException e) { throw new RuntimeException(e); }",
                "op.execute(\"CREATE TABLE counted (id int)\");"), List.of("op.execute(\"DROP TABLE counted\");"));

        cli.ok("upgrade", "head");

        assertThat(Files.readAllLines(calls)).containsExactly("upgrade");
    }

    /** Retort calls a migration's method to learn about it without running it: what the method prints is muted. */
    @Test
    void aLookAtAJavaMigrationThatIsNotARunPrintsNothing() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeJava(cli, "a00000000001", null, List.of("System.out.println(\"first upgrade says\");",
                "op.execute(\"CREATE TABLE chatty (id int)\");"),
                List.of("System.out.println(\"first downgrade says\");",
                "op.execute(\"DROP TABLE chatty\");"));
        cli.write("migrations/versions/b00000000002_forgotten.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "forgotten")
                class Forgotten_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        System.out.println("second upgrade says");
                        op.execute("CREATE TABLE forgotten (id int)");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        cli.ok("upgrade", "head");

        // Lint reads each section's operations, and asks whether each downgrade can run: a look, not a run.
        Cli.Result lint = runInItsOwnProcess(cli, "lint");

        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.out() + lint.err()).as(lint.toString()).doesNotContain("says");

        // The empty downgrade's warning counts the upgrade's operations; the downgrade does not run the upgrade.
        Cli.Result down = runInItsOwnProcess(cli, "downgrade", "-1");

        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.err()).contains("warning: the downgrade of revision b00000000002")
                .doesNotContain("second upgrade says");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    /**
     * Retort records every section of a run before its first step; what each prints comes under the step's own line,
     * on the stream it was written to (the command line's stderr, for stdout and java.util.logging too). The second
     * and third steps go to the server together and are reported when they are back.
     */
    @Test
    void whatEachJavaMigrationPrintsComesUnderItsOwnStep() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeChatty(cli, "a00000000001", null, "System.out.println(\"A says\");", "CREATE TABLE a (id int)");
        writeChatty(cli, "b00000000002", "a00000000001", "System.err.print(\"B says\");",
                "CREATE TABLE b (id int)");
        writeChatty(cli, "c00000000003", "b00000000002",
                "java.util.logging.Logger.getLogger(\"c\").info(\"C logs\");", "CREATE TABLE c (id int)");

        Cli.Result r = runInItsOwnProcess(cli, "upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).containsSubsequence(
                "Running upgrade -> a00000000001, a00000000001\nA says\n",
                "Running upgrade a00000000001 -> b00000000002, b00000000002\nB says\n",
                "Running upgrade b00000000002 -> c00000000003, c00000000003\n",
                "C logs");
        assertThat(occurrences(r.err(), "A says")).isOne();
        assertThat(occurrences(r.err(), "C logs")).isOne();
        assertThat(r.err().indexOf("C logs")).isGreaterThan(r.err().indexOf("-> c00000000003"));

        // Offline the same: each step's messages under its line on stderr, the script on stdout.
        Cli.Result sql = runInItsOwnProcess(cli, "upgrade", "--sql", "base:b00000000002");

        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.err()).containsSubsequence("Running upgrade -> a00000000001, a00000000001\nA says\n",
                "Running upgrade a00000000001 -> b00000000002, b00000000002\nB says\n");
        assertThat(sql.out()).contains("CREATE TABLE b (id int);").doesNotContain("says");
    }

    /** A run that fails at its second step prints nothing of the steps it did not reach. */
    @Test
    void aStepThatARunDidNotReachPrintsNothing() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeChatty(cli, "a00000000001", null, "System.out.println(\"A says\");", "CREATE TABLE a (id int)");
        writeChatty(cli, "b00000000002", "a00000000001", "System.out.println(\"B says\");",
                "INSERT INTO missing VALUES (1)");
        writeChatty(cli, "c00000000003", "b00000000002", "System.out.println(\"C says\");",
                "CREATE TABLE c (id int)");

        Cli.Result r = runInItsOwnProcess(cli, "upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).containsSubsequence(
                "Running upgrade -> a00000000001, a00000000001\nA says\n",
                "Running upgrade a00000000001 -> b00000000002, b00000000002\nB says\n",
                "Upgrade of revision b00000000002 (", "failed at statement `INSERT INTO missing VALUES (1)`");
        assertThat(occurrences(r.err(), "A says")).isOne();
        assertThat(occurrences(r.err(), "B says")).isOne();
        assertThat(r.err()).doesNotContain("C says").doesNotContain("c00000000003");
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    /**
     * A section that throws as it is recorded stops the run before its first step: what it printed comes before the
     * error, and the steps before it, which did not run, print nothing.
     */
    @Test
    void aSectionThatThrowsPrintsItsMessagesBeforeTheErrorAndNoStepRuns() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeChatty(cli, "a00000000001", null, "System.out.println(\"A says\");", "CREATE TABLE a (id int)");
        writeChatty(cli, "b00000000002", "a00000000001",
                "System.out.println(\"B says\"); if (true) throw new IllegalStateException(\"no B\");",
                "CREATE TABLE b (id int)");

        Cli.Result r = runInItsOwnProcess(cli, "upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).containsSubsequence("B says\n",
                "upgrade() threw java.lang.IllegalStateException: no B");
        assertThat(r.err()).doesNotContain("A says").doesNotContain("Running upgrade");
        assertThat(cli.versions()).isEmpty();
    }

    /**
     * `retort test` prints what a section prints each time its step runs, the upgrade's twice and the downgrade's
     * once, each under its step's line as `upgrade` shows it; a step that prints nothing has no line.
     */
    @Test
    void retortTestPrintsWhatASectionPrintsEachTimeItRuns() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        writeJava(cli, "a00000000001", null, List.of("System.out.println(\"up says\");",
                "op.execute(\"CREATE TABLE chatty (id int)\");"),
                List.of("System.err.println(\"down says\");",
                "op.execute(\"DROP TABLE chatty\");"));
        cli.sql("b00000000002", "a00000000001", "quiet", "CREATE TABLE quiet (id int);", "DROP TABLE quiet;");

        // Scratch databases on the test server: in a process of its own, an embedded one would outlive the test.
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "script_location = \"migrations\"\n[test]\ndatabase_url = \"postgresql://postgres@"
                + db.getHost() + ":" + db.getPort() + "/postgres\"\n");
        Cli.Result r = runInItsOwnProcess(cli, "test");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).containsSubsequence(
                "Running upgrade -> a00000000001, a00000000001\nup says\n",
                "Running downgrade a00000000001 -> , a00000000001\ndown says\n",
                "Running upgrade -> a00000000001, a00000000001\nup says\n");
        assertThat(occurrences(r.err(), "up says")).as(r.toString()).isEqualTo(2);
        assertThat(occurrences(r.err(), "down says")).as(r.toString()).isOne();
        assertThat(occurrences(r.err(), "Running ")).as(r.toString()).isEqualTo(3);
    }

    /** A Java migration {@code id}, its message its id, whose upgrade runs {@code code} and executes {@code sql}. */
    private static void writeChatty(Cli cli, String id, String down, String code, String sql) {
        writeJava(cli, id, down, List.of(code, "op.execute(\"" + sql + "\");"), List.of());
    }

    /**
     * A Java migration {@code id} after {@code down} (null for none), its message its id, whose sections run the given
     * lines; the upgrade's first line is line 9 of the file.
     */
    private static void writeJava(Cli cli, String id, String down, List<String> upgrade, List<String> downgrade) {
        cli.write("migrations/versions/" + id + "_chatty.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;
                import java.util.logging.Logger;

                @Revision(id = "%s", %smessage = "%s")
                class Chatty_%s implements Migration {
                    public void upgrade(Operations op) {
                %s
                    }
                    public void downgrade(Operations op) {
                %s
                    }
                }
                """.formatted(id, down == null ? "" : "down = \"" + down + "\", ", id, id, lines(upgrade),
                lines(downgrade)));
    }

    private static String lines(List<String> code) {
        return code.isEmpty() ? "" : "        " + String.join("\n        ", code);
    }

    /**
     * Runs {@code retort ARGS} in a process of its own: the migration's System.out and System.err are the process's
     * there, and java.util.logging's console is set up as it is for a user.
     */
    private Cli.Result runInItsOwnProcess(Cli cli, String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = cli.start(out, err, args);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Cli.Result result = new Cli.Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
