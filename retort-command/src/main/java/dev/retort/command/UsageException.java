package dev.retort.command;

import dev.retort.RetortException;

/** A command used the wrong way (a missing range, a bad option value); the command line exits with code 2. */
public class UsageException extends RetortException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
