package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Autogenerate creates the extensions the model creates or uses, and leaves the database's others alone. */
class ExtensionsTest {
    private static final String EXTENSIONS = "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1";

    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServers() {
        // `retort test` starts the embedded server of a project that names no test server.
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
        EmbeddedPostgres.discardProject(dir.resolve("project/.retort"));
    }

    private static String generated(Cli cli, String message) throws IOException {
        Cli.Result generated = cli.ok("revision", "--autogenerate", "-m", message);
        Matcher file = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(generated.out());
        assertThat(file.find()).as(generated.toString()).isTrue();
        return Files.readString(cli.project.resolve(file.group(1)));
    }

    @Test
    void aSchemaFilesExtensionIsCreatedByTheMigrationAndDroppedByItsDowngrade() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", """
                CREATE EXTENSION citext;
                CREATE SCHEMA ext;
                CREATE EXTENSION pg_trgm WITH SCHEMA ext;
                CREATE TABLE users (id int PRIMARY KEY, email citext NOT NULL);
                CREATE INDEX ix_users_email ON users USING gin ((email::text) ext.gin_trgm_ops);
                """);

        String migration = generated(cli, "users");
        String upgrade = migration.substring(migration.indexOf("void upgrade"), migration.indexOf("void downgrade"));
        String downgrade = migration.substring(migration.indexOf("void downgrade"));

        assertThat(upgrade).containsSubsequence("op.createSchema(\"ext\");",
                "op.createExtension(\"citext\").ifNotExists();",
                "op.createExtension(\"pg_trgm\").schema(\"ext\").ifNotExists();", "op.createTable(\"users\"");
        assertThat(downgrade).containsSubsequence("op.dropTable(\"users\");",
                "op.dropExtension(\"pg_trgm\").ifCreatedByUpgrade();",
                "op.dropExtension(\"citext\").ifCreatedByUpgrade();", "op.dropSchema(\"ext\");");
        assertThat(cli.ok("upgrade", "head", "--sql").out()).containsSubsequence("CREATE SCHEMA ext;",
                "CREATE EXTENSION IF NOT EXISTS citext;", "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;",
                "CREATE TABLE users");
        cli.ok("upgrade", "head");
        assertThat(cli.column(EXTENSIONS)).containsExactly("citext", "pg_trgm");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "base");
        assertThat(cli.column(EXTENSIONS)).isEmpty();
    }

    /**
     * The migration was generated where the extensions were missing; the database it runs on had one of them before
     * (installed by a DBA, used by a table the migrations do not know) and another one nothing uses. Its upgrade's
     * {@code IF NOT EXISTS} does nothing for them, so its downgrade must keep them, and drop only what it created.
     */
    @Test
    void theDowngradeDropsOnlyTheExtensionsItsUpgradeCreated() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", """
                CREATE EXTENSION citext;
                CREATE EXTENSION pgcrypto;
                CREATE EXTENSION hstore;
                CREATE TABLE users (id int PRIMARY KEY, email citext NOT NULL, prefs hstore);
                """);
        generated(cli, "users");
        cli.execute("CREATE EXTENSION citext; CREATE TABLE legacy_contacts (email citext); CREATE EXTENSION pgcrypto");

        cli.ok("upgrade", "head");
        assertThat(cli.column(EXTENSIONS)).containsExactly("citext", "hstore", "pgcrypto");
        assertThat(cli.ok("downgrade", "head:base", "--sql").out()).contains("DROP EXTENSION hstore",
                "pg_extension", "retort_history");
        cli.ok("downgrade", "base");

        assertThat(cli.column(EXTENSIONS)).containsExactly("citext", "pgcrypto");
        assertThat(cli.column("SELECT count(*) FROM legacy_contacts")).containsExactly("0");

        // Applied again, and reverted in one transaction, where each group of steps is a subtransaction.
        cli.write("retort.toml", "transaction_per_migration = false\n[models]\nschema_file = \"schema.sql\"\n");
        cli.ok("upgrade", "head");
        cli.ok("downgrade", "base");
        assertThat(cli.column(EXTENSIONS)).containsExactly("citext", "pgcrypto");
    }

    @Test
    void checkReportsAMissingExtensionButNotOneTheModelLacks() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE EXTENSION hstore;\n");
        cli.execute("CREATE EXTENSION pg_trgm");

        Cli.Result check = cli.run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("create extension hstore").doesNotContain("pg_trgm");

        cli.write("schema.sql", "CREATE TABLE notes (id int);\n");
        cli.execute("CREATE TABLE notes (id int)");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void ofTheDevDatabasesOwnExtensionsOnlyThoseTheModelUsesAreCreated() throws IOException {
        Cli dev = new Cli(dir.resolve("dev"), TestPostgres.freshDatabase());
        dev.execute("CREATE EXTENSION citext; CREATE EXTENSION \"uuid-ossp\"; CREATE EXTENSION pg_trgm;"
                + "CREATE EXTENSION hstore");
        Cli cli = new Cli(dir.resolve("project"), TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + dev.jdbcUrl
                + "?user=postgres\"\n");
        // What a JPA model's DDL looks like: it uses the extensions the dev database has, without creating them.
        cli.write("schema.sql", """
                CREATE TABLE users (
                    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
                    emails citext[] NOT NULL
                );
                """);

        String migration = generated(cli, "users");

        assertThat(migration).contains("op.createExtension(\"citext\")", "op.createExtension(\"uuid-ossp\")")
                .doesNotContain("pg_trgm", "hstore");
        cli.ok("upgrade", "head");
        assertThat(cli.column(EXTENSIONS)).containsExactly("citext", "uuid-ossp");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(dev.column(EXTENSIONS)).containsExactly("citext", "hstore", "pg_trgm", "uuid-ossp");
    }

    @Test
    void onADevUrlTheExtensionsTheSchemaFileCreatesAreTheModelsAndTheDevDatabaseKeepsNone() throws IOException {
        Cli dev = new Cli(dir.resolve("dev"), TestPostgres.freshDatabase());
        Cli cli = new Cli(dir.resolve("project"), TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + dev.jdbcUrl
                + "?user=postgres\"\n");
        cli.write("schema.sql", """
                CREATE SCHEMA app;
                CREATE EXTENSION citext WITH SCHEMA app;
                CREATE EXTENSION hstore;
                CREATE TABLE app.users (id int PRIMARY KEY, email app.citext NOT NULL);
                """);

        String migration = generated(cli, "users");

        assertThat(migration).containsSubsequence("op.createSchema(\"app\");",
                "op.createExtension(\"citext\").schema(\"app\").ifNotExists();",
                "op.createExtension(\"hstore\").ifNotExists();", "op.createTable(\"users\"");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(dev.column(EXTENSIONS)).isEmpty();
    }

    /**
     * A project of one entity whose email column is {@code citext}, with a dev database that made its extensions by
     * {@code devExtensions}.
     */
    private Cli personWithACitextEmail(String devExtensions) {
        Cli dev = new Cli(dir.resolve("dev"), TestPostgres.freshDatabase());
        dev.execute(devExtensions);
        Cli cli = new Cli(dir.resolve("project"), TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n"
                + "dev_url = \"" + dev.jdbcUrl + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/Person.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                public class Person {
                    @Id
                    private Long id;

                    @Column(columnDefinition = "citext", nullable = false)
                    private String email;
                }
                """);
        return cli;
    }

    @Test
    void aJpaModelGetsTheExtensionOfItsColumnDefinition() throws IOException {
        Cli cli = personWithACitextEmail("CREATE EXTENSION citext; CREATE EXTENSION pg_trgm");

        String migration = generated(cli, "people");

        assertThat(migration).contains("op.createExtension(\"citext\").ifNotExists();").doesNotContain("pg_trgm");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "base");
        assertThat(cli.column(EXTENSIONS)).isEmpty();
    }

    @Test
    void migrationsThatKeepAJpaModelsExtensionInASchemaOfItsOwnPassTheTestOfTheModels() {
        Cli cli = personWithACitextEmail("CREATE EXTENSION citext");
        // As Supabase keeps them: the extension in a schema of its own, which a JPA model cannot name.
        cli.sql("e00000000001", "none", "people",
                "CREATE SCHEMA extensions;\nCREATE EXTENSION citext SCHEMA extensions;\n"
                        + "CREATE TABLE person (id bigint NOT NULL PRIMARY KEY, email extensions.citext NOT NULL);",
                "DROP TABLE person;\nDROP EXTENSION citext;\nDROP SCHEMA extensions;");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");

        Cli.Result tested = cli.run("test");

        assertThat(tested.exitCode()).as(tested.toString()).isZero();
    }

    @Test
    void aTypeNamedAfterAnExtensionGetsItOnTheEmbeddedDevDatabaseAndInTheMigration() throws IOException {
        // A JPA model cannot say CREATE EXTENSION; the embedded dev database has none installed.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n");
        cli.write("src/main/java/com/example/Person.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                public class Person {
                    @Id
                    private Long id;

                    @Column(columnDefinition = "citext", nullable = false)
                    private String email;

                    @Column(columnDefinition = "hstore")
                    private String attributes;
                }
                """);

        String migration = generated(cli, "people");

        assertThat(migration).contains("op.createExtension(\"citext\").ifNotExists();")
                .contains("op.createExtension(\"hstore\").ifNotExists();");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "base");
        assertThat(cli.column(EXTENSIONS)).isEmpty();
    }
}
