package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `retort lint` over migration files, severities from retort.toml, and lint comments in generated files. */
class LintCommandTest {
    @TempDir
    Path dir;

    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int PRIMARY KEY, email text);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "risky",
                "CREATE INDEX ix_users_email ON users (email);\nALTER TABLE users DROP COLUMN email;",
                "ALTER TABLE users ADD COLUMN email text;");
        return cli;
    }

    @Test
    void warningsPassUnlessStrict() {
        Cli cli = project();
        Cli.Result r = cli.ok("lint");
        assertThat(r.out()).contains("aaaaaaaaaaa2_risky.sql:5: warning RT110").contains("aaaaaaaaaaa2_risky.sql:6: warning RT102");
        assertThat(r.err()).contains("0 error(s), 2 warning(s).");
        Cli.Result strict = cli.run("lint", "--strict");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(cli.ok("lint", "aaaaaaaaaaa1").out()).isEmpty();
    }

    /** A finding quoted the dropped table's name with its escape sequence, which recoloured the terminal. */
    @Test
    void aFindingWritesOutTheEscapeSequencesOfTheNamesItQuotes() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "drop", "DROP TABLE \"x\u001b[31mred\";", "SELECT 1;");
        Cli.Result r = cli.run("lint");
        assertThat(r.out()).contains("RT101").contains("x\\u001b[31mred").doesNotContain("\u001b");
    }

    @Test
    void errorsFailAndSecretsAreNotRepeated() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "role", "CREATE ROLE app LOGIN PASSWORD 'hunter2-secret';", "DROP ROLE app;");
        Cli.Result r = cli.run("lint");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("aaaaaaaaaaa3_role.sql:5: error RT116").doesNotContain("hunter2-secret");
    }

    @Test
    void aPasswordThatUpgradeSqlWarnsOfIsAFindingOnItsStatementsLine() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "seed admin", String.join("\n",
                "CREATE TABLE admins (id bigint PRIMARY KEY, name text, password text, api_token text);",
                "INSERT INTO admins (id, name, password) VALUES (1, 'root', 'Tr0ub4dor&3');",
                "INSERT INTO admins VALUES (2, 'ops', 'Corr3ctHorse!', 'tok_9f8e7d6c5b4a3210');",
                "UPDATE admins SET password = 'N3wPassw0rd!' WHERE id = 1;",
                "ALTER TABLE admins ALTER COLUMN password SET DEFAULT 'Default#Pass1';"), "DROP TABLE admins;");
        Cli.Result lint = cli.run("lint", "head", "--strict");
        Cli.Result sql = cli.ok("upgrade", "head-1:head", "--sql");
        for (int line = 6; line <= 9; line++) {
            assertThat(sql.err()).contains("aaaaaaaaaaa3_seed_admin.sql, line " + line + ": ");
            assertThat(lint.out()).containsOnlyOnce("aaaaaaaaaaa3_seed_admin.sql:" + line + ": error RT116");
        }
        assertThat(lint.out()).doesNotContain("Tr0ub4dor").doesNotContain("Corr3ctHorse").doesNotContain("N3wPassw0rd")
                .doesNotContain("Default#Pass1").doesNotContain("tok_9f8e7d6c5b4a3210");
    }

    @Test
    void everyFileThatCannotBeReadIsAFindingAndTheOthersAreStillLinted() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "psql", "\\set ON_ERROR_STOP on\nCREATE TABLE a (id int);", "DROP TABLE a;");
        cli.write("migrations/versions/aaaaaaaaaaa4_broken.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "aaaaaaaaaaa4", down = "aaaaaaaaaaa3", message = "broken", created = "2026-12-05T10:00:00")
                class Broken_aaaaaaaaaaa4 implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        op.dropTable("users")
                    }
                }
                """);
        cli.sql("aaaaaaaaaaa5", "aaaaaaaaaaa4", "drop", "DROP TABLE users;", "CREATE TABLE users (id int);");

        Cli.Result r = cli.run("lint");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("aaaaaaaaaaa2_risky.sql:6: warning RT102")
                .contains("aaaaaaaaaaa3_psql.sql: error RT100 cannot be linted: ").contains("\\set")
                .contains("aaaaaaaaaaa4_broken.java: error RT100 cannot be linted: ").contains("';' expected")
                .contains("aaaaaaaaaaa5_drop.sql:5: warning RT101");
    }

    @Test
    void severitiesComeFromRetortToml() {
        Cli cli = project();
        cli.write("retort.toml", "[lint]\nRT110 = \"error\"\nRT102 = \"off\"\n");
        Cli.Result r = cli.run("lint");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("error RT110").doesNotContain("RT102");
        cli.write("retort.toml", "[lint]\nRT999 = \"off\"\n");
        Cli.Result unknown = cli.run("lint");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("RT999").contains("does not exist");
        assertThat(cli.ok("lint", "--rules").out()).contains("RT101").contains("RT116");
    }

    @Test
    void generatedMigrationsCarryTheLintersFindingsAsComments() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);");
        cli.ok("revision", "--autogenerate", "-m", "users");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\nCREATE INDEX ix_email ON users (email);");
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "index email");
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(r.out());
        assertThat(m.find()).isTrue();
        String source = Files.readString(cli.project.resolve(m.group(1)));
        assertThat(source).containsPattern("// RT110 \\(warning\\): [^\\n]+\\n\\s+op\\.createIndex\\(\"ix_email\"");
    }

    /** Moving a table to another schema drops the one of public: the generated drop says so, as lint does. */
    @Test
    void aTableMovedToAnotherSchemaIsADropTheGeneratedMigrationWarnsOf() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", "CREATE TABLE moveme (id int PRIMARY KEY);");
        cli.ok("revision", "--autogenerate", "-m", "moveme");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE SCHEMA other;\nCREATE TABLE other.moveme (id int PRIMARY KEY);");
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "move");
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(r.out());
        assertThat(m.find()).as(r.toString()).isTrue();
        String source = Files.readString(cli.project.resolve(m.group(1)));
        assertThat(source).containsPattern("// RT101 \\(warning\\): drops table moveme and all its rows\\n"
                + "(\\s*//[^\\n]*\\n)*\\s+op\\.dropTable\\(\"moveme\"\\);");
        assertThat(cli.ok("lint", "head").out()).contains("warning RT101");
    }

    @Test
    void aGeneratedChangeOfTypeThatOnlyWidensIsAllowedWithItsReason() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", "CREATE TABLE n (id int PRIMARY KEY, a varchar(50), b varchar(50), c int, "
                + "d numeric(10,2), e varchar(100));");
        cli.ok("revision", "--autogenerate", "-m", "n");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE n (id int PRIMARY KEY, a text, b varchar(100), c bigint, "
                + "d numeric(12,2), e varchar(100));");
        String widening = generated(cli, cli.ok("revision", "--autogenerate", "-m", "widen"));

        assertThat(widening).contains("// retort:allow RT105 (widens character varying(50) to text)\n")
                .contains("// retort:allow RT105 (widens character varying(50) to character varying(100))\n")
                .contains("// retort:allow RT105 (widens integer to bigint)\n")
                .contains("// retort:allow RT105 (widens numeric(10,2) to numeric(12,2))\n")
                .doesNotContain("RT105 (warning)");
        cli.ok("lint", "head", "--strict");

        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE n (id int PRIMARY KEY, a text, b varchar(100), c bigint, "
                + "d numeric(12,2), e varchar(20));");
        String narrowing = generated(cli, cli.ok("revision", "--autogenerate", "-m", "narrow"));
        assertThat(narrowing).contains("// RT105 (warning): changes the type of column n.e").doesNotContain("allow");
        assertThat(cli.run("lint", "head", "--strict").exitCode()).isEqualTo(1);
    }

    @Test
    void aGeneratedSqlMigrationAllowsAWideningToo() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", "CREATE TABLE n (id int PRIMARY KEY, a varchar(50));");
        cli.ok("revision", "--autogenerate", "--sql-file", "-m", "n");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE n (id int PRIMARY KEY, a text);");
        String widening = generated(cli, cli.ok("revision", "--autogenerate", "--sql-file", "-m", "widen"));

        assertThat(widening).contains("-- retort:allow RT105 (widens character varying(50) to text)\nALTER TABLE");
        cli.ok("lint", "head", "--strict");
    }

    private static String generated(Cli cli, Cli.Result revision) throws Exception {
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(revision.out());
        assertThat(m.find()).isTrue();
        return Files.readString(cli.project.resolve(m.group(1)));
    }
}
