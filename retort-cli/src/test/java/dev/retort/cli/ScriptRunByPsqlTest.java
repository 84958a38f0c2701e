package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script of {@code upgrade --sql} run as a DBA runs it: by psql, with or without {@code ON_ERROR_STOP}, in whatever
 * client encoding psql chose. It must leave the database as a live run of the same migrations does.
 */
class ScriptRunByPsqlTest {
    private static final Path PSQL = Path.of("/usr/lib/postgresql/15/bin/psql");

    @TempDir
    Path dir;

    /** b1 applies, b2 fails on a missing table, b3 would apply if it ran. */
    private Cli withAFailingMiddle() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("b00000000001", "none", "one", "CREATE TABLE one (id int);", "DROP TABLE one;");
        cli.sql("b00000000002", "b00000000001", "two", "CREATE TABLE two (id int);\nINSERT INTO missing VALUES (1);",
                "DROP TABLE two;");
        cli.sql("b00000000003", "b00000000002", "three", "CREATE TABLE three (id int);", "DROP TABLE three;");
        return cli;
    }

    /**
     * psql without ON_ERROR_STOP goes on after an error: b2's transaction rolls back, and b3's used to run and commit
     * its table while its UPDATE of the version row found no row, so the database held b3's table and said b1. The
     * script's statements run here one by one on a connection in autocommit, as psql sends them.
     */
    @Test
    void aMigrationAfterOneThatFailedIsNotAppliedWhenTheScriptRunsOn() throws SQLException {
        Cli cli = withAFailingMiddle();
        String script = cli.ok("upgrade", "--sql", "head").out();
        List<String> errors = new ArrayList<>();
        try (Connection c = cli.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : Cli.statements(script)) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        assertThat(cli.versions()).containsExactly("b00000000001");
        assertThat(cli.tableExists("one")).isTrue();
        assertThat(cli.tableExists("two")).isFalse();
        assertThat(cli.tableExists("three")).isFalse();
        assertThat(errors).anyMatch(e -> e.contains("retort_version does not hold revision b00000000002, where the "
                + "upgrade to b00000000003 starts: a migration before it failed"));

        // The next live run takes up where the database is, and fails on b2 for its own reason.
        Cli.Result next = cli.run("upgrade");
        assertThat(next.exitCode()).isEqualTo(1);
        assertThat(next.err()).contains("relation \"missing\" does not exist").doesNotContain("\"three\"");
    }

    /** The same through psql itself, when it is installed: without ON_ERROR_STOP, and with it and -1. */
    @Test
    void psqlLeavesTheDatabaseAtTheLastMigrationThatWorked() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql 15 is not installed");
        for (List<String> options : List.of(List.<String>of(), List.of("-v", "ON_ERROR_STOP=1", "-1"))) {
            Cli cli = withAFailingMiddle();
            Path script = Files.writeString(dir.resolve("upgrade.sql"), cli.ok("upgrade", "--sql", "head").out());
            psql(cli, script, options, null);
            assertThat(cli.versions()).as(options.toString()).containsExactly("b00000000001");
            assertThat(cli.tableExists("three")).as(options.toString()).isFalse();
        }
    }

    /**
     * psql sends a script as written in the database's encoding, its terminal's, or PGCLIENTENCODING's; the script
     * says it is UTF-8, as a live run's driver talks, so 'café' is stored as a live run stores it, not as 'cafÃ©'.
     * Its second migration comes after the first one's reset of the session (for its INSERT), which would take the
     * encoding back to psql's.
     */
    @Test
    void theScriptIsReadAsUtf8WhateverPsqlsEncoding() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql 15 is not installed");
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "words", "CREATE TABLE words (w text);\nINSERT INTO words VALUES ('café');",
                "DROP TABLE words;");
        cli.sql("c00000000002", "c00000000001", "more", "INSERT INTO words VALUES ('naïve');", "");
        String script = cli.ok("upgrade", "--sql", "head").out();
        assertThat(script).startsWith("-- Run with: psql -v ON_ERROR_STOP=1 -f FILE")
                .contains("\n\nSET client_encoding = 'UTF8';\n");
        Path file = Files.write(dir.resolve("upgrade.sql"), script.getBytes(StandardCharsets.UTF_8));
        psql(cli, file, List.of("-v", "ON_ERROR_STOP=1"), "WIN1252");
        assertThat(cli.column("SELECT w || ' ' || length(w) FROM words ORDER BY w"))
                .containsExactly("café 4", "naïve 5");
    }

    /**
     * A live run's session takes the JVM's time zone and ISO dates from the JDBC driver, where psql's takes the
     * database's: the script sets them as the driver does, also after a migration's own {@code SET TimeZone} is
     * reset, so a data migration stores and writes the same values either way.
     */
    @Test
    void theScriptConvertsTimesAndDatesAsALiveRunDoes() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql 15 is not installed");
        Cli live = new Cli(dir, TestPostgres.freshDatabase());
        Cli printed = new Cli(dir, TestPostgres.freshDatabase());
        for (Cli cli : List.of(live, printed)) {
            cli.execute("DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), "
                    + "'Asia/Tokyo'); EXECUTE format('ALTER DATABASE %I SET datestyle = %L', current_database(), "
                    + "'German, DMY'); END$$");
        }
        String row = "'2026-03-01 09:00', 'on ' || '2026-03-01 23:30+00'::timestamptz::date";
        live.sql("d00000000001", "none", "launches", "CREATE TABLE launches (n int, at timestamptz, label text);\n"
                + "INSERT INTO launches VALUES (1, " + row + ");", "DROP TABLE launches;");
        live.sql("d00000000002", "d00000000001", "zone", "SET TimeZone = 'Pacific/Auckland';\n"
                + "INSERT INTO launches VALUES (2, " + row + ");", "");
        live.sql("d00000000003", "d00000000002", "after", "INSERT INTO launches VALUES (3, " + row + ");", "");
        live.ok("upgrade", "head");
        Path file = Files.write(dir.resolve("upgrade.sql"),
                printed.ok("upgrade", "--sql", "head").out().getBytes(StandardCharsets.UTF_8));

        psql(printed, file, List.of("-v", "ON_ERROR_STOP=1"), null);

        String query = "SELECT n || ' ' || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || label "
                + "FROM launches ORDER BY n";
        assertThat(printed.versions()).containsExactly("d00000000003");
        assertThat(printed.column(query)).isEqualTo(live.column(query)).hasSize(3);
    }

    /**
     * psql stopped by a failure after an autocommit part leaves that part committed: the script marks the revision
     * before the part, as a live run does, so that {@code current} says it is partly applied.
     */
    @Test
    void aScriptStoppedAfterAnAutocommitPartLeavesTheRevisionMarked() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql 15 is not installed");
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "t", "CREATE TABLE t (id int);", "DROP TABLE t;");
        cli.sql("e00000000002", "e00000000001", "n", "ALTER TABLE t ADD COLUMN n int;\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_t_n ON t (n);\n-- +end-autocommit\nSELECT 1 / 0;",
                "DROP INDEX ix_t_n;\nALTER TABLE t DROP COLUMN n;");
        Path file = Files.write(dir.resolve("upgrade.sql"),
                cli.ok("upgrade", "--sql", "head").out().getBytes(StandardCharsets.UTF_8));

        psql(cli, file, List.of("-v", "ON_ERROR_STOP=1"), null);

        assertThat(cli.versions()).containsExactly("e00000000001");
        assertThat(cli.run("current").err()).contains("Revision e00000000002 is partly applied");
    }

    /**
     * A script from base run a second time, as a DBA may after a first run that worked: the first migration only
     * inserts its version row, and its check used to look for that row alone, which the second migration had moved
     * on. The migration then ran again and added a second row, so that the database stood at two heads.
     */
    @Test
    void aScriptFromBaseRunAgainStopsBeforeTheFirstMigration() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "t", "CREATE TABLE IF NOT EXISTS t (id int);", "DROP TABLE t;");
        cli.sql("a00000000002", "a00000000001", "c", "ALTER TABLE t ADD COLUMN c int;", "ALTER TABLE t DROP COLUMN c;");
        String script = cli.ok("upgrade", "--sql", "base:head").out();
        assertThat(cli.runStoppingAtFirstError(script)).isNull();
        assertThat(cli.versions()).containsExactly("a00000000002");

        String again = cli.runStoppingAtFirstError(script);

        assertThat(again).contains("retort_version holds revision a00000000002, which is a00000000001 or follows it, "
                + "so the database is not where the upgrade to a00000000001 starts: the script ran before");
        assertThat(cli.versions()).containsExactly("a00000000002");
        assertThat(cli.ok("current").out()).isEqualTo("a00000000002 (head)\n");
    }

    /**
     * The same for the first migration of a branch, which also only inserts its row: run again on a database at the
     * merge of the branches, it must stop rather than add the branch's row beside the merge's.
     */
    @Test
    void aScriptRunAgainStopsBeforeTheFirstMigrationOfABranch() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "t", "CREATE TABLE t (id int);", "DROP TABLE t;");
        cli.sql("a00000000002", "a00000000001", "c", "ALTER TABLE t ADD COLUMN c int;", "ALTER TABLE t DROP COLUMN c;");
        cli.sql("b00000000001", "a00000000001", "u", "CREATE TABLE IF NOT EXISTS u (id int);", "DROP TABLE u;");
        cli.sql("c00000000001", "a00000000002,b00000000001", "merge", "ALTER TABLE u ADD COLUMN d int;",
                "ALTER TABLE u DROP COLUMN d;");
        cli.ok("upgrade", "a00000000002");
        String script = cli.ok("upgrade", "--sql", "a00000000002:head").out();
        assertThat(cli.runStoppingAtFirstError(script)).isNull();
        assertThat(cli.versions()).containsExactly("c00000000001");

        String again = cli.runStoppingAtFirstError(script);

        assertThat(again).contains("retort_version holds revision c00000000001, which is b00000000001 or follows it, "
                + "so the database is not where the upgrade to b00000000001 starts");
        assertThat(cli.versions()).containsExactly("c00000000001");
    }

    private static void psql(Cli cli, Path script, List<String> options, String clientEncoding)
            throws IOException, InterruptedException {
        URI uri = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-q", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort()), "-U", "postgres", "-d", uri.getPath().substring(1)));
        command.addAll(options);
        command.addAll(List.of("-f", script.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (clientEncoding != null) {
            builder.environment().put("PGCLIENTENCODING", clientEncoding);
        }
        Process p = builder.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
}
