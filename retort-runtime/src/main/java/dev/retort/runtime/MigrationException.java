package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.SecretsInSql;
import java.util.List;
import java.util.Optional;

/** A migration's statement failed; the message names the revision, its file and the statement. */
public class MigrationException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final boolean lockTimeout;
    private final String statement;
    private final List<String> passwords;

    public MigrationException(String message, Throwable cause) {
        this(message, cause, false, null, List.of());
    }

    MigrationException(String message, Throwable cause, boolean lockTimeout, String statement,
            List<String> passwords) {
        super(message, cause);
        this.lockTimeout = lockTimeout;
        this.statement = statement;
        this.passwords = List.copyOf(passwords);
    }

    /** The statement of the migration that failed, as it was sent; empty when the failure came after its statements. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    /**
     * The passwords of the statements the server ran when it failed, as {@link SecretsInSql} finds them: the failed
     * statement's, or those of the group of steps whose error named none. The message hides them already; its causes,
     * the server's own error, may quote them, so whatever shows those hides them too.
     */
    public List<String> passwords() {
        return passwords;
    }

    /** True when the step gave up waiting for a lock and nothing of it stayed applied, so it may be tried again. */
    public boolean retryable() {
        return lockTimeout;
    }
}
