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

/** The guide's workflow, command by command, with `retort` in place of `alembic`. */
class GuideWorkflowTest {
    @TempDir
    Path dir;

    private static String idOf(Cli.Result generated) {
        Matcher m = Pattern.compile("versions/([0-9a-f]{12})_").matcher(generated.out());
        assertThat(m.find()).as(generated.toString()).isTrue();
        return m.group(1);
    }

    private static Path fileOf(Cli cli, Cli.Result generated) {
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(generated.out());
        assertThat(m.find()).as(generated.toString()).isTrue();
        return cli.project.resolve(m.group(1));
    }

    @Test
    void initRevisionUpgradeDowngradeCurrentHistory() throws IOException {
        Path project = dir.resolve("equipment");
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Cli.Result init = cli.ok("init", "equipment");
        assertThat(init.out()).contains("retort.toml ... done");
        assertThat(project.resolve("migrations/versions")).isDirectory();
        assertThat(Files.readString(project.resolve(".gitignore"))).contains(".retort/");
        assertThat(project.resolve(".env.example")).exists();
        Cli app = new Cli(project, cli.jdbcUrl);

        // A SQL migration and a Java one, filled in as a developer would after `revision`.
        Cli.Result first = app.ok("revision", "-m", "create users table", "--sql-file");
        String users = idOf(first);
        Path usersFile = fileOf(app, first);
        Files.writeString(usersFile, Files.readString(usersFile)
                .replace("-- +upgrade\n", "-- +upgrade\nCREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);\n")
                .replace("-- +downgrade\n", "-- +downgrade\nDROP TABLE users;\n"));
        Cli.Result second = app.ok("revision", "-m", "add_user_phone_number");
        String phone = idOf(second);
        Path phoneFile = fileOf(app, second);
        assertThat(phoneFile.getFileName().toString()).isEqualTo(phone + "_add_user_phone_number.java");
        Files.writeString(phoneFile, Files.readString(phoneFile)
                .replace("// op.createTable(...), op.addColumn(...), op.execute(\"...\")",
                        "op.execute(\"ALTER TABLE users ADD COLUMN phone_number varchar(20)\");")
                .replace("// undo what upgrade() does, in reverse order", "op.execute(\"ALTER TABLE users DROP COLUMN phone_number\");"));

        assertThat(app.ok("current").out()).isEmpty();
        Cli.Result up = app.ok("upgrade", "head");
        assertThat(up.err()).contains("Running upgrade  -> ".replace("  ", " ") + users + ", create users table")
                .contains("Running upgrade " + users + " -> " + phone + ", add_user_phone_number");
        assertThat(app.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1"))
                .containsExactly("email", "id", "phone_number");
        assertThat(app.ok("current").out()).isEqualTo(phone + " (head)\n");
        assertThat(app.ok("history").outLines()).containsExactly(
                users + " -> " + phone + " (head), add_user_phone_number",
                "<base> -> " + users + ", create users table");

        Cli.Result down = app.ok("downgrade", "-1");
        assertThat(down.err()).contains("Running downgrade " + phone + " -> " + users + ", add_user_phone_number");
        assertThat(app.ok("current").out()).isEqualTo(users + "\n");
        assertThat(app.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"))
                .doesNotContain("phone_number");

        app.ok("upgrade", "head");
        app.ok("downgrade", users);
        assertThat(app.versions()).containsExactly(users);
        app.ok("downgrade", "base");
        assertThat(app.versions()).isEmpty();
        assertThat(app.tableExists("users")).isFalse();
        assertThat(app.ok("upgrade", "head").err()).contains("Applied 2 revisions");
        assertThat(app.ok("upgrade", "head").err()).contains("Nothing to upgrade");
    }

    @Test
    void verboseShowsParentPathAndDate() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "first", "SELECT 1;", "SELECT 1;");
        cli.ok("upgrade", "head");
        String verbose = cli.ok("current", "-v").out();
        // As Alembic's: which database, as a URL psql takes, before the revisions.
        String hostAndDatabase = cli.jdbcUrl.substring(cli.jdbcUrl.indexOf("//") + 2);
        assertThat(verbose).startsWith("Current revision(s) for postgresql://postgres@" + hostAndDatabase + ":\n");
        assertThat(verbose).contains("Rev: aaaaaaaaaaa1 (head)").contains("Parent: <base>")
                .contains("Path: ").contains("aaaaaaaaaaa1_first.sql").contains("Revision ID: aaaaaaaaaaa1");
        assertThat(cli.ok("show", "aaaa").out()).contains("Rev: aaaaaaaaaaa1 (head)");
        assertThat(cli.ok("history", "-i").out()).contains("aaaaaaaaaaa1 (head) (current), first");
    }
}
