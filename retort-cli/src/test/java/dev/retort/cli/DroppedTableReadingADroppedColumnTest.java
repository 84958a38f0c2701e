package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revision that drops table notes and column accounts.owner_id, which a policy or a trigger of notes reads:
 * PostgreSQL drops no column they read ("other objects depend on it"), so the upgrade autogenerate writes drops notes,
 * and with it what reads the column, first; its downgrade puts the column back before notes and its policies.
 */
class DroppedTableReadingADroppedColumnTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void project() throws IOException {
        cli = Cli.withSchemaFile(dir);
        // retort test's scratch database on the test server, not on an embedded one the test would leave running.
        cli.write("retort.toml", Files.readString(dir.resolve("retort.toml")) + "[test]\ndatabase_url = \""
                + TestPostgres.freshDatabase() + "?user=postgres\"\n");
    }

    @Test
    void aTablesPolicyThatReadsTheColumnGoesWithTheTableBeforeTheColumnIsDropped() throws IOException {
        notesReadingOwners("""
                CREATE TABLE notes (id bigint PRIMARY KEY, account_id bigint);
                ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own_notes ON notes USING (account_id IN (SELECT id FROM accounts WHERE owner_id = 7));
                CREATE POLICY new_notes ON notes FOR INSERT WITH CHECK (EXISTS (SELECT FROM accounts a
                    WHERE a.id = account_id AND a.owner_id IS NOT NULL));""");
        List<String> before = catalog();
        String migration = Files.readString(cli.autogenerate("no notes"));
        String upgrade = migration.substring(0, migration.indexOf("void downgrade"));

        assertThat(upgrade.indexOf("dropTable(\"notes\")")).isNotNegative()
                .isLessThan(upgrade.indexOf("\"owner_id\""));
        assertThat(migration).doesNotContain("WARNING");

        cli.ok("upgrade", "head");
        assertThat(cli.tableExists("notes")).isFalse();
        cli.ok("downgrade", "-1");
        assertThat(catalog()).isEqualTo(before);
        // retort test compares the catalogs before the upgrade and after the downgrade: nothing is left behind.
        Cli.Result tested = cli.run("test");
        assertThat(tested.exitCode()).as(tested.toString()).isZero();
    }

    @Test
    void aViewOfATableThatStaysIsStillInTheWayAndWarnedOf() throws IOException {
        notesReadingOwners("""
                CREATE TABLE notes (id bigint PRIMARY KEY, account_id bigint);
                ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
                CREATE POLICY new_notes ON notes FOR INSERT WITH CHECK (EXISTS (SELECT FROM accounts a
                    WHERE a.id = account_id AND a.owner_id IS NOT NULL));
                CREATE TABLE owners (id bigint PRIMARY KEY);
                CREATE VIEW account_owners AS SELECT a.id, o.id AS owner FROM accounts a JOIN owners o
                    ON o.id = a.owner_id;""");
        cli.write("schema.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE owners (id bigint PRIMARY KEY);\n");

        String migration = unwrapped(cli.autogenerate("no notes"));

        assertThat(migration).contains("WARNING: view account_owners reads accounts.owner_id: PostgreSQL drops no "
                + "column a view or policy reads (\"other objects depend on it\"), so this step fails;")
                .doesNotContain("new_notes on notes reads");
        // What the warning foretells; notes went first, in the same transaction, which the failure rolls back.
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        assertThat(cli.tableExists("notes")).isTrue();
    }

    @Test
    void aTriggerThatReadsTheColumnOfAChildGoesWithTheChildBeforeTheParentDropsIt() throws IOException {
        // A trigger's WHEN reads its own table's row alone: here notes' copy of the column, which the parent's drop
        // would drop too.
        notesReadingOwners("""
                CREATE TABLE notes (body text) INHERITS (accounts);
                CREATE FUNCTION notes_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER notes_stamp BEFORE INSERT ON notes FOR EACH ROW WHEN (NEW.owner_id > 0)
                    EXECUTE FUNCTION notes_stamp();""");
        List<String> before = catalog();
        String migration = Files.readString(cli.autogenerate("no notes"));
        String upgrade = migration.substring(0, migration.indexOf("void downgrade"));

        assertThat(upgrade.indexOf("dropTable(\"notes\")")).isNotNegative()
                .isLessThan(upgrade.indexOf("\"owner_id\""));

        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");
        assertThat(catalog()).isEqualTo(before);
    }

    @Test
    void aTriggerOfAGrandchildGoesWithItBeforeTheGrandparentDropsTheColumnTheyShare() throws IOException {
        // notes inherits the column from accounts through folders, which goes too: the drop reaches notes' copy.
        notesReadingOwners("""
                CREATE TABLE folders (name text) INHERITS (accounts);
                CREATE TABLE notes (body text) INHERITS (folders);
                CREATE FUNCTION notes_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER notes_stamp BEFORE INSERT ON notes FOR EACH ROW WHEN (NEW.owner_id > 0)
                    EXECUTE FUNCTION notes_stamp();""");
        List<String> before = catalog();
        String migration = Files.readString(cli.autogenerate("no folders or notes"));
        String upgrade = migration.substring(0, migration.indexOf("void downgrade"));

        assertThat(upgrade.indexOf("dropTable(\"notes\")")).isNotNegative()
                .isLessThan(upgrade.indexOf("\"owner_id\""));
        assertThat(migration).doesNotContain("WARNING");

        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");
        assertThat(catalog()).isEqualTo(before);
    }

    @Test
    void aParentWhosePolicyReadsItsChildIsDroppedWithItAfterTheChildLeavesIt() throws IOException {
        // A cycle: the child goes before its parent, the parent's policy before what it reads. Which gives way
        // follows the names.
        String migration = parentReadingItsChild("folders");

        assertThat(migration).contains("op.execute(\"ALTER TABLE files NO INHERIT folders\");");
    }

    @Test
    void aParentWhosePolicyReadsItsChildIsDroppedWithItAfterItsPolicy() throws IOException {
        String migration = parentReadingItsChild("archive");

        assertThat(migration).contains("op.execute(\"DROP POLICY with_files ON archive\");");
    }

    /**
     * Drops {@code parent} and its child files, which the parent's policy reads, and runs the migration both ways:
     * its text.
     */
    private String parentReadingItsChild(String parent) throws IOException {
        cli.sql("aaaaaaaaaaa1", "none", "folders and files", """
                CREATE TABLE accounts (id bigint PRIMARY KEY);
                CREATE TABLE %1$s (id bigint, tenant text);
                CREATE TABLE files (size bigint) INHERITS (%1$s);
                ALTER TABLE %1$s ENABLE ROW LEVEL SECURITY;
                CREATE POLICY with_files ON %1$s USING (id IN (SELECT id FROM files));""".formatted(parent),
                // One statement drops both, the cycle inside it.
                "DROP TABLE files, " + parent + ";\nDROP TABLE accounts;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        String migration = Files.readString(cli.autogenerate("no " + parent));

        assertThat(migration).doesNotContain("WARNING");
        assertThat(cli.run("upgrade", "head").exitCode()).as(migration).isZero();
        cli.ok("downgrade", "-1");
        Cli.Result tested = cli.run("test");
        assertThat(tested.exitCode()).as(tested.toString()).isZero();
        return migration;
    }

    /**
     * Accounts with an owner, and {@code notes}, which reads it, made by a hand-written migration; the model keeps
     * accounts alone, without the owner.
     */
    private void notesReadingOwners(String notes) {
        cli.sql("aaaaaaaaaaa1", "none", "accounts and notes",
                "CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint);\n" + notes,
                "DROP TABLE notes;\nDROP TABLE IF EXISTS folders;\nDROP TABLE accounts;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    }

    /** The columns of accounts and notes, and the policies and triggers of notes, as the catalogs have them. */
    private List<String> catalog() {
        return cli.column("""
                SELECT 'column ' || attrelid::regclass::text || '.' || attname || ' '
                    || format_type(atttypid, atttypmod)
                FROM pg_attribute WHERE attrelid IN ('accounts'::regclass, 'notes'::regclass)
                    AND attnum > 0 AND NOT attisdropped
                UNION ALL
                SELECT 'policy ' || polname || ' ' || coalesce(pg_get_expr(polqual, polrelid), '-')
                    || ' ' || coalesce(pg_get_expr(polwithcheck, polrelid), '-')
                FROM pg_policy WHERE polrelid = 'notes'::regclass
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(oid, true)
                FROM pg_trigger WHERE tgrelid = 'notes'::regclass AND NOT tgisinternal
                ORDER BY 1""");
    }

    /** The migration's text, its comments joined as one line each, as they were before being wrapped. */
    private static String unwrapped(Path migration) throws IOException {
        return Files.readString(migration).replaceAll("\n\\s*// (?!WARNING|DATA LOSS)", " ");
    }
}
