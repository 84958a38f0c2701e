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
}
