package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities whose ids go from IDENTITY to a {@code @SequenceGenerator} that no name ties to their table: Hibernate's
 * metadata says which sequence each generator draws from, so each takes over its column past the rows, however
 * many switch at once and whether the sequence is new or shared with another entity already. Entities, and a schema
 * file's columns, that leave one sequence for a new one have it moved past their rows and past the sequence they
 * leave, when that is the one that numbered them.
 */
class GeneratorTakeoverTest {
    @TempDir
    Path dir;
    Cli cli;

    /** An entity of table {@code table}, its id generated as {@code generation} says. */
    static String entity(String name, String table, String generation) {
        return entity(name, table, "Long", generation);
    }

    /** The same with an id of Java type {@code idType}. */
    static String entity(String name, String table, String idType, String generation) {
        return """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "%s")
                public class %s {
                    @Id
                    %s
                    private %s id;

                    private String label;
                }
                """.formatted(table, name, generation, idType);
    }

    static String identity() {
        return "@GeneratedValue(strategy = GenerationType.IDENTITY)";
    }

    /** Ids drawn from sequence {@code sequence} through generator {@code generator}, 10 at a time. */
    static String sequence(String generator, String sequence) {
        return "@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = \"" + generator + "\")\n"
                + "    @SequenceGenerator(name = \"" + generator + "\", sequenceName = \"" + sequence
                + "\", allocationSize = 10)";
    }

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
    }

    private void write(String name, String table, String generation) {
        write(name, table, "Long", generation);
    }

    private void write(String name, String table, String idType, String generation) {
        cli.write("src/main/java/com/example/" + name + ".java", entity(name, table, idType, generation));
    }

    /** The models as a schema file, schema.sql, instead of entities. */
    private void useSchemaFile() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
    }

    private Path generate(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("revision", "--autogenerate", "-m", message));
        args.addAll(List.of(options));
        Cli.Result r = cli.ok(args.toArray(String[]::new));
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(r.out());
        assertThat(m.find()).as(r.toString()).isTrue();
        assertThat(r.err()).as(r.toString()).doesNotContain("WARNING");
        return cli.project.resolve(m.group(1));
    }

    private long maxId(String table) {
        return Long.parseLong(cli.column("SELECT max(id) FROM " + table).get(0));
    }

    /** The first id Hibernate's pooled optimizer hands out from a sequence of increment 10: its next value - 9. */
    private long nextHibernateId(String sequence) {
        return Long.parseLong(cli.column("SELECT nextval('" + sequence + "')").get(0)) - 9;
    }

    private long nextIdentity(String table) {
        return Long.parseLong(cli.column("INSERT INTO " + table + " (label) VALUES ('new') RETURNING id").get(0));
    }

    @Test
    void twoEntitiesSwitchToGeneratorsOfOtherNamesAtOnce() throws IOException {
        write("Invoice", "invoices", identity());
        write("Receipt", "receipts", identity());
        generate("invoices and receipts");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO invoices (label) SELECT 'i' || g FROM generate_series(1, 40) g");
        cli.execute("INSERT INTO receipts (label) SELECT 'r' || g FROM generate_series(1, 25) g");

        write("Invoice", "invoices", sequence("invoice_ids", "billing_numbers"));
        write("Receipt", "receipts", sequence("receipt_ids", "till_numbers"));
        Path file = generate("numbered by sequences");
        assertThat(Files.readString(file)).contains("setval('billing_numbers', greatest(max(id), ")
                .contains("setval('till_numbers', greatest(max(id), ");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId("billing_numbers")).isGreaterThan(maxId("invoices"));
        assertThat(nextHibernateId("till_numbers")).isGreaterThan(maxId("receipts"));
        // What Hibernate would insert next, with the ids it was handed.
        cli.execute("INSERT INTO invoices (id, label) VALUES (" + nextHibernateId("billing_numbers") + ", 'next')");
        cli.execute("INSERT INTO receipts (id, label) VALUES (" + nextHibernateId("till_numbers") + ", 'next')");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        write("Invoice", "invoices", identity());
        write("Receipt", "receipts", identity());
        assertThat(cli.ok("check").out()).contains("No differences");
        long invoices = maxId("invoices");
        long receipts = maxId("receipts");
        assertThat(nextIdentity("invoices")).isEqualTo(invoices + 1);
        assertThat(nextIdentity("receipts")).isEqualTo(receipts + 1);
        assertThat(cli.column("SELECT count(*) FROM invoices")).containsExactly("42");
    }

    @Test
    void anEntitySwitchesToASequenceAnotherEntityAlreadyUses() throws IOException {
        write("Invoice", "invoices", sequence("ids", "shared_ids"));
        write("Receipt", "receipts", identity());
        generate("invoices and receipts");
        cli.ok("upgrade", "head");
        // Hibernate numbered 20 invoices from the shared sequence (two calls of 10 each); receipts has its own ids.
        cli.execute("SELECT nextval('shared_ids'), nextval('shared_ids')");
        cli.execute("INSERT INTO invoices (id, label) SELECT g, 'i' || g FROM generate_series(1, 20) g");
        cli.execute("INSERT INTO receipts (label) SELECT 'r' || g FROM generate_series(1, 75) g");

        write("Receipt", "receipts", sequence("ids", "shared_ids"));
        Path file = generate("receipts share the sequence");
        assertThat(Files.readString(file)).contains("DROP IDENTITY")
                .contains("setval('shared_ids', greatest(max(id), ").doesNotContain("createSequence");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        long next = nextHibernateId("shared_ids");
        assertThat(next).isGreaterThan(maxId("receipts")).isGreaterThan(maxId("invoices"));
        cli.execute("INSERT INTO receipts (id, label) VALUES (" + next + ", 'next')");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        write("Receipt", "receipts", identity());
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextIdentity("receipts")).isEqualTo(next + 1);
        // The sequence stays with the entity that had it, where it was.
        assertThat(nextHibernateId("shared_ids")).isGreaterThan(next);
    }

    @Test
    void anEntityWhoseGeneratorMovesToANewSequenceGetsItPastItsRows() throws IOException {
        // A Spring Boot 2 application's ids came from Hibernate 5's one hibernate_sequence; its entities now name
        // a sequence of their own. The new sequence would start at 1, under ids the table holds.
        write("Invoice", "invoices", sequence("invoice_ids", "hibernate_sequence"));
        generate("invoices");
        cli.ok("upgrade", "head");
        cli.execute("SELECT nextval('hibernate_sequence') FROM generate_series(1, 4)");
        cli.execute("INSERT INTO invoices (id, label) SELECT g, 'i' || g FROM generate_series(1, 37) g");

        write("Invoice", "invoices", sequence("invoice_ids", "invoices_seq"));
        Path file = generate("invoices numbered by their own sequence");
        // Past the ids hibernate_sequence handed out too: those of rows deleted since are not handed out again.
        assertThat(Files.readString(file)).contains("setval('invoices_seq', greatest(max(id), "
                + "pg_sequence_last_value('hibernate_sequence'))) FROM invoices").doesNotContain("DROP IDENTITY");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        long next = nextHibernateId("invoices_seq");
        assertThat(next).isGreaterThan(maxId("invoices"));
        cli.execute("INSERT INTO invoices (id, label) VALUES (" + next + ", 'next')");
    }

    /**
     * Writes the two entities, each numbered from generator {@code <entity>_ids} on Hibernate 5's shared
     * hibernate_sequence, and upgrades: 3 ids handed out that no row kept, then 12 rows in the first table and 13 in
     * the second.
     */
    private void upgradedSharingHibernateSequence(String first, String firstTable, String second, String secondTable)
            throws IOException {
        write(first, firstTable, sequence(first.toLowerCase(Locale.ROOT) + "_ids", "hibernate_sequence"));
        write(second, secondTable, sequence(second.toLowerCase(Locale.ROOT) + "_ids", "hibernate_sequence"));
        generate(firstTable + " and " + secondTable);
        cli.ok("upgrade", "head");
        cli.execute("SELECT nextval('hibernate_sequence') FROM generate_series(1, 3)");
        cli.execute("INSERT INTO " + firstTable + " (id, label) SELECT g, '" + firstTable.charAt(0)
                + "' || g FROM generate_series(1, 12) g");
        cli.execute("INSERT INTO " + secondTable + " (id, label) SELECT g, '" + secondTable.charAt(0)
                + "' || g FROM generate_series(13, 25) g");
    }

    /**
     * Two entities leave Hibernate 5's shared hibernate_sequence for sequences of their own, which hand out more ids:
     * the way back makes hibernate_sequence again past the ids of both tables, which the older code numbers from it.
     */
    @Test
    void theWayBackMakesTheSharedSequenceAgainPastTheIdsOfEveryTable() throws IOException {
        String invoices = sequence("invoice_ids", "hibernate_sequence");
        String receipts = sequence("receipt_ids", "hibernate_sequence");
        upgradedSharingHibernateSequence("Invoice", "invoices", "Receipt", "receipts");

        write("Invoice", "invoices", sequence("invoice_ids", "invoices_seq"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipts_seq"));
        Path file = generate("sequences of their own");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO invoices (id, label) VALUES (" + nextHibernateId("invoices_seq") + ", 'next')");
        for (int i = 0; i < 4; i++) {
            cli.execute("INSERT INTO receipts (id, label) VALUES (" + nextHibernateId("receipts_seq") + ", 'next')");
        }
        // Past the ids each table's own sequence handed out too: those of rows deleted since are not handed out again.
        assertThat(Files.readString(file))
                .contains("setval('hibernate_sequence', greatest(max(id), pg_sequence_last_value('invoices_seq'))) "
                        + "FROM invoices")
                .contains("setval('hibernate_sequence', greatest(max(id), pg_sequence_last_value('receipts_seq'))) "
                        + "FROM receipts");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        write("Invoice", "invoices", invoices);
        write("Receipt", "receipts", receipts);
        assertThat(cli.ok("check").out()).contains("No differences");
        long next = nextHibernateId("hibernate_sequence");
        assertThat(next).isGreaterThan(maxId("invoices")).isGreaterThan(maxId("receipts"));
        cli.execute("INSERT INTO receipts (id, label) VALUES (" + next + ", 'back')");
    }

    /**
     * Two entities leave Hibernate 5's shared hibernate_sequence for sequences that no name ties to their tables: the
     * way back makes hibernate_sequence again past the ids each new sequence handed out, deleted rows' too.
     */
    @Test
    void theWayBackMovesTheSharedSequencePastWhatNewSequencesOfOtherNamesHandedOut() throws IOException {
        String invoices = sequence("invoice_ids", "hibernate_sequence");
        String receipts = sequence("receipt_ids", "hibernate_sequence");
        upgradedSharingHibernateSequence("Invoice", "invoices", "Receipt", "receipts");

        write("Invoice", "invoices", sequence("invoice_ids", "invoice_numbers"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipt_numbers"));
        Path file = generate("sequences of other names");
        cli.ok("upgrade", "head");
        long invoice = nextHibernateId("invoice_numbers");
        long receipt = 0;
        for (int i = 0; i < 3; i++) {
            receipt = nextHibernateId("receipt_numbers");
            cli.execute("INSERT INTO receipts (id, label) VALUES (" + receipt + ", 'next')");
        }
        cli.execute("INSERT INTO invoices (id, label) VALUES (" + invoice + ", 'next')");
        // The last rows go: their ids were handed out all the same.
        cli.execute("DELETE FROM receipts WHERE id = " + receipt + "; DELETE FROM invoices WHERE id = " + invoice);

        cli.ok("downgrade", "-1");
        Files.delete(file);
        write("Invoice", "invoices", invoices);
        write("Receipt", "receipts", receipts);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId("hibernate_sequence")).isGreaterThan(receipt).isGreaterThan(invoice);
    }

    /**
     * Two entities leave sequences of other names, one each, for sequences of their own: nothing says which old one
     * numbered which table, so the way back makes each again past the ids of both, and the older code's next ids,
     * drawn from either, are past every row.
     */
    @Test
    void theWayBackMovesEachOfTwoOldSequencesPastTheIds() throws IOException {
        String invoices = sequence("invoice_ids", "invoice_numbers");
        String receipts = sequence("receipt_ids", "receipt_numbers");
        write("Invoice", "invoices", invoices);
        write("Receipt", "receipts", receipts);
        generate("invoices and receipts");
        cli.ok("upgrade", "head");
        cli.execute("SELECT nextval('invoice_numbers'), nextval('receipt_numbers'), nextval('receipt_numbers')");
        cli.execute("INSERT INTO invoices (id, label) SELECT g, 'i' || g FROM generate_series(1, 7) g");
        cli.execute("INSERT INTO receipts (id, label) SELECT g, 'r' || g FROM generate_series(1, 15) g");

        write("Invoice", "invoices", sequence("invoice_ids", "invoices_seq"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipts_seq"));
        Path file = generate("sequences of their own");
        cli.ok("upgrade", "head");
        for (int i = 0; i < 3; i++) {
            cli.execute("INSERT INTO invoices (id, label) VALUES (" + nextHibernateId("invoices_seq") + ", 'next')");
            cli.execute("INSERT INTO receipts (id, label) VALUES (" + nextHibernateId("receipts_seq") + ", 'next')");
        }

        cli.ok("downgrade", "-1");
        Files.delete(file);
        write("Invoice", "invoices", invoices);
        write("Receipt", "receipts", receipts);
        assertThat(cli.ok("check").out()).contains("No differences");
        long invoice = nextHibernateId("invoice_numbers");
        long receipt = nextHibernateId("receipt_numbers");
        assertThat(invoice).isGreaterThan(maxId("invoices"));
        assertThat(receipt).isGreaterThan(maxId("receipts"));
        cli.execute("INSERT INTO invoices (id, label) VALUES (" + invoice + ", 'back')");
        cli.execute("INSERT INTO receipts (id, label) VALUES (" + receipt + ", 'back')");
    }

    /**
     * Two entities leave sequences of other names, one each, for sequences of their own, after the last ids each old
     * one handed out were deleted: nothing says which old one numbered which table, so each new sequence is moved past
     * both old ones, and hands out none of those ids again.
     */
    @Test
    void eachNewSequenceIsMovedPastBothOldSequencesOfOtherNames() throws IOException {
        write("Invoice", "invoices", sequence("invoice_ids", "invoice_numbers"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipt_numbers"));
        generate("invoices and receipts");
        cli.ok("upgrade", "head");
        long invoice = 0;
        long receipt = 0;
        for (int i = 0; i < 3; i++) {
            invoice = nextHibernateId("invoice_numbers");
            receipt = nextHibernateId("receipt_numbers");
            cli.execute("INSERT INTO invoices (id, label) VALUES (" + invoice + ", 'i'); "
                    + "INSERT INTO receipts (id, label) VALUES (" + receipt + ", 'r')");
        }
        cli.execute("DELETE FROM invoices WHERE id = " + invoice + "; DELETE FROM receipts WHERE id = " + receipt);

        write("Invoice", "invoices", sequence("invoice_ids", "invoices_seq"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipts_seq"));
        Path file = generate("sequences of their own");
        assertThat(Files.readString(file)).contains("setval('invoices_seq', greatest(max(id), pg_sequence_last_value("
                + "'invoice_numbers'), pg_sequence_last_value('receipt_numbers'))) FROM invoices");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId("invoices_seq")).isGreaterThan(invoice);
        assertThat(nextHibernateId("receipts_seq")).isGreaterThan(receipt);
    }

    /**
     * Two entities leave Hibernate 5's shared hibernate_sequence for sequences of their own, after the last ids it
     * handed out were deleted: each new sequence is moved past them too.
     */
    @Test
    void eachNewSequenceIsMovedPastTheSharedSequence() throws IOException {
        upgradedSharingHibernateSequence("Invoice", "invoices", "Receipt", "receipts");
        cli.execute("SELECT nextval('hibernate_sequence') FROM generate_series(1, 3)");
        long id = nextHibernateId("hibernate_sequence");
        cli.execute("INSERT INTO receipts (id, label) VALUES (" + id + ", 'r'); DELETE FROM receipts WHERE id = " + id);

        write("Invoice", "invoices", sequence("invoice_ids", "invoices_seq"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipts_seq"));
        generate("sequences of their own");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId("invoices_seq")).isGreaterThan(id);
        assertThat(nextHibernateId("receipts_seq")).isGreaterThan(id);
    }

    /**
     * Two entities leave Hibernate 5's shared hibernate_sequence for identities, after the last ids it handed out were
     * deleted: each identity starts past them, not past the rows left; the way back makes hibernate_sequence again
     * past the ids both identities handed out.
     */
    @Test
    void identitiesThatLeaveTheSharedSequenceStartPastItsLastValue() throws IOException {
        upgradedSharingHibernateSequence("Invoice", "invoices", "Receipt", "receipts");
        cli.execute("SELECT nextval('hibernate_sequence') FROM generate_series(1, 3)");
        long id = nextHibernateId("hibernate_sequence");
        cli.execute("INSERT INTO invoices (id, label) VALUES (" + id + ", 'i'); DELETE FROM invoices WHERE id = " + id);

        write("Invoice", "invoices", identity());
        write("Receipt", "receipts", identity());
        Path file = generate("identities");
        // The drop's warning tells the way back as it is written.
        assertThat(Files.readString(file)).contains("the downgrade makes it again past the ids they handed out")
                .doesNotContain("again at its start");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextIdentity("invoices")).isGreaterThan(id);
        long receipt = nextIdentity("receipts");
        assertThat(receipt).isGreaterThan(id);
        cli.execute("DELETE FROM receipts WHERE id = " + receipt);

        cli.ok("downgrade", "-1");
        Files.delete(file);
        write("Invoice", "invoices", sequence("invoice_ids", "hibernate_sequence"));
        write("Receipt", "receipts", sequence("receipt_ids", "hibernate_sequence"));
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId("hibernate_sequence")).isGreaterThan(receipt);
    }

    /**
     * Hibernate 5's hibernate_sequence numbered users while it was small and tickets past what an integer holds, and
     * both become identities: the users' identity does not restart past a value users.id cannot hold.
     */
    @Test
    void anIdentityIsNotRestartedPastWhatItsColumnHolds() {
        write("User", "users", "Integer", sequence("user_ids", "hibernate_sequence"));
        write("Ticket", "tickets", sequence("ticket_ids", "hibernate_sequence"));
        generate("users and tickets");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, label) SELECT g, 'u' || g FROM generate_series(1, 10) g");
        cli.execute("SELECT setval('hibernate_sequence', 3000000000); "
                + "INSERT INTO tickets (id, label) VALUES (2999999991, 't')");

        write("User", "users", "Integer", identity());
        write("Ticket", "tickets", identity());
        cli.ok("revision", "--autogenerate", "-m", "identities");
        cli.ok("upgrade", "head");
        assertThat(nextIdentity("users")).isEqualTo(11);
        assertThat(nextIdentity("tickets")).isGreaterThan(3000000000L);
    }

    /**
     * A table is renamed in the revision whose entities leave Hibernate 5's shared hibernate_sequence for sequences of
     * their own: the way back makes hibernate_sequence again past the ids the renamed table's new sequence handed
     * out, read under that sequence's name, not one after the table's old name.
     */
    @Test
    void theWayBackOfARenamedTableMovesTheSharedSequencePastItsNewSequence() throws IOException {
        String bills = sequence("bill_ids", "hibernate_sequence");
        String receipts = sequence("receipt_ids", "hibernate_sequence");
        upgradedSharingHibernateSequence("Bill", "bills", "Receipt", "receipts");

        Files.delete(cli.project.resolve("src/main/java/com/example/Bill.java"));
        write("Invoice", "invoices", sequence("invoice_ids", "invoices_seq"));
        write("Receipt", "receipts", sequence("receipt_ids", "receipts_seq"));
        Path file = generate("invoices, with sequences of their own", "--rename", "bills=invoices");
        cli.ok("upgrade", "head");
        long invoice = 0;
        for (int i = 0; i < 4; i++) {
            invoice = nextHibernateId("invoices_seq");
            cli.execute("INSERT INTO invoices (id, label) VALUES (" + invoice + ", 'next')");
        }
        cli.execute("DELETE FROM invoices WHERE id = " + invoice);
        assertThat(Files.readString(file)).contains("setval('hibernate_sequence', greatest(max(id), "
                + "pg_sequence_last_value('invoices_seq'))) FROM bills");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        Files.delete(cli.project.resolve("src/main/java/com/example/Invoice.java"));
        write("Bill", "bills", bills);
        write("Receipt", "receipts", receipts);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId("hibernate_sequence")).isGreaterThan(invoice);
    }

    /**
     * Two entities leave the sequences they drew from for sequences of their own at once, one of them, a bigint's,
     * far past what an integer holds: each new sequence moves past its table's ids and past the sequences that may
     * have numbered it (Hibernate 5's shared hibernate_sequence), not past the other table's.
     */
    @Test
    void entitiesLeavingTheirSequencesAtOnceAreMovedPastTheirOwnOnly() {
        write("User", "users", "Integer", sequence("user_ids", "hibernate_sequence"));
        write("Ticket", "tickets", sequence("ticket_ids", "ticket_legacy"));
        generate("users and tickets");
        cli.ok("upgrade", "head");
        cli.execute("SELECT nextval('hibernate_sequence'), nextval('hibernate_sequence')");
        cli.execute("INSERT INTO users (id, label) SELECT g, 'u' || g FROM generate_series(1, 10) g");
        cli.execute("SELECT setval('ticket_legacy', 3000000000); "
                + "INSERT INTO tickets (id, label) VALUES (3000000000, 't')");

        write("User", "users", "Integer", sequence("user_ids", "users_seq"));
        write("Ticket", "tickets", sequence("ticket_ids", "tickets_seq"));
        generate("sequences of their own");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
        long users = nextHibernateId("users_seq");
        // Past the ids hibernate_sequence handed out (to 11), not past the tickets' billions.
        assertThat(users).isGreaterThan(11).isLessThan(100);
        cli.execute("INSERT INTO users (id, label) VALUES (" + users + ", 'next')");
        assertThat(nextHibernateId("tickets_seq")).isGreaterThan(3000000000L);
    }

    /**
     * Hibernate 5's hibernate_sequence numbered users while it was small and tickets past what an integer holds: the
     * users' new sequence is not moved past a value users.id cannot hold, which it cannot have been given.
     */
    @Test
    void aSequenceIsNotMovedPastWhatItsColumnHolds() throws IOException {
        write("User", "users", "Integer", sequence("user_ids", "hibernate_sequence"));
        write("Ticket", "tickets", sequence("ticket_ids", "hibernate_sequence"));
        generate("users and tickets");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, label) SELECT g, 'u' || g FROM generate_series(1, 10) g");
        cli.execute("SELECT setval('hibernate_sequence', 3000000000); "
                + "INSERT INTO tickets (id, label) VALUES (2999999991, 't')");

        write("User", "users", "Integer", sequence("user_ids", "users_seq"));
        write("Ticket", "tickets", sequence("ticket_ids", "tickets_seq"));
        String migration = Files.readString(generate("sequences of their own"));
        cli.ok("upgrade", "head");

        long users = nextHibernateId("users_seq");
        assertThat(users).isGreaterThan(10).isLessThan(100);
        cli.execute("INSERT INTO users (id, label) VALUES (" + users + ", 'next')");
        // Past the ids hibernate_sequence handed out to tickets, of which the rows hold only the first.
        assertThat(nextHibernateId("tickets_seq")).isGreaterThan(3000000000L);
        assertThat(migration).contains("setval('users_seq', greatest(max(id), (SELECT v FROM "
                + "pg_sequence_last_value('hibernate_sequence') v WHERE v <= 2147483647))) FROM users");
    }

    /**
     * A schema file's column whose default leaves Hibernate 5's hibernate_sequence for a new sequence of the table's
     * own: the new one starts past the rows and past the ids the old one handed out to rows deleted since, and the
     * way back makes hibernate_sequence again past both.
     */
    @Test
    void aDefaultThatCallsANewSequenceHasItMovedPastTheOldOne() throws IOException {
        useSchemaFile();
        String shared = "CREATE SEQUENCE hibernate_sequence;\nCREATE TABLE users (id integer "
                + "DEFAULT nextval('hibernate_sequence') PRIMARY KEY, label text);\n";
        cli.write("schema.sql", shared);
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (label) SELECT 'u' || g FROM generate_series(1, 10) g; "
                + "DELETE FROM users WHERE id > 8");

        cli.write("schema.sql", "CREATE SEQUENCE users_seq;\nCREATE TABLE users (id integer "
                + "DEFAULT nextval('users_seq') PRIMARY KEY, label text);\n");
        Path file = generate("users numbered by their own sequence");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("INSERT INTO users (label) VALUES ('next') RETURNING id")).containsExactly("11");
        assertThat(Files.readString(file)).contains("setval('users_seq', greatest(max(id), "
                + "(SELECT v FROM pg_sequence_last_value('hibernate_sequence') v WHERE v <= 2147483647))) FROM users")
                .doesNotContain("rename the sequence instead");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("schema.sql", shared);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("INSERT INTO users (label) VALUES ('back') RETURNING id")).containsExactly("12");
    }

    /**
     * A schema file's column whose default leaves a sequence that stays for a new one: the way back calls the old
     * sequence again, which stopped where the column left it, so it is moved past the ids the new one handed out.
     */
    @Test
    void aDefaultThatCallsASequenceThatStaysHasItMovedPastTheRows() throws IOException {
        useSchemaFile();
        String kept = "CREATE SEQUENCE keep_seq;\nCREATE TABLE k (id integer PRIMARY KEY "
                + "DEFAULT nextval('keep_seq'));\n";
        cli.write("schema.sql", kept);
        generate("k");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO k SELECT FROM generate_series(1, 5)");

        cli.write("schema.sql", "CREATE SEQUENCE keep_seq;\nCREATE SEQUENCE k_seq;\nCREATE TABLE k (id integer "
                + "PRIMARY KEY DEFAULT nextval('k_seq'));\n");
        Path file = generate("k numbered by its own sequence");
        cli.ok("upgrade", "head");
        assertThat(cli.column("INSERT INTO k SELECT FROM generate_series(1, 2) RETURNING id"))
                .containsExactly("6", "7");
        assertThat(Files.readString(file)).contains("setval('keep_seq', max(id)) FROM k");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("schema.sql", kept);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("INSERT INTO k DEFAULT VALUES RETURNING id")).containsExactly("8");
    }
}
