package dev.retort.config;

import dev.retort.RetortException;

/**
 * A configuration that cannot be used: a missing or malformed {@code retort.toml}, a value of the
 * wrong type, or a database URL that cannot be parsed.
 *
 * <p>The message names where the bad value came from ({@code --url}, {@code retort.toml line 4},
 * {@code DATABASE_URL in .env}) and never contains a password.
 */
public class ConfigException extends RetortException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
