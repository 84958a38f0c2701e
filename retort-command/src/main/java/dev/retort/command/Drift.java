package dev.retort.command;

import java.nio.file.Path;

/**
 * An applied migration whose file changed after it ran, or after {@code stamp} recorded it.
 *
 * @param appliedOn the day it last ran or was stamped, in UTC ({@code 2026-12-04}), or null when unknown
 * @param shownFile how messages name the file: its name, or for a class path resource its resource name
 * @param stamped   whether its latest record is a stamp: it never ran here, so the file changed since it was recorded
 */
public record Drift(String revision, Path file, String appliedOn, String shownFile, boolean stamped) {
    /** A migration file of the versions directory, named by its file name, that last ran. */
    public Drift(String revision, Path file, String appliedOn) {
        this(revision, file, appliedOn, file.getFileName().toString(), false);
    }

    /** A migration that last ran. */
    public Drift(String revision, Path file, String appliedOn, String shownFile) {
        this(revision, file, appliedOn, shownFile, false);
    }

    /**
     * One line for a warning or for {@code retort validate}. A stamped revision is said to be stamped, not applied:
     * after {@code retort stamp}, "applied" sends people looking for a run that never happened.
     */
    public String describe() {
        return "revision " + revision + " (" + shownFile + ") changed after it was " + (stamped ? "stamped" : "applied")
                + (appliedOn == null ? "" : " on " + appliedOn) + "; an edited migration does not run again: "
                + "restore the file, or put the change in a new migration (if the database has the change already, "
                + "'retort stamp --purge' with the revisions 'retort current' prints records every applied file as "
                + "it is now)";
    }

    /**
     * One line for a warning before a downgrade reverts the revision: it runs the downgrade of the file as it is now,
     * which need not undo what the upgrade that ran did.
     */
    public String describeReverted() {
        return "revision " + revision + " (" + shownFile + ") changed after it was applied"
                + (appliedOn == null ? "" : " on " + appliedOn) + ": its checksum differs from the one recorded then, "
                + "and the downgrade runs the file as it is now, which may not undo what the applied version did";
    }
}
