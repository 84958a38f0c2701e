package dev.retort.cli;

import static dev.retort.cli.HostileProject.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken migration files and histories: each stops the command before anything runs, with one line naming
 * the file or revision at fault, and leaves the database as it was.
 */
class HostileMigrationsTest {
    @TempDir
    Path dir;

    /** A Java migration after a00000000002 whose upgrade body and extra members are given. */
    private static String java(String id, String upgrade, String members) {
        return """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "%s", down = "a00000000002", message = "hostile")
                class Hostile_%s implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE should_not_exist (id int)");
                        %s
                    }
                    public void downgrade(Operations op) {
                    }
                %s
                }
                """.formatted(id, id, upgrade, members);
    }

    /** Two applied SQL migrations, then a third whose failure must change nothing. */
    private HostileProject applied() {
        HostileProject p = new HostileProject(dir);
        p.cli.chain(2);
        p.ok("upgrade", "head");
        return p;
    }

    @Test
    void javaMigrationsThatThrow() {
        HostileProject p = applied();
        // {upgrade body, class members, expected in the error}; ID stands for the revision id.
        List<String[]> cases = List.of(
                new String[] {"throw new IllegalStateException(\"boom\");", "",
                        "upgrade() threw java.lang.IllegalStateException: boom, so none of its operations ran; fix the "
                                + "migration and run again."},
                new String[] {"Object o = null; o.hashCode();", "", "upgrade() threw java.lang.NullPointerException"},
                new String[] {"throw new AssertionError(\"never\");", "", "upgrade() threw java.lang.AssertionError: never"},
                new String[] {"deep(0);", "static int deep(int n) { return deep(n + 1) + 1; }",
                        "upgrade() threw java.lang.StackOverflowError"},
                new String[] {"", "Hostile_ID() { throw new IllegalArgumentException(\"in constructor\"); }",
                        "creating Hostile_ID failed: java.lang.IllegalArgumentException: in constructor"},
                new String[] {"", "static final Object X = Integer.valueOf(\"not a number\");",
                        "NumberFormatException"});
        int n = 0;
        for (String[] c : cases) {
            String id = "bbbbbbbbbbb" + (++n);
            Path file = p.cli.write("migrations/versions/" + id + "_hostile.java",
                    java(id, c[0], c[1].replace("ID", id)));
            Cli.Result r = p.fails("upgrade", "head");
            assertThat(error(r)).as(c[0] + c[1]).contains(id + "_hostile.java").contains(c[2].replace("ID", id));
            assertThat(p.cli.versions()).containsExactly("a00000000002");
            assertThat(p.cli.tableExists("should_not_exist")).isFalse();
            deleteFile(file);
        }
    }

    @Test
    void javaMigrationsThatAreNotMigrations() {
        HostileProject p = applied();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("class NoAnnotation {}\n", "no @Revision(...) annotation");
        cases.put("@dev.retort.Revision(id = \"bbbbbbbbbbb1\", down = \"a00000000002\")\nclass NotAMigration {}\n",
                "does not implement dev.retort.Migration");
        cases.put("@dev.retort.Revision(id = \"bbbbbbbbbbb1\", down = \"a00000000002\")\n"
                + "class Abstract implements dev.retort.Migration {}\n", "bbbbbbbbbbb1_x.java:2");
        cases.put("@dev.retort.Revision(id = \"bbbbbbbbbbb1\", down = \"a00000000002\")\nclass Unclosed {\n",
                "bbbbbbbbbbb1_x.java:2");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = p.cli.write("migrations/versions/bbbbbbbbbbb1_x.java", c.getKey());
            assertThat(error(p.fails("upgrade", "head"))).as(c.getKey()).contains(c.getValue());
            deleteFile(file);
        }
        assertThat(p.cli.versions()).containsExactly("a00000000002");
    }

    /** A migration copied from another with its class name: each file's classes are its own. */
    @Test
    void twoJavaMigrationsDeclaringOneClassEachRunTheirOwn() {
        HostileProject p = applied();
        p.cli.write("migrations/versions/bbbbbbbbbbb1_one.java", java("bbbbbbbbbbb1", "", "")
                .replace("Hostile_bbbbbbbbbbb1", "Same").replace("should_not_exist", "first_table"));
        p.cli.write("migrations/versions/bbbbbbbbbbb2_two.java", java("bbbbbbbbbbb2", "", "")
                .replace("Hostile_bbbbbbbbbbb2", "Same").replace("should_not_exist", "second_table")
                .replace("down = \"a00000000002\"", "down = \"bbbbbbbbbbb1\""));
        p.ok("upgrade", "head");
        assertThat(p.cli.tableExists("first_table")).isTrue();
        assertThat(p.cli.tableExists("second_table")).isTrue();
        assertThat(p.cli.versions()).containsExactly("bbbbbbbbbbb2");
    }

    /**
     * System.exit in a migration would end the whole process, so this runs the command line in a process of
     * its own: it must come back with exit 1 and a message, not the migration's exit code.
     */
    @Test
    void aJavaMigrationThatCallsSystemExitIsRefusedBeforeAnythingRuns() throws Exception {
        HostileProject p = applied();
        p.cli.write("migrations/versions/bbbbbbbbbbb1_exit.java", java("bbbbbbbbbbb1", "System.exit(0);", ""));
        p.cli.write("migrations/versions/bbbbbbbbbbb2_halt.java", java("bbbbbbbbbbb2",
                "Runtime.getRuntime().halt(0);", "").replace("down = \"a00000000002\"", "down = \"bbbbbbbbbbb1\""));
        String before = p.cli.snapshot();
        Path log = dir.resolve("exit.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "upgrade", "head"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(p.cli.project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATABASE_URL", p.cli.environment.get("DATABASE_URL"));
        Process process = pb.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output.strip()).as(output).isEqualTo("retort: bbbbbbbbbbb1_exit.java: revision bbbbbbbbbbb1 calls "
                + "System.exit, which would stop Retort in the middle of the run; throw an exception to make the "
                + "migration fail instead.");
        assertThat(p.cli.snapshot()).isEqualTo(before);
        Files.delete(log);
        p.run("history"); // checks that no file in the project holds the password
    }

    @Test
    void brokenSqlMigrations() {
        HostileProject p = applied();
        String head = "-- revision: bbbbbbbbbbb1\n-- down_revision: a00000000002\n";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("-- revision: bbbbbbbbbbb1\n-- down_revison: a00000000002\n-- +upgrade\nSELECT 1;\n",
                "bbbbbbbbbbb1_x.sql:2: unknown header key 'down_revison'");
        cases.put("-- revision: BBBB\n-- down_revision: a00000000002\n-- +upgrade\nSELECT 1;\n",
                "revision id 'BBBB' is not 12 lowercase hex characters");
        cases.put("-- down_revision: a00000000002\n-- +upgrade\nSELECT 1;\n", "the header has no '-- revision:' line");
        cases.put("-- revision: bbbbbbbbbbb1\n-- +upgrade\nSELECT 1;\n", "no '-- down_revision:' line");
        cases.put("-- revision: bbbbbbbbbbb1\n-- revision: bbbbbbbbbbb2\n-- down_revision: none\n-- +upgrade\n",
                "header key 'revision' is given twice");
        cases.put("CREATE TABLE should_not_exist (id int);\n", "bbbbbbbbbbb1_x.sql:1: SQL before the '-- +upgrade' marker");
        cases.put(head, "no '-- +upgrade' section");
        cases.put("", "no '-- +upgrade' section");
        cases.put(head + "-- +downgrade\nDROP TABLE x;\n-- +upgrade\nSELECT 1;\n", "comes before '-- +upgrade'");
        cases.put(head + "-- +upgrade\nCREATE TABLE should_not_exist (id int);\nSELECT 'unterminated;\n",
                "line 5");
        cases.put(head + "-- +upgrade\nCREATE TABLE should_not_exist (id int);\nDO $body$ BEGIN RAISE NOTICE 'x'; END $bod$;\n",
                "line 5");
        cases.put(head + "-- +upgrade\nCREATE TABLE should_not_exist (id int);\n/* never closed\n", "line 5");
        cases.put(head + "-- +upgrade\nCREATE TABLE should_not_exist (id int);\nSELECT \"unterminated;\n", "line 5");
        cases.put(head + "-- +upgrade\n-- +autocommit\nCREATE INDEX CONCURRENTLY ix ON applied_log (rev);\n",
                "'-- +autocommit' block is not closed");
        cases.put(head + "-- +upgrade\nSELECT 1;\n-- +upgrade\nSELECT 2;\n", "appears twice");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = p.cli.write("migrations/versions/bbbbbbbbbbb1_x.sql", c.getKey());
            assertThat(error(p.fails("upgrade", "head"))).as(c.getKey()).contains("bbbbbbbbbbb1_x.sql")
                    .contains(c.getValue());
            deleteFile(file);
        }
        assertThat(p.cli.tableExists("should_not_exist")).isFalse();
    }

    @Test
    void brokenHistories() {
        HostileProject p = applied();
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("bbbbbbbbbbb1_one.sql:bbbbbbbbbbb1:a00000000002", "bbbbbbbbbbb1_two.sql:bbbbbbbbbbb1:a00000000002"),
                "Revision bbbbbbbbbbb1 is defined twice: bbbbbbbbbbb1_one.sql and bbbbbbbbbbb1_two.sql");
        cases.put(List.of("bbbbbbbbbbb1_x.sql:bbbbbbbbbbb1:ccccccccccc1"), "names down revision ccccccccccc1, but no "
                + "migration has that id");
        cases.put(List.of("bbbbbbbbbbb1_x.sql:bbbbbbbbbbb1:bbbbbbbbbbb1"), "bbbbbbbbbbb1");
        cases.put(List.of("bbbbbbbbbbb1_x.sql:bbbbbbbbbbb1:bbbbbbbbbbb2", "bbbbbbbbbbb2_x.sql:bbbbbbbbbbb2:bbbbbbbbbbb1"),
                "cycle");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<Path> files = new ArrayList<>();
            for (String spec : c.getKey()) {
                String[] parts = spec.split(":");
                files.add(p.cli.write("migrations/versions/" + parts[0], "-- revision: " + parts[1]
                        + "\n-- down_revision: " + parts[2] + "\n-- +upgrade\nCREATE TABLE should_not_exist (id int);\n"));
            }
            for (String command : List.of("upgrade head", "history", "current", "downgrade -1", "heads")) {
                assertThat(error(p.fails(command.split(" ")))).as(c.getKey() + " " + command).contains(c.getValue());
            }
            files.forEach(HostileMigrationsTest::deleteFile);
        }
        p.cli.write("migrations/versions/bbbbbbbbbbb1_x.sql", "-- revision: bbbbbbbbbbb1\n-- down_revision: a00000000002\n"
                + "-- depends_on: ddddddddddd1\n-- +upgrade\nSELECT 1;\n");
        assertThat(error(p.fails("upgrade", "head"))).contains("ddddddddddd1");
    }

    @Test
    void newRevisionsWithHostileOptionsWriteNothing() throws Exception {
        HostileProject p = applied();
        assertThat(error(p.fails(2, "revision", "-m", "x", "--rev-id", "../../../tmp/evil"))).contains("--rev-id");
        assertThat(error(p.fails(2, "revision", "-m", "x", "--branch-label", "a; DROP TABLE applied_log")))
                .contains("may hold only");
        assertThat(error(p.fails(2, "revision", "-m", "x", "--branch-label", "None"))).contains("or none");
        assertThat(error(p.fails(2, "revision", "-m", "x", "--branch-label", "head"))).contains("cannot be head");
        assertThat(error(p.fails(2, "revision", "-m", "x", "--head", "'; DROP TABLE applied_log; --"))).isNotBlank();
        try (var files = Files.list(dir.resolve("migrations/versions"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("a00000000001_step_1.sql", "a00000000002_step_2.sql");
        }
    }

    @Test
    void aDatabaseAtARevisionNoFileHas() {
        HostileProject p = applied();
        p.cli.execute("UPDATE retort_version SET version_num = 'eeeeeeeeeee1'");
        // validate too: a deleted file is drift, not "Every applied migration matches its file"; and a plain stamp
        // refuses as the others do, so the advice names --purge.
        for (String command : List.of("upgrade head", "downgrade -1", "downgrade base", "current", "upgrade +1",
                "history -r current:", "history -i", "validate", "stamp a00000000002")) {
            Cli.Result r = p.fails(command.split(" "));
            assertThat(error(r)).as(command).contains("The database is at revision eeeeeeeeeee1, which no migration "
                    + "file has: a newer version of the project may have upgraded it (deploy that version, or "
                    + "downgrade with it to a revision these files have), or its file was lost (restore it). Only if "
                    + "the database really is at another revision, `retort stamp --purge REV` with that one.");
        }
        p.ok("stamp", "--purge", "a00000000002");
        assertThat(p.cli.versions()).containsExactly("a00000000002");
    }

    @Test
    void aMigrationThatChangesTheSearchPathChangesItForItselfOnlyHoweverTheRunsAreSplit() {
        for (boolean perMigration : List.of(true, false)) {
            for (boolean oneCommand : List.of(true, false)) {
                String how = "per migration: " + perMigration + ", one command: " + oneCommand;
                Cli cli = new Cli(dir.resolve("per-migration-" + perMigration + "-one-command-" + oneCommand),
                        TestPostgres.freshDatabase());
                cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
                List<String> ids = cli.chain(1);
                // Common in SQL from pg_dump, or written to create a schema's tables: Retort's own tables are in
                // public, and so is what the next migration creates, as when it runs in a command of its own.
                cli.sql("b00000000002", ids.get(0), "elsewhere",
                        "CREATE SCHEMA other;\nSET search_path = other;\nCREATE TABLE x (id int);",
                        "DROP SCHEMA other CASCADE;");
                cli.sql("b00000000003", "b00000000002", "after", "CREATE TABLE y (id int);", "DROP TABLE y;");

                if (!oneCommand) {
                    cli.ok("upgrade", "b00000000002");
                }
                cli.ok("upgrade", "head");

                assertThat(cli.versions()).as(how).containsExactly("b00000000003");
                assertThat(cli.column("SELECT revision FROM retort_history ORDER BY id")).as(how)
                        .containsExactly(ids.get(0), "b00000000002", "b00000000003");
                assertThat(cli.column("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                        + "WHERE table_name IN ('x', 'y') ORDER BY 1")).as(how).containsExactly("other.x", "public.y");
                assertThat(cli.ok("upgrade", "--sql", ids.get(0) + ":head").out()).as(how)
                        .contains("CREATE TABLE x (id int);\n\nRESET search_path;\n\nUPDATE retort_version");
                cli.ok("downgrade", "base");
                assertThat(cli.versions()).as(how).isEmpty();
            }
        }
    }

    /**
     * The driver drops the connection when the session's DateStyle leaves ISO: the run failed in the migration, with a
     * message that named the statement before and blamed a server restart. It is refused before the first step;
     * changing only the field order runs.
     */
    @Test
    void aMigrationThatSetsAnotherDateStyleIsRefusedBeforeTheFirstStep() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "table", "CREATE TABLE d (day date);", "DROP TABLE d;");
        cli.sql("d00000000002", "d00000000001", "german", "CREATE TABLE report (line text);\n"
                + "SET DateStyle = 'German';\nINSERT INTO report SELECT now()::date::text;", "DROP TABLE report;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("retort: d00000000002_german.sql, line 6: the statement sets "
                + "DateStyle to German, but the JDBC driver that runs migrations reads dates in ISO format only, and "
                + "drops the connection when the session leaves it; set only the field order (SET DateStyle = "
                + "'ISO, DMY'), or format dates with to_char().").doesNotContain("Running upgrade");
        assertThat(cli.versions()).isEmpty();

        cli.sql("d00000000002", "d00000000001", "german", "CREATE TABLE report (line text);\n"
                + "SET DateStyle = 'DMY';\nINSERT INTO report VALUES ('02.01.2024'::date::text);",
                "DROP TABLE report;");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT line FROM report")).containsExactly("2024-01-02");
    }

    @Test
    void theTimeoutsAndSettingsAMigrationTakesEndWithIt() {
        // What every pg_dump begins with, as a baseline migration holds it: the next migration of the same command
        // still has the run's lock_timeout, and the server's own settings.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "lock_timeout = \"3s\"\n");
        cli.sql("d00000000001", "none", "baseline", "SET statement_timeout = 0;\nSET lock_timeout = 0;\n"
                + "SET check_function_bodies = false;\nSET client_min_messages = warning;\n"
                + "CREATE TABLE seen (name text, setting text);", "DROP TABLE seen;");
        cli.sql("d00000000002", "d00000000001", "after", "INSERT INTO seen SELECT name, setting FROM pg_settings "
                + "WHERE name IN ('lock_timeout', 'check_function_bodies', 'client_min_messages');", "DELETE FROM seen;");

        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT name || '=' || setting FROM seen ORDER BY name")).containsExactly(
                "check_function_bodies=on", "client_min_messages=notice", "lock_timeout=3000");
    }

    /**
     * With transaction_per_migration = false the migrations share one transaction, so a SET LOCAL would last into
     * those after it: c2's broken function was created unchecked when c1 ran in the same command, and refused when
     * c1 had run in one of its own.
     */
    @Test
    void aSetLocalEndsWithItsMigrationWhenTheMigrationsShareATransaction() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        cli.sql("c00000000001", "none", "forward reference", "SET LOCAL check_function_bodies = off;\n"
                + "CREATE FUNCTION uses_later() RETURNS int LANGUAGE sql AS $$ SELECT count(*)::int FROM later $$;",
                "DROP FUNCTION uses_later();");
        cli.sql("c00000000002", "c00000000001", "typo", "CREATE FUNCTION typo() RETURNS int LANGUAGE sql "
                + "AS $$ SELECT count(*)::int FROM no_such_table $$;", "DROP FUNCTION typo();");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("c00000000002").contains("relation \"no_such_table\" does not exist");
        assertThat(cli.versions()).isEmpty();
        cli.ok("upgrade", "c00000000001");
        assertThat(cli.column("SELECT current_setting('check_function_bodies')")).containsExactly("on");
    }

    @Test
    void settingsThatCodeTakesEndWithTheMigrationToo() {
        // No SET at the start of a statement: a DO block's EXECUTE, a set_config with a name it builds, and a
        // function an earlier migration made, called with SELECT. The next migration of the same command starts
        // from the session Retort connected with all the same.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "lock_timeout = \"3s\"\n");
        cli.sql("e00000000001", "none", "elsewhere", "CREATE SCHEMA elsewhere;\n"
                + "CREATE FUNCTION go_elsewhere() RETURNS void LANGUAGE plpgsql AS $$BEGIN\n"
                + "    PERFORM set_config('search_' || 'path', 'elsewhere', false);\nEND$$;",
                "DROP FUNCTION go_elsewhere();\nDROP SCHEMA elsewhere;");
        cli.sql("e00000000002", "e00000000001", "code", "DO $$BEGIN EXECUTE 'SET work_mem = ''3MB''';\n"
                + "    PERFORM set_config('lock_' || 'timeout', '0', false); END$$;\nSELECT go_elsewhere();",
                "SELECT 1;");
        cli.sql("e00000000003", "e00000000002", "after", "CREATE TABLE seen AS SELECT name, setting FROM pg_settings "
                + "WHERE name IN ('lock_timeout', 'search_path', 'work_mem');", "DROP TABLE seen;");

        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT table_schema FROM information_schema.tables WHERE table_name = 'seen'"))
                .containsExactly("public");
        assertThat(cli.column("SELECT name || '=' || setting FROM seen ORDER BY name")).containsExactly(
                "lock_timeout=3000", "search_path=\"$user\", public", "work_mem=4096");
    }

    @Test
    void aFunctionThatSetsASuperusersSettingForItsTransactionCanBeCalledByAnyUser() {
        // Resetting session_replication_role takes a superuser; the function's setting ends with its transaction.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String owner = "caller_" + Long.toHexString(System.nanoTime());
        cli.execute("CREATE ROLE " + owner + " LOGIN");
        cli.execute("GRANT CREATE ON SCHEMA public TO " + owner);
        cli.execute("CREATE FUNCTION replica_mode_" + owner + "() RETURNS void LANGUAGE sql SECURITY DEFINER AS $$\n"
                + "    SELECT set_config('session_replication_role', 'replica', true)\n$$");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + owner);
        cli.sql("d00000000001", "none", "replica", "SELECT replica_mode_" + owner + "();\nCREATE TABLE t (id int);",
                "DROP TABLE t;");
        try {
            cli.ok("upgrade", "head");
        } finally {
            cli.execute("DROP OWNED BY " + owner + "; DROP FUNCTION replica_mode_" + owner + "(); DROP ROLE " + owner);
        }
    }

    @Test
    void settingsThatEndWithTheirTransactionAreNotResetAndSessionCharacteristicsAre() {
        // PostgreSQL 16 and later refuse RESET of seed and of the transaction_* settings; each ends with the
        // transaction anyway. SET SESSION CHARACTERISTICS sets the default_transaction_* of every later transaction.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "seeded", "SET seed = 0.5;\nSET transaction_isolation = 'repeatable read';\n"
                + "SET transaction_read_only = off;\nSET transaction_deferrable = off;\n"
                + "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY;\n"
                + "CREATE TABLE sample AS SELECT random() AS r FROM generate_series(1, 3);", "DROP TABLE sample;");
        cli.sql("d00000000002", "d00000000001", "after", "CREATE TABLE seen AS SELECT name, setting FROM pg_settings "
                + "WHERE name IN ('default_transaction_isolation', 'default_transaction_read_only');",
                "DROP TABLE seen;");

        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT name || '=' || setting FROM seen ORDER BY name")).containsExactly(
                "default_transaction_isolation=read committed", "default_transaction_read_only=off");
    }

    @Test
    void aFunctionThatSetsASettingWhenCalledIsDefinedByAnyOwner() {
        // Resetting session_replication_role takes a superuser; defining the function that sets it does not.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String owner = "definer_" + Long.toHexString(System.nanoTime());
        cli.execute("CREATE ROLE " + owner + " LOGIN");
        cli.execute("GRANT CREATE ON SCHEMA public TO " + owner);
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + owner);
        cli.sql("d00000000001", "none", "replica", "CREATE FUNCTION replica_mode() RETURNS void LANGUAGE sql AS $$\n"
                + "    SELECT set_config('session_replication_role', 'replica', true)\n$$;",
                "DROP FUNCTION replica_mode();");
        try {
            cli.ok("upgrade", "head");
        } finally {
            cli.execute("DROP OWNED BY " + owner + "; DROP ROLE " + owner);
        }
    }

    @Test
    void theSearchPathEachMigrationStartsFromIsTheOneTheUrlAskedFor() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA tenant");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&currentSchema=tenant");
        cli.sql("c00000000001", "none", "billing",
                "CREATE SCHEMA billing;\nSET search_path TO billing;\nCREATE TABLE invoices (id int);",
                "DROP SCHEMA billing CASCADE;");
        cli.sql("c00000000002", "c00000000001", "payments", "CREATE TABLE payments (id int);", "DROP TABLE payments;");

        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                + "WHERE table_schema IN ('public', 'tenant', 'billing') ORDER BY 1"))
                .containsExactly("billing.invoices", "tenant.payments", "tenant.retort_history",
                        "tenant.retort_version");
        assertThat(cli.column("SELECT version_num FROM tenant.retort_version")).containsExactly("c00000000002");
        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT count(*) FROM tenant.retort_version")).containsExactly("0");
    }

    @Test
    void aVersionTableOfAnotherShapeIsNotCalledALostConnection() {
        HostileProject p = applied();
        p.cli.execute("DROP TABLE retort_version");
        p.cli.execute("CREATE TABLE retort_version (x int)");
        for (String command : List.of("upgrade head", "downgrade base")) {
            Cli.Result r = p.cli.run(command.split(" "));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(error(r)).as(command).startsWith("The run failed on ")
                    .contains("ERROR: column \"version_num\" does not exist. Run `retort current` to see where the "
                            + "database stands.");
        }
    }

    /**
     * A message written with escape sequences, which could clear the screen, retitle the window or hide a failure
     * when printed, is printed with its control characters escaped wherever it is shown: the script is valid SQL.
     */
    @Test
    void controlCharactersOfAMigrationReachNoTerminal() {
        HostileProject p = applied();
        p.cli.write("migrations/versions/bbbbbbbbbbb1_java.java", java("bbbbbbbbbbb1", "", "").replace(
                "message = \"hostile\"", "message = \"java\\u001b[31mRED\\u001b]0;TITLE\\u0007 \\u001b[2J\""));
        p.cli.write("migrations/versions/bbbbbbbbbbb2_sql.sql", "-- revision: bbbbbbbbbbb2\n-- down_revision: "
                + "bbbbbbbbbbb1\n-- message: sql\u001b[2J\u009b1m\u007f end\n-- +upgrade\nSELECT 1;\n-- +downgrade\n");
        String java = "java\\u001b[31mRED\\u001b]0;TITLE\\u0007 \\u001b[2J";
        String sql = "sql\\u001b[2J\\u009b1m\\u007f end";
        List<Cli.Result> printed = new ArrayList<>();
        printed.add(p.ok("history"));
        assertThat(printed.get(0).out()).contains("a00000000002 -> bbbbbbbbbbb1, " + java)
                .contains("bbbbbbbbbbb1 -> bbbbbbbbbbb2 (head), " + sql);
        printed.add(p.ok("upgrade", "--sql", "a00000000002:head"));
        assertThat(printed.get(1).out()).contains("-- Running upgrade a00000000002 -> bbbbbbbbbbb1, " + java + "\n");
        printed.add(p.ok("upgrade", "head"));
        assertThat(printed.get(2).err()).contains("Running upgrade bbbbbbbbbbb1 -> bbbbbbbbbbb2, " + sql + "\n");
        printed.add(p.ok("show", "bbbbbbbbbbb1"));
        printed.add(p.ok("current", "-v"));
        printed.add(p.ok("heads", "-v"));
        printed.add(p.ok("history", "-v"));
        assertThat(printed.get(3).out()).contains("    " + java + "\n");
        // A value the command line gave is escaped in an error as well.
        printed.add(p.rejects(2, "revision", "-m", "x", "--branch-label", "x\ny\u001b[2J"));
        assertThat(error(printed.get(7))).contains("Branch label 'x\\ny\\u001b[2J' may hold only");
        for (Cli.Result r : printed) {
            assertThat((r.out() + r.err()).codePoints().filter(c -> c != '\n' && Character.isISOControl(c)))
                    .as(r.toString()).isEmpty();
        }
    }

    @Test
    void garbageTargets() {
        HostileProject p = applied();
        List<String> garbage = List.of("'; DROP TABLE applied_log; --", "head\n", "head\r", "\u0000", "@@", "@head",
                "head@", "+", "-", "++1", "+99999999999", "-1000000000", "99999999999+1", "abc", "a0",
                "a0000000000000000000", "zzzzzzzzzzzz", "\u00e7a", "\ud83d\ude00", "heads@heads@heads", "base-1",
                "head+1", "a00000000001@zzzz", "%s%n", "${DATABASE_URL}", "-9", "+9");
        // Written as no id, label or step is, like no target at all or a step the other way, the command line's
        // mistake (2); the rest are well formed and match nothing (1).
        Set<String> malformed = Set.of("'; DROP TABLE applied_log; --", "@@", "@head", "head@", "+", "++1", "\u00e7a",
                "\ud83d\ude00", "heads@heads@heads", "%s%n", "${DATABASE_URL}");
        String before = p.cli.snapshot();
        for (String target : garbage) {
            for (String verb : List.of("upgrade", "downgrade", "stamp", "show")) {
                boolean usage = target.codePoints().anyMatch(Character::isISOControl) || malformed.contains(target)
                        || verb.equals("upgrade") && target.equals("-9")
                        || verb.equals("downgrade") && target.equals("+9");
                assertThat(error(p.rejects(usage ? 2 : 1, verb, target))).isNotBlank();
            }
        }
        // History ranges stop at base and head instead of failing, so only names that match nothing, or malformed
        // ones, fail there.
        for (String end : List.of("'; DROP TABLE applied_log; --", "\u0000", "@@", "zzzzzzzzzzzz", "a0", "%s%n",
                "\ud83d\ude00", "head@")) {
            int code = end.codePoints().anyMatch(Character::isISOControl) || malformed.contains(end) ? 2 : 1;
            assertThat(error(p.rejects(code, "history", "-r", end + ":head"))).isNotBlank();
            assertThat(error(p.rejects(code, "history", "-r", "base:" + end))).isNotBlank();
        }
        // What looks like an option is a usage error.
        assertThat(error(p.rejects(2, "upgrade", "--1"))).contains("Unknown option: '--1'");
        assertThat(p.cli.snapshot()).isEqualTo(before);
        assertThat(p.cli.versions()).containsExactly("a00000000002");
        assertThat(p.cli.tableExists("applied_log")).isTrue();
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
