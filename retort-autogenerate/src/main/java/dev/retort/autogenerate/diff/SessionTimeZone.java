package dev.retort.autogenerate.diff;

/**
 * Changes of type whose values PostgreSQL converts in the session's time zone: between {@code timestamp with time
 * zone} and {@code timestamp}, from it to {@code date}, and from {@code date} to it.
 *
 * <p>The session's zone is not the application's: Retort's JDBC connection takes the zone of the machine that runs
 * it (the JVM's, from {@code TZ} or the system's), and a script of {@code upgrade --sql} sets the zone of the machine
 * that printed it. So the same migration stores other values from a laptop in Tokyo than from a CI job in UTC. The cast
 * stays, as PostgreSQL writes it; the warning gives the {@code USING} that pins the zone.
 */
final class SessionTimeZone {
    private static final String ZONED = "timestamp with time zone";
    private static final String PLAIN = "timestamp without time zone";
    private static final String DEPENDS = " in the session's time zone, which a live run and a --sql script take from"
            + " the machine that runs or prints them (its TZ).";

    private SessionTimeZone() {
    }

    /** What a person must know before {@code label} (column {@code column}) goes from {@code from} to {@code to}. */
    static String warning(String label, String column, String from, String to) {
        String source = plain(TypeNames.base(from));
        String target = plain(TypeNames.base(to));
        String change = label + " changes from " + from + " to " + to + ": ";
        String quoted = SqlText.quote(column);
        if (source.equals(ZONED) && target.equals(PLAIN)) {
            return change + "each value becomes its time of day" + DEPENDS + " For times in UTC, write USING "
                    + quoted + " AT TIME ZONE 'UTC'.";
        }
        if (source.equals(PLAIN) && target.equals(ZONED)) {
            return change + "each value is read as a time of day" + DEPENDS + " For values that are UTC times, write "
                    + "USING " + quoted + " AT TIME ZONE 'UTC'.";
        }
        if (source.equals(ZONED) && target.equals("date")) {
            return change + "each value becomes its date" + DEPENDS + " For dates in UTC, write USING (" + quoted
                    + " AT TIME ZONE 'UTC')::date.";
        }
        if (source.equals("date") && target.equals(ZONED)) {
            return change + "each value becomes the midnight of its date" + DEPENDS + " For midnights in UTC, write "
                    + "USING " + quoted + "::timestamp AT TIME ZONE 'UTC'.";
        }
        return null;
    }

    /** {@code timestamp} and {@code timestamptz} spelled as the catalog prints them. */
    private static String plain(String base) {
        return switch (base) {
            case "timestamp" -> PLAIN;
            case "timestamptz" -> ZONED;
            default -> base;
        };
    }
}
