import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Identity;
import dev.retort.operation.Operations;

/**
 * create assignments
 *
 * Revision ID: 06042743323c
 * Revises: 9cb11cb902e1
 * Create Date: 2026-11-25 02:53:02
 *
 * Changes:
 *   - create table assignments
 *   - create index ix_assignments_item_id on assignments (item_id)
 *   - create index ix_assignments_user_id on assignments (user_id)
 */
@Revision(
        id = "06042743323c",
        down = "9cb11cb902e1",
        message = "create assignments",
        created = "2026-11-25T02:53:02")
class CreateAssignments_06042743323c implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("assignments",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("assigned_at", "timestamp(6) with time zone").notNull(),
                column("returned_at", "timestamp(6) with time zone"),
                column("item_id", "bigint").notNull(),
                column("user_id", "bigint").notNull(),
                primaryKey("id").named("assignments_pkey"),
                foreignKey("item_id", "equipment_items", "id").named("fk_assignments_item"),
                foreignKey("user_id", "users", "id").named("fk_assignments_user"));
        op.createIndex("ix_assignments_item_id", "assignments", "item_id");
        op.createIndex("ix_assignments_user_id", "assignments", "user_id");
    }

    @Override
    public void downgrade(Operations op) {
        // DATA LOSS: drop table assignments
        op.dropTable("assignments");
    }
}
