package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A database built by a hand-written migration in one spelling, and a model in another: `check` finds
 * nothing, because both sides are read back from a real PostgreSQL (and equal defaults are folded).
 */
class NoFalseDifferencesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CREATE TABLE t (s varchar(20))                           | CREATE TABLE t (s character varying(20))",
        "CREATE TABLE t (c timestamptz DEFAULT CURRENT_TIMESTAMP) | CREATE TABLE t (c timestamp with time zone DEFAULT now())",
        "CREATE TABLE t (c timestamptz DEFAULT now())             | CREATE TABLE t (c timestamptz DEFAULT CURRENT_TIMESTAMP)",
        "CREATE TABLE t (n int4, b bool, f float8)                | CREATE TABLE t (n integer, b boolean, f double precision)",
        "CREATE TABLE t (p decimal(10,2))                         | CREATE TABLE t (p numeric(10,2))",
        "CREATE TABLE t (id serial)                               | CREATE SEQUENCE t_id_seq AS integer; CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_id_seq')); ALTER SEQUENCE t_id_seq OWNED BY t.id",
        "CREATE TABLE t (n int CONSTRAINT pos CHECK (n>0))        | CREATE TABLE t (n int CONSTRAINT pos CHECK ((n > 0)))",
        "CREATE TABLE t (e text); CREATE INDEX ix ON t (LOWER(e)) | CREATE TABLE t (e text); CREATE INDEX ix ON t USING btree (lower(e))",
        "CREATE TABLE t (id int PRIMARY KEY, p int REFERENCES t)  | CREATE TABLE t (id int PRIMARY KEY, p int REFERENCES t (id) ON DELETE NO ACTION)",
        // Hibernate's check for an @Enumerated(STRING) column, as its own DDL (ddl-auto) left it in the database; the
        // dev database's second pass prints it with the cast pushed into the array's elements.
        "CREATE TABLE t (s varchar(9) CHECK (s IN ('NEW','PAID')), n varchar(9) CHECK (n NOT IN ('it''s','x')))"
                + "| CREATE TABLE t (s varchar(9) CHECK (s IN ('NEW','PAID')), "
                + "n varchar(9) CHECK (n NOT IN ('it''s','x')))",
        "CREATE TABLE t (s varchar(9)); CREATE INDEX ix ON t (s) WHERE s IN ('NEW', 'PAID')"
                + "| CREATE TABLE t (s varchar(9)); CREATE INDEX ix ON t (s) WHERE s IN ('NEW', 'PAID')",
        // Hibernate 6 writes timestamp(6); a database made by hand or by Hibernate 5 has timestamp: the same type.
        "CREATE TABLE t (a timestamptz, b timestamp, c time, d timetz, e timestamp[])"
                + "| CREATE TABLE t (a timestamp(6) with time zone, b timestamp(6), c time(6), "
                + "d time(6) with time zone, e timestamp(6)[])",
        "CREATE TABLE t (a timestamp(6) with time zone NOT NULL, b timestamp(6))"
                + "| CREATE TABLE t (a timestamptz NOT NULL, b timestamp)",
    })
    void differentSpellingsOfTheSameSchemaDoNotDiffer(String database, String model) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.sql("aaaaaaaaaaa1", "none", "by hand", database + ";", "SELECT 1;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", model + ";");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
    }
}
