package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in {@code .env} that sent {@code retort upgrade head} to the embedded PostgreSQL, with exit 0, where the
 * user meant the database the file names: each stops the command with a line that says what to fix, or the
 * announcement of the embedded database says where the file Retort did not read is.
 */
class DotEnvMistakesTest {
    private static final String PASSWORD = "StrongPassw@rd123";

    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServers() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
        EmbeddedPostgres.discardProject(dir.resolve("repo/src/infrastructure/database/.retort"));
    }

    /** A project with one migration and no database configured but what its .env says. */
    private Cli project(Path directory) {
        Cli cli = new Cli(directory, "jdbc:postgresql://127.0.0.1:1/none");
        cli.environment.remove("DATABASE_URL");
        // No word on the mode of .env: the tests write it as any new file is.
        cli.environment.put("CI", "true");
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        return cli;
    }

    private static void assertStoppedWith(Cli cli, String error) {
        Cli.Result result = cli.run("upgrade", "head");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("retort: " + error + "\n");
        assertThat(result.err()).doesNotContain(PASSWORD).doesNotContain("rd123");
        assertThat(Files.exists(cli.project.resolve(".retort/postgres"))).as("an embedded server").isFalse();
    }

    @Test
    void aDatabaseUrlWhoseQuoteIsLeftOpenStopsTheCommand() {
        Cli cli = project(dir);
        cli.write(".env", "DATABASE_URL=\"postgresql+asyncpg://postgres:" + PASSWORD
                + "@localhost:5433/equipment_db\n");

        assertStoppedWith(cli, ".env line 1: the quoted value of DATABASE_URL has no closing quote; close it. Retort "
                + "looked in .env for DATABASE_URL, which the environment does not set.");
    }

    @Test
    void aDbVariableWhoseQuoteIsLeftOpenStopsTheCommand() {
        Cli cli = project(dir);
        cli.write(".env", "DB_HOST=localhost\nDB_PORT=5433\nDB_NAME=equipment_db\nDB_USER=postgres\n"
                + "DB_PASSWORD='" + PASSWORD + "\n");

        assertStoppedWith(cli, ".env line 5: the quoted value of DB_PASSWORD has no closing quote; close it. Retort "
                + "looked in .env for DB_PASSWORD, which the environment does not set.");
    }

    @Test
    void aMisspeltDatabaseKeyStopsTheCommandWithTheKeyItMeant() {
        Cli cli = project(dir);
        for (String key : List.of("DATABSE_URL", "database_url", "DATABASE-URL")) {
            cli.write(".env", "# the database\n" + key + "=postgresql+asyncpg://postgres:" + PASSWORD
                    + "@localhost:5433/equipment_db\n");

            assertStoppedWith(cli, ".env line 2: " + key + " is not a key Retort reads; did you mean DATABASE_URL? No "
                    + "database is configured, so the command would run on the embedded PostgreSQL: rename the key.");
        }
    }

    /** The application's own settings next to a database's are no misspelling of one. */
    @Test
    void theApplicationsOwnSettingsLeaveTheEmbeddedDatabaseInUse() {
        Cli cli = project(dir);
        cli.write(".env", "DATABASE_POOL_SIZE=10\nDB_POOL=5\nREDIS_URL=redis://localhost:6379/0\n");

        Cli.Result result = cli.ok("upgrade", "head");

        assertThat(result.err()).contains("/.retort/ (no database configured; set DATABASE_URL in .env to use "
                + "yours).");
    }

    /**
     * The migrations guide's layout: retort.toml in src/infrastructure/database, .env at the repository's root, where
     * Retort does not look; the announcement of the embedded database names it and says how to use it.
     */
    @Test
    void theEmbeddedDatabaseNamesTheDotEnvAtTheRepositorysRoot() {
        Cli cli = project(dir.resolve("repo/src/infrastructure/database"));
        Cli root = new Cli(dir.resolve("repo"), "jdbc:postgresql://127.0.0.1:1/none");
        root.write(".env", "DATABASE_URL=postgresql+asyncpg://postgres:" + PASSWORD + "@localhost:5433/equipment_db\n");
        root.write(".git/HEAD", "ref: refs/heads/main\n");

        Cli.Result result = cli.ok("upgrade", "head");

        assertThat(result.err()).contains("database/.retort/ (no database configured; found "
                + "../../../.env, which Retort does not read: it reads .env only next to retort.toml. Link it there "
                + "(ln -s ../../../.env .env), or set DATABASE_URL in the environment, to use that database).");
        assertThat(result.err()).doesNotContain(PASSWORD);
    }

    /** The message about a bad URL in .env lost the parenthesis after the URL, whose password had been hidden. */
    @Test
    void aBadUrlIsQuotedInParenthesesThatClose() {
        Cli cli = project(dir);
        cli.write(".env", "DATABASE_URL=jdbc:postgresql://localhost:5433/equipment_db?user=postgres&password="
                + PASSWORD + "&ssl\n");

        assertStoppedWith(cli, "DATABASE_URL in .env (jdbc:postgresql://localhost:5433/equipment_db?user=postgres"
                + "&password=***&ssl) has a query parameter that is not name=value. If the password contains '/', '?' "
                + "or '#', write them as %2F, %3F and %23.");
    }
}
