package dev.retort.command;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Refuses a PostgreSQL older than the oldest Retort supports, before anything reads its catalog or changes it.
 *
 * <p>Introspection reads catalog columns that came with PostgreSQL 12 ({@code pg_attribute.attgenerated}); on an
 * older server a comparison or {@code retort test} would fail on a missing column, after a command had perhaps
 * applied migrations, and the message would say nothing of the version. The version is the one the server sends
 * when the session starts, so the check costs no round trip.
 */
final class ServerVersion {
    /** The oldest major version Retort supports; the tests run on it as well as on the embedded one. */
    static final int OLDEST = 12;

    private ServerVersion() {
    }

    /**
     * Throws when the server behind {@code connection}, which messages call {@code described}, is older than
     * {@link #OLDEST}; the caller closes the connection. Returns the server's major version.
     */
    static int require(Connection connection, String described) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        int major = metaData.getDatabaseMajorVersion();
        if (major < OLDEST) {
            throw new RetortException(described + " runs PostgreSQL " + metaData.getDatabaseProductVersion()
                    + "; Retort supports PostgreSQL " + OLDEST + " and later. Nothing was changed: upgrade that server "
                    + "(pg_upgrade), or name one of PostgreSQL " + OLDEST + " or later.");
        }
        return major;
    }
}
