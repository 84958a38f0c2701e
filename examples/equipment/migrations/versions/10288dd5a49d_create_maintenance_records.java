import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Identity;
import dev.retort.operation.Operations;

/**
 * create maintenance records
 *
 * Revision ID: 10288dd5a49d
 * Revises: ad7ccbe8413b
 * Create Date: 2026-11-25 02:53:32
 *
 * Changes:
 *   - create table maintenance_records
 */
@Revision(
        id = "10288dd5a49d",
        down = "ad7ccbe8413b",
        message = "create maintenance records",
        created = "2026-11-25T02:53:32")
class CreateMaintenanceRecords_10288dd5a49d implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("maintenance_records",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("cost", "numeric(10,2)"),
                column("description", "text").notNull(),
                column("performed_on", "date").notNull(),
                column("item_id", "bigint").notNull(),
                primaryKey("id").named("maintenance_records_pkey"),
                foreignKey("item_id", "equipment_items", "id").named("fk_maintenance_records_item"));
    }

    @Override
    public void downgrade(Operations op) {
        // DATA LOSS: drop table maintenance_records
        op.dropTable("maintenance_records");
    }
}
