package dev.retort.runtime;

import java.util.Map;
import java.util.TimeZone;

/**
 * The settings a live run's session starts with that psql's does not: the JDBC driver sends the JVM's time zone and
 * {@code DateStyle = ISO} with every connection, over what the server or the database sets. A script printed for
 * psql sets them itself, and gives them back after a migration's own {@code SET}, so that a data migration converts
 * times and writes dates as a live run from the same machine does.
 */
final class DriverSettings {
    private DriverSettings() {
    }

    /** By name in lower case, as {@link ConnectionSource#sessionSettings} gives a session's. */
    static Map<String, String> of(TimeZone zone) {
        return Map.of("timezone", postgresName(zone.getID()), "datestyle", "ISO");
    }

    /**
     * {@code id} as the driver sends it: PostgreSQL reads {@code GMT+05:00} as a POSIX zone, whose sign counts west
     * of Greenwich, so the driver turns a Java offset zone's sign round.
     */
    static String postgresName(String id) {
        if (id.length() > 3 && id.startsWith("GMT") && (id.charAt(3) == '+' || id.charAt(3) == '-')) {
            return "GMT" + (id.charAt(3) == '+' ? '-' : '+') + id.substring(4);
        }
        return id;
    }
}
