package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.fk;
import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.AddConstraint;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropTable;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of creates and drops: foreign-key chains, diamonds, cycles, self-references, types before tables. */
class OrderingTest {
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void aChainOfNewTablesIsCreatedFromTheReferencedEndAndDroppedFromTheOther() {
        DatabaseSchema desired = schema(referencing("invoices", "orders"), referencing("orders", "customers"),
                referencing("customers"));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(created(diff.upgradeOperations())).containsExactly("customers", "orders", "invoices");
        assertThat(diff.upgradeOperations()).noneMatch(AddConstraint.class::isInstance);
        assertThat(((CreateTable) diff.upgradeOperations().get(2)).constraints())
                .contains(fk("fk_invoices_orders", "orders_id", "orders"));
        assertThat(diff.downgradeOperations()).containsExactly(drop("invoices"), drop("orders"), drop("customers"));
        assertRoundTrip(DatabaseSchema.EMPTY, desired, diff);
    }

    @Test
    void aDiamondIsCreatedWithEachTableAfterBothItsTargets() {
        DatabaseSchema desired = schema(referencing("a_top", "b_left", "c_right"), referencing("b_left", "d_bottom"),
                referencing("c_right", "d_bottom"), referencing("d_bottom"));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(created(diff.upgradeOperations())).containsExactly("d_bottom", "b_left", "c_right", "a_top");
        assertThat(diff.downgradeOperations()).containsExactly(drop("a_top"), drop("c_right"), drop("b_left"),
                drop("d_bottom"));
        assertRoundTrip(DatabaseSchema.EMPTY, desired, diff);
    }

    @Test
    void aCycleOfNewTablesGetsItsClosingForeignKeyAfterTheCreatesAndLosesItFirst() {
        DatabaseSchema desired = schema(referencing("a", "b"), referencing("b", "c"), referencing("c", "a"));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(created(diff.upgradeOperations())).containsExactly("a", "c", "b");
        assertThat(diff.upgradeOperations().get(3)).isEqualTo(
                new AddConstraint(QualifiedName.of("a"), fk("fk_a_b", "b_id", "b")));
        assertThat(diff.upgrade().get(3).description()).isEqualTo("add foreign key fk_a_b on a (b_id) -> b (id)");
        assertThat(diff.downgradeOperations()).containsExactly(
                new DropConstraint(QualifiedName.of("a"), "fk_a_b", false, false), drop("b"), drop("c"), drop("a"));
        assertThat(diff.downgrade().get(0).description())
                .isEqualTo("drop foreign key fk_a_b on a (b_id) -> b (id), to break the cycle of dropped tables");
        assertRoundTrip(DatabaseSchema.EMPTY, desired, diff);
    }

    @Test
    void onlyForeignKeysInsideACycleWait() {
        // z references the cycle x <-> y; y also references w, outside it.
        DatabaseSchema desired = schema(referencing("x", "y"), referencing("y", "x", "w"), referencing("w"),
                referencing("z", "x"));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(created(diff.upgradeOperations())).containsExactly("w", "x", "y", "z");
        assertThat(diff.upgradeOperations()).filteredOn(AddConstraint.class::isInstance)
                .containsExactly(new AddConstraint(QualifiedName.of("x"), fk("fk_x_y", "y_id", "y")));
        assertRoundTrip(DatabaseSchema.EMPTY, desired, diff);
    }

    @Test
    void aSelfReferenceIsDeclaredInline() {
        Table employees = keyed("employees").column("manager_id", "integer")
                .foreignKey(fk("fk_manager", "manager_id", "employees")).build();

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, schema(employees));

        assertThat(diff.upgradeOperations()).singleElement().isInstanceOfSatisfying(CreateTable.class,
                create -> assertThat(create.constraints()).contains(fk("fk_manager", "manager_id", "employees")));
        assertThat(diff.downgradeOperations()).containsExactly(drop("employees"));
    }

    @Test
    void anEnumTypeIsCreatedBeforeTheTableThatUsesItAndDroppedAfter() {
        QualifiedName mood = QualifiedName.of("mood");
        DatabaseSchema desired = schema(List.of(), List.of(table("people").column("feeling", "mood").build()),
                List.of(new EnumType(mood, List.of("happy"))), List.of());

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgradeOperations()).first().isEqualTo(new CreateEnum(mood, List.of("happy")));
        assertThat(diff.downgradeOperations()).containsExactly(drop("people"), new DropEnum(mood, false, false));
    }

    @Test
    void aNewTablesForeignKeyToAKeyThisDiffAddsWaitsForIt() {
        Table usersBefore = keyed("users").column("email", "text").build();
        Table usersAfter = keyed("users").column("email", "text").unique("users_email_key", "email").build();
        ForeignKeyDef byEmail = ForeignKeyDef.of(List.of("email"), QualifiedName.of("users"), List.of("email"))
                .named("fk_email");
        Table logins = keyed("logins").column("email", "text").foreignKey(byEmail).build();
        DatabaseSchema current = schema(usersBefore);
        DatabaseSchema desired = schema(usersAfter, logins);

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).filteredOn(op -> !(op instanceof CreateTable)).containsExactly(
                new AddConstraint(QualifiedName.of("users"), new UniqueDef("users_email_key", List.of("email"), null)),
                new AddConstraint(QualifiedName.of("logins"), byEmail));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void aForeignKeyToAnUntouchedExistingTableIsDeclaredInline() {
        Table users = keyed("users").build();
        DatabaseSchema current = schema(users);
        DatabaseSchema desired = schema(users, referencing("orders", "users"));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).singleElement().isInstanceOf(CreateTable.class);
        assertThat(diff.downgradeOperations()).containsExactly(drop("orders"));
    }

    @Test
    void aForeignKeyChainFiveThousandTablesDeepIsOrderedWithoutRecursion() {
        int n = 5000;
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tables.add(i + 1 < n ? referencing(name(i), name(i + 1)) : referencing(name(i)));
        }
        DatabaseSchema desired = schema(tables.toArray(Table[]::new));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        List<String> created = created(diff.upgradeOperations());
        assertThat(created).hasSize(n).startsWith(name(n - 1), name(n - 2)).endsWith(name(1), name(0));
        assertThat(diff.upgradeOperations()).noneMatch(AddConstraint.class::isInstance);
        assertThat(diff.downgradeOperations()).hasSize(n).first().isEqualTo(drop(name(0)));
        assertRoundTrip(DatabaseSchema.EMPTY, desired, diff);
    }

    @Test
    void aCycleOfFiveThousandTablesNeedsOneDeferredForeignKey() {
        int n = 5000;
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tables.add(referencing(name(i), name((i + 1) % n)));
        }
        DatabaseSchema desired = schema(tables.toArray(Table[]::new));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgradeOperations()).filteredOn(AddConstraint.class::isInstance).containsExactly(
                new AddConstraint(QualifiedName.of(name(0)), fk("fk_" + name(0) + "_" + name(1), name(1) + "_id",
                        name(1))));
        assertThat(diff.downgradeOperations()).filteredOn(DropConstraint.class::isInstance).hasSize(1);
        assertRoundTrip(DatabaseSchema.EMPTY, desired, diff);
    }

    @Test
    void droppedTablesGoAfterTheForeignKeysOfRemainingTablesThatPointAtThem() {
        Table customers = keyed("customers").build();
        Table orders = keyed("orders").column("customers_id", "integer")
                .foreignKey(fk("fk_orders_customers", "customers_id", "customers")).build();
        DatabaseSchema current = schema(customers, orders);
        DatabaseSchema desired = schema(keyed("orders").column("customers_id", "integer").build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(
                new DropConstraint(QualifiedName.of("orders"), "fk_orders_customers", false, false),
                drop("customers"));
        assertRoundTrip(current, desired, diff);
    }

    /** A table {@code name} with key {@code id} and, for each target, a column {@code <target>_id} referencing it. */
    private static Table referencing(String name, String... targets) {
        TestSchemas.TableBuilder table = table(name).column(ColumnDef.of("id", "integer").notNull())
                .primaryKey(name + "_pkey", "id");
        for (String target : targets) {
            table.column(target + "_id", "integer").foreignKey(fk("fk_" + name + "_" + target, target + "_id", target));
        }
        return table.build();
    }

    private static String name(int i) {
        return String.format("t%04d", i);
    }

    private static DropTable drop(String table) {
        return new DropTable(QualifiedName.of(table), false, false);
    }

    private static List<String> created(List<Operation> operations) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Operation operation : operations) {
            if (operation instanceof CreateTable create && seen.add(create.table().name())) {
                names.add(create.table().name());
            }
        }
        return names;
    }

    private static void assertRoundTrip(DatabaseSchema current, DatabaseSchema desired, SchemaDiff diff) {
        DatabaseSchema upgraded = SchemaInterpreter.apply(current, diff.upgradeOperations());
        assertThat(TestSchemas.normalized(upgraded)).isEqualTo(TestSchemas.normalized(desired));
        assertThat(TestSchemas.normalized(SchemaInterpreter.apply(upgraded, diff.downgradeOperations())))
                .isEqualTo(TestSchemas.normalized(current));
    }
}
