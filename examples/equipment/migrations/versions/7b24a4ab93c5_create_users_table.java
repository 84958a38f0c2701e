import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.primaryKey;
import static dev.retort.operation.Operations.unique;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Identity;
import dev.retort.operation.Operations;

/**
 * create users table
 *
 * Revision ID: 7b24a4ab93c5
 * Revises: <base>
 * Create Date: 2026-11-25 02:52:46
 *
 * Changes:
 *   - create table users
 */
@Revision(
        id = "7b24a4ab93c5",
        down = {},
        message = "create users table",
        created = "2026-11-25T02:52:46")
class CreateUsersTable_7b24a4ab93c5 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("users",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("created_at", "timestamp(6) with time zone").notNull(),
                column("email", "character varying(255)").notNull(),
                column("full_name", "character varying(200)").notNull(),
                primaryKey("id").named("users_pkey"),
                unique("email").named("users_email_key"));
    }

    @Override
    public void downgrade(Operations op) {
        // DATA LOSS: drop table users
        op.dropTable("users");
    }
}
