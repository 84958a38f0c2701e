package dev.retort.jpa;

import dev.retort.RetortException;

/** JPA entities that cannot be found, compiled or mapped; the message names the file, class or setting at fault. */
public class JpaModelException extends RetortException {
    private static final long serialVersionUID = 1L;

    public JpaModelException(String message) {
        super(message);
    }

    public JpaModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
