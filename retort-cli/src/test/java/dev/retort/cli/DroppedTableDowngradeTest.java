package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table the models drop, to which hand-written migrations gave row-level security, a policy, a trigger and a grant:
 * the downgrade autogenerate writes creates it again with its row-level security, which without a policy lets no row
 * through, rather than open to every tenant, and says what it does not create again.
 */
class DroppedTableDowngradeTest {
    @TempDir
    Path dir;
    Cli cli;
    String role = "reader_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void ordersWithTenantIsolation() throws IOException {
        cli = Cli.withSchemaFile(dir);
        // retort test's scratch database on the test server, not on an embedded one the test would leave running.
        cli.write("retort.toml", Files.readString(dir.resolve("retort.toml")) + "[test]\ndatabase_url = \""
                + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        // Guarded, as retort test runs it again on a server where the role is already.
        cli.sql("aaaaaaaaaaa1", "none", "orders", """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s; END IF;
                END $$;
                CREATE TABLE customers (id bigint PRIMARY KEY);
                CREATE TABLE orders (id bigint PRIMARY KEY, tenant text);
                ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
                ALTER TABLE orders FORCE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON orders USING (tenant = current_setting('app.tenant', true));
                CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION orders_audit();
                GRANT SELECT ON orders TO %1$s;""".formatted(role),
                "DROP TABLE orders;\nDROP FUNCTION orders_audit();\nDROP TABLE customers;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);\n");
    }

    @AfterEach
    void dropRole() {
        // Roles belong to the server; the database, and so its grants, is the test's alone.
        cli.execute("DROP OWNED BY " + role);
        cli.execute("DROP ROLE " + role);
    }

    @Test
    void theDowngradeEnablesRowLevelSecurityAgainAndNamesWhatItDoesNotCreateAgain() throws IOException {
        String migration = unwrapped(cli.autogenerate("drop orders"));

        assertThat(migration).contains("WARNING: table orders is created again without its grant to " + role
                + ", its policy tenant_isolation and its trigger orders_audit: create them again after it, in this "
                + "downgrade (op.execute with the definitions of the migrations that made them, or pg_policies, "
                + "pg_get_triggerdef, pg_class.relacl and pg_get_viewdef of the database before the upgrade). Until "
                + "the policies are back, its row-level security, enabled and forced as it was, lets no row through, "
                + "not even to its owner.");
        assertThat(migration).contains(
                "op.execute(\"ALTER TABLE orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY\");");

        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT relrowsecurity || ' ' || relforcerowsecurity FROM pg_class "
                + "WHERE oid = 'orders'::regclass")).containsExactly("true true");
        // What the warning says is left to do, retort test names as the downgrade's trace.
        Cli.Result tested = cli.run("test");
        assertThat(tested.exitCode()).as(tested.toString()).isEqualTo(1);
        assertThat(tested.err()).contains("leaves a trace: remove grant to " + role + " from table orders; remove "
                + "policy tenant_isolation from table orders; remove trigger orders_audit from table orders")
                .doesNotContain("row level security");
    }

    /** The migration's text, its comments joined as one line each, as they were before being wrapped. */
    private static String unwrapped(Path migration) throws IOException {
        return Files.readString(migration).replaceAll("\n\\s*// (?!WARNING|DATA LOSS)", " ");
    }
}
