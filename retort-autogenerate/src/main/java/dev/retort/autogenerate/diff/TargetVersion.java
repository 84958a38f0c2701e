package dev.retort.autogenerate.diff;

import dev.retort.RetortException;
import java.util.List;

/**
 * What a diff may write for the target's PostgreSQL version. The diff is written for the latest server; a step that
 * an older target lacks is refused here, when the migration is written, rather than left to fail in {@code upgrade}
 * (or in a downgrade, long after) with a syntax error.
 */
public final class TargetVersion {
    /** The major version that added {@code ALTER COLUMN ... DROP EXPRESSION}. */
    static final int DROP_EXPRESSION = 13;

    private TargetVersion() {
    }

    /**
     * Refuses {@code diff} when the target, a server of PostgreSQL {@code major}, cannot run one of its steps: a stored
     * generated column made ordinary with {@code DROP EXPRESSION} before 13. Another way keeps no column's place, and
     * a column dropped takes its indexes, constraints and views with it, which the diff would not recreate; so the
     * step is the user's to write.
     */
    public static void requireSupported(SchemaDiff diff, int major) {
        if (major >= DROP_EXPRESSION) {
            return;
        }
        List<String> upgrade = dropsExpression(diff.upgrade());
        List<String> downgrade = dropsExpression(diff.downgrade());
        String lacking = "The database runs PostgreSQL " + major + ", which has no ALTER COLUMN ... DROP EXPRESSION "
                + "(it came in 13), and ";
        String byHand = "add a new column, copy the values with UPDATE, drop the generated one and rename the new one, "
                + "which puts it last, then recreate its indexes and constraints";
        if (!upgrade.isEmpty()) {
            throw new RetortException(lacking + "the migration would " + String.join("; ", upgrade) + " with it. "
                    + "Nothing was written: leave the column generated in the model, or write that step by hand ("
                    + byHand + ").");
        }
        if (!downgrade.isEmpty()) {
            // The upgrade could run: only the way back is missing, which the user may write instead.
            throw new RetortException(lacking + "the migration's downgrade would " + String.join("; ", downgrade)
                    + " with it. Nothing was written: write the migration by hand (`retort revision -m ...`), with a "
                    + "downgrade that does it another way (" + byHand + ").");
        }
    }

    private static List<String> dropsExpression(List<Change> changes) {
        return changes.stream().filter(TargetVersion::dropsExpression).map(Change::description).toList();
    }

    private static boolean dropsExpression(Change change) {
        return SqlText.dropsExpression(change.operation());
    }
}
