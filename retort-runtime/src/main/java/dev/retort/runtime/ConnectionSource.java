package dev.retort.runtime;

import java.sql.Connection;

/** Opens connections to the target database; errors are already worded for the user. */
public interface ConnectionSource {
    Connection open();

    /** The database, for messages: a redacted URL, never with its password. */
    String describe();
}
