import static dev.retort.operation.Operations.column;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Operations;

/**
 * add_user_phone_number
 *
 * Revision ID: 5b90f3e1d26c
 * Revises: c41d8e6f2a57
 * Create Date: 2026-11-25 09:30:00
 */
@Revision(
        id = "5b90f3e1d26c",
        down = "c41d8e6f2a57",
        message = "add_user_phone_number",
        created = "2026-11-25T09:30:00")
class AddUserPhoneNumber_5b90f3e1d26c implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("users", column("phone_number", "varchar(20)"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("users", "phone_number");
    }
}
