package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL 15's {@code ON DELETE SET NULL (columns)} and {@code SET DEFAULT (columns)}: deleting the referenced row
 * sets only some columns of the key. Left out, the delete sets them all, and fails on a {@code NOT NULL} one.
 */
class ForeignKeySetColumnsTest {
    private static final String SOME = """
            CREATE TABLE users (
              tenant_id int NOT NULL,
              id int NOT NULL,
              PRIMARY KEY (tenant_id, id)
            );
            CREATE TABLE posts (
              id int PRIMARY KEY,
              tenant_id int NOT NULL,
              author_id int,
              editor_id int DEFAULT 0,
              CONSTRAINT posts_author_fkey FOREIGN KEY (tenant_id, author_id) REFERENCES users
                ON DELETE SET NULL (author_id),
              CONSTRAINT posts_editor_fkey FOREIGN KEY (tenant_id, editor_id) REFERENCES users
                ON DELETE SET DEFAULT (editor_id)
            );
            """;
    private static final String ALL = SOME.replace(" (author_id),", ",").replace(" (editor_id)\n", "\n");

    private static final String DEFINITIONS = "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            + "WHERE conrelid = 'posts'::regclass AND contype = 'f' ORDER BY conname";

    @TempDir
    Path dir;

    @Test
    void isGeneratedAppliedAndCompared() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", SOME);
        String migration = Files.readString(cli.autogenerate("posts"));

        assertThat(migration)
                .contains(".onDelete(ForeignKeyAction.SET_NULL, \"author_id\")")
                .contains(".onDelete(ForeignKeyAction.SET_DEFAULT, \"editor_id\")");
        assertThat(cli.ok("upgrade", "head", "--sql").out())
                .contains("REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id)")
                .contains("REFERENCES users (tenant_id, id) ON DELETE SET DEFAULT (editor_id)");
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).containsExactly(
                "FOREIGN KEY (tenant_id, author_id) REFERENCES users(tenant_id, id) ON DELETE SET NULL (author_id)",
                "FOREIGN KEY (tenant_id, editor_id) REFERENCES users(tenant_id, id) ON DELETE SET DEFAULT (editor_id)");
        cli.execute("INSERT INTO users VALUES (1, 0), (1, 7); INSERT INTO posts VALUES (1, 1, 7, 7)");
        cli.execute("DELETE FROM users WHERE id = 7");
        assertThat(cli.column("SELECT tenant_id || ':' || coalesce(author_id, -1) || ':' || editor_id FROM posts"))
                .containsExactly("1:-1:0");
        assertThat(cli.ok("check").out()).contains("No differences");

        // The database sets some columns, the model all of them: a difference, and a migration that changes it.
        cli.write("schema.sql", ALL);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("on delete set null (author_id)", "on delete set default (editor_id)");
        Path all = cli.autogenerate("all columns");
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).containsExactly(
                "FOREIGN KEY (tenant_id, author_id) REFERENCES users(tenant_id, id) ON DELETE SET NULL",
                "FOREIGN KEY (tenant_id, editor_id) REFERENCES users(tenant_id, id) ON DELETE SET DEFAULT");
        assertThat(cli.ok("check").out()).contains("No differences");

        // The model sets some columns, the database all of them.
        cli.write("schema.sql", SOME);
        check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("on delete set null (author_id)");
        cli.ok("downgrade", "-1");
        Files.delete(all);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column(DEFINITIONS)).containsExactly(
                "FOREIGN KEY (tenant_id, author_id) REFERENCES users(tenant_id, id) ON DELETE SET NULL (author_id)",
                "FOREIGN KEY (tenant_id, editor_id) REFERENCES users(tenant_id, id) ON DELETE SET DEFAULT (editor_id)");
    }

    @Test
    void listingEveryColumnIsThePlainAction() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", SOME.replace("SET NULL (author_id)", "SET NULL (author_id, tenant_id)"));
        cli.autogenerate("posts");
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).first().asString().endsWith("ON DELETE SET NULL");

        cli.write("schema.sql", SOME.replace(" (author_id),", ","));
        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
