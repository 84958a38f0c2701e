package dev.retort.embedded;

import dev.retort.RetortException;

/**
 * Reports that the embedded PostgreSQL could not be unpacked, initialised, started, stopped or reached.
 *
 * <p>When the server itself failed, the message ends with the last lines of its log, because that is
 * where PostgreSQL says why (a port in use, a damaged data directory, a missing permission).
 */
public class EmbeddedPostgresException extends RetortException {
    private static final long serialVersionUID = 1L;

    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
