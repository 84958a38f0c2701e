package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table the models drop, to which hand-written migrations gave row-level security, policies, a trigger and grants
 * (on its serial column's sequence too): the downgrade autogenerate writes creates it again with its row-level
 * security and all of these as the database had them, rather than open to every tenant.
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
                CREATE TABLE orders (id bigint PRIMARY KEY, tenant text, number serial);
                ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
                ALTER TABLE orders FORCE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON orders USING (tenant = current_setting('app.tenant', true));
                CREATE POLICY "Known tenants" ON orders AS RESTRICTIVE FOR INSERT TO %1$s
                    WITH CHECK (tenant IN ('a', 'b'));
                CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW
                    WHEN (NEW.tenant IS NOT NULL) EXECUTE FUNCTION orders_audit();
                GRANT SELECT, INSERT ON orders TO %1$s;
                GRANT DELETE ON orders TO %1$s WITH GRANT OPTION;
                GRANT UPDATE (tenant) ON orders TO %1$s;
                GRANT SELECT ON orders TO PUBLIC;
                GRANT USAGE ON SEQUENCE orders_number_seq TO %1$s;""".formatted(role),
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
    void theDowngradeCreatesTheTableAgainWithItsRowLevelSecurityPoliciesTriggersAndGrants() throws IOException {
        List<String> before = guards();
        String migration = unwrapped(cli.autogenerate("drop orders"));

        assertThat(migration).doesNotContain("WARNING: table orders is created again");
        assertThat(migration).contains(
                "op.execute(\"ALTER TABLE orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY\");",
                "op.execute(\"CREATE POLICY tenant_isolation ON orders AS PERMISSIVE FOR ALL TO PUBLIC USING "
                        + "((tenant = current_setting('app.tenant'::text, true)))\");",
                "op.execute(\"CREATE POLICY \\\"Known tenants\\\" ON orders AS RESTRICTIVE FOR INSERT TO " + role
                        + " WITH CHECK ((tenant = ANY (ARRAY['a'::text, 'b'::text])))\");",
                "op.execute(\"CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW WHEN "
                        + "(new.tenant IS NOT NULL) EXECUTE FUNCTION orders_audit()\");",
                "op.execute(\"GRANT INSERT, SELECT ON orders TO " + role + "\");",
                "op.execute(\"GRANT DELETE ON orders TO " + role + " WITH GRANT OPTION\");",
                "op.execute(\"GRANT UPDATE (tenant) ON orders TO " + role + "\");",
                "op.execute(\"GRANT SELECT ON orders TO PUBLIC\");",
                // An insert by the role needs the sequence the table's serial column owns.
                "op.execute(\"GRANT USAGE ON SEQUENCE orders_number_seq TO " + role + "\");");

        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");
        assertThat(guards()).isEqualTo(before);
        // retort test compares the catalogs before the upgrade and after the downgrade: nothing is left behind.
        Cli.Result tested = cli.run("test");
        assertThat(tested.exitCode()).as(tested.toString()).isZero();
    }

    @Test
    void aSqlMigrationsDowngradeCreatesThemAgainToo() throws IOException {
        List<String> before = guards();
        String migration = Files.readString(cli.autogenerate("drop orders", "--sql-file"));

        assertThat(migration).doesNotContain("WARNING").contains(
                "CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW WHEN (new.tenant IS NOT NULL) "
                        + "EXECUTE FUNCTION orders_audit();\n",
                "GRANT UPDATE (tenant) ON orders TO " + role + ";\n");

        cli.ok("upgrade", "head");
        cli.ok("downgrade", "-1");
        assertThat(guards()).isEqualTo(before);
    }

    /** The row-level security, policies, triggers and privileges of table orders, as the catalogs have them. */
    private List<String> guards() {
        List<String> guards = cli.column("""
                SELECT 'rls ' || relrowsecurity || ' ' || relforcerowsecurity || ' ' || relacl::text
                FROM pg_class WHERE oid = 'orders'::regclass
                UNION ALL
                SELECT 'policy ' || polname || ' ' || polpermissive || ' ' || polcmd::text || ' '
                    || array(SELECT CASE r WHEN 0 THEN 'public' ELSE pg_get_userbyid(r) END
                             FROM unnest(polroles) r ORDER BY 1)::text
                    || ' ' || coalesce(pg_get_expr(polqual, polrelid), '-')
                    || ' ' || coalesce(pg_get_expr(polwithcheck, polrelid), '-')
                FROM pg_policy WHERE polrelid = 'orders'::regclass
                UNION ALL
                SELECT 'trigger ' || tgenabled::text || ' ' || pg_get_triggerdef(oid, true)
                FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal
                UNION ALL
                SELECT 'column ' || attname || ' ' || attacl::text
                FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attacl IS NOT NULL
                UNION ALL
                SELECT 'sequence ' || relname || ' ' || relacl::text
                FROM pg_class WHERE oid = 'orders_number_seq'::regclass
                ORDER BY 1""");
        assertThat(guards).hasSize(6);
        return guards;
    }

    /** The migration's text, its comments joined as one line each, as they were before being wrapped. */
    private static String unwrapped(Path migration) throws IOException {
        return Files.readString(migration).replaceAll("\n\\s*// (?!WARNING|DATA LOSS)", " ");
    }
}
