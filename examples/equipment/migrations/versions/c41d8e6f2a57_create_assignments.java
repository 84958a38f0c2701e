import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.foreignKey;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.Identity;
import dev.retort.operation.Operations;

/**
 * create assignments
 *
 * Revision ID: c41d8e6f2a57
 * Revises: 8e27d5c0a913
 * Create Date: 2026-11-25 09:20:00
 */
@Revision(
        id = "c41d8e6f2a57",
        down = "8e27d5c0a913",
        message = "create assignments",
        created = "2026-11-25T09:20:00")
class CreateAssignments_c41d8e6f2a57 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("assignments",
                column("id", "bigint").identity(Identity.BY_DEFAULT).primaryKey(true),
                column("equipment_id", "bigint").notNull(),
                column("user_id", "bigint").notNull(),
                column("assigned_at", "timestamptz").notNull().defaultExpression("now()"),
                column("returned_at", "timestamptz"),
                foreignKey("equipment_id", "equipment", "id").onDelete(ForeignKeyAction.CASCADE),
                foreignKey("user_id", "users", "id"));
        op.createIndex("ix_assignments_user_id", "assignments", "user_id");
        // At most one open assignment per item.
        op.createIndex("ux_assignments_open", "assignments", "equipment_id").unique().where("returned_at IS NULL");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("assignments");
    }
}
