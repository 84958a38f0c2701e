package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code @RenamedFrom} whose old name the database lacks, while its new name is still to come, is warned about. */
class UnmatchedRenamedFromTest {
    private static final Map<String, String> OWNERS = Map.of("PurchaseOrder", "com.q.PurchaseOrder",
            "PurchaseOrder.clientName", "com.q.PurchaseOrder.clientName");

    private static Table table(String name, String... columns) {
        return new Table(QualifiedName.of(name), Arrays.stream(columns).map(c -> ColumnDef.of(c, "text")).toList(),
                null, List.of(), List.of(), List.of(), List.of(), null);
    }

    private static DatabaseSchema schema(Table... tables) {
        return new DatabaseSchema(List.of(), List.of(tables), List.of(), List.of(), List.of());
    }

    private static ModelDdl model(Map<String, String> tables, Map<String, String> columns) {
        return new ModelDdl("", "JPA entities", tables, columns, List.of(), OWNERS, Map.of(), Map.of());
    }

    @Test
    void anOldTableTheDatabaseLacksIsWarnedAboutOnceWithTheNameItHasInAnotherCase() {
        ModelDdl model = model(Map.of("PurchaseOrder", "order", "PurchaseOrder_noteLines", "order_noteLines"),
                Map.of());
        DatabaseSchema current = schema(table("Order", "id"), table("Order_noteLines", "Order_id"));
        DatabaseSchema desired = schema(table("PurchaseOrder", "id"), table("PurchaseOrder_noteLines",
                "PurchaseOrder_id"));

        assertThat(UnmatchedRenamedFrom.warnings(model, current, desired)).containsExactly("@RenamedFrom on "
                + "com.q.PurchaseOrder renames nothing: the database has no table order (it has Order, whose case "
                + "differs: PostgreSQL keeps the case of a quoted name), so PurchaseOrder is created empty. Correct "
                + "its value if the table was renamed (the old class name, or the old @Table name, as written).");
    }

    @Test
    void aRenameTheDatabaseHasMadeOrCanMakeIsNoWarning() {
        ModelDdl model = model(Map.of("PurchaseOrder", "Order"), Map.of("PurchaseOrder.clientName", "customerName"));
        DatabaseSchema desired = schema(table("PurchaseOrder", "id", "clientName"));

        assertThat(UnmatchedRenamedFrom.warnings(model, schema(table("Order", "id", "customerName")), desired))
                .isEmpty();
        assertThat(UnmatchedRenamedFrom.warnings(model, desired, desired)).isEmpty();
    }

    @Test
    void anOldColumnTheDatabaseLacksIsWarnedAboutButNotTheColumnsNamedAfterIt() {
        ModelDdl model = model(Map.of(), Map.of("PurchaseOrder.clientName", "customername",
                "PurchaseOrder.clientName_order", "customername_order"));
        DatabaseSchema current = schema(table("PurchaseOrder", "id", "customerName"));
        DatabaseSchema desired = schema(table("PurchaseOrder", "id", "clientName", "clientName_order"));

        assertThat(UnmatchedRenamedFrom.warnings(model, current, desired)).containsExactly("@RenamedFrom on "
                + "com.q.PurchaseOrder.clientName renames nothing: table PurchaseOrder of the database has no column "
                + "customername (it has customerName, whose case differs: PostgreSQL keeps the case of a quoted "
                + "name), so PurchaseOrder.clientName is added empty. Correct its value if the column was renamed "
                + "(the old field name, or the old @Column name, as written).");
    }
}
