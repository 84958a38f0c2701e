import static dev.retort.operation.Operations.column;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Operations;

/**
 * add equipment location
 *
 * Revision ID: 6adaadf577f8
 * Revises: ad7ccbe8413b
 * Create Date: 2026-11-25 02:53:21
 *
 * Changes:
 *   - add column equipment_items.location character varying(100)
 */
@Revision(
        id = "6adaadf577f8",
        down = "ad7ccbe8413b",
        message = "add equipment location",
        created = "2026-11-25T02:53:21")
class AddEquipmentLocation_6adaadf577f8 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("equipment_items", column("location", "character varying(100)"));
    }

    @Override
    public void downgrade(Operations op) {
        // DATA LOSS: drop column equipment_items.location
        op.dropColumn("equipment_items", "location");
    }
}
