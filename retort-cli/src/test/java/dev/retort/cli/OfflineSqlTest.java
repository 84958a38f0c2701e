package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sql}: the statements a run would execute, printed without a database. */
class OfflineSqlTest {
    @TempDir
    Path dir;

    private Cli offline() {
        // Nothing listens on port 1: any attempt to connect would fail the command.
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/nowhere");
        cli.sql("aaaaaaaaaaa1", "none", "create users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "add phone", "ALTER TABLE users ADD COLUMN phone text;",
                "ALTER TABLE users DROP COLUMN phone;");
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "index phone",
                "-- +autocommit\nCREATE INDEX CONCURRENTLY ix_phone ON users (phone);\n-- +end-autocommit",
                "DROP INDEX ix_phone;");
        return cli;
    }

    @Test
    void upgradeFromBaseCreatesTheVersionTableAndRecordsEachStep() {
        Cli.Result r = offline().ok("upgrade", "--sql", "head");
        String expected = """
                -- Run with: psql -v ON_ERROR_STOP=1 -f FILE, which stops at the first error

                SET client_encoding = 'UTF8';

                SET datestyle = 'ISO';

                SET timezone = ZONE;

                SET lock_timeout = '5s';

                SET statement_timeout = '0';

                BEGIN;

                CREATE TABLE IF NOT EXISTS retort_version (version_num varchar(32) NOT NULL, CONSTRAINT retort_version_pkc PRIMARY KEY (version_num));

                CREATE TABLE IF NOT EXISTS retort_history (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, revision varchar(32) NOT NULL, direction varchar(9) NOT NULL, checksum char(64), os_user text, db_user text NOT NULL DEFAULT current_user, applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint);

                COMMIT;

                -- Running upgrade -> aaaaaaaaaaa1, create users

                BEGIN;

                CHECK:none of 'aaaaaaaaaaa1', 'aaaaaaaaaaa2', 'aaaaaaaaaaa3'

                CREATE TABLE users (id int);

                INSERT INTO retort_version (version_num) VALUES ('aaaaaaaaaaa1');

                HISTORY1

                COMMIT;

                -- Running upgrade aaaaaaaaaaa1 -> aaaaaaaaaaa2, add phone

                BEGIN;

                CHECK:aaaaaaaaaaa1

                ALTER TABLE users ADD COLUMN phone text;

                UPDATE retort_version SET version_num = 'aaaaaaaaaaa2' WHERE version_num = 'aaaaaaaaaaa1';

                HISTORY2

                COMMIT;

                -- Running upgrade aaaaaaaaaaa2 -> aaaaaaaaaaa3, index phone

                BEGIN;

                CHECK:aaaaaaaaaaa2

                MARK:aaaaaaaaaaa3

                COMMIT;

                -- outside a transaction:

                DO $retort_invalid$
                DECLARE
                    invalid regclass;
                BEGIN
                    SELECT i.indexrelid INTO invalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE i.indrelid = to_regclass('users') AND c.relname = 'ix_phone' AND NOT i.indisvalid;
                    IF FOUND THEN
                        EXECUTE format('DROP INDEX %s', invalid);
                    END IF;
                END
                $retort_invalid$;

                CREATE INDEX CONCURRENTLY ix_phone ON users (phone);

                BEGIN;

                UPDATE retort_version SET version_num = 'aaaaaaaaaaa3' WHERE version_num = 'aaaaaaaaaaa2';

                HISTORY3

                DELETE FROM retort_history WHERE revision = 'aaaaaaaaaaa3' AND direction = 'started';

                COMMIT;

                """;
        // The zone of the JVM that prints the script (ScriptRunByPsqlTest runs one).
        String actual = r.out().replaceFirst("SET timezone = '[^']+';", "SET timezone = ZONE;")
                .replaceAll("INSERT INTO retort_history \\(revision, direction, checksum, os_user, duration_ms\\) "
                + "VALUES \\('(\\w+)', 'upgrade', '[0-9a-f]{64}', '[^']*', NULL\\);", "HISTORY:$1")
                // The mark of the revision before its autocommit part, as the role the session started with
                // (ScriptRunByPsqlTest).
                .replaceAll("DO \\$retort\\$BEGIN PERFORM pg_catalog.set_config\\('role', \\(SELECT reset_val FROM "
                        + "pg_catalog.pg_settings WHERE name = 'role'\\), true\\); EXECUTE "
                        + "'UPDATE retort_history SET direction = ''partial'' WHERE revision = ''(\\w+)'' [^\n]*"
                        + "''started'', ''[0-9a-f]{64}'', ''[^']*''\\)'; END\\$retort\\$;", "MARK:$1")
                // The check that the version table is where the step starts (ScriptRunByPsqlTest runs it).
                .replaceAll("DO \\$retort_check\\$\nBEGIN\n    PERFORM 1 FROM retort_version WHERE version_num = "
                        + "'(\\w+)' FOR UPDATE;\n    IF NOT FOUND THEN\n        RAISE EXCEPTION USING MESSAGE = "
                        + "'retort_version does not hold revision \\1, where the upgrade to \\w+ starts: [^']*';\n"
                        + "    END IF;\nEND\n\\$retort_check\\$;", "CHECK:$1")
                // A step that only inserts: no row of its revision or of one after it (ScriptRunByPsqlTest runs it).
                .replaceAll("DO \\$retort_check\\$\nDECLARE\n    past varchar\\(32\\);\nBEGIN\n    SELECT "
                        + "version_num INTO past FROM retort_version WHERE version_num IN \\(([^)]*)\\)\n        "
                        + "ORDER BY 1 LIMIT 1;\n    IF FOUND THEN\n        RAISE EXCEPTION USING MESSAGE = "
                        + "'retort_version holds revision ' \\|\\| past \\|\\| ', which is aaaaaaaaaaa1 or follows "
                        + "it, [^']*';\n    END IF;\nEND\n\\$retort_check\\$;", "CHECK:none of $1");
        assertThat(actual).isEqualTo(expected.replace("HISTORY1", "HISTORY:aaaaaaaaaaa1")
                .replace("HISTORY2", "HISTORY:aaaaaaaaaaa2").replace("HISTORY3", "HISTORY:aaaaaaaaaaa3"));
    }

    @Test
    void rangesAndDowngrades() {
        Cli cli = offline();
        String range = cli.ok("upgrade", "--sql", "aaaaaaaaaaa1:aaaaaaaaaaa2").out();
        assertThat(range).doesNotContain("CREATE TABLE").contains("ADD COLUMN phone")
                .contains("UPDATE retort_version SET version_num = 'aaaaaaaaaaa2'");
        String down = cli.ok("downgrade", "--sql", "head:base").out();
        assertThat(down).contains("DROP INDEX ix_phone;").contains("DROP TABLE users;")
                .contains("DELETE FROM retort_version WHERE version_num = 'aaaaaaaaaaa1';");
        assertThat(down.indexOf("DROP INDEX")).isLessThan(down.indexOf("DROP TABLE"));
        Cli.Result noRange = cli.run("downgrade", "--sql", "base");
        assertThat(noRange.exitCode()).isEqualTo(2);
        assertThat(noRange.err()).contains("FROM:TO");
        // No database is involved: a range the wrong way round is the range's fault.
        Cli.Result backwards = cli.run("upgrade", "--sql", "aaaaaaaaaaa2:aaaaaaaaaaa1");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("The range 'aaaaaaaaaaa2:aaaaaaaaaaa1' goes down")
                .contains("retort downgrade --sql aaaaaaaaaaa2:aaaaaaaaaaa1").doesNotContain("database");
        Cli.Result wrongWay = cli.run("upgrade", "--sql", "head:base");
        assertThat(wrongWay.err()).contains("The range 'head:base' goes down")
                .contains("`retort downgrade --sql head:base`");
        // Offline nothing is applied: a downgrade's range the wrong way round is not "not applied".
        Cli.Result upwards = cli.run("downgrade", "--sql", "base:head");
        assertThat(upwards.exitCode()).as(upwards.toString()).isEqualTo(2);
        assertThat(upwards.err()).isEqualTo("retort: The range 'base:head' goes up: head comes after base, and a "
                + "downgrade's range runs from the newer revision to the older, written `head:base`; for the SQL that "
                + "applies those migrations, run `retort upgrade --sql base:head`.\n");
        assertThat(cli.run("downgrade", "--sql", "aaaaaaaaaaa1:aaaaaaaaaaa3").err())
                .contains("written `aaaaaaaaaaa3:aaaaaaaaaaa1`").doesNotContain("not applied");
        // Nor is there a current revision to start from.
        for (String[] command : new String[][] {{"upgrade", "--sql", "current:head"},
                {"downgrade", "--sql", "current:base"}, {"stamp", "--sql", "current:head"}}) {
            Cli.Result current = cli.run(command);
            assertThat(current.exitCode()).as(current.toString()).isEqualTo(2);
            assertThat(current.err()).contains("--sql runs without a database, so 'current:").contains("has no current "
                    + "revision to start from; name the revision the database is at");
        }
    }

    @Test
    void aDowngradeRangeAcrossBranchesSaysItDoesNotGoDown() {
        Cli cli = offline();
        cli.sql("bbbbbbbbbbb1", "aaaaaaaaaaa1", "other branch", "SELECT 1;", "SELECT 2;");
        Cli.Result across = cli.run("downgrade", "--sql", "aaaaaaaaaaa3:bbbbbbbbbbb1");
        assertThat(across.exitCode()).as(across.toString()).isEqualTo(2);
        assertThat(across.err()).isEqualTo("retort: The range 'aaaaaaaaaaa3:bbbbbbbbbbb1' does not go down: "
                + "bbbbbbbbbbb1 is not below aaaaaaaaaaa3, and a downgrade's range runs from the newer revision to an "
                + "older one on its branch, as `head:base`; run `retort history` to see the revisions.\n");
    }

    @Test
    void oneTransactionForTheWholeRun() {
        Cli cli = offline();
        cli.write("retort.toml", "transaction_per_migration = false\n");
        String out = cli.ok("upgrade", "--sql", "aaaaaaaaaaa2").out();
        assertThat(out.split("BEGIN;", -1)).hasSize(2);
        assertThat(out.split("COMMIT;", -1)).hasSize(2);
    }

    /**
     * A migration pasted from a pg_dump of a LATIN1 database says so; Retort reads the file as UTF-8 and sends it so,
     * which psql after such a statement would read as LATIN1, and a live run's driver refuses.
     */
    @Test
    void aMigrationThatSetsAnotherClientEncodingIsRefusedBeforeAnythingIsPrinted() {
        Cli cli = offline();
        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "from a dump",
                "SET client_encoding = 'LATIN1';\nCREATE TABLE d (id int);", "DROP TABLE d;");
        Cli.Result r = cli.run("upgrade", "--sql", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("aaaaaaaaaaa4_from_a_dump.sql, line ").contains(": the statement sets "
                + "client_encoding to LATIN1, but Retort reads the file as UTF-8 and sends it so").contains("iconv -f "
                + "LATIN1 -t UTF-8").doesNotContain("\tat ");
    }

    /** In one transaction a SET LOCAL would last into the migrations after it: the script resets it too. */
    @Test
    void aSetLocalIsResetAtTheEndOfItsMigrationInOneTransaction() {
        Cli cli = offline();
        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "unchecked", "SET LOCAL check_function_bodies = off;\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT count(*)::int FROM later $$;", "");
        cli.write("retort.toml", "transaction_per_migration = false\n");
        String out = cli.ok("upgrade", "--sql", "aaaaaaaaaaa3:aaaaaaaaaaa4").out();
        assertThat(out).containsSubsequence("SET LOCAL check_function_bodies = off;", "CREATE FUNCTION f()",
                "RESET check_function_bodies;", "UPDATE retort_version");
    }
}
