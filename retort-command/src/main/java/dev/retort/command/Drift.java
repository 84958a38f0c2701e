package dev.retort.command;

import java.nio.file.Path;

/**
 * An applied migration whose file changed after it ran.
 *
 * @param appliedOn the day it last ran, in UTC ({@code 2026-12-04}), or null when unknown
 */
public record Drift(String revision, Path file, String appliedOn) {
    /** One line for a warning or for {@code retort validate}. */
    public String describe() {
        return "revision " + revision + " (" + file.getFileName() + ") changed after it was applied"
                + (appliedOn == null ? "" : " on " + appliedOn) + "; an edited migration does not run again: "
                + "restore the file, or put the change in a new migration";
    }

    /**
     * One line for a warning before a downgrade reverts the revision: it runs the downgrade of the file as it is now,
     * which need not undo what the upgrade that ran did.
     */
    public String describeReverted() {
        return "revision " + revision + " (" + file.getFileName() + ") changed after it was applied"
                + (appliedOn == null ? "" : " on " + appliedOn) + ": its checksum differs from the one recorded then, "
                + "and the downgrade runs the file as it is now, which may not undo what the applied version did";
    }
}
