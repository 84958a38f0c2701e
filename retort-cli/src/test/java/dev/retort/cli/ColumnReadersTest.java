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
        // The way back retypes the column under the same views: the downgrade says so too.
        assertThat(migration.substring(migration.indexOf("void downgrade"))).contains("view active_users (and "
                + "materialized view reports.mailing) read users.email: PostgreSQL does not retype a column a view or "
                + "policy reads, so this step fails;");
        // What the warnings foretell.
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
    }

    @Test
    void triggersFunctionsAndTheKeysOfExcludedTablesAreWarnedOf() throws IOException {
        // A trigger's WHEN and a BEGIN ATOMIC body block the retype; the trigger function that reads NEW.nick would
        // fail each insert after the drop; the key of a table autogenerate leaves alone blocks the drop of users.
        cli.execute("CREATE FUNCTION keep_nick() RETURNS trigger LANGUAGE plpgsql "
                + "AS $$ BEGIN NEW.nick := coalesce(NEW.nick, ''); RETURN NEW; END $$");
        cli.execute("CREATE TRIGGER keep_nick BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION keep_nick()");
        cli.execute("CREATE TRIGGER big_owners BEFORE UPDATE ON users FOR EACH ROW WHEN (NEW.owner > 9) "
                + "EXECUTE FUNCTION keep_nick()");
        cli.execute("CREATE FUNCTION email_of(i bigint) RETURNS text LANGUAGE sql "
                + "BEGIN ATOMIC SELECT email FROM users WHERE id = i; END");
        cli.execute("CREATE TABLE legacy_notes (id integer, user_id bigint REFERENCES users (id))");
        cli.write("retort.toml", Files.readString(dir.resolve("retort.toml"))
                + "exclude_tables = [\"legacy_notes\"]\n");

        Path generated = cli.autogenerate("longer emails");
        String migration = unwrapped(generated);

        assertThat(migration).contains("WARNING: function email_of(bigint) reads users.email: PostgreSQL does not "
                + "retype a column other objects use, so this step fails; drop it before it and create it again "
                + "after, in this migration (op.execute with the definition: pg_get_functiondef for a function).");
        assertThat(migration).contains("WARNING: trigger big_owners on users reads users.owner: PostgreSQL does not "
                + "retype a column other objects use,");
        assertThat(migration).contains("WARNING: trigger big_owners on users (and trigger keep_nick on users) may "
                + "use users.nick: a trigger function that reads NEW.nick or OLD.nick fails on each row once the "
                + "column is gone;");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);

        Files.delete(generated);
        cli.write("schema.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        String dropped = unwrapped(cli.autogenerate("no users"));

        assertThat(dropped).contains("WARNING: foreign key legacy_notes_user_id_fkey of table legacy_notes, function "
                + "email_of(bigint) read users: PostgreSQL drops no table other objects use");
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
