package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code safe = true} in {@code [autogenerate]}, a migration that adds an index, a foreign key and a NOT NULL
 * to tables that hold data is written in PostgreSQL's online-safe forms, and still upgrades and downgrades.
 */
class SafeAutogenerateTest {
    @TempDir
    Path dir;

    private static final String BEFORE = """
            CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255));
            CREATE TABLE orders (id int PRIMARY KEY, user_id bigint);
            """;
    private static final String AFTER = """
            CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL);
            CREATE TABLE orders (id int PRIMARY KEY, user_id bigint CONSTRAINT orders_user_fk REFERENCES users (id));
            CREATE INDEX ix_orders_user_id ON orders (user_id);
            CREATE TABLE notes (id int PRIMARY KEY, body text);
            CREATE INDEX ix_notes_body ON notes (body);
            """;

    private static void clean(Cli.Result r, String when) {
        assertThat(r.exitCode()).as(when + "\n" + r).isZero();
        assertThat(r.out()).as(when).contains("No differences");
    }

    @Test
    void writesOnlineSafeFormsThatUpgradeAndDowngrade() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n\n[autogenerate]\nsafe = true\n");
        cli.write("schema.sql", BEFORE);
        cli.ok("revision", "--autogenerate", "-m", "before");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');"
                + "INSERT INTO orders VALUES (10, 1), (11, 2), (12, NULL)");

        cli.write("schema.sql", AFTER);
        Cli.Result generated = cli.ok("revision", "--autogenerate", "-m", "index fk and not null");
        Matcher file = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(generated.out());
        assertThat(file.find()).as(generated.toString()).isTrue();
        String migration = Files.readString(cli.project.resolve(file.group(1)));
        String upgrade = migration.substring(migration.indexOf("void upgrade"), migration.indexOf("void downgrade"));

        assertThat(upgrade).contains(".concurrently()", "NOT VALID", "VALIDATE CONSTRAINT orders_user_fk",
                "CHECK (email IS NOT NULL) NOT VALID", "VALIDATE CONSTRAINT users_email_not_null_check",
                "op.autocommit(");
        // The validated check proves the column free of nulls: no lint note recommends the steps already taken.
        assertThat(upgrade).doesNotContain("RT108");
        // The index of the table this migration creates needs no concurrent build: nobody uses that table yet.
        assertThat(upgrade.lines().filter(l -> l.contains("ix_notes_body")).toList())
                .singleElement().asString().doesNotContain("concurrently");

        cli.ok("upgrade", "head");
        clean(cli.run("check"), "after upgrade");
        assertThat(cli.column("SELECT conname FROM pg_constraint WHERE conname = 'users_email_not_null_check'"))
                .isEmpty();
        assertThat(cli.column("SELECT convalidated::text FROM pg_constraint WHERE conname = 'orders_user_fk'"))
                .containsExactly("true");
        assertThat(cli.column("SELECT attnotnull::text FROM pg_attribute "
                + "WHERE attrelid = 'users'::regclass AND attname = 'email'")).containsExactly("true");

        cli.ok("downgrade", "-1");
        Files.delete(cli.project.resolve(file.group(1)));
        cli.write("schema.sql", BEFORE);
        clean(cli.run("check"), "after downgrade");
    }
}
