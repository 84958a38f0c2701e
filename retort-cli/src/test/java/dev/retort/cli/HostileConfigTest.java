package dev.retort.cli;

import static dev.retort.cli.HostileProject.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken configuration, URLs and connections: each fails with one line that names what is wrong, exit 1,
 * the password nowhere, and the database untouched.
 */
class HostileConfigTest {
    @TempDir
    Path dir;

    @Test
    void malformedRetortToml() {
        HostileProject p = new HostileProject(dir);
        p.cli.chain(1);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("script_location = \"migrations\"\nscript_location = \"again\"\n", "retort.toml line 2");
        files.put("script_location = 'migrations\n", "retort.toml line 1");
        files.put("[models\n", "retort.toml line 1");
        files.put("transaction_per_migration = \"yes\"\n", "transaction_per_migration must be true or false");
        files.put("script_location = 42\n", "script_location must be a string");
        files.put("models = \"x\"\n", "models must be a table");
        files.put("version_table = \"v; DROP TABLE applied_log; --\"\n", "not a valid table name");
        files.put("database_url = postgresql://postgres:" + HostileProject.PASSWORD + "@localhost/db\n",
                "retort.toml line 1");
        files.put("database_url = \"postgresql://postgres:" + HostileProject.PASSWORD + "@localhost/db\n",
                "retort.toml line 1");
        files.put("lock_timeout = \"soon\"\n", "write a duration");
        files.put("script_location = \"${NO_SUCH_VARIABLE_SET}\"\n", "${NO_SUCH_VARIABLE_SET}");
        files.put("\u0000\u0001\u00ff garbage \ud83d\ude00 = = =\n", "retort.toml line 1");
        for (Map.Entry<String, String> file : files.entrySet()) {
            p.cli.write("retort.toml", file.getKey());
            Cli.Result r = p.fails("upgrade", "head");
            assertThat(error(r)).as(file.getKey()).contains(file.getValue());
        }
    }

    @Test
    void aRetortTomlThatIsNotUtf8() throws Exception {
        HostileProject p = new HostileProject(dir);
        Files.write(dir.resolve("retort.toml"), new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xff, (byte) 0xfe, '"', '\n'});
        assertThat(error(p.fails("current"))).contains("retort.toml").contains("UTF-8");
    }

    @Test
    void unknownKeysWarnAndTheCommandStillRuns() {
        HostileProject p = new HostileProject(dir);
        p.cli.chain(1);
        p.cli.write("retort.toml", "script_location = \"migrations\"\nversion_tabel = \"x\"\n[modles]\nsources = []\n");
        Cli.Result r = p.ok("upgrade", "head");
        assertThat(r.err()).contains("retort.toml: unknown key 'version_tabel' (ignored); did you mean 'version_table'?")
                .contains("retort.toml: unknown section [modles] (ignored); did you mean [models]?");
        assertThat(p.cli.versions()).containsExactly("a00000000001");
    }

    @Test
    void badUrlsOfEveryShape() {
        HostileProject p = new HostileProject(dir);
        p.cli.chain(1);
        String pw = HostileProject.PASSWORD;
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("not a url", "is not a database URL");
        urls.put("postgresql://:", "names no host");
        urls.put("mysql://root:" + pw + "@localhost/db", "scheme 'mysql'");
        urls.put("jdbc:mysql://localhost:3306/db?password=" + pw, "JDBC URL for 'mysql'");
        urls.put("http://postgres:" + pw + "@localhost/db", "scheme 'http'");
        urls.put("postgresql://postgres:" + pw + "@localhost:notaport/db", "invalid port");
        urls.put("postgresql://postgres:" + pw + "@localhost:99999/db", "invalid port");
        urls.put("postgresql://postgres:" + pw + "@localhost:0/db", "invalid port");
        urls.put("postgresql://postgres:" + pw + "@/db", "names no host after '@'");
        urls.put("postgresql://postgres:" + pw + "@[::1/db", "'[' without ']'");
        urls.put("postgresql://postgres:" + pw + "@[zz::1]/db", "invalid IPv6 host");
        urls.put("postgresql://postgres:" + pw + "@h1,h2/db", "several hosts");
        urls.put("postgresql://postgres:" + pw + "@bad_host!/db", "invalid host name");
        urls.put("postgresql://postgres:" + pw + "@localhost/a/b", "more than a database name");
        urls.put("postgresql://postgres:Strong/Passw@rd123@localhost/db", "%2F");
        urls.put("postgresql://postgres:Strong#Passw@rd123@localhost/db", "%23");
        urls.put("postgresql://postgres:Strong?Passw@rd123@localhost/db", "%3F");
        urls.put("postgresql://localhost/db?password" + pw, "not name=value");
        urls.put("postgresql://postgres:" + pw + "@%2Ftmp/db", "Unix socket");
        urls.put("postgresql://postgres:" + pw + "@localhost/db'; DROP TABLE applied_log; --", "");
        for (Map.Entry<String, String> url : urls.entrySet()) {
            p.cli.environment.put("DATABASE_URL", url.getKey());
            Cli.Result r = p.fails("upgrade", "head");
            assertThat(error(r)).as(url.getKey()).contains(url.getValue());
            // --debug prints the stack trace; the password stays out of that too (run checks every output).
            assertThat(p.run("--debug", "upgrade", "head").exitCode()).isEqualTo(1);
        }
        // The same through --url and through retort.toml, which name themselves as the source.
        Cli.Result flag = p.fails("--url", "postgresql://postgres:" + pw + "@localhost:99999/db", "current");
        assertThat(error(flag)).contains("--url").contains("postgresql://***@localhost:99999/db");
        assertThat(error(p.fails("--url", " ", "current"))).contains("--url is empty");
        p.cli.write("retort.toml", "database_url = \"mysql://root:" + pw + "@localhost/db\"\n");
        assertThat(error(p.fails("current"))).contains("retort.toml");
    }

    @Test
    void aWrongPasswordWithAnAtSignAndWithPercentEscapes() throws Exception {
        HostileProject p = new HostileProject(dir);
        p.cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hostile') THEN "
                + "CREATE ROLE hostile LOGIN PASSWORD 'Right@Secret1'; END IF; END $$");
        Path hba = Path.of(p.cli.column("SHOW hba_file").get(0));
        String rules = Files.readString(hba);
        String rule = "host all hostile 127.0.0.1/32 scram-sha-256\n";
        if (!rules.contains(rule)) {
            Files.writeString(hba, rule + rules);
        }
        p.cli.execute("SELECT pg_reload_conf()");
        p.cli.chain(1);
        String where = "@" + p.server.getHost() + ":" + p.server.getPort() + p.server.getPath();
        for (String password : new String[] {HostileProject.PASSWORD, HostileProject.ESCAPED_PASSWORD}) {
            p.cli.environment.put("DATABASE_URL", "postgresql+asyncpg://hostile:" + password + where);
            Cli.Result r = p.fails("upgrade", "head");
            assertThat(error(r)).contains("password authentication failed for user \"hostile\"")
                    .contains("postgresql://hostile:***" + where).contains("DATABASE_URL");
            assertThat(p.run("--debug", "upgrade", "head").exitCode()).isEqualTo(1);
        }
        // The right password, escaped, gets in.
        p.cli.environment.put("DATABASE_URL", "postgresql+asyncpg://hostile:Right%40Secret1" + where);
        p.cli.execute("GRANT ALL ON SCHEMA public TO hostile");
        p.cli.execute("GRANT ALL ON applied_log TO hostile");
        p.ok("upgrade", "head");
        assertThat(p.cli.versions()).containsExactly("a00000000001");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails instead of blocking the build
    void anUnreachableHostFailsWithinTheConnectTimeout() {
        HostileProject p = new HostileProject(dir);
        p.cli.chain(1);
        // 10.255.255.1 is not routed anywhere: where packets to it are dropped rather than refused, a connect
        // attempt without a timeout hangs for minutes.
        p.cli.environment.put("DATABASE_URL",
                "postgresql://postgres:" + HostileProject.PASSWORD + "@10.255.255.1:5432/db?connect_timeout=2");
        long started = System.nanoTime();
        Cli.Result r = p.fails("upgrade", "head");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(seconds).as(r.toString()).isLessThan(5);
        assertThat(error(r)).contains("Could not connect to postgresql://postgres:***@10.255.255.1:5432/db")
                .contains("Check the host and port in DATABASE_URL");

        p.cli.environment.put("DATABASE_URL", "postgresql://postgres:" + HostileProject.PASSWORD
                + "@no-such-host.invalid/db?connect_timeout=2");
        assertThat(error(p.fails("current")))
                .contains(": The host name no-such-host.invalid is not known (the DNS lookup found no address). "
                        + "Check the host in DATABASE_URL in the environment.");
    }

    @Test
    void aUrlWithoutAPasswordTakesPgPasswordAndTheErrorWithoutOneSaysWhereToPutIt() throws Exception {
        HostileProject p = new HostileProject(dir);
        p.cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgpassword_user') THEN "
                + "CREATE ROLE pgpassword_user LOGIN PASSWORD 'From@PgPassword1'; END IF; END $$");
        Path hba = Path.of(p.cli.column("SHOW hba_file").get(0));
        String rule = "host all pgpassword_user 127.0.0.1/32 scram-sha-256\n";
        if (!Files.readString(hba).contains(rule)) {
            Files.writeString(hba, rule + Files.readString(hba));
        }
        p.cli.execute("SELECT pg_reload_conf()");
        p.cli.chain(1);
        p.cli.execute("GRANT ALL ON SCHEMA public TO pgpassword_user");
        p.cli.execute("GRANT ALL ON applied_log TO pgpassword_user");
        p.cli.environment.put("DATABASE_URL", "postgresql://pgpassword_user@" + p.server.getHost() + ":"
                + p.server.getPort() + p.server.getPath());

        assertThat(error(p.fails("upgrade", "head"))).contains("The server asks for a password")
                .endsWith("in PGPASSWORD, or in ~/.pgpass.");

        p.cli.environment.put("PGPASSWORD", "From@PgPassword1");
        Cli.Result r = p.ok("upgrade", "head");
        assertThat(p.cli.versions()).containsExactly("a00000000001");
        assertThat(r.out() + r.err()).doesNotContain("From@PgPassword1");
        p.cli.environment.put("PGPASSWORD", "Wrong@PgPassword1");
        assertThat(error(p.fails("current"))).contains("password authentication failed")
                .contains("(from DATABASE_URL in the environment and PGPASSWORD)")
                .doesNotContain("Wrong@PgPassword1");
    }

    /**
     * A line of the password file without all its fields crashed the driver's parser (a StringIndexOutOfBounds); a
     * wrong password from the file was blamed on the URL, which holds none. The test names the file with the driver's
     * system property, which it reads before PGPASSFILE, as the environment of this JVM cannot be changed.
     */
    @Test
    void aPassFileWithAShortLineOrAWrongPasswordIsNamed() throws Exception {
        HostileProject p = new HostileProject(dir);
        p.cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgpass_user') THEN "
                + "CREATE ROLE pgpass_user LOGIN PASSWORD 'From@PgPass1'; END IF; END $$");
        Path hba = Path.of(p.cli.column("SHOW hba_file").get(0));
        String rule = "host all pgpass_user 127.0.0.1/32 scram-sha-256\n";
        if (!Files.readString(hba).contains(rule)) {
            Files.writeString(hba, rule + Files.readString(hba));
        }
        p.cli.execute("SELECT pg_reload_conf()");
        String hostPort = p.server.getHost() + ":" + p.server.getPort();
        p.cli.environment.put("DATABASE_URL", "postgresql://pgpass_user@" + hostPort + p.server.getPath());
        Path passFile = Files.createTempFile("pgpass", "");
        String property = System.setProperty("org.postgresql.pgpassfile", passFile.toString());
        try {
            for (String line : List.of(hostPort + p.server.getPath().replace('/', ':'), "*:*:*:pgpass_user")) {
                Files.writeString(passFile, "# the test's\n\n" + line + "\n");
                assertThat(error(p.rejects(1, "current"))).endsWith(": line 3 of the password file " + passFile
                        + " (the system property org.postgresql.pgpassfile) has fewer than five fields; its lines "
                        + "must be hostname:port:database:username:password. Fix that line, or give the password "
                        + "in DATABASE_URL in the environment.");
            }

            // The dev database's connection reads it too (dev_url without a password, the target's with one).
            p.cli.environment.put("DATABASE_URL", "postgresql://pgpass_user:From%40PgPass1@" + hostPort
                    + p.server.getPath());
            p.cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"postgresql://pgpass_user@"
                    + hostPort + p.server.getPath() + "\"\n");
            p.cli.write("schema.sql", "CREATE TABLE t (id int);\n");
            assertThat(error(p.rejects(1, "check"))).endsWith(": line 3 of the password file " + passFile
                    + " (the system property org.postgresql.pgpassfile) has fewer than five fields; its lines must be "
                    + "hostname:port:database:username:password. Fix that line, or give the password in the URL.")
                    .contains("the dev database postgresql://pgpass_user@");

            p.cli.environment.put("DATABASE_URL", "postgresql://pgpass_user@" + hostPort + p.server.getPath());
            Files.writeString(passFile, "*:*:*:pgpass_user:Wrong@PgPass1\n");
            assertThat(error(p.fails("current"))).contains("password authentication failed")
                    .endsWith("Check the user in DATABASE_URL in the environment, and its password in the password "
                            + "file " + passFile + " (the system property org.postgresql.pgpassfile).")
                    .doesNotContain("Wrong@PgPass1");
        } finally {
            if (property == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", property);
            }
            Files.delete(passFile);
        }
    }

    @Test
    void sslRequiredOfAServerWithoutSslSaysWhatToChange() {
        HostileProject p = new HostileProject(dir);
        p.cli.environment.put("DATABASE_URL", p.url(HostileProject.PASSWORD) + "?sslmode=require");
        assertThat(error(p.fails("current"))).contains("The server does not support SSL.")
                .endsWith("enable SSL on the server, or set sslmode=prefer (or disable) in DATABASE_URL in the "
                        + "environment.");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatAcceptsButNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
        // What a proxy, a port that is not PostgreSQL's or a hung server looks like: the TCP connect succeeds
        // (the kernel completes it for the backlog) and then nothing ever comes back.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HostileProject p = new HostileProject(dir);
            p.cli.environment.put("DATABASE_URL", "postgresql://postgres:" + HostileProject.PASSWORD + "@127.0.0.1:"
                    + silent.getLocalPort() + "/db?connect_timeout=2");
            long started = System.nanoTime();
            Cli.Result r = p.fails("current");
            assertThat((System.nanoTime() - started) / 1_000_000_000L).as(r.toString()).isLessThan(5);
            assertThat(error(r)).contains("Could not connect to postgresql://postgres:***@127.0.0.1:"
                    + silent.getLocalPort() + "/db").contains("Check the host and port in DATABASE_URL");
        }
    }

    @Test
    void aMigrationDirectoryThatIsAFile() {
        HostileProject p = new HostileProject(dir);
        p.cli.write("retort.toml", "script_location = \"plain.txt\"\n");
        p.cli.write("plain.txt", "not a directory\n");
        assertThat(error(p.fails("upgrade", "head"))).contains("plain.txt").contains("does not exist")
                .contains("script_location");
        p.cli.write("retort.toml", "script_location = \"m2\"\n");
        p.cli.write("m2/versions", "a file where the versions directory should be\n");
        assertThat(error(p.fails("upgrade", "head"))).contains("versions").contains("does not exist");
    }

    @Test
    void anUnreadableMigrationDirectory() throws Exception {
        // Root reads through any permission, so this case only means something for a normal user; the
        // "not a directory" case above covers the same code path for root.
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: permissions do not apply");
        HostileProject p = new HostileProject(dir);
        p.cli.chain(1);
        Path versions = dir.resolve("migrations/versions");
        Files.setPosixFilePermissions(versions, PosixFilePermissions.fromString("---------"));
        try {
            assertThat(error(p.fails("upgrade", "head"))).contains("versions").contains("cannot be read");
        } finally {
            Files.setPosixFilePermissions(versions, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMigrationFileThatIsNotUtf8() throws Exception {
        HostileProject p = new HostileProject(dir);
        Files.write(dir.resolve("migrations/versions/aaaaaaaaaaa1_x.sql"),
                ("-- revision: aaaaaaaaaaa1\n-- down_revision: none\n-- message: caf\u00e9\n-- +upgrade\nSELECT 1;\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(error(p.fails("upgrade", "head"))).contains("aaaaaaaaaaa1_x.sql is not valid UTF-8");
    }
}
