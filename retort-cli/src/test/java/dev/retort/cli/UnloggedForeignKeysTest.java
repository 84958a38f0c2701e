package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL never lets a logged table reference an unlogged one: it makes a table unlogged only once no logged
 * table references it, logged only once it references no unlogged table, and creates a logged table only with
 * foreign keys to logged ones. Autogenerate orders its changes so, and refuses the cycles no order can serve.
 */
class UnloggedForeignKeysTest {
    private static final String CUSTOMERS = "CREATE %sTABLE customers (id int PRIMARY KEY);\n";
    private static final String ORDERS =
            "CREATE %sTABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);\n";
    private static final String PERSISTENCE = "SELECT relname || ' ' || relpersistence::text FROM pg_class "
            + "WHERE relname IN ('customers', 'orders', 'invoices') ORDER BY relname";

    @TempDir
    Path dir;

    @Test
    void tablesMadeUnloggedGoReferencingFirstAndThoseMadeLoggedReferencedFirst() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", CUSTOMERS.formatted("") + ORDERS.formatted(""));
        cli.autogenerate("start");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO customers VALUES (1); INSERT INTO orders VALUES (1, 1)");

        cli.write("schema.sql", CUSTOMERS.formatted("UNLOGGED ") + ORDERS.formatted("UNLOGGED "));
        String unlogged = Files.readString(cli.autogenerate("both unlogged"));
        assertThat(unlogged).containsSubsequence("op.setTableUnlogged(\"orders\");",
                "op.setTableUnlogged(\"customers\");", "op.setTableLogged(\"customers\");",
                "op.setTableLogged(\"orders\");");
        cli.ok("upgrade", "head");
        assertThat(cli.column(PERSISTENCE)).containsExactly("customers u", "orders u");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column(PERSISTENCE)).containsExactly("customers p", "orders p");
        cli.ok("upgrade", "head");

        cli.write("schema.sql", CUSTOMERS.formatted("") + ORDERS.formatted(""));
        cli.autogenerate("both logged");
        cli.ok("upgrade", "head");
        assertThat(cli.column(PERSISTENCE)).containsExactly("customers p", "orders p");
        cli.ok("downgrade", "-1");
        assertThat(cli.column(PERSISTENCE)).containsExactly("customers u", "orders u");
        assertThat(cli.column("SELECT count(*) FROM orders")).containsExactly("1");
    }

    @Test
    void aNewLoggedTableIsCreatedOnceTheTableItReferencesIsLogged() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", CUSTOMERS.formatted("UNLOGGED ") + ORDERS.formatted("UNLOGGED "));
        cli.autogenerate("start");
        cli.ok("upgrade", "head");

        cli.write("schema.sql", CUSTOMERS.formatted("") + ORDERS.formatted("UNLOGGED ")
                + "CREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES customers);\n");
        String invoices = Files.readString(cli.autogenerate("invoices"));
        assertThat(invoices).containsSubsequence("op.setTableLogged(\"customers\");", "op.createTable(\"invoices\"",
                "op.dropConstraint(\"invoices_customer_id_fkey\", \"invoices\");",
                "op.setTableUnlogged(\"customers\");", "op.dropTable(\"invoices\");");
        cli.ok("upgrade", "head");
        assertThat(cli.column(PERSISTENCE)).containsExactly("customers p", "invoices p", "orders u");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column(PERSISTENCE)).containsExactly("customers u", "orders u");
    }

    @Test
    void tablesWhoseForeignKeysFormACycleAreRefusedBeforeAnyFileIsWritten() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        String cycle = "CREATE %1$sTABLE a (id int PRIMARY KEY, b_id int);\n"
                + "CREATE %1$sTABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\n"
                + "ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;\n";
        cli.write("schema.sql", cycle.formatted(""));
        cli.autogenerate("start");
        cli.ok("upgrade", "head");

        cli.write("schema.sql", cycle.formatted("UNLOGGED "));
        Cli.Result refused = cli.run("revision", "--autogenerate", "-m", "cycle unlogged");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("retort: Cannot make tables a and b unlogged in one migration: foreign "
                + "key b_a_id_fkey on b references a and others lead back, and PostgreSQL changes one table at a "
                + "time but never lets a logged table reference an unlogged one. Leave b_a_id_fkey out of the model "
                + "for one revision and put it back in the next, or write the migration by hand: drop b_a_id_fkey "
                + "on b, change the tables, then add it again.\n");
        assertThat(refused.err().lines().filter(l -> l.startsWith("retort:"))).hasSize(1);
        // check plans the same changes, and says why they cannot be made.
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).startsWith("retort: Cannot make tables a and b unlogged in one migration");
        try (var files = Files.list(cli.project.resolve("migrations/versions"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java"))).hasSize(1);
        }

        // What the error says to do works.
        cli.write("schema.sql", cycle.formatted("UNLOGGED ").replace("a_id int REFERENCES a", "a_id int"));
        cli.autogenerate("unlogged without b_a_id_fkey");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", cycle.formatted("UNLOGGED "));
        cli.autogenerate("b_a_id_fkey back");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT relname || ' ' || relpersistence::text FROM pg_class WHERE relname IN ('a', 'b') "
                + "ORDER BY relname")).containsExactly("a u", "b u");
        cli.ok("downgrade", "-2");
        assertThat(cli.column("SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b') AND relpersistence = 'p'"))
                .containsExactly("2");
    }
}
