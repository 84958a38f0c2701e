package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors a newcomer meets first: each one line that says what happened and what to do. */
class NewcomerErrorsTest {
    @TempDir
    Path dir;

    private static Cli.Result oneLine(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    /**
     * A database whose schema was made before Retort: the first revision finds its table there, and both that failure
     * and `check` at base say how to record the revision instead of running it.
     */
    @Test
    void aDatabaseMadeBeforeRetortWithALongerHistoryIsToldWhichRevisionsToStamp() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "v1", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "v2", "CREATE TABLE orders (id int PRIMARY KEY);", "DROP TABLE orders;");
        cli.execute("CREATE TABLE users (id int PRIMARY KEY)");
        cli.execute("CREATE TABLE orders (id int PRIMARY KEY)");

        Cli.Result upgrade = cli.run("upgrade", "head");

        assertThat(upgrade.exitCode()).isEqualTo(1);
        assertThat(upgrade.err()).contains("(`retort stamp REV` with the last revision whose schema it holds: "
                + "`retort stamp aaaaaaaaaaa2` when it holds them all, `retort stamp aaaaaaaaaaa1` when only the first)");
    }

    @Test
    void aDatabaseMadeBeforeRetortWithSeveralBranchesIsToldToStampEveryHead() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "v1", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "v2", "CREATE TABLE orders (id int PRIMARY KEY);",
                "DROP TABLE orders;");
        cli.sql("bbbbbbbbbbb2", "aaaaaaaaaaa1", "b2", "CREATE TABLE bills (id int PRIMARY KEY);", "DROP TABLE bills;");
        cli.execute("CREATE TABLE users (id int PRIMARY KEY)");
        cli.execute("CREATE TABLE orders (id int PRIMARY KEY)");
        cli.execute("CREATE TABLE bills (id int PRIMARY KEY)");

        Cli.Result upgrade = cli.run("upgrade", "heads");

        assertThat(upgrade.exitCode()).isEqualTo(1);
        assertThat(upgrade.err()).contains("(`retort stamp REV` with the last revision whose schema it holds: "
                + "`retort stamp heads` when it holds them all, `retort stamp aaaaaaaaaaa1` when only the first)");
        cli.ok("stamp", "heads");
        cli.ok("upgrade", "heads");
        assertThat(cli.versions()).containsExactlyInAnyOrder("aaaaaaaaaaa2", "bbbbbbbbbbb2");
    }

    @Test
    void aDatabaseMadeBeforeRetortIsStampedNotUpgraded() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        cli.sql("aaaaaaaaaaa1", "none", "initial", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        cli.execute("CREATE TABLE users (id int PRIMARY KEY)");

        Cli.Result upgrade = cli.run("upgrade", "head");
        assertThat(upgrade.exitCode()).isEqualTo(1);
        assertThat(upgrade.err().lines().toList()).last().asString().startsWith("retort: Upgrade of revision aaaaaaaaaaa1")
                .contains("already exists").contains("`retort stamp aaaaaaaaaaa1`");
        Cli.Result check = cli.run("check");
        oneLine(check);
        assertThat(check.err()).contains("at base (nothing applied)").contains("`retort stamp REV`");

        cli.ok("stamp", "head");
        assertThat(cli.ok("check").out() + cli.ok("check").err()).contains("No differences");
        cli.execute("CREATE TABLE orders (id int)");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "orders", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        assertThat(cli.run("upgrade", "head").err()).contains("already exists").doesNotContain("stamp");
    }

    /**
     * With no database configured, the embedded one would start for a directory that is not a project: without a
     * retort.toml `retort init .` makes one; with a retort.toml written by hand init refuses, so the way out is the
     * missing directory itself.
     */
    @Test
    void aProjectWithoutItsVersionsDirectoryIsToldTheStepThatWorks() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.environment.remove("DATABASE_URL");
        Files.delete(dir.resolve("migrations/versions"));
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");

        Cli.Result handWritten = oneLine(cli.run("current"));
        assertThat(handWritten.err()).contains("does not exist; create it (`mkdir -p "
                + dir.resolve("migrations/versions").toAbsolutePath() + "`)")
                .doesNotContain("retort init");
        assertThat(cli.run("init", ".").err()).contains("already exists");

        Files.delete(dir.resolve("retort.toml"));
        assertThat(oneLine(cli.run("current")).err()).contains("run `retort init .` to create one");
    }

    /** Git keeps no empty directory: init leaves a file in versions/, so that a clone has the directory too. */
    @Test
    void aClonedProjectStillHasItsVersionsDirectory() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Files.delete(dir.resolve("retort.toml"));
        Files.delete(dir.resolve("migrations/versions"));
        cli.ok("init", ".");

        try (var files = Files.list(dir.resolve("migrations/versions"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(".gitkeep");
        }
        assertThat(cli.ok("heads").out()).isEmpty();
        cli.ok("revision", "-m", "first migration");
        assertThat(cli.ok("heads").out()).contains("(head)");
    }

    /**
     * A project cloned before init left a file in versions/ has a retort.toml and no versions directory: init would
     * refuse to overwrite the file, so every command says to create the directory.
     */
    @Test
    void aClonedProjectWithoutItsVersionsDirectoryIsToldToCreateIt() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Files.delete(dir.resolve("migrations/versions"));
        String create = "does not exist; create it (`mkdir -p " + dir.resolve("migrations/versions").toAbsolutePath()
                + "`), or correct script_location in ";
        for (String[] command : new String[][] {{"revision", "-m", "first migration"}, {"heads"}, {"history"},
                {"upgrade", "head"}}) {
            Cli.Result r = cli.run(command);
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.err()).as(r.toString()).contains(create).doesNotContain("retort init");
        }
    }

    @Test
    void noProjectHere() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Files.delete(dir.resolve("retort.toml"));
        Files.delete(dir.resolve("migrations/versions"));
        Cli.Result r = cli.run("upgrade", "head");
        oneLine(r);
        // `retort init` alone is refused (it needs its directory): the message gives a command that works.
        assertThat(r.err()).contains("migrations").contains("does not exist").contains("`retort init .`");
    }

    @Test
    void comparingWithoutAConfigFileSaysThereIsNone() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Files.delete(dir.resolve("retort.toml"));
        for (String[] command : new String[][] {{"check"}, {"revision", "--autogenerate", "-m", "x"}}) {
            Cli.Result r = cli.run(command);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("there is no retort.toml in " + dir.toAbsolutePath().normalize())
                    .contains("`retort init .`").doesNotContain("names none");
        }
    }

    @Test
    void initOnAFileSaysSoBeforeClaimingAnything() throws Exception {
        Cli cli = new Cli(dir.resolve("project"), TestPostgres.freshDatabase());
        Files.writeString(dir.resolve("notes.txt"), "not a project\n");

        Cli.Result r = cli.run("init", dir.resolve("notes.txt").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out() + r.err()).doesNotContain("done");
        assertThat(r.err()).contains("notes.txt is a file; give `retort init` a directory");
    }

    @Test
    void outsideAProjectNoEmbeddedServerStarts() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        Files.delete(dir.resolve("retort.toml"));
        Files.delete(dir.resolve("migrations/versions"));
        cli.environment.remove("DATABASE_URL");
        try {
            for (String[] command : new String[][] {{"current"}, {"upgrade", "head"}, {"backups"}}) {
                Cli.Result r = cli.run(command);
                oneLine(r);
                assertThat(r.err()).contains("migrations/versions does not exist").contains("retort init");
            }
            assertThat(dir.resolve(".retort")).doesNotExist();
        } finally {
            // Had one started, it would outlive the test's directory.
            Path started = dir.resolve(".retort/postgres.properties");
            if (Files.exists(started)) {
                String pid = Files.readAllLines(started).stream().filter(l -> l.startsWith("pid="))
                        .findFirst().orElseThrow().substring(4);
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    @Test
    void aWrongPasswordSaysWhichUserAndWhereTheSettingComesFrom() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        // The test server trusts everyone; make it check this one role's password, as a real server would.
        cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newcomer') THEN "
                + "CREATE ROLE newcomer LOGIN PASSWORD 'right-secret'; END IF; END $$");
        Path hba = Path.of(cli.column("SHOW hba_file").get(0));
        String rules = Files.readString(hba);
        String rule = "host all newcomer 127.0.0.1/32 scram-sha-256\n";
        if (!rules.contains(rule)) {
            Files.writeString(hba, rule + rules);
        }
        cli.execute("SELECT pg_reload_conf()");
        cli.chain(1);
        cli.execute("GRANT ALL ON SCHEMA public TO newcomer");
        cli.execute("GRANT ALL ON applied_log TO newcomer");

        cli.environment.remove("DATABASE_URL");
        cli.write(".env", "DATABASE_URL=postgresql://newcomer:wrong-secret@" + db.getHost() + ":" + db.getPort()
                + db.getPath() + "\n");
        Cli.Result r = cli.run("current");
        oneLine(r);
        assertThat(r.err()).contains("password authentication failed for user \"newcomer\". Check the user and "
                        + "password in DATABASE_URL in")
                .doesNotContain("wrong-secret").doesNotContain("right-secret");

        // No password at all: the server is reachable, so the advice is the password, not the host and port.
        cli.write(".env", "DATABASE_URL=postgresql://newcomer@" + db.getHost() + ":" + db.getPort() + db.getPath()
                + "\n");
        Cli.Result noPassword = cli.run("current");
        oneLine(noPassword);
        assertThat(noPassword.err()).contains("but no password was provided. The server asks for a password: give it "
                + "in DATABASE_URL in .env (postgresql://user:password@host:port/database), in PGPASSWORD, or in "
                + "~/.pgpass.")
                .doesNotContain("reachable");

        cli.write(".env", "DATABASE_URL=postgresql://newcomer:right-secret@" + db.getHost() + ":" + db.getPort()
                + db.getPath() + "\n");
        assertThat(cli.ok("upgrade", "head").err()).doesNotContain("right-secret");
    }

    /**
     * A URL with readOnly=true makes the driver begin every transaction READ ONLY: the server's refusal is the one of
     * a standby, but the fault is in the URL, and the error says so, from base and in a database Retort migrated.
     */
    @Test
    void aUrlThatAsksForReadOnlyConnectionsIsNamed() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&readOnly=true");
        Cli.Result fromBase = cli.run("upgrade", "head");
        oneLine(fromBase);
        assertThat(fromBase.err()).isEqualTo("retort: The connection is read-only (ERROR: cannot execute CREATE TABLE "
                + "in a read-only transaction): readOnly=true in the JDBC URL, or the read-only setting of the pool "
                + "the connection came from, makes every transaction read only; remove it, as Retort writes its "
                + "version table and the migrations' changes.\n");

        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres");
        cli.ok("upgrade", "head");
        cli.sql("a00000000009", "a00000000001", "more", "CREATE TABLE more_rows (id int);", "DROP TABLE more_rows;");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&readOnly=true");
        assertThat(oneLine(cli.run("upgrade", "head")).err()).isEqualTo(fromBase.err());
        assertThat(cli.versions()).containsExactly("a00000000001");
    }

    /**
     * A deploy to a standby, or to a database whose users are read-only by default, and a user who may not create
     * tables: Retort's first write is refused, and the error says what to change rather than to run `retort current`.
     */
    @Test
    void aDatabaseRetortMayNotWriteTo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.environment.put("DATABASE_URL",
                cli.jdbcUrl + "?user=postgres&options=-c%20default_transaction_read_only%3Don");
        Cli.Result readOnly = cli.run("upgrade", "head");
        oneLine(readOnly);
        assertThat(readOnly.err()).isEqualTo("retort: The database is read-only (ERROR: cannot execute CREATE TABLE in "
                + "a read-only transaction): Retort connected to a standby, or default_transaction_read_only is on for "
                + "the user or the database; connect to the primary, or turn default_transaction_read_only off for the "
                + "user Retort connects as.\n");
        assertThat(oneLine(cli.run("stamp", "head")).err()).contains("The database is read-only");

        cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'may_not_create') THEN "
                + "CREATE ROLE may_not_create LOGIN; END IF; END $$");
        cli.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=may_not_create");
        Cli.Result mayNotCreate = cli.run("upgrade", "head");
        oneLine(mayNotCreate);
        assertThat(mayNotCreate.err()).isEqualTo("retort: Retort cannot create its version table retort_version "
                + "(ERROR: permission denied for schema public); grant CREATE on that schema to the user Retort "
                + "connects as, or set version_table_schema to a schema it may create tables in.\n");
        assertThat(cli.versions()).isEmpty();
    }

    /**
     * A deploy user who may write to Retort's tables, made by an administrator, but not create tables: PostgreSQL asks
     * for that right even for a {@code CREATE TABLE IF NOT EXISTS} of a table that is there, which Retort no longer
     * sends then.
     */
    @Test
    void aUserWhoMayNotCreateTablesAppliesToTablesThatAreThere() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(1);
        cli.ok("upgrade", "head");
        cli.sql("c00000000002", ids.get(0), "seed", "INSERT INTO t_1 DEFAULT VALUES;", "DELETE FROM t_1;");
        cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'deployer') THEN "
                + "CREATE ROLE deployer LOGIN; END IF; END $$");
        cli.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        cli.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO deployer");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=deployer");

        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");

        assertThat(cli.versions()).containsExactly(ids.get(0));
    }

    /** A user who may read Retort's tables but not write them is told what to grant when it stamps. */
    @Test
    void aUserWhoMayOnlyReadRetortsTablesIsToldWhatToGrantWhenItStamps() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        cli.ok("upgrade", ids.get(0));
        cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN "
                + "CREATE ROLE reader LOGIN; END IF; END $$");
        cli.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=reader");

        Cli.Result r = cli.run("stamp", "head");

        oneLine(r);
        assertThat(r.err()).startsWith("retort: Could not stamp ").endsWith(": ERROR: permission denied for table "
                + "retort_version. The user Retort connects as may read Retort's tables but not change them: grant it "
                + "INSERT, UPDATE and DELETE on retort_version and retort_history, or stamp as the user that runs "
                + "upgrades.\n");
        assertThat(cli.versions()).containsExactly(ids.get(0));
    }

    /**
     * A command run in a subdirectory of a project (its {@code src/}) names the project's retort.toml, where it said
     * to run `retort init`, which would make a second project there.
     */
    @Test
    void aCommandRunInASubdirectoryOfTheProjectSaysWhereTheProjectIs() throws IOException {
        Path app = dir.resolve("app");
        new Cli(app, TestPostgres.freshDatabase());
        Path src = Files.createDirectories(app.resolve("src/main"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"current"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), src);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("retort: No database is configured, and there is "
                + "no retort.toml here: the project is the one of ../../retort.toml; run the command in ../.., or give "
                + "-c ../../retort.toml.\n");
        assertThat(src.resolve(".retort")).doesNotExist();
    }

    /**
     * Every command run in a project's subdirectory says where the project is, with one exit code: the others said to
     * run `retort init .`, which made a second project there, and `embedded status` said "none" while the project's
     * server ran. init run there anyway warns.
     */
    @Test
    void everyCommandRunInASubdirectoryOfTheProjectSaysWhereTheProjectIs() throws IOException {
        Path app = dir.resolve("app");
        new Cli(app, TestPostgres.freshDatabase());
        Path src = Files.createDirectories(app.resolve("src"));
        String hint = "there is no retort.toml here: the project is the one of ../retort.toml; run the command in .., "
                + "or give -c ../retort.toml.\n";
        for (String[] command : new String[][] {{"heads"}, {"history"}, {"upgrade", "head"},
                {"upgrade", "--sql", "base:head"}, {"revision", "-m", "x"}, {"embedded", "status"},
                {"embedded", "stop"}}) {
            Cli.Result r = runIn(src, command);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).startsWith("retort: ").endsWith(hint).doesNotContain("init");
        }
        assertThat(src.resolve("migrations")).doesNotExist();
        assertThat(src.resolve(".retort")).doesNotExist();

        Cli.Result init = runIn(src, "init", ".");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.err()).isEqualTo("warning: " + src + " is inside the project of " + app.resolve("retort.toml")
                + "; commands run in " + src + " use this new project, not that one. If you meant that one, delete "
                + "what init created here and run commands in " + app + ".\n");
    }

    private static Cli.Result runIn(Path workingDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), workingDir);
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDatabaseThatDoesNotExist() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.environment.put("DATABASE_URL", "postgresql://postgres@" + db.getHost() + ":" + db.getPort() + "/equipment_db");
        Cli.Result r = cli.run("current");
        oneLine(r);
        assertThat(r.err()).contains("database \"equipment_db\" does not exist").contains("Create the database");
    }

    @Test
    void aConnectionParameterTheDriverCannotUse() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        String url = "postgresql://postgres:some-secret@" + db.getHost() + ":" + db.getPort() + db.getPath();
        Cli.Result r = cli.run("--url", url + "?sslmode=bogus", "current");
        oneLine(r);
        assertThat(r.err()).contains("Invalid sslmode value: bogus. Fix that parameter of the URL in --url.")
                .doesNotContain("reachable").doesNotContain("some-secret");

        // A value the driver only warns about: the command goes on, and the warning is one line of Retort's.
        Path log = dir.resolve("driver-warning.log");
        Process process = cli.start(log, "--url", url + "?loginTimeout=abc", "current");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("warning: the PostgreSQL driver says: Couldn't parse loginTimeout value: abc\n")
                .doesNotContain("WARNING").doesNotContain("org.postgresql").doesNotContain("some-secret");
    }
}
