package dev.retort.command;

import java.nio.file.Path;
import java.time.OffsetDateTime;

/** An applied migration whose file changed after it ran. */
public record Drift(String revision, Path file, OffsetDateTime appliedAt) {
    /** One line for a warning or for {@code retort validate}. */
    public String describe() {
        return "revision " + revision + " (" + file.getFileName() + ") changed after it was applied"
                + (appliedAt == null ? "" : " on " + appliedAt.toLocalDate()) + "; an edited migration does not run again: "
                + "restore the file, or put the change in a new migration";
    }
}
