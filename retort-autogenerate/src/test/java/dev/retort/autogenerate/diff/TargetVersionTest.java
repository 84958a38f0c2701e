package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.operation.ColumnDef;
import dev.retort.schema.DatabaseSchema;
import org.junit.jupiter.api.Test;

/** Steps a target of an older PostgreSQL cannot run are refused when the migration is written. */
class TargetVersionTest {
    private static final ColumnDef PRICE = ColumnDef.of("price", "integer");
    private static final ColumnDef ORDINARY = ColumnDef.of("total", "integer");
    private static final ColumnDef GENERATED = ORDINARY.generatedAs("(price * 2)");
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void aGeneratedColumnMadeOrdinaryIsRefusedBefore13NamingTheColumnAndVersion() {
        SchemaDiff diff = differ.diff(orders(GENERATED), orders(ORDINARY));

        assertThatThrownBy(() -> TargetVersion.requireSupported(diff, 12)).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("The database runs PostgreSQL 12, which has no ALTER COLUMN ... DROP "
                        + "EXPRESSION (it came in 13), and the migration would make orders.total an ordinary "
                        + "column, keeping its values with it. Nothing was written");
        assertThatCode(() -> TargetVersion.requireSupported(diff, 13)).doesNotThrowAnyException();
    }

    @Test
    void aDowngradeThatWouldDropTheExpressionIsRefusedToo() {
        SchemaDiff diff = differ.diff(orders(ORDINARY), orders(GENERATED));

        assertThatThrownBy(() -> TargetVersion.requireSupported(diff, 12))
                .hasMessageContaining("and the migration's downgrade would make orders.total an ordinary column, "
                        + "keeping its values with it. Nothing was written: write the migration by hand")
                .hasMessageNotContaining("leave the column generated");
    }

    private static DatabaseSchema orders(ColumnDef total) {
        return schema(table("orders").column(PRICE).column(total).build());
    }
}
