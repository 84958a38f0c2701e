import static dev.retort.operation.Operations.column;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Operations;

/**
 * add_user_phone_number
 *
 * Revision ID: ad7ccbe8413b
 * Revises: 06042743323c
 * Create Date: 2026-11-25 02:53:10
 *
 * Changes:
 *   - add column users.phone_number character varying(20)
 */
@Revision(
        id = "ad7ccbe8413b",
        down = "06042743323c",
        message = "add_user_phone_number",
        created = "2026-11-25T02:53:10")
class AddUserPhoneNumber_ad7ccbe8413b implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("users", column("phone_number", "character varying(20)"));
    }

    @Override
    public void downgrade(Operations op) {
        // DATA LOSS: drop column users.phone_number
        op.dropColumn("users", "phone_number");
    }
}
