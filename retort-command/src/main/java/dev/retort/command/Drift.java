package dev.retort.command;

import java.nio.file.Path;

/**
 * An applied migration whose file changed after it ran.
 *
 * @param appliedOn the day it last ran, in UTC ({@code 2026-12-04}), or null when unknown
 * @param shownFile how messages name the file: its name, or for a class path resource its resource name
 */
public record Drift(String revision, Path file, String appliedOn, String shownFile) {
    /** A migration file of the versions directory, named by its file name. */
    public Drift(String revision, Path file, String appliedOn) {
        this(revision, file, appliedOn, file.getFileName().toString());
    }

    /** One line for a warning or for {@code retort validate}. */
    public String describe() {
        return "revision " + revision + " (" + shownFile + ") changed after it was applied"
                + (appliedOn == null ? "" : " on " + appliedOn) + "; an edited migration does not run again: "
                + "restore the file, or put the change in a new migration";
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
