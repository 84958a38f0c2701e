package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upgrade --sql} prints a migration's password as the migration holds it, so that the script runs as it is,
 * and names each such statement on stderr, where the script does not take it along.
 */
class OfflineSecretsTest {
    @TempDir
    Path dir;

    @Test
    void aPrintedPasswordIsKeptInTheScriptAndNamedOnStderr() {
        // No database: --sql runs offline.
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        cli.sql("a00000000001", "none", "roles", """
                CREATE TABLE settings (k text, v text);
                CREATE ROLE app LOGIN PASSWORD 'TopSecret''Value7';
                INSERT INTO settings VALUES ('smtp_password', 'SmtpSecret9'), ('note', 'password is kept');""",
                "DROP ROLE app;\nDROP TABLE settings;");
        cli.write("migrations/versions/a00000000002_link.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "a00000000002", down = "a00000000001", message = "link")
                class Link_a00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE links (id int)");
                        op.execute("SELECT dblink_connect('host=db user=app password=LinkSecret5 dbname=x')");
                    }

                    public void downgrade(Operations op) {
                        op.execute("DROP TABLE links");
                    }
                }
                """);
        Cli.Result r = cli.ok("upgrade", "head", "--sql");
        assertThat(r.out()).contains("CREATE ROLE app LOGIN PASSWORD 'TopSecret''Value7';")
                .contains("('smtp_password', 'SmtpSecret9')").contains("password=LinkSecret5");
        assertThat(r.err()).doesNotContain("TopSecret").doesNotContain("SmtpSecret").doesNotContain("LinkSecret")
                .contains("/migrations/versions/a00000000001_roles.sql, line 6: `CREATE ROLE app LOGIN "
                        + "PASSWORD '***'` is printed with its password, as the migration holds it; keep the script "
                        + "out of tickets and logs, or move the password out of the migration")
                .contains("a00000000001_roles.sql, line 7: `INSERT INTO settings VALUES ('smtp_password', '***'), "
                        + "('note', 'password is kept')`")
                .contains("a00000000002_link.java:9: `SELECT dblink_connect('host=db user=app password=*** "
                        + "dbname=x')`");
        assertThat(r.err().lines().filter(line -> line.startsWith("warning:"))).hasSize(3);
        // A script without a password is printed without a word of warning; the downgrade holds none.
        Cli.Result down = cli.ok("downgrade", "--sql", "head:base");
        assertThat(down.err()).doesNotContain("warning");
    }

    @Test
    void statementsWhoseSecretsStandWhereNoWordPasswordPrecedesThemAreNamedToo() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        cli.sql("a00000000001", "none", "seed", """
                INSERT INTO accounts (name, password) VALUES ('a', 'RowSecret1'), ('b', 'RowSecret2');
                ALTER DATABASE shop SET "app.jwt_secret" TO 'JwtSecret3';
                DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', 'app', 'RoleSecret4'); END $$;
                INSERT INTO accounts (name, note) VALUES ('c', 'no secret here');""", "");
        Cli.Result r = cli.ok("upgrade", "head", "--sql");
        assertThat(r.out()).contains("('b', 'RowSecret2')").contains("'JwtSecret3'").contains("'RoleSecret4'");
        assertThat(r.err()).doesNotContain("RowSecret").doesNotContain("JwtSecret").doesNotContain("RoleSecret")
                .contains("a00000000001_seed.sql, line 5: `INSERT INTO accounts (name, password) VALUES ('a', '***'), "
                        + "('b', '***')` is printed with its password")
                .contains("line 6: `ALTER DATABASE shop SET \"app.jwt_secret\" TO '***'`")
                .contains("line 7: `DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', 'app', '***'); END $$`");
        assertThat(r.err().lines().filter(line -> line.startsWith("warning:"))).hasSize(3);
    }

    @Test
    void anInsertThatListsNoColumnsIsNamedByTheColumnsOfItsTable() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        cli.sql("a00000000001", "none", "accounts", """
                CREATE TABLE accounts (name text, password_digest text, password_expires date);
                CREATE TABLE colors (id int, name text);
                INSERT INTO accounts VALUES ('a', 'RowSecret1', '2027-01-01');
                INSERT INTO colors VALUES (1, 'red');""", "DROP TABLE colors;\nDROP TABLE accounts;");
        cli.sql("a00000000002", "a00000000001", "more", """
                INSERT INTO accounts VALUES ('b', 'RowSecret2', NULL);
                INSERT INTO accounts (name, db_password2) VALUES ('c', 'RowSecret3');""", "DELETE FROM accounts;");
        Cli.Result r = cli.ok("upgrade", "head", "--sql");
        assertThat(r.out()).contains("('a', 'RowSecret1', '2027-01-01')").contains("('b', 'RowSecret2', NULL)")
                .contains("('c', 'RowSecret3')");
        assertThat(r.err()).doesNotContain("RowSecret")
                .contains("a00000000001_accounts.sql, line 7: `INSERT INTO accounts VALUES ('a', '***', '2027-01-01')`"
                        + " is printed with its password")
                .contains("a00000000002_more.sql, line 5: `INSERT INTO accounts VALUES ('b', '***', NULL)` is printed "
                        + "with its password")
                .contains("a00000000002_more.sql, line 6: `INSERT INTO accounts (name, db_password2) VALUES ('c', "
                        + "'***')`");
        assertThat(r.err().lines().filter(line -> line.startsWith("warning:"))).hasSize(3);
        // From the second revision on, no statement printed makes the table: every string of its rows is hidden.
        Cli.Result part = cli.ok("upgrade", "--sql", "a00000000001:head");
        assertThat(part.out()).contains("('b', 'RowSecret2', NULL)");
        assertThat(part.err()).doesNotContain("RowSecret")
                .contains("a00000000002_more.sql, line 5: `INSERT INTO accounts VALUES ('***', '***', NULL)` is "
                        + "printed as the migration holds it and may hold a password: no statement printed before it "
                        + "surely makes its table, so which of its values goes to a password column is not known here; "
                        + "list its columns, or check the script before it goes to tickets and logs");
        assertThat(part.err().lines().filter(line -> line.startsWith("warning:"))).hasSize(2);
    }
}
