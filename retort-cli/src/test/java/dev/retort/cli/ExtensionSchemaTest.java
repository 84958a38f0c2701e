package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extension the model has in another schema than the database is moved, with the columns of its types and the
 * defaults, generated columns, checks and indexes that call its functions: none of them changes.
 */
class ExtensionSchemaTest {
    private static final String IN_PUBLIC = """
            CREATE EXTENSION citext;
            CREATE EXTENSION pg_trgm;
            CREATE EXTENSION fuzzystrmatch;
            CREATE TABLE users (id int PRIMARY KEY, email citext NOT NULL, aliases citext[],
                nick text DEFAULT ''::citext, sound text GENERATED ALWAYS AS (soundex(nick)) STORED,
                CONSTRAINT ck_users_nick CHECK (similarity(nick, 'admin') < 1));
            CREATE INDEX ix_users_email ON users (lower(email::text));
            CREATE INDEX ix_users_email_trgm ON users USING gin ((email::text) gin_trgm_ops);
            CREATE INDEX ix_users_nick ON users (metaphone(nick, 4)) WHERE levenshtein(nick, 'x') > 1;
            """;
    private static final String IN_EXT = """
            CREATE SCHEMA ext;
            CREATE EXTENSION citext SCHEMA ext;
            CREATE EXTENSION pg_trgm SCHEMA ext;
            CREATE EXTENSION fuzzystrmatch SCHEMA ext;
            CREATE TABLE users (id int PRIMARY KEY, email ext.citext NOT NULL, aliases ext.citext[],
                nick text DEFAULT ''::ext.citext, sound text GENERATED ALWAYS AS (ext.soundex(nick)) STORED,
                CONSTRAINT ck_users_nick CHECK (ext.similarity(nick, 'admin') < 1));
            CREATE INDEX ix_users_email ON users (lower(email::text));
            CREATE INDEX ix_users_email_trgm ON users USING gin ((email::text) ext.gin_trgm_ops);
            CREATE INDEX ix_users_nick ON users (ext.metaphone(nick, 4)) WHERE ext.levenshtein(nick, 'x') > 1;
            """;
    private static final String WHERE = "SELECT extname || ' ' || extnamespace::regnamespace FROM pg_extension "
            + "WHERE extname IN ('citext', 'fuzzystrmatch', 'pg_trgm') ORDER BY 1";
    private static final String ROWS = "SELECT id || ' ' || email || ' ' || coalesce(aliases::text, '-') || ' '"
            + " || pg_typeof(email) FROM users ORDER BY id";

    @TempDir
    Path dir;

    @Test
    void aRelocatableExtensionMovesBothWaysAndItsColumnsKeepTheirRows() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", IN_PUBLIC);
        cli.autogenerate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users VALUES (1, 'Ann@Example.org', '{A,b}'), (2, 'bob@example.org', NULL)");

        cli.write("schema.sql", IN_EXT);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("move extension citext from schema public to ext")
                .doesNotContain("alter column", "index", "constraint", "column");
        Path file = cli.autogenerate("move citext");
        String migration = Files.readString(file);
        String upgrade = migration.substring(migration.indexOf("void upgrade"), migration.indexOf("void downgrade"));
        String downgrade = migration.substring(migration.indexOf("void downgrade"));

        // The types and functions go with the extension: no step for the columns, checks or indexes that use them.
        assertThat(upgrade)
                .containsSubsequence("op.createSchema(\"ext\");", "op.setExtensionSchema(\"citext\", \"ext\");")
                .doesNotContain("Column", "Index", "Constraint");
        assertThat(downgrade).containsSubsequence("op.setExtensionSchema(\"citext\", \"public\");",
                "op.dropSchema(\"ext\");").doesNotContain("Column", "Index", "Constraint");
        assertThat(cli.ok("upgrade", "head", "--sql").out()).contains("ALTER EXTENSION citext SET SCHEMA ext;");
        cli.ok("upgrade", "head");
        assertThat(cli.column(WHERE)).containsExactly("citext ext", "fuzzystrmatch ext", "pg_trgm ext");
        assertThat(cli.column(ROWS))
                .containsExactly("1 Ann@Example.org {A,b} ext.citext", "2 bob@example.org - ext.citext");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(cli.column(WHERE)).containsExactly("citext public", "fuzzystrmatch public", "pg_trgm public");
        assertThat(cli.column(ROWS)).containsExactly("1 Ann@Example.org {A,b} citext", "2 bob@example.org - citext");
        Files.delete(file);
        cli.write("schema.sql", IN_PUBLIC);
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void anExtensionTheModelWantsBackInPublicIsMovedThere() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", IN_EXT);
        cli.autogenerate("users");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users VALUES (1, 'Ann@Example.org', '{A}')");

        cli.write("schema.sql", "CREATE SCHEMA ext;\n" + IN_PUBLIC);
        String migration = Files.readString(cli.autogenerate("citext to public"));

        assertThat(migration).containsSubsequence("op.setExtensionSchema(\"citext\", \"public\");",
                "op.setExtensionSchema(\"citext\", \"ext\");")
                .doesNotContain("Column", "Index", "Constraint", "Schema(\"ext\")");
        cli.ok("upgrade", "head");
        assertThat(cli.column(WHERE)).containsExactly("citext public", "fuzzystrmatch public", "pg_trgm public");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column(WHERE)).containsExactly("citext ext", "fuzzystrmatch ext", "pg_trgm ext");
        assertThat(cli.column(ROWS)).containsExactly("1 Ann@Example.org {A} ext.citext");
    }

    @Test
    void anExtensionThatCannotMoveGetsAWarningSayingWhatToDo() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute("CREATE SCHEMA ext; CREATE EXTENSION xml2 SCHEMA ext");
        cli.write("schema.sql", "CREATE SCHEMA ext;\nCREATE EXTENSION xml2;\n");

        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("move extension xml2 from schema ext to public");
        Cli.Result revision = cli.ok("revision", "--autogenerate", "-m", "xml2");
        assertThat(revision.err()).contains("xml2 is not relocatable");
        Matcher file = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(revision.out());
        assertThat(file.find()).isTrue();
        String migration = Files.readString(cli.project.resolve(file.group(1)));

        assertThat(migration).containsSubsequence("// WARNING: extension xml2 is not relocatable",
                "op.dropExtension(\"xml2\")", "op.createExtension(\"xml2\").schema(\"public\")",
                "op.setExtensionSchema(\"xml2\", \"public\");");
        // Left as written, the migration stops before it changes anything.
        Cli.Result upgrade = cli.run("upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        assertThat(upgrade.err()).contains("xml2");
        assertThat(cli.column("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'xml2'"))
                .containsExactly("ext");
    }
}
