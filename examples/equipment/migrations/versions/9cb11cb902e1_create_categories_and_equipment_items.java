import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;
import static dev.retort.operation.Operations.unique;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Identity;
import dev.retort.operation.Operations;

/**
 * create categories and equipment items
 *
 * Revision ID: 9cb11cb902e1
 * Revises: 7b24a4ab93c5
 * Create Date: 2026-11-25 02:52:57
 *
 * Changes:
 *   - create table categories
 *   - create table equipment_items
 */
@Revision(
        id = "9cb11cb902e1",
        down = "7b24a4ab93c5",
        message = "create categories and equipment items",
        created = "2026-11-25T02:52:57")
class CreateCategoriesAndEquipmentItems_9cb11cb902e1 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("categories",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("name", "character varying(100)").notNull(),
                primaryKey("id").named("categories_pkey"),
                unique("name").named("categories_name_key"));
        op.createTable("equipment_items",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("name", "character varying(200)").notNull(),
                column("serial_number", "character varying(64)").notNull(),
                column("status", "character varying(20)").notNull(),
                column("category_id", "bigint").notNull(),
                primaryKey("id").named("equipment_items_pkey"),
                unique("serial_number").named("equipment_items_serial_number_key"),
                foreignKey("category_id", "categories", "id").named("fk_equipment_items_category"))
                .comment("Physical items the company owns and lends to its staff");
    }

    @Override
    public void downgrade(Operations op) {
        // DATA LOSS: drop table equipment_items
        op.dropTable("equipment_items");
        // DATA LOSS: drop table categories
        op.dropTable("categories");
    }
}
