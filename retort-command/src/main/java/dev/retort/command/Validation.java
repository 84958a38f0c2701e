package dev.retort.command;

import java.util.List;

/**
 * What {@code retort validate} finds in the applied migrations.
 *
 * @param drift     those whose files changed since they ran or were stamped, oldest first
 * @param unchecked those with no checksum to compare, oldest first: stamped by a Retort that recorded none, or applied
 *                  while {@code retort_history} was missing
 * @param checked   how many applied migrations were compared with their files
 * @param unrun     those the graph puts under an applied revision although they never ran here (or were reverted)
 * @param stamped   whether an unchecked one was stamped by an older Retort: a stamp without a checksum covers it
 * @param unrecorded whether an unchecked one has no record at all, as under a history an older Retort did not keep
 */
public record Validation(List<Drift> drift, List<String> unchecked, int checked, List<Unrun> unrun, boolean stamped,
        boolean unrecorded) {
    public Validation {
        drift = List.copyOf(drift);
        unchecked = List.copyOf(unchecked);
        unrun = List.copyOf(unrun);
    }

    /** Whether the database is not what its files say: an edited migration, or one that never ran. */
    public boolean failed() {
        return !drift.isEmpty() || !unrun.isEmpty();
    }

    /**
     * One line on the unchecked revisions, for after the drift: how many, which, why, and how to have them checked
     * from now on.
     */
    public String describeUnchecked() {
        int n = unchecked.size();
        String unkept = (n == 1 ? "it was" : "they were") + " applied without one, by an older Retort or by the tool "
                + "whose version table Retort reads (Alembic's alembic_version)";
        String why = stamped && unrecorded ? "a stamp of an older Retort records none, and retort_history holds no "
                + "record of some: " + unkept
                : stamped ? "a stamp of an older Retort records none"
                : "retort_history holds no record of " + (n == 1 ? "it: " : "them: ") + unkept;
        return n + (n == 1 ? " applied revision" : " applied revisions") + " could not be checked ("
                + String.join(", ", unchecked) + "): no checksum of " + (n == 1 ? "its file" : "their files")
                + " was recorded (" + why + "); if "
                + (n == 1 ? "the file is as it was" : "the files are as they were") + " applied, `retort stamp "
                + "--purge REV` with the revisions `retort current` prints records " + (n == 1 ? "it" : "them");
    }
}
