package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entity whose {@code @GeneratedValue} goes from IDENTITY to SEQUENCE, or back: the rows stay, and whatever
 * numbers them next starts past them, in the upgrade and in the downgrade.
 */
class IdentityToSequenceTest {
    private static final String IDENTITY = "GenerationType.IDENTITY";
    private static final String SEQUENCE = "GenerationType.SEQUENCE";

    @TempDir
    Path dir;
    Cli cli;

    static String user(String strategy) {
        return """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "users")
                public class User {
                    @Id
                    @GeneratedValue(strategy = %s)
                    private Long id;

                    private String email;
                }
                """.formatted(strategy);
    }

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
    }

    /** The models as a schema file, schema.sql, instead of entities. */
    private void useSchemaFile() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
    }

    private Path generate(String message) {
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", message);
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(r.out());
        assertThat(m.find()).as(r.toString()).isTrue();
        assertThat(r.err()).as(r.toString()).doesNotContain("WARNING");
        return cli.project.resolve(m.group(1));
    }

    private long maxId() {
        return Long.parseLong(cli.column("SELECT max(id) FROM users").get(0));
    }

    /** The first id Hibernate's pooled optimizer hands out from users_seq (increment 50): its next value - 49. */
    private long nextHibernateId() {
        return Long.parseLong(cli.column("SELECT nextval('users_seq')").get(0)) - 49;
    }

    private long nextIdentity() {
        return Long.parseLong(cli.column("INSERT INTO users (email) VALUES ('new') RETURNING id").get(0));
    }

    @Test
    void fromIdentityToSequenceAndBack() throws IOException {
        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email) SELECT 'u' || g FROM generate_series(1, 70) g");

        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        Path file = generate("sequence ids");
        assertThat(Files.readString(file)).contains("createSequence(\"users_seq\")").contains("DROP IDENTITY")
                .contains("setval('users_seq', greatest(max(id), ");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT count(*) FROM users")).containsExactly("70");
        assertThat(nextHibernateId()).isGreaterThan(maxId());

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        assertThat(cli.ok("check").out()).contains("No differences");
        // Past the block of 71 to 120 that the nextval above gave Hibernate, not only past the rows.
        assertThat(nextIdentity()).isEqualTo(121);
    }

    /** Ids 61 to 70 were deleted: Hibernate's sequence starts past them, as the identity would have. */
    @Test
    void anIdentityThatGivesWayToASequenceDoesNotHaveTheIdsOfDeletedRowsHandedOutAgain() {
        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email) SELECT 'u' || g FROM generate_series(1, 70) g; "
                + "DELETE FROM users WHERE id > 60");

        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        generate("sequence ids");
        cli.ok("upgrade", "head");
        assertThat(nextHibernateId()).isEqualTo(71);
    }

    @Test
    void fromSequenceToIdentityAndBack() throws IOException {
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        generate("users");
        cli.ok("upgrade", "head");
        // What Hibernate does: one nextval per 50 ids.
        cli.execute("INSERT INTO users (id, email) SELECT g, 'u' || g FROM generate_series(1, 70) g");
        cli.execute("SELECT nextval('users_seq'), nextval('users_seq')");

        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        Path file = generate("identity ids");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextIdentity()).isEqualTo(71);

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT count(*) FROM users")).containsExactly("71");
        assertThat(nextHibernateId()).isGreaterThan(maxId());
    }

    @Test
    void aNamedGeneratorsSequenceTakesOverToo() {
        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email) SELECT 'u' || g FROM generate_series(1, 30) g");

        cli.write("src/main/java/com/example/User.java", user(SEQUENCE + ", generator = \"ids\")\n"
                + "    @SequenceGenerator(name = \"ids\", sequenceName = \"user_ids\", allocationSize = 10"));
        generate("named sequence");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        // Increment 10: Hibernate hands out nextval - 9 to nextval.
        assertThat(Long.parseLong(cli.column("SELECT nextval('user_ids')").get(0)) - 9).isGreaterThan(maxId());
    }

    /** Ids up to 101 were handed out by the sequence given up, and those past 60 deleted: none is handed out again. */
    @Test
    void aSequenceThatGivesWayToAnotherDoesNotHaveTheIdsOfDeletedRowsHandedOutAgain() {
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, email) SELECT g, 'u' || g FROM generate_series(1, 70) g");
        cli.execute("SELECT nextval('users_seq'), nextval('users_seq'), nextval('users_seq')");
        cli.execute("DELETE FROM users WHERE id > 60");

        cli.write("src/main/java/com/example/User.java", user(SEQUENCE + ", generator = \"ids\")\n"
                + "    @SequenceGenerator(name = \"ids\", sequenceName = \"user_ids\", allocationSize = 10"));
        generate("named sequence");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(Long.parseLong(cli.column("SELECT nextval('user_ids')").get(0)) - 9).isGreaterThan(101);
    }

    /** The same while a function's body names the sequence given up, which therefore stays. */
    @Test
    void aSequenceAFunctionNamesStillNumberedTheColumnAnotherTakesOver() throws IOException {
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, email) SELECT g, 'u' || g FROM generate_series(1, 70) g");
        cli.execute("SELECT nextval('users_seq'), nextval('users_seq'), nextval('users_seq')");
        cli.execute("DELETE FROM users WHERE id > 60; CREATE FUNCTION legacy() RETURNS bigint LANGUAGE plpgsql "
                + "AS $$ BEGIN RETURN nextval('users_seq'); END $$");

        cli.write("src/main/java/com/example/User.java", user(SEQUENCE + ", generator = \"ids\")\n"
                + "    @SequenceGenerator(name = \"ids\", sequenceName = \"user_ids\", allocationSize = 10"));
        Path file = generate("named sequence");
        assertThat(Files.readString(file)).contains("// WARNING: sequence users_seq stays, as function legacy names it")
                .doesNotContain("dropSequence(\"users_seq\")");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(Long.parseLong(cli.column("SELECT nextval('user_ids')").get(0)) - 9).isGreaterThan(101);
        assertThat(cli.column("SELECT legacy()")).containsExactly("151");
    }

    /**
     * The way back of the same: the older code numbers users from users_seq again, which stayed where the upgrade
     * left it while user_ids handed out ids past it (the last of them deleted since): it is moved past them all.
     */
    @Test
    void theWayBackMovesASequenceAFunctionNamesPastWhatTheOtherHandedOut() throws IOException {
        String before = user(SEQUENCE);
        cli.write("src/main/java/com/example/User.java", before);
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, email) SELECT g, 'u' || g FROM generate_series(1, 70) g");
        cli.execute("SELECT nextval('users_seq'), nextval('users_seq'); CREATE FUNCTION legacy() RETURNS bigint "
                + "LANGUAGE plpgsql AS $$ BEGIN RETURN nextval('users_seq'); END $$");

        cli.write("src/main/java/com/example/User.java", user(SEQUENCE + ", generator = \"ids\")\n"
                + "    @SequenceGenerator(name = \"ids\", sequenceName = \"user_ids\", allocationSize = 10"));
        Path file = generate("named sequence");
        cli.ok("upgrade", "head");
        long id = 0;
        for (int i = 0; i < 6; i++) {
            id = Long.parseLong(cli.column("SELECT nextval('user_ids')").get(0)) - 9;
            cli.execute("INSERT INTO users (id, email) VALUES (" + id + ", 'new')");
        }
        cli.execute("DELETE FROM users WHERE id = " + id);
        assertThat(Files.readString(file)).contains("setval('users_seq', greatest(max(id), "
                + "pg_sequence_last_value('user_ids'))) FROM users");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("src/main/java/com/example/User.java", before);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId()).isGreaterThan(id);
    }

    @Test
    void anIdentityThatBecomesBigserialInASchemaFile() throws IOException {
        useSchemaFile();
        String identity = "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text);\n";
        cli.write("schema.sql", identity);
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email) SELECT 'u' || g FROM generate_series(1, 12) g");

        cli.write("schema.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, email text);\n");
        Path file = generate("serial ids");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextIdentity()).isEqualTo(13);

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("schema.sql", identity);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextIdentity()).isEqualTo(14);
    }

    /**
     * A serial column whose last rows were deleted becomes an identity (an Alembic or Flyway database taking JPA
     * entities): the identity starts past the ids the serial's sequence handed out, not past the rows left, so that
     * a deleted row's id is not handed out again.
     */
    @Test
    void aSerialThatBecomesAnIdentityDoesNotHandOutTheIdsOfDeletedRowsAgain() {
        useSchemaFile();
        cli.write("schema.sql", "CREATE TABLE users (id serial PRIMARY KEY, email text);\n");
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email) SELECT 'u' || g FROM generate_series(1, 10) g; "
                + "DELETE FROM users WHERE id > 8");

        cli.write("schema.sql", "CREATE TABLE users (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "email text);\n");
        generate("identity ids");
        cli.ok("upgrade", "head");

        assertThat(cli.column("INSERT INTO users (email) VALUES ('next') RETURNING id")).containsExactly("11");
    }

    /** The same in a revision that also moves the table to another schema, where its owned sequence goes with it. */
    @Test
    void aSerialThatBecomesAnIdentityInAnotherSchemaDoesNotHandOutTheIdsOfDeletedRowsAgain() {
        useSchemaFile();
        cli.write("schema.sql", "CREATE TABLE orders (id serial PRIMARY KEY, note text);\n");
        generate("orders");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO orders (note) SELECT 'o' || g FROM generate_series(1, 5) g; "
                + "DELETE FROM orders WHERE id > 2");

        cli.write("schema.sql", "CREATE SCHEMA \"Shop\";\nCREATE TABLE \"Shop\".orders (id integer GENERATED BY "
                + "DEFAULT AS IDENTITY PRIMARY KEY, note text);\n");
        cli.ok("revision", "--autogenerate", "-m", "shop", "--rename", "orders=Shop.orders");
        cli.ok("upgrade", "head");

        assertThat(cli.column("INSERT INTO \"Shop\".orders (note) VALUES ('next') RETURNING id"))
                .containsExactly("6");
    }

    /**
     * A SEQUENCE id, whose column has no default (Hibernate calls nextval itself), becomes an IDENTITY: the identity
     * starts past the last value of the sequence the revision drops, not past the rows left, so that the ids of
     * deleted rows are not handed out again. The way back re-creates the sequence past the rows.
     */
    @Test
    void aSequenceIdThatBecomesAnIdentityDoesNotHandOutTheIdsOfDeletedRowsAgain() throws IOException {
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, email) VALUES (7, 'x'); SELECT setval('users_seq', 1001)");

        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        Path file = generate("identity ids");
        // Read before the sequence goes.
        assertThat(Files.readString(file)).containsSubsequence("pg_sequence_last_value", "dropSequence(\"users_seq\")");
        cli.ok("upgrade", "head");
        assertThat(nextIdentity()).isEqualTo(1002);

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId()).isGreaterThan(maxId());
    }

    /**
     * The same while a function's body names the sequence, which therefore stays: the identity still starts past the
     * ids it handed out (up to 101, of which 51 and 101 were deleted), with a warning that the function may hand out
     * the same numbers, and the way back moves the sequence past the ids the identity handed out.
     */
    @Test
    void aSequenceAFunctionNamesStillNumberedTheIdentitysColumn() throws IOException {
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, email) SELECT nextval('users_seq'), 'x' FROM generate_series(1, 3); "
                + "DELETE FROM users WHERE id > 1; CREATE FUNCTION legacy() RETURNS text LANGUAGE plpgsql "
                + "AS $$ BEGIN RETURN 'see users_seq'; END $$");

        cli.write("src/main/java/com/example/User.java", user(IDENTITY));
        Path file = generate("identity ids");
        assertThat(Files.readString(file)).contains("pg_sequence_last_value(to_regclass('users_seq'))")
                .contains("// WARNING: sequence users_seq stays, as function legacy names it")
                .doesNotContain("dropSequence(\"users_seq\")");
        cli.ok("upgrade", "head");
        assertThat(nextIdentity()).isEqualTo(102);
        assertThat(cli.column("SELECT legacy()")).containsExactly("see users_seq");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("src/main/java/com/example/User.java", user(SEQUENCE));
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId()).isGreaterThan(maxId());
    }

    /**
     * The same in a schema file, whose sequence is named after the table. A sequence of another name that the revision
     * drops is left alone: paired with the only other column that became an identity, its last value, past that
     * column's type, failed the upgrade.
     */
    @Test
    void aSchemaFilesSequenceThatGivesWayToAnIdentityIsPassedToo() throws IOException {
        useSchemaFile();
        String sequences = "CREATE SEQUENCE users_seq INCREMENT 50;\nCREATE SEQUENCE big_seq AS bigint;\n"
                + "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE TABLE w (id integer PRIMARY KEY);\n";
        cli.write("schema.sql", sequences);
        generate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (id, email) VALUES (7, 'x'); SELECT setval('users_seq', 1001); "
                + "SELECT setval('big_seq', 5000000000); INSERT INTO w VALUES (7)");

        cli.write("schema.sql", "CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "email text);\nCREATE TABLE w (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);\n");
        Path file = generate("identity ids");
        cli.ok("upgrade", "head");
        assertThat(nextIdentity()).isEqualTo(1002);
        assertThat(cli.column("INSERT INTO w DEFAULT VALUES RETURNING id")).containsExactly("8");

        cli.ok("downgrade", "-1");
        Files.delete(file);
        cli.write("schema.sql", sequences);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(nextHibernateId()).isGreaterThan(maxId());
    }
}
