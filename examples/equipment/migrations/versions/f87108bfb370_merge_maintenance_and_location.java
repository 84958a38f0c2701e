import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.operation.Operations;

/**
 * merge maintenance and location
 *
 * Revision ID: f87108bfb370
 * Revises: 10288dd5a49d, 6adaadf577f8
 * Create Date: 2026-11-25 02:53:43
 */
@Revision(
        id = "f87108bfb370",
        down = {"10288dd5a49d", "6adaadf577f8"},
        message = "merge maintenance and location",
        created = "2026-11-25T02:53:43")
class MergeMaintenanceAndLocation_f87108bfb370 implements Migration {
    @Override
    public void upgrade(Operations op) {
        // op.createTable(...), op.addColumn(...), op.execute("...")
    }

    @Override
    public void downgrade(Operations op) {
        // undo what upgrade() does, in reverse order
    }
}
