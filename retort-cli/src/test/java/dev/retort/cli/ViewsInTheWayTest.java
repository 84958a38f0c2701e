package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model table whose name a view holds in the database: Retort compares tables only, so it would write a migration
 * that creates the table and fails on "relation already exists". It says so at once instead.
 */
class ViewsInTheWayTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void databaseWithAView() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "orders and their totals",
                "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                        + "CREATE VIEW order_totals AS SELECT id AS order_id, total FROM orders;",
                "DROP VIEW order_totals;\nDROP TABLE orders;");
        cli.ok("upgrade", "head");
    }

    @Test
    void anEntityMappedOntoAViewIsRefusedWithWhatToDo() {
        entitiesWithOrders();
        cli.write("src/main/java/com/example/OrderTotal.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.math.BigDecimal;

                @Entity @org.hibernate.annotations.Immutable @Table(name = "order_totals")
                public class OrderTotal { @Id private Long orderId; private BigDecimal total; }
                """);

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "totals");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("retort: order_totals is a view in the database, but a table in the model "
                + "(com.example.OrderTotal); Retort compares tables only, and a migration that creates the table would "
                + "fail. An entity mapped onto a view (@Immutable with @Table) is a table to Hibernate too: list "
                + "order_totals in exclude_tables in [models] and create the view in a migration you write, or map "
                + "the entity with @Subselect, for which no table is made.");
        assertThat(cli.project.resolve("migrations/versions")).isDirectoryNotContaining("glob:**totals.java");

        config("exclude_tables = [\"order_totals\"]\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aViewTheModelCreatesIsNamedUntilAMigrationCreatesIt() {
        entitiesWithOrders();
        cli.write("src/main/java/com/example/BigOrder.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.math.BigDecimal;

                @Entity @org.hibernate.annotations.Immutable
                @org.hibernate.annotations.View(query = "select o.id as id, o.total as total from orders o "
                        + "where o.total > 100")
                public class BigOrder { @Id private Long id; private BigDecimal total; }
                """);

        Cli.Result check = cli.run("check");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.err()).contains("warning: the model creates view big_order (com.example.BigOrder), which "
                + "the database lacks: Retort compares no views, so no migration of its own creates it. Create it "
                + "in a migration you write (op.execute(\"CREATE VIEW big_order AS ...\"), with DROP VIEW in the "
                + "downgrade), or list it in exclude_tables in [models]; the model's DDL has it as: create view "
                + "big_order as select");

        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "big orders",
                "CREATE VIEW big_order AS SELECT id, total FROM orders WHERE total > 100;", "DROP VIEW big_order;");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").err()).doesNotContain("big_order");
    }

    @Test
    void aSchemaFileTableIsRefusedToo() {
        cli.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE TABLE order_totals (order_id bigint, total numeric);\n");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("retort: order_totals is a view in the database, but a table in the model "
                + "(schema.sql)").contains("Leave it out of the model, or list it in exclude_tables in [models].");
    }

    @Test
    void aSchemaFileViewIsNamedWithItsQuotedName() {
        cli.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE VIEW order_totals AS SELECT id AS order_id, total FROM orders;\n"
                + "CREATE MATERIALIZED VIEW \"Big Orders\" AS SELECT id FROM orders WHERE total > 100;\n");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");

        Cli.Result r = cli.ok("check");

        assertThat(r.err()).contains("warning: the model creates materialized view \"Big Orders\" (schema.sql), which "
                + "the database lacks").contains("(op.execute(\"CREATE MATERIALIZED VIEW \\\"Big Orders\\\" AS "
                + "...\"), with DROP MATERIALIZED VIEW in the downgrade), or list it in exclude_tables in [models]; "
                + "the "
                + "model's DDL has it as: CREATE MATERIALIZED VIEW \"Big Orders\" AS SELECT id FROM orders WHERE "
                + "total > 100").doesNotContain("order_totals");
    }

    @Test
    void aSchemaFilesProceduresRulesAndPoliciesAreNamedOneLineForEachKind() {
        StringBuilder schema = new StringBuilder("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE TABLE order_log (id bigint PRIMARY KEY);\n"
                + "CREATE RULE \"No Deletes\" AS ON DELETE TO orders DO INSTEAD NOTHING;\n"
                + "CREATE POLICY tenant_only ON public.orders USING (id > 0);\n"
                + "CREATE FUNCTION f0() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                + "CREATE TRIGGER log_trigger AFTER INSERT ON order_log FOR EACH ROW EXECUTE FUNCTION f0();\n");
        for (int i = 0; i < 12; i++) {
            schema.append("CREATE PROCEDURE Archive").append(i).append("() LANGUAGE sql AS $$ SELECT 1 $$;\n");
        }
        cli.write("schema.sql", schema.toString());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"order_log\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "one procedure", "CREATE PROCEDURE archive0() LANGUAGE sql AS $$ "
                + "SELECT 1 $$;", "DROP PROCEDURE archive0();");
        cli.ok("upgrade", "head");

        Cli.Result r = cli.run("check");

        assertThat(r.err()).contains("warning: the model creates procedures archive1(), archive2(), archive3(), "
                + "archive4(), archive5(), archive6(), archive7(), archive8(), archive9(), archive10() and 1 more "
                + "(schema.sql), which the database lacks: Retort compares no procedures, so no migration of its own "
                + "creates them. Create them in a migration you write (op.execute(\"CREATE PROCEDURE ...\"), with "
                + "DROP PROCEDURE in the downgrade, or a SQL migration), taking their statements from schema.sql.")
                .contains("warning: the model creates rule \"No Deletes\" on orders (schema.sql)")
                .contains("warning: the model creates row-level security policy tenant_only on public.orders "
                        + "(schema.sql), which the database lacks: Retort compares no row-level security policies")
                .doesNotContain("archive0").doesNotContain("log_trigger");
    }

    @Test
    void anOverloadTheDatabaseLacksIsNamedWithItsArgumentTypes() {
        cli.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE DOMAIN cents AS bigint;\n"
                + "CREATE FUNCTION total_of(o bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE FUNCTION total_of(label text, OUT n integer) LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE FUNCTION public.label(\"timestamp\" timestamp(3) with time zone, sep character varying(5) "
                + "DEFAULT ',', parts double precision[] DEFAULT '{}') RETURNS text LANGUAGE sql AS $$ SELECT '' $$;\n"
                + "CREATE FUNCTION in_cents(amount cents) RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE PROCEDURE archive(IN before date, OUT archived integer) LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE PROCEDURE archive(before text) LANGUAGE sql AS $$ SELECT 1 $$;\n");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        // Each of the other name's: the types as the database resolves them (varchar, float8), not as written.
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "overloads", "CREATE FUNCTION total_of(text) RETURNS integer "
                + "LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE FUNCTION label(timestamptz, varchar, float8[]) RETURNS text "
                + "LANGUAGE sql AS $$ SELECT '' $$;\nCREATE FUNCTION in_cents(bigint) RETURNS bigint LANGUAGE sql AS "
                + "$$ SELECT 1 $$;\nCREATE PROCEDURE archive(date, OUT integer) LANGUAGE sql AS $$ SELECT 1 $$;",
                "DROP FUNCTION total_of(text);\nDROP FUNCTION label(timestamptz, varchar, float8[]);\n"
                + "DROP FUNCTION in_cents(bigint);\nDROP PROCEDURE archive(date, integer);");
        cli.ok("upgrade", "head");

        Cli.Result r = cli.run("check");

        // in_cents(cents) needs a type the database lacks, so it lacks the function too.
        assertThat(r.err()).contains("warning: the model creates functions total_of(bigint), in_cents(cents) "
                + "(schema.sql), which the database lacks: Retort compares no functions")
                .contains("warning: the model creates procedure archive(text) (schema.sql)")
                .doesNotContain("label(").doesNotContain("total_of(text").doesNotContain("archive(date");
    }

    @Test
    void aSchemaFilesDomainsCompositeTypesAndAggregatesAreNamed() {
        cli.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE DOMAIN positive AS integer CHECK (VALUE > 0);\n"
                + "CREATE DOMAIN public.email AS text;\n"
                + "CREATE TYPE address AS (street text, city text);\n"
                + "CREATE TYPE \"Money Range\" AS RANGE (subtype = numeric);\n"
                + "CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
                + "CREATE AGGREGATE total(numeric) (SFUNC = numeric_add, STYPE = numeric);\n"
                + "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);\n"
                + "CREATE AGGREGATE counted(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');\n");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "some of them", "CREATE DOMAIN email AS text;\n"
                + "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);",
                "DROP AGGREGATE total(integer);\nDROP DOMAIN email;");
        cli.ok("upgrade", "head");

        Cli.Result r = cli.run("check");

        assertThat(r.err()).contains("warning: the model creates domain positive (schema.sql), which the database "
                + "lacks: Retort compares no domains, so no migration of its own creates it. Create it in a migration "
                + "you write (op.execute(\"CREATE DOMAIN ...\"), with DROP DOMAIN in the downgrade, or a SQL "
                + "migration), taking its statement from schema.sql.")
                .contains("warning: the model creates composite type address (schema.sql), which the database "
                        + "lacks: Retort compares no composite types")
                .contains("warning: the model creates aggregates total(numeric), counted() (schema.sql), which the "
                        + "database lacks: Retort compares no aggregates, so no migration of its own creates them. "
                        + "Create them in a migration you write (op.execute(\"CREATE AGGREGATE ...\"), with DROP "
                        + "AGGREGATE in the downgrade")
                .doesNotContain("email").doesNotContain("total(integer)").doesNotContain("composite type mood");
    }

    @Test
    void aViewOfTheModelIsQuotedWithoutItsPasswordAndExcludedTablesAreNotNamed() {
        cli.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE VIEW order_totals AS SELECT id AS order_id, total FROM orders;\n"
                + "CREATE VIEW remote AS SELECT 'host=db user=report password=Zq9secret' AS conninfo;\n"
                + "CREATE VIEW report AS SELECT 1 AS one;\n");
        String dev = "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n";
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n" + dev);

        Cli.Result r = cli.ok("check");

        assertThat(r.err()).contains("warning: the model creates view remote (schema.sql)")
                .contains("password=***").doesNotContain("Zq9secret");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n"
                + "exclude_tables = [\"public.REMOTE\", \"REP*\"]\n" + dev);
        assertThat(cli.ok("check").err()).doesNotContain("model creates");
    }

    @Test
    void anExcludedNameMatchesAViewTheDdlNamesWithItsSchema() {
        cli.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\n"
                + "CREATE VIEW public.summary AS SELECT count(*) AS n FROM orders;\n");
        String dev = "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n";
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n" + dev);
        assertThat(cli.ok("check").err()).contains("warning: the model creates view public.summary (schema.sql)");

        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"Summary\"]\n" + dev);

        assertThat(cli.ok("check").err()).doesNotContain("model creates");
    }

    /** A project of JPA entities, one of them the table orders. */
    private void entitiesWithOrders() {
        config("");
        cli.write("src/main/java/com/example/Order.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.math.BigDecimal;

                @Entity @Table(name = "orders")
                public class Order { @Id private Long id; @Column(precision = 12, scale = 2) private BigDecimal total; }
                """);
    }

    private void config(String more) {
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n" + more
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
    }
}
