package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code retort_backup} schema another role owns, and has granted nothing on, stops {@code --backup} with advice; so
 * does a catalog of an earlier Retort that another role owns, which this one may not give the columns it now needs.
 */
class BackupSchemaOwnerTest {
    @TempDir
    Path dir;
    /** The role Retort connects as, and the role that owns schema {@code retort_backup}, new for each test. */
    private final String app;
    private final String owner;

    BackupSchemaOwnerTest() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        app = "app_" + suffix;
        owner = "other_" + suffix;
    }

    /** c00000000001 makes cust with a note, c00000000002 drops the note: what --backup copies. */
    private static void createThenDropNote(Cli cli) {
        cli.sql("c00000000001", "none", "create", "CREATE TABLE cust (id int PRIMARY KEY, note text);",
                "DROP TABLE cust;");
        cli.sql("c00000000002", "c00000000001", "drop note", "ALTER TABLE cust DROP COLUMN note;",
                "ALTER TABLE cust ADD COLUMN note text;");
    }

    /** {@link #app} owns the database, so it may create schemas; {@link #owner}, no login, owns the backups'. */
    private void backupSchemaOfAnotherRole(Cli cli) {
        cli.execute("CREATE ROLE " + app + " LOGIN");
        cli.execute("CREATE ROLE " + owner);
        cli.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO " + app + "', current_database()); END $$");
        cli.execute("CREATE SCHEMA retort_backup AUTHORIZATION " + owner);
    }

    @Test
    void aBackupSchemaOfAnotherRoleSaysWhatToGrant() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        backupSchemaOfAnotherRole(cli);
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + app);
        createThenDropNote(cli);
        cli.ok("upgrade", "c00000000001");

        Cli.Result r = cli.run("upgrade", "head", "--backup");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("--backup cannot make its copies in schema retort_backup: it belongs to role "
                + owner + ", which has not granted role " + app + " USAGE and CREATE on it. Have its owner run GRANT "
                + "USAGE, CREATE ON SCHEMA retort_backup TO " + app + ", or run Retort as " + owner + ".");
        assertThat(cli.versions()).containsExactly("c00000000001");

        Cli.Result listed = cli.run("backups");

        assertThat(listed.exitCode()).as(listed.toString()).isEqualTo(1);
        assertThat(listed.err()).contains("permission denied for schema retort_backup")
                .contains("the user Retort connects as may not use schema retort_backup: have its owner run GRANT "
                        + "USAGE ON SCHEMA retort_backup TO that user (and SELECT on retort_backup.backups), or "
                        + "connect as its owner.");
    }

    /** What the refusal above says to grant is enough, for a role that may not create schemas in the database. */
    @Test
    void aRoleGrantedUsageAndCreateOnTheBackupSchemaBacksUp() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        createThenDropNote(cli);
        cli.execute("CREATE ROLE " + app + " LOGIN");
        cli.execute("CREATE ROLE " + owner + " LOGIN");
        cli.execute("CREATE SCHEMA app AUTHORIZATION " + app);
        cli.execute("CREATE SCHEMA retort_backup AUTHORIZATION " + owner);
        cli.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        cli.execute("DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database()); "
                + "END $$");
        // The owner's run makes the catalog as this Retort does; then it grants what the refusal names.
        cli.write("retort.toml", "version_table_schema = \"app\"\n");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + owner + "&currentSchema=app");
        cli.execute("GRANT USAGE, CREATE ON SCHEMA app TO " + owner);
        cli.ok("upgrade", "c00000000002", "--backup");
        cli.ok("downgrade", "base");
        cli.execute("DROP TABLE app.retort_version; DROP TABLE IF EXISTS app.retort_history; REVOKE ALL ON SCHEMA app "
                + "FROM " + owner + "; GRANT USAGE, CREATE ON SCHEMA retort_backup TO " + app
                + "; GRANT SELECT, INSERT, DELETE ON retort_backup.backups TO " + app);
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + app + "&currentSchema=app");
        cli.ok("upgrade", "c00000000001");
        cli.execute("INSERT INTO app.cust VALUES (1, 'kept')");

        Cli.Result r = cli.run("upgrade", "head", "--backup");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cli.column("SELECT note FROM retort_backup.c00000000002_cust_note_2")).containsExactly("kept");
        // Dropping a copy locks the catalog's rows, which takes UPDATE too.
        Cli.Result refused = cli.run("backups", "drop", "c00000000002_cust_note_2");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("permission denied for table backups; the user Retort connects as needs "
                + "SELECT, UPDATE and DELETE on retort_backup.backups to drop copies: have its owner grant them to "
                + "that user, or connect as its owner. Nothing was dropped.");
        cli.execute("GRANT UPDATE ON retort_backup.backups TO " + app);
        Cli.Result dropped = cli.run("backups", "drop", "c00000000002_cust_note_2");
        assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
        assertThat(cli.column("SELECT backup_table FROM retort_backup.backups"))
                .containsExactly("c00000000002_cust_note");
    }

    @Test
    void aRoleThatMayNotCreateTheBackupSchemaSaysWhoMay() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        createThenDropNote(cli);
        cli.execute("CREATE ROLE " + app + " LOGIN");
        cli.execute("CREATE SCHEMA app AUTHORIZATION " + app);
        cli.execute("DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database()); "
                + "END $$");
        cli.write("retort.toml", "version_table_schema = \"app\"\n");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + app + "&currentSchema=app");
        cli.ok("upgrade", "c00000000001");
        String database = cli.column("SELECT current_database()").get(0);

        Cli.Result r = cli.run("upgrade", "head", "--backup");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR: --backup cannot make schema retort_backup for its copies: role " + app
                + " may not create schemas in database " + database + ". Have the database's owner run CREATE SCHEMA "
                + "retort_backup AUTHORIZATION " + app + " (or GRANT CREATE ON DATABASE " + database + " TO " + app
                + "), or run Retort as a role that may.");
        assertThat(cli.column("SELECT version_num FROM app.retort_version")).containsExactly("c00000000001");
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname = 'retort_backup'")).isEmpty();
    }

    @Test
    void anEarlierCatalogOfAnotherRoleSaysWhoMayAddTheColumn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        backupSchemaOfAnotherRole(cli);
        // The catalog as an earlier Retort made it, run as its owner, which lets this role use it.
        cli.execute("CREATE TABLE retort_backup.backups (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "revision varchar(32) NOT NULL, source_table text NOT NULL, backup_table text NOT NULL, "
                + "columns text, created_at timestamptz NOT NULL DEFAULT now()); "
                + "ALTER TABLE retort_backup.backups OWNER TO " + owner + "; GRANT USAGE, CREATE ON SCHEMA "
                + "retort_backup TO " + app + "; GRANT SELECT, INSERT, DELETE ON retort_backup.backups TO " + app);
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + app);
        createThenDropNote(cli);
        cli.ok("upgrade", "c00000000001");

        Cli.Result r = cli.run("upgrade", "head", "--backup");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("--backup cannot record its copies in retort_backup.backups, which an earlier "
                + "Retort made without column version_table: only its owner, role " + owner + ", may add it. Have "
                + "them run ALTER TABLE retort_backup.backups ADD COLUMN version_table text, or run Retort as that "
                + "role.");
        assertThat(cli.versions()).containsExactly("c00000000001");
    }
}
