package dev.retort.revision;

/**
 * A target written in a form the command does not take: a range where one revision is meant, a relative step or a
 * range in the direction the command does not go, a URL or a string that is no target at all.
 *
 * <p>The command line is at fault whatever the project holds, so the command line exits with the usage code (2). A
 * target that is well formed but names no revision, or several, stays a {@link RevisionGraphException} (exit 1),
 * as a file that is not there does.
 */
public class TargetUsageException extends RevisionGraphException {
    private static final long serialVersionUID = 1L;

    public TargetUsageException(String message) {
        super(message);
    }
}
