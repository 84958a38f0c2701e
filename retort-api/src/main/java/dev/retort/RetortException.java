package dev.retort;

/**
 * The root of every error Retort reports to a user.
 *
 * <p>The message is the whole report: one or two plain sentences that name the file, revision or
 * statement at fault and say what to do next. It never holds a password. The command line prints
 * the message alone (exit code 1) and the stack trace only with {@code --debug}.
 */
public class RetortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetortException(String message) {
        super(message);
    }

    public RetortException(String message, Throwable cause) {
        super(message, cause);
    }
}
