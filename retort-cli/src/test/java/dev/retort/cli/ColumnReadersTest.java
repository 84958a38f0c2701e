package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column that a view, a materialized view or a row-level security policy of the database reads: PostgreSQL refuses
 * to retype it or drop it, so the migration autogenerate writes says so where it does either, with what to do.
 */
class ColumnReadersTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void usersWithALongerEmailInTheModel() {
        cli = Cli.withSchemaFile(dir);
        cli.sql("aaaaaaaaaaa1", "none", "users",
                "CREATE TABLE users (id bigint PRIMARY KEY, email character varying(100), nick text, owner integer);",
                "DROP TABLE users;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text, owner bigint);\n");
    }

    @Test
    void aRetypedColumnAViewReadsAndADroppedOneAreWarnedOf() throws IOException {
        cli.execute("CREATE VIEW active_users AS SELECT id, email, nick FROM users");
        cli.execute("CREATE SCHEMA reports");
        cli.execute("CREATE MATERIALIZED VIEW reports.mailing AS SELECT email FROM users");
        cli.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY");
        cli.execute("CREATE POLICY own_rows ON users USING (owner = 7)");

        String migration = unwrapped(cli.autogenerate("longer emails"));

        assertThat(migration).contains("WARNING: view active_users (and materialized view reports.mailing) read "
                + "users.email: PostgreSQL does not retype a column a view or policy reads, so this step fails; drop "
                + "them before it and create them again after, in this migration (op.execute with the definition: "
                + "pg_get_viewdef for a view, pg_policies for a policy).");
        assertThat(migration).contains("WARNING: view active_users reads users.nick: PostgreSQL drops no column a "
                + "view or policy reads (\"other objects depend on it\"), so this step fails;");
        assertThat(migration).contains("WARNING: policy own_rows on users reads users.owner: PostgreSQL does not "
                + "retype a column");
        // What the warnings foretell.
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
    }

    @Test
    void withoutViewsThereIsNoWarning() throws IOException {
        String migration = unwrapped(cli.autogenerate("longer emails"));

        assertThat(migration).contains("users.email").doesNotContain("view").doesNotContain("policy");
        cli.ok("upgrade", "head");
    }

    /** The migration's text, its comments joined as one line each, as they were before being wrapped. */
    private static String unwrapped(Path migration) throws IOException {
        return Files.readString(migration).replaceAll("\n\\s*// (?!WARNING|DATA LOSS)", " ");
    }
}
