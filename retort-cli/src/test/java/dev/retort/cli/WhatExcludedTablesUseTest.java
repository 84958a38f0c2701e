package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequences and enum types that an excluded table (or anything else the comparison leaves alone) uses are left
 * alone with it: a migration could not drop them, and would have nothing to create them for.
 */
class WhatExcludedTablesUseTest {
    private static final String MODEL = "CREATE TABLE customer (id int PRIMARY KEY, name text);\n"
            + "CREATE TABLE audit_log (id bigint, note text);\n";

    @TempDir
    Path dir;
    Cli cli;
    String devUrl;

    @BeforeEach
    void databaseWithALegacyOrdersTable() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        devUrl = TestPostgres.freshDatabase() + "?user=postgres";
        // A free-standing sequence and enum types, reached through a default, a column, an array and a domain.
        cli.sql("aaaaaaaaaaa1", "none", "by hand", MODEL
                + "CREATE SEQUENCE order_number_seq;\nCREATE TYPE order_status AS ENUM ('new', 'paid');\n"
                + "CREATE TYPE priority_level AS ENUM ('low', 'high');\nCREATE DOMAIN priority AS priority_level;\n"
                + "CREATE TABLE orders (id serial PRIMARY KEY, number bigint DEFAULT nextval('order_number_seq'),\n"
                + "    status order_status, history order_status[], priority priority);", "SELECT 1;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", MODEL);
    }

    private void models(String more) {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"orders\"]\n" + more
                + "dev_url = \"" + devUrl + "\"\n");
    }

    private static java.util.List<String> differences(Cli.Result r) {
        return r.out().lines().filter(line -> line.startsWith("  - ")).toList();
    }

    @Test
    void whatAnExcludedTableUsesIsNotDropped() {
        models("");
        assertThat(cli.ok("check").out()).contains("No differences");

        // A change elsewhere migrates, and leaves the database with no difference.
        cli.write("schema.sql", MODEL + "ALTER TABLE customer ADD COLUMN email text;\n");
        cli.autogenerate("customer email");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT count(*) FROM pg_type WHERE typname IN ('order_status', 'priority_level')"))
                .containsExactly("2");
    }

    @Test
    void whatAViewOrAFunctionUsesIsNotDroppedEither() {
        cli.execute("CREATE SEQUENCE ticket_seq;\nCREATE TYPE label AS ENUM ('a', 'b');\n"
                + "CREATE VIEW labels AS SELECT unnest(enum_range(NULL::label)) AS label, nextval('ticket_seq') AS n;\n"
                + "CREATE TYPE colour AS ENUM ('red');\n"
                + "CREATE FUNCTION paint(colour) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                + "CREATE TYPE unused AS ENUM ('x');\nCREATE SEQUENCE unused_seq;");
        models("");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).containsExactlyInAnyOrder("  - drop sequence unused_seq",
                "  - drop enum type unused");
    }

    @Test
    void whatAFunctionsBodyNamesIsNotDropped() throws java.io.IOException {
        // PostgreSQL records nothing of what a PL/pgSQL body uses.
        cli.execute("CREATE SCHEMA billing;\nCREATE SEQUENCE invoice_no START 1000;\n"
                + "CREATE SEQUENCE billing.receipt_no;\nCREATE TYPE prio AS ENUM ('low', 'high');\n"
                + "CREATE SEQUENCE unused_seq START 500;\n"
                + "CREATE FUNCTION next_invoice() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN "
                + "RETURN nextval('invoice_no'); END $$;\n"
                + "CREATE PROCEDURE billing.receipt() LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM nextval('Billing.Receipt_No'); END $$;\n"
                + "CREATE FUNCTION urgent() RETURNS text LANGUAGE plpgsql AS $$ DECLARE p prio := 'high'; BEGIN "
                + "RETURN p; END $$;");
        models("schemas = [\"public\", \"billing\"]\n");
        cli.write("schema.sql", "CREATE SCHEMA billing;\n" + MODEL);

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).containsExactly("  - drop sequence unused_seq");
        // The drop says what goes with the sequence.
        String migration = java.nio.file.Files.readString(cli.autogenerate("drop unused_seq"));
        assertThat(migration).contains("op.dropSequence(\"unused_seq\")")
                .contains("// WARNING: sequence unused_seq is dropped, and with it the last value it handed out; the")
                .contains("again at its start, 500,").doesNotContain("invoice_no").doesNotContain("receipt_no")
                .doesNotContain("prio");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT next_invoice()")).containsExactly("1000");
        assertThat(cli.column("SELECT urgent()")).containsExactly("high");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    /** A schema the model lacks keeps the sequence a function names, which the comparison sees, and so stays. */
    @Test
    void aSchemaWithASequenceAFunctionNamesIsNotDropped() {
        cli.execute("CREATE SCHEMA archive;\nCREATE SEQUENCE archive.archived_seq;\n"
                + "CREATE FUNCTION archive_next() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN "
                + "RETURN nextval('archive.archived_seq'); END $$;");
        models("schemas = [\"public\", \"archive\"]\n");

        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void whatTheModelDeclaresItselfIsComparedAsUsual() {
        cli.write("schema.sql", MODEL + "CREATE TYPE order_status AS ENUM ('new', 'paid', 'sent');\n"
                + "CREATE SEQUENCE order_number_seq;\n");
        models("");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).containsExactly("  - add value 'sent' to enum type order_status after 'paid'");
    }

    @Test
    void whatOnlyAnExcludedTableOfTheModelUsesIsLeftAloneToo() {
        // The model describes orders as well, with other values: neither side of it is compared.
        String orders = "CREATE SEQUENCE order_number_seq;\nCREATE TYPE order_status AS ENUM ('new', 'paid', 'sent');\n"
                + "CREATE TABLE orders (id serial PRIMARY KEY, number bigint DEFAULT nextval('order_number_seq'),\n"
                + "    status order_status, history order_status[]);\n";
        cli.write("schema.sql", MODEL + orders);
        models("");
        assertThat(cli.ok("check").out()).contains("No differences");

        // Nor created in a database without orders.
        Cli fresh = new Cli(dir.resolve("fresh"), TestPostgres.freshDatabase());
        fresh.write("schema.sql", MODEL + orders);
        fresh.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"orders\"]\n"
                + "dev_url = \"" + devUrl + "\"\n");
        Cli.Result r = fresh.run("check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).as(r.toString())
                .containsExactlyInAnyOrder("  - create table audit_log", "  - create table customer");

        // A table of the model that uses one of them makes it the model's.
        cli.write("schema.sql", orders + MODEL.replace("name text", "name text, last_status order_status"));
        r = cli.run("check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).as(r.toString()).containsExactlyInAnyOrder(
                "  - add value 'sent' to enum type order_status after 'paid'",
                "  - add column customer.last_status order_status");
    }

    @Test
    void theSequenceAndEnumTypeOfAnExcludedEntityAreNotCreated() throws java.io.IOException {
        Cli jpa = new Cli(dir.resolve("jpa"), TestPostgres.freshDatabase());
        jpa.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example.shop\"]\n"
                + "exclude_tables = [\"orders\"]\ndev_url = \"" + devUrl + "\"\n");
        jpa.write("src/main/java/com/example/shop/Customer.java", """
                package com.example.shop;

                import jakarta.persistence.*;

                @Entity
                public class Customer {
                    @Id
                    private Long id;
                }
                """);
        jpa.write("src/main/java/com/example/shop/OrderStatus.java",
                "package com.example.shop;\n\npublic enum OrderStatus { NEW, PAID }\n");
        jpa.write("src/main/java/com/example/shop/Order.java", """
                package com.example.shop;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "orders")
                public class Order {
                    @Id
                    @GeneratedValue(strategy = GenerationType.SEQUENCE)
                    private Long id;

                    @Enumerated(EnumType.STRING)
                    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)
                    private OrderStatus status;
                }
                """);

        String migration = java.nio.file.Files.readString(jpa.autogenerate("customers"));

        assertThat(migration).contains("createTable(\"customer\"").doesNotContain("orders").doesNotContain("Enum")
                .doesNotContain("Sequence");
        jpa.ok("upgrade", "head");
        assertThat(jpa.ok("check").out()).contains("No differences");
    }

    @Test
    void whatATableInASchemaNotComparedUsesIsNotDropped() {
        cli.execute("CREATE SCHEMA reporting;\nCREATE TYPE grade AS ENUM ('a', 'b');\nCREATE SEQUENCE report_seq;\n"
                + "CREATE TABLE reporting.daily (id bigint DEFAULT nextval('public.report_seq'), grade grade);");
        models("schemas = [\"public\"]\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aTypeInASchemaNotComparedIsNotCreated() {
        cli.execute("CREATE SCHEMA shared;\nCREATE TYPE shared.grade AS ENUM ('a', 'b');\n"
                + "ALTER TABLE customer ADD COLUMN grade shared.grade;");
        cli.write("schema.sql", "CREATE SCHEMA shared;\nCREATE TYPE shared.grade AS ENUM ('a', 'b');\n"
                + MODEL.replace("name text", "name text, grade shared.grade"));
        models("schemas = [\"public\"]\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
