package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.runtime.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Connections to a throw-away database that {@code retort test} creates and drops. */
record ScratchConnections(String jdbcUrl, Properties properties, String name) implements ConnectionSource {
    @Override
    public Connection open() {
        try {
            return PassFile.connect(jdbcUrl, properties, describe());
        } catch (SQLException e) {
            throw new RetortException("Could not connect to the scratch database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "the scratch database " + name;
    }
}
