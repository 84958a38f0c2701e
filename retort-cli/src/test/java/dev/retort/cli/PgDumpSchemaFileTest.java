package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema file as {@code pg_dump --schema-only --no-owner --no-privileges} writes it, which is how a team that moves
 * a database from Flyway or Liquibase to Retort gets one: it serves as it is, in either kind of dev database.
 */
class PgDumpSchemaFileTest {
    /** PostgreSQL 15.14's dump of a small database, its comments shortened; it ends with an empty search path. */
    private static final String DUMP = """
            --
            -- PostgreSQL database dump
            --

            \\restrict cTzW2jRzJcYAjA3NDEW574nCFDCp3F1ZDmw1e3fgI

            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;
            SET client_min_messages = warning;

            CREATE TYPE public.order_status AS ENUM (
                'new',
                'paid'
            );

            CREATE FUNCTION public.touch_updated_at() RETURNS trigger
                LANGUAGE plpgsql
                AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END;
            $$;

            SET default_tablespace = '';
            SET default_table_access_method = heap;

            CREATE TABLE public.customers (
                id bigint NOT NULL,
                email character varying(255) NOT NULL,
                updated_at timestamp with time zone
            );

            CREATE SEQUENCE public.customers_id_seq
                START WITH 1
                INCREMENT BY 1
                NO MINVALUE
                NO MAXVALUE
                CACHE 1;

            ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;

            CREATE TABLE public.orders (
                id bigint NOT NULL,
                customer_id bigint NOT NULL,
                status public.order_status DEFAULT 'new'::public.order_status NOT NULL
            );

            ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
                SEQUENCE NAME public.orders_id_seq
                START WITH 1
                INCREMENT BY 1
                NO MINVALUE
                NO MAXVALUE
                CACHE 1
            );

            CREATE VIEW public.order_counts AS
             SELECT customer_id,
                count(*) AS orders
               FROM public.orders
              GROUP BY customer_id;

            ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);

            ALTER TABLE ONLY public.customers
                ADD CONSTRAINT customers_email_key UNIQUE (email);

            ALTER TABLE ONLY public.customers
                ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

            ALTER TABLE ONLY public.orders
                ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

            CREATE INDEX ix_orders_customer_id ON public.orders USING btree (customer_id);

            CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION \
            public.touch_updated_at();

            ALTER TABLE ONLY public.orders
                ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

            --
            -- PostgreSQL database dump complete
            --

            \\unrestrict cTzW2jRzJcYAjA3NDEW574nCFDCp3F1ZDmw1e3fgI

            """;

    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServer() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    /** The database the dump was taken from: its statements, as psql restores them, without psql's two lines. */
    private static void restore(Cli cli) {
        cli.execute(DUMP.replaceAll("(?m)^\\\\(un)?restrict .*$", ""));
    }

    @Test
    void aDumpIsComparedInTheProjectsOwnDevDatabase() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", DUMP);
        restore(cli);

        // The dev database is made from the model here, and read from the cache the second time.
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aBaselineWrittenFromADumpBuildsWhatTheDumpDescribes() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", DUMP);

        cli.autogenerate("baseline");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aBaselineFromADumpNamesTheFunctionsAndTriggersNoMigrationCreates() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", DUMP);

        Cli.Result baseline = cli.ok("revision", "--autogenerate", "-m", "baseline");

        assertThat(baseline.err()).contains("warning: the model creates function public.touch_updated_at() "
                + "(schema.sql), which the database lacks: Retort compares no functions, so no migration of its own "
                + "creates it. Create it in a migration you write (op.execute(\"CREATE FUNCTION ...\"), with DROP "
                + "FUNCTION in the downgrade, or a SQL migration), taking its statement from schema.sql.");
        assertThat(baseline.err()).contains("warning: the model creates trigger customers_touch on public.customers "
                + "(schema.sql), which the database lacks: Retort compares no triggers, so no migration of its own "
                + "creates it. Create it in a migration you write (op.execute(\"CREATE TRIGGER ...\"), with DROP "
                + "TRIGGER ON ... in the downgrade, or a SQL migration), taking its statement from schema.sql.");
        cli.ok("upgrade", "head");
        // Still missing, as the baseline left them out; `check` says so too.
        assertThat(cli.ok("check").err()).contains("function public.touch_updated_at()")
                .contains("trigger customers_touch on public.customers");
    }

    @Test
    void theFunctionsAndTriggersTheDatabaseHasAreNotNamed() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", DUMP);
        restore(cli);

        Cli.Result check = cli.ok("check");

        assertThat(check.err()).doesNotContain("touch_updated_at").doesNotContain("customers_touch");
    }

    @Test
    void aDumpIsComparedOnADevUrl() {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", DUMP);
        restore(cli);

        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aDumpWithOwnersAndGrantsOfRolesTheDevServerLacksSaysToLeaveThemOut() {
        Cli cli = Cli.withSchemaFile(dir);
        // pg_dump without --no-owner --no-privileges: roles of the production server, which the dev server lacks.
        cli.write("schema.sql", DUMP + "ALTER TABLE public.orders OWNER TO pg_dump_schema_file_owner;\n"
                + "GRANT SELECT ON TABLE public.orders TO pg_dump_schema_file_app;\n");

        Cli.Result check = cli.run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        long line = DUMP.lines().count() + 1;
        assertThat(check.err()).contains("schema.sql (line " + line + "): PostgreSQL rejects `ALTER TABLE "
                + "public.orders OWNER TO pg_dump_schema_file_owner`: ERROR: role \"pg_dump_schema_file_owner\" does "
                + "not exist. Roles belong to the server, not to the schema, and autogenerate compares no owners or "
                + "grants: leave them out of the schema file (`pg_dump --schema-only --no-owner --no-privileges`), or "
                + "set dev_url in [models] to a database on a server that has the role, and run again.");
    }
}
