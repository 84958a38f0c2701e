package dev.retort.revision;

import dev.retort.RetortException;

/**
 * A problem with the revision graph or with a revision target that a user can fix.
 *
 * <p>Raised for inconsistent migration headers (duplicate ids, unknown down revisions, cycles, clashing
 * branch labels), for targets that name nothing or several things, and for moves the database cannot
 * make. The message names the revision, file or target at fault and what to do next.
 */
public class RevisionGraphException extends RetortException {
    private static final long serialVersionUID = 1L;

    public RevisionGraphException(String message) {
        super(message);
    }
}
