package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.SchemaDiff;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DefaultChange;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropIndex;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeFormsTest {
    private static final QualifiedName ORDERS = QualifiedName.of("orders");
    private static final QualifiedName USERS = QualifiedName.of("users");
    private static final Change UNDO = new Change(new DropIndex(QualifiedName.of("ix"), false, false, false),
            "drop index ix", false, null);

    private static List<Change> upgrade(Change... changes) {
        return new SafeForms().apply(new SchemaDiff(List.of(changes), List.of(UNDO))).upgrade();
    }

    private static List<Operation> operations(List<Change> changes) {
        return changes.stream().map(Change::operation).toList();
    }

    private static CreateIndex index(QualifiedName table) {
        return new CreateIndex("orders_user_id_idx", table, List.of(IndexElement.column("user_id")), false, null,
                List.of(), null, false, false);
    }

    private static CreateTable ordersTable() {
        return new CreateTable(ORDERS, List.of(ColumnDef.of("user_id", "integer")), List.of(), null, false);
    }

    private static ForeignKeyDef foreignKey() {
        return ForeignKeyDef.of(List.of("user_id"), USERS, List.of("id")).named("orders_user_id_fkey");
    }

    @Test
    void createsIndexesOnExistingTablesConcurrently() {
        List<Change> changes = upgrade(new Change(index(ORDERS), "create index orders_user_id_idx", false, null));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.operation()).isInstanceOf(CreateIndex.class);
            assertThat(((CreateIndex) c.operation()).concurrently()).isTrue();
            assertThat(c.operation().requiresAutocommit()).isTrue();
            assertThat(c.description()).isEqualTo("create index orders_user_id_idx");
        });
    }

    @Test
    void dropsIndexesConcurrentlyButLeavesACascadingDropAlone() {
        Change plain = new Change(new DropIndex(QualifiedName.of("a_idx"), false, false, false), "drop a", true, "w");
        Change cascading = new Change(new DropIndex(QualifiedName.of("b_idx"), false, false, true), "drop b", false,
                null);

        List<Change> changes = upgrade(plain, cascading);

        assertThat(operations(changes)).containsExactly(
                new DropIndex(QualifiedName.of("a_idx"), false, true, false),
                new DropIndex(QualifiedName.of("b_idx"), false, false, true));
        assertThat(changes.get(0).losesData()).isTrue();
        assertThat(changes.get(0).warning()).isEqualTo("w");
    }

    @Test
    void addsAForeignKeyNotValidThenValidatesItOutsideTheTransaction() {
        List<Change> changes = upgrade(new Change(new AddConstraint(ORDERS, foreignKey()), "add fk", false, null));

        assertThat(operations(changes)).containsExactly(
                new Execute("ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
                        + "REFERENCES users (id) NOT VALID"),
                new Autocommit(List.of(new Execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey"))));
        assertThat(changes.get(0).description()).isEqualTo("add fk");
        assertThat(changes.get(1).description()).isEqualTo("validate constraint orders_user_id_fkey on orders");
    }

    @Test
    void addsACheckNotValidAndQuotesWhatNeedsQuoting() {
        QualifiedName table = QualifiedName.of("Billing", "Invoice");
        List<Change> changes = upgrade(new Change(new AddConstraint(table, new CheckDef("Positive", "total > 0")),
                "add check", false, null));

        assertThat(operations(changes)).containsExactly(
                new Execute("ALTER TABLE \"Billing\".\"Invoice\" ADD CONSTRAINT \"Positive\" CHECK (total > 0) NOT VALID"),
                new Autocommit(List.of(new Execute(
                        "ALTER TABLE \"Billing\".\"Invoice\" VALIDATE CONSTRAINT \"Positive\""))));
    }

    @Test
    void leavesUniqueConstraintsAndUnnamedOnesAlone() {
        Change unique = new Change(new AddConstraint(ORDERS, new UniqueDef("u", List.of("user_id"), null)),
                "add unique", false, null);
        Change unnamed = new Change(new AddConstraint(ORDERS, new CheckDef(null, "user_id > 0")), "add check", false,
                null);

        assertThat(upgrade(unique, unnamed)).containsExactly(unique, unnamed);
    }

    @Test
    void setsNotNullThroughAValidatedCheck() {
        Change change = new Change(new AlterColumn(ORDERS, "user_id", null, false, null, null, null),
                "alter column orders.user_id set not null", false, null);

        List<Change> changes = upgrade(change);

        assertThat(operations(changes)).containsExactly(
                new Execute("ALTER TABLE orders ADD CONSTRAINT orders_user_id_not_null_check "
                        + "CHECK (user_id IS NOT NULL) NOT VALID"),
                new Autocommit(List.of(
                        new Execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_not_null_check"))),
                new AlterColumn(ORDERS, "user_id", null, false, null, null, null),
                new DropConstraint(ORDERS, "orders_user_id_not_null_check", false, false));
        assertThat(changes.get(0).description()).isEqualTo("alter column orders.user_id set not null");
    }

    @Test
    void theProofCheckIsNotNamedAsPostgres18NamesTheNotNullAndFitsIn63Bytes() {
        assertThat(SafeForms.proofName("orders", "user_id")).isEqualTo("orders_user_id_not_null_check")
                .doesNotEndWith("_not_null");
        // The longer part is cut first, by whole characters, and the ending stays.
        String table = "t".repeat(40);
        assertThat(SafeForms.proofName(table, "user_id")).isEqualTo("t".repeat(40) + "_user_id_not_null_check");
        assertThat(SafeForms.proofName(table + "x", "user_id")).isEqualTo(table + "_user_id_not_null_check");
        String name = SafeForms.proofName("ä".repeat(40), "ö".repeat(30));
        assertThat(name).isEqualTo("ä".repeat(12) + "_" + "ö".repeat(11) + "_not_null_check");
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void keepsTheRestOfAColumnChangeBeforeTheNotNullSteps() {
        DefaultChange newDefault = DefaultChange.set("0");
        Change change = new Change(new AlterColumn(ORDERS, "user_id", null, false, newDefault, null, null),
                "alter column orders.user_id set default, set not null", false, null);

        List<Operation> operations = operations(upgrade(change));

        assertThat(operations).hasSize(5);
        assertThat(operations.get(0)).isEqualTo(new AlterColumn(ORDERS, "user_id", null, null, newDefault, null, null));
        assertThat(operations.get(1)).isInstanceOf(Execute.class);
        assertThat(operations.get(3)).isEqualTo(new AlterColumn(ORDERS, "user_id", null, false, null, null, null));
    }

    @Test
    void aNotNullAddedNotValidIsValidatedOutsideTheTransaction() {
        Execute validate = new Execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_given");
        Change change = new Change(validate, "validate not null orders.user_id", false, null);
        Change other = new Change(new Execute("UPDATE orders SET user_id = 1"), "by hand", false, null);

        assertThat(upgrade(change, other)).containsExactly(
                new Change(new Autocommit(List.of(validate)), "validate not null orders.user_id", false, null), other);
    }

    @Test
    void dropNotNullIsLeftAlone() {
        Change change = new Change(new AlterColumn(ORDERS, "user_id", null, true, null, null, null), "drop not null",
                false, null);

        assertThat(upgrade(change)).containsExactly(change);
    }

    @Test
    void aTableCreatedInTheSameMigrationKeepsThePlainForms() {
        Change create = new Change(ordersTable(), "create table orders", false, null);
        Change index = new Change(index(ORDERS), "create index", false, null);
        Change fk = new Change(new AddConstraint(ORDERS, foreignKey()), "add fk", false, null);

        assertThat(upgrade(create, index, fk)).containsExactly(create, index, fk);
    }

    @Test
    void leavesTheDowngradeAsItIs() {
        SchemaDiff diff = new SchemaDiff(List.of(new Change(index(ORDERS), "create index", false, null)), List.of(UNDO));

        assertThat(new SafeForms().apply(diff).downgrade()).containsExactly(UNDO);
    }
}
