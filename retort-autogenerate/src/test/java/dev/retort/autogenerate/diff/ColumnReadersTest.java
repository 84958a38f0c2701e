package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Table;
import dev.retort.schema.TableSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The views and policies of the database that read a column a migration retypes or drops, which PostgreSQL refuses,
 * both ways; and what a table the downgrade creates again had, which it gets back or is warned of.
 */
class ColumnReadersTest {
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void aRetypedColumnThatAViewReadsIsWarnedOfWithWhatToDo() {
        DatabaseSchema current = schema(table("users").column("id", "integer").column("email", "character varying(100)")
                .readBy("email", "view active_users", "materialized view reports.mailing").build());
        DatabaseSchema desired = schema(table("users").column("id", "integer").column("email", "text").build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).singleElement().extracting(Change::warning).isEqualTo("view active_users (and "
                + "materialized view reports.mailing) read users.email: PostgreSQL does not retype a column a view or "
                + "policy reads, so this step fails; drop them before it and create them again after, in this "
                + "migration (op.execute with the definition: pg_get_viewdef for a view, pg_policies for a policy).");
        // The way back retypes the column under the same views, which only the database's side knows.
        assertThat(diff.downgrade()).singleElement().extracting(Change::warning).asString().endsWith("view "
                + "active_users (and materialized view reports.mailing) read users.email: PostgreSQL does not retype a "
                + "column a view or policy reads, so this step fails; drop them before it and create them again after, "
                + "in this migration (op.execute with the definition: pg_get_viewdef for a view, pg_policies for a "
                + "policy).");
    }

    @Test
    void aDroppedColumnThatAViewReadsIsWarnedOfAfterTheDropsOwnWarning() {
        DatabaseSchema current = schema(table("users").column("id", "integer").column("email", "text")
                .readBy("email", "view active_users").build());
        DatabaseSchema desired = schema(table("users").column("id", "integer").build());

        Change drop = differ.diff(current, desired).upgrade().get(0);

        assertThat(drop.description()).isEqualTo("drop column users.email");
        assertThat(drop.warning()).contains("view active_users reads users.email: PostgreSQL drops no column a view "
                + "or policy reads (\"other objects depend on it\"), so this step fails; drop it before it and create "
                + "it again after without the column");
    }

    @Test
    void aColumnThatItsTablesOwnPolicyReadsIsWarnedOfToo() {
        // PostgreSQL refuses to drop it ("policy own_rows on table users depends on column owner") or retype it.
        DatabaseSchema current = schema(table("users").column("id", "integer").column("owner", "integer")
                .readBy("owner", "policy own_rows on users").build());

        assertThat(differ.diff(current, schema(table("users").column("id", "integer").build())).upgrade())
                .singleElement().extracting(Change::warning).asString()
                .contains("policy own_rows on users reads users.owner: PostgreSQL drops no column");
        assertThat(differ.diff(current, schema(table("users").column("id", "integer").column("owner", "bigint")
                .build())).upgrade()).singleElement().extracting(Change::warning).asString()
                .startsWith("policy own_rows on users reads users.owner: PostgreSQL does not retype");
    }

    @Test
    void aDroppedTableThatAViewReadsIsWarnedOfButNotItsOwnPolicies() {
        DatabaseSchema current = schema(table("users").column("id", "integer").column("email", "text")
                .readBy("id", "view active_users", "policy own_rows on users")
                .readBy("email", "view active_users").build());

        Change drop = differ.diff(current, schema()).upgrade().get(0);

        assertThat(drop.description()).isEqualTo("drop table users");
        assertThat(drop.warning()).isEqualTo("view active_users reads users: PostgreSQL drops no table a view reads "
                + "(\"other objects depend on it\"), so this step fails; drop it before it, in this migration "
                + "(op.execute), or keep the table.");
    }

    @Test
    void aDroppedTableIsDroppedAfterTheDroppedTablesWhosePoliciesReadIt() {
        // accounts' policy reads tenants: dropping accounts first takes the policy with it.
        DatabaseSchema current = schema(table("accounts").column("id", "integer").build(),
                table("tenants").column("id", "integer").readBy("id", "policy own on accounts").build(),
                table("reports").column("id", "integer").readBy("id", "view totals").build());

        List<Change> upgrade = differ.diff(current, schema()).upgrade();

        assertThat(upgrade).extracting(Change::description).containsExactly("drop table accounts",
                "drop table tenants", "drop table reports");
        assertThat(upgrade.get(1).warning()).isNull();
        assertThat(upgrade.get(2).warning()).startsWith("view totals reads reports");
    }

    @Test
    void aDroppedTableWhosePolicyReadsADroppedColumnIsDroppedBeforeTheColumn() {
        // notes' policy reads accounts.owner_id: dropped with notes first, it no longer keeps the column from going.
        // The view of a table that stays is not dropped: it is still in the way, and warned of.
        DatabaseSchema current = schema(table("accounts").column("id", "integer").column("owner_id", "integer")
                .readBy("owner_id", "policy own_notes on notes", "view account_owners").build(),
                table("notes").column("id", "integer").build());
        DatabaseSchema desired = schema(table("accounts").column("id", "integer").build());

        List<Change> upgrade = differ.diff(current, desired).upgrade();

        assertThat(upgrade).extracting(Change::description).containsExactly("drop table notes",
                "drop column accounts.owner_id");
        assertThat(upgrade.get(1).warning()).contains("view account_owners reads accounts.owner_id: PostgreSQL "
                + "drops no column a view or policy reads").doesNotContain("own_notes");
    }

    @Test
    void aDroppedTableWhoseTriggerReadsARetypedColumnIsDroppedFirstWithTheTablesThatNeedItGone() {
        // comments references notes and audit's policy reads notes: both must be gone before notes is.
        DatabaseSchema current = schema(table("accounts").column("id", "integer").column("owner_id", "integer")
                .readBy("owner_id", "trigger stamp on notes").build(),
                table("notes").column("id", "integer").readBy("id", "policy own on audit").build(),
                table("comments").column("note_id", "integer").foreignKey(ForeignKeyDef.of(List.of("note_id"),
                        QualifiedName.of("notes"), List.of("id")).named("comments_note_id_fkey")).build(),
                table("audit").column("id", "integer").build());
        DatabaseSchema desired = schema(table("accounts").column("id", "integer").column("owner_id", "bigint")
                .build());

        List<Change> upgrade = differ.diff(current, desired).upgrade();

        assertThat(upgrade.subList(0, 2)).extracting(Change::description)
                .containsExactlyInAnyOrder("drop table audit", "drop table comments");
        assertThat(upgrade.subList(2, 4)).extracting(Change::description).containsExactly("drop table notes",
                "alter column accounts.owner_id: type integer -> bigint");
        assertThat(upgrade).extracting(Change::warning).containsOnlyNulls();
    }

    @Test
    void aParentWhosePolicyReadsItsChildMakesACycleThatItsInheritanceOrItsPolicyBreaks() {
        // The child goes before its parent, the parent's policy before the child: which gives way follows the names.
        DatabaseSchema folders = schema(table("folders").column("id", "integer").build(),
                table("files").column("id", "integer").inherits("folders")
                        .readBy("id", "policy with_files on folders").build());
        DatabaseSchema archive = schema(table("archive").column("id", "integer").build(),
                table("files").column("id", "integer").inherits("archive")
                        .readBy("id", "policy With files on archive").build());

        List<Change> inheritanceBroken = differ.diff(folders, schema()).upgrade();
        List<Change> policyBroken = differ.diff(archive, schema()).upgrade();

        assertThat(inheritanceBroken).extracting(Change::description).containsExactly(
                "stop files inheriting from folders, to break the cycle of dropped tables", "drop table folders",
                "drop table files");
        assertThat(inheritanceBroken).extracting(Change::warning).containsOnlyNulls();
        assertThat(policyBroken).extracting(Change::description).containsExactly(
                "drop policy With files on archive, to break the cycle of dropped tables", "drop table files",
                "drop table archive");
        assertThat(policyBroken.get(0).operation()).isEqualTo(new Execute("DROP POLICY \"With files\" ON archive"));
        assertThat(policyBroken).extracting(Change::warning).containsOnlyNulls();
    }

    @Test
    void aDroppedTableTheDowngradeCreatesAgainGetsItsRowLevelSecurityAndAWarningOfWhatItDoesNot() {
        DatabaseSchema current = schema(table("orders").column("id", "integer").column("tenant", "text")
                .readBy("id", "view big_orders", "policy tenant_isolation on orders").build()
                .withSettings(new TableSettings(false, true, true, "DEFAULT", List.of("grant to app_reader",
                        "policy tenant_isolation", "trigger orders_audit"))));

        List<Change> downgrade = differ.diff(current, schema()).downgrade();

        assertThat(downgrade).extracting(Change::description).containsExactly("create table orders",
                "enable and force row level security on table orders, as it was");
        assertThat(downgrade.get(1).operation()).isEqualTo(new Execute(
                "ALTER TABLE orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY"));
        assertThat(downgrade.get(0).warning()).isEqualTo("table orders is created again without its grant to "
                + "app_reader, its policy tenant_isolation, its trigger orders_audit and view big_orders, which reads "
                + "it: create them again after it, in this downgrade (op.execute with the definitions of the "
                + "migrations that made them, or pg_get_triggerdef and pg_get_viewdef of the database before the "
                + "upgrade). Until the policies are back, its row-level security, enabled and forced as it was, lets "
                + "no row through, not even to its owner.");
    }

    @Test
    void aDroppedTableTheDowngradeCreatesAgainGetsItsPoliciesTriggersAndGrantsAsTheDatabaseDefinedThem() {
        DatabaseSchema current = schema(table("orders").column("id", "integer").column("tenant", "text")
                .readBy("id", "view big_orders").build()
                .withSettings(new TableSettings(false, true, false, "DEFAULT", List.of("grant SELECT to app_reader",
                        "policy tenant_isolation", "trigger orders_audit", "trigger ext_audit"), Map.of(
                        "grant SELECT to app_reader", "GRANT SELECT ON orders TO app_reader",
                        "policy tenant_isolation", "CREATE POLICY tenant_isolation ON orders AS PERMISSIVE FOR ALL "
                                + "TO PUBLIC USING ((tenant = CURRENT_USER))",
                        "trigger orders_audit", "CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW "
                                + "EXECUTE FUNCTION orders_audit()"))));

        List<Change> downgrade = differ.diff(current, schema()).downgrade();

        assertThat(downgrade).extracting(Change::description).containsExactly("create table orders",
                "enable row level security on table orders, as it was",
                "create grant SELECT to app_reader on table orders again, as it was",
                "create policy tenant_isolation on table orders again, as it was",
                "create trigger orders_audit on table orders again, as it was");
        assertThat(downgrade.subList(2, 5)).extracting(Change::operation).containsExactly(
                new Execute("GRANT SELECT ON orders TO app_reader"),
                new Execute("CREATE POLICY tenant_isolation ON orders AS PERMISSIVE FOR ALL TO PUBLIC USING "
                        + "((tenant = CURRENT_USER))"),
                new Execute("CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION "
                        + "orders_audit()"));
        // Only what the database gave no statement for, an extension's trigger, and what other objects define.
        assertThat(downgrade.get(0).warning()).isEqualTo("table orders is created again without its trigger "
                + "ext_audit and view big_orders, which reads it: create them again after it, in this downgrade "
                + "(op.execute with the definitions of the migrations that made them, or pg_get_triggerdef and "
                + "pg_get_viewdef of the database before the upgrade).");
    }

    @Test
    void aPolicyIsCreatedAgainOnceTheTablesAndColumnsItReadsAreBack() {
        // accounts' policy reads tenants, which the downgrade creates after accounts, and zb.x, which it adds again.
        DatabaseSchema current = schema(
                table("accounts").column("id", "integer").column("tenant_id", "integer").build()
                        .withSettings(new TableSettings(false, true, false, "DEFAULT", List.of("policy own"),
                                Map.of("policy own", "CREATE POLICY own ON accounts AS PERMISSIVE FOR ALL TO PUBLIC "
                                        + "USING ((tenant_id IN (SELECT tenants.id FROM tenants WHERE zb.x = 1)))"))),
                table("tenants").column("id", "integer").readBy("id", "policy own on accounts").build(),
                table("zb").column("id", "integer").column("x", "integer").readBy("x", "policy own on accounts")
                        .build());
        DatabaseSchema desired = schema(table("zb").column("id", "integer").build());

        List<Change> downgrade = differ.diff(current, desired).downgrade();

        assertThat(downgrade).extracting(Change::description).endsWith(
                "create policy own on table accounts again, as it was");
        assertThat(downgrade).extracting(Change::description).contains("create table tenants");
        // The policy comes back with accounts: tenants is not created again without it.
        assertThat(downgrade).extracting(Change::warning).containsOnlyNulls();
    }

    @Test
    void aDroppedTableWithNothingAttachedIsCreatedAgainPlainly() {
        DatabaseSchema current = schema(table("orders").column("id", "integer").build()
                .withSettings(new TableSettings(false, true, false, "DEFAULT")));

        List<Change> downgrade = differ.diff(current, schema()).downgrade();

        assertThat(downgrade).extracting(Change::description).containsExactly("create table orders",
                "enable row level security on table orders, as it was");
        assertThat(downgrade).extracting(Change::warning).containsOnlyNulls();
        // A table the upgrade creates gets only what the model says.
        assertThat(differ.diff(schema(), current).upgrade()).extracting(Change::description)
                .containsExactly("create table orders");
    }

    @Test
    void aColumnRetypedToARecreatedEnumIsWarnedOf() {
        // Dropping a value recreates the type: the column moves from the old one to the new one.
        DatabaseSchema current = schema(List.of(), List.of(table("users").column("id", "integer")
                .column("mood", "mood").readBy("mood", "view happy_users").build()),
                List.of(new EnumType(QualifiedName.of("mood"), List.of("happy", "sad"))), List.of());
        DatabaseSchema desired = schema(List.of(), List.of(table("users").column("id", "integer")
                .column("mood", "mood").build()),
                List.of(new EnumType(QualifiedName.of("mood"), List.of("happy"))), List.of());

        assertThat(differ.diff(current, desired).upgrade()).extracting(Change::warning)
                .anyMatch(w -> w != null && w.startsWith("view happy_users reads users.mood: PostgreSQL does not "
                        + "retype"));
    }

    @Test
    void aColumnNoViewReadsGetsNoWarning() {
        DatabaseSchema current = schema(table("users").column("id", "integer").column("email", "text")
                .readBy("id", "view active_users").build());

        assertThat(differ.diff(current, schema(table("users").column("id", "integer").column("email", "integer")
                .build())).upgrade()).extracting(Change::warning).allMatch(w -> w == null || !w.contains("view"));
    }

    @Test
    void triggersFunctionsAndForeignKeysThatUseARetypedColumnAreWarnedOfButNotTheKeys() {
        // PostgreSQL carries a foreign key over to the new type; a trigger's WHEN or a BEGIN ATOMIC body it does not.
        DatabaseSchema current = schema(table("orders").column("id", "bigint").column("qty", "integer")
                .readBy("qty", "trigger big_orders on orders", "function qty_of(bigint)",
                        "foreign key legacy_notes_qty_fkey of table legacy_notes", "trigger keep_note on orders"
                                + Table.MAY_USE).build());
        DatabaseSchema desired = schema(table("orders").column("id", "bigint").column("qty", "bigint").build());

        assertThat(differ.diff(current, desired).upgrade()).singleElement().extracting(Change::warning)
                .isEqualTo("trigger big_orders on orders (and function qty_of(bigint)) read orders.qty: PostgreSQL "
                        + "does not retype a column other objects use, so this step fails; drop them before it and "
                        + "create them again after, in this migration (op.execute with the definition: "
                        + "pg_get_triggerdef for a trigger, pg_get_functiondef for a function).");
    }

    @Test
    void aDroppedColumnNamesTheKeysOfLeftOutTablesAndTheTriggersThatMayUseIt() {
        DatabaseSchema current = schema(table("orders").column("id", "bigint").column("note", "text")
                .readBy("note", "foreign key legacy_notes_note_fkey of table legacy_notes",
                        "foreign key items_note_fkey of table items", "trigger keep_note on orders" + Table.MAY_USE)
                .build(), table("items").column("note", "text").build());
        DatabaseSchema desired = schema(table("orders").column("id", "bigint").build(),
                table("items").column("note", "text").build());

        Change drop = differ.diff(current, desired).upgrade().get(0);

        assertThat(drop.description()).isEqualTo("drop column orders.note");
        // items is compared: the diff drops its key itself, before the column.
        assertThat(drop.warning()).endsWith("foreign key legacy_notes_note_fkey of table legacy_notes reads "
                + "orders.note: PostgreSQL drops no column other objects use (\"other objects depend on it\"), so "
                + "this step fails; drop it before it and create it again after without the column, in this "
                + "migration (op.execute with the definition: pg_get_constraintdef for a foreign key). trigger "
                + "keep_note on orders may use orders.note: a trigger function that reads NEW.note or OLD.note fails "
                + "on each row once the column is gone; check its function (pg_get_functiondef) and, if need be, "
                + "change it in this migration (op.execute).");
    }

    @Test
    void aDroppedTableNamesTheFunctionsAndKeysThatUseItButNotItsOwnTriggers() {
        DatabaseSchema current = schema(table("orders").column("id", "bigint").column("qty", "integer")
                .readBy("id", "foreign key legacy_notes_order_id_fkey of table legacy_notes",
                        "trigger keep_note on orders" + Table.MAY_USE)
                .readBy("qty", "trigger big_orders on orders", "function qty_of(bigint)").build());

        Change drop = differ.diff(current, schema()).upgrade().get(0);

        assertThat(drop.warning()).isEqualTo("foreign key legacy_notes_order_id_fkey of table legacy_notes, function "
                + "qty_of(bigint) read orders: PostgreSQL drops no table other objects use (\"other objects depend "
                + "on it\"), so this step fails; drop them before it, in this migration (op.execute), or keep the "
                + "table.");
    }
}
