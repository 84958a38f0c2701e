package dev.retort.runtime;

import java.sql.Connection;
import java.util.Map;

/** Opens connections to the target database; errors are already worded for the user. */
public interface ConnectionSource {
    Connection open();

    /**
     * The settings made in the session of {@code connection}, one this source opened, before Retort had it, by name
     * in lower case: those an application's pool made (its init SQL, {@code setSchema}). A setting a migration changes
     * goes back to these rather than to its default. None for a connection Retort opened itself.
     */
    default Map<String, String> sessionSettings(Connection connection) {
        return Map.of();
    }

    /** The database, for messages: a redacted URL, never with its password. */
    String describe();
}
