package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting that code of the database takes while a migration runs (a trigger's function, a function called in an
 * {@code INSERT ... SELECT}, a column's default) ends with that migration: the next one runs with the run's own
 * settings, whether the steps go to the server one by one or in groups, in a transaction each or in one.
 */
class SettingsTakenByCodeTest {
    /**
     * The statements that run {@code leak()}, each the whole of a migration, in order; they name their schema, so that
     * a search path that leaked would show in what the next migration records, not stop the run. (An index's
     * expression and a materialized view's query are not among them: PostgreSQL gives back what a function sets
     * there itself.)
     */
    private static final List<String> LEAKS = List.of(
            "INSERT INTO public.audited VALUES (1)",
            "MERGE INTO public.audited a USING (SELECT 2 AS id) s ON a.id = s.id\n"
                    + "    WHEN NOT MATCHED THEN INSERT VALUES (2)",
            "INSERT INTO public.tally SELECT public.leak()",
            "UPDATE public.tally SET n = public.leak()",
            "CREATE TABLE public.copied AS SELECT public.leak() AS n",
            "ALTER TABLE public.tally ADD COLUMN code int DEFAULT public.leak()",
            "ALTER TABLE public.tally ALTER COLUMN code TYPE bigint USING public.leak()",
            "ALTER TABLE public.tally ADD CONSTRAINT positive CHECK (public.leak() > 0)");

    @TempDir
    Path dir;

    /**
     * Migrations that make the functions, then each statement of {@link #LEAKS} followed by a migration that records
     * the settings it runs with, and where its unqualified table lands. That one then sets them itself, which any
     * migration's statements may, so that each records what its own leaking migration left, if anything, whatever
     * came before. {@code alone}: each migration also runs a {@code SHOW}, which returns a row, so that its step goes
     * to the server on its own, not in a group.
     */
    private static Cli project(Path dir, boolean perMigration, boolean alone) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "statement_timeout = \"40s\"\ntransaction_per_migration = " + perMigration + "\n");
        String show = alone ? "\nSHOW work_mem;" : "";
        cli.sql("c00000000000", "none", "functions", """
                CREATE SCHEMA elsewhere;
                CREATE TABLE audited (id int);
                CREATE TABLE tally (n int);
                CREATE TABLE seen (after text, search_path text, statement_timeout text, work_mem text, query text);
                CREATE FUNCTION leak() RETURNS int LANGUAGE plpgsql AS $$BEGIN
                    PERFORM set_config('search_path', 'elsewhere', false);
                    PERFORM set_config('statement_timeout', '1234', false);
                    PERFORM set_config('work_mem', '3MB', false);
                    RETURN 1;
                END$$;
                CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN
                    PERFORM public.leak();
                    RETURN NEW;
                END$$;
                CREATE TRIGGER audited AFTER INSERT ON audited FOR EACH ROW EXECUTE FUNCTION audit();""" + show,
                "SELECT 1;");
        String down = "c00000000000";
        for (int i = 0; i < LEAKS.size(); i++) {
            String leak = String.format("c%011x", 2 * i + 1);
            String record = String.format("c%011x", 2 * i + 2);
            cli.sql(leak, down, "leak " + i, LEAKS.get(i) + ";" + show, "SELECT 1;");
            cli.sql(record, leak, "record " + i, "CREATE TABLE placed_" + i + " (id int);\n"
                    + "INSERT INTO public.seen SELECT " + i + ", current_setting('search_path'), "
                    + "current_setting('statement_timeout'), current_setting('work_mem'), current_query();\n"
                    + "SET search_path TO DEFAULT;\nSET statement_timeout TO DEFAULT;\nSET work_mem TO DEFAULT;"
                    + show,
                    "SELECT 1;");
            down = record;
        }
        return cli;
    }

    private static void eachMigrationRanWithTheRunsSettings(Cli cli) {
        cli.ok("upgrade", "head");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LEAKS.size(); i++) {
            expected.add(i + " \"$user\", public 40s 4MB");
        }
        assertThat(cli.column("SELECT concat_ws(' ', after, search_path, statement_timeout, work_mem) FROM public.seen "
                + "ORDER BY after::int")).containsExactlyElementsOf(expected);
        assertThat(cli.column("SELECT DISTINCT table_schema FROM information_schema.tables "
                + "WHERE table_name LIKE 'placed%'")).containsExactly("public");
    }

    @Test
    void inATransactionPerMigrationSentInGroups() {
        Cli cli = project(dir, true, false);
        eachMigrationRanWithTheRunsSettings(cli);
        assertGrouped(cli);
    }

    @Test
    void inOneTransactionSentInGroups() {
        Cli cli = project(dir, false, false);
        eachMigrationRanWithTheRunsSettings(cli);
        assertGrouped(cli);
    }

    @Test
    void inATransactionPerMigrationSentAlone() {
        eachMigrationRanWithTheRunsSettings(project(dir, true, true));
    }

    @Test
    void inOneTransactionSentAlone() {
        eachMigrationRanWithTheRunsSettings(project(dir, false, true));
    }

    /** A step that recorded its settings went to the server in one query with the step that took them. */
    private static void assertGrouped(Cli cli) {
        List<String> withTheirLeak = new ArrayList<>();
        for (int i = 0; i < LEAKS.size(); i++) {
            String query = cli.column("SELECT query FROM public.seen WHERE after = '" + i + "'").get(0);
            if (query.contains(LEAKS.get(i))) {
                withTheirLeak.add(LEAKS.get(i));
            }
        }
        assertThat(withTheirLeak).isNotEmpty();
    }
}
