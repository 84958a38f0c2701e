package dev.retort.command;

import java.util.List;

/**
 * What {@code retort validate} finds in the applied migrations.
 *
 * @param drift     those whose files changed since they ran or were stamped, oldest first
 * @param unchecked those with no checksum to compare, oldest first: stamped by a Retort that recorded none, or applied
 *                  while {@code retort_history} was missing
 * @param checked   how many applied migrations were compared with their files
 */
public record Validation(List<Drift> drift, List<String> unchecked, int checked) {
    public Validation {
        drift = List.copyOf(drift);
        unchecked = List.copyOf(unchecked);
    }

    /**
     * One line on the unchecked revisions, for after the drift: how many, which, why, and how to have them checked
     * from now on.
     */
    public String describeUnchecked() {
        int n = unchecked.size();
        return n + (n == 1 ? " applied revision" : " applied revisions") + " could not be checked ("
                + String.join(", ", unchecked) + "): no checksum of " + (n == 1 ? "its file" : "their files")
                + " was recorded (a stamp of an older Retort records none, nor does a run without retort_history); if "
                + (n == 1 ? "the file is as it was" : "the files are as they were") + " applied, `retort stamp "
                + "--purge REV` with the revisions `retort current` prints records " + (n == 1 ? "it" : "them");
    }
}
