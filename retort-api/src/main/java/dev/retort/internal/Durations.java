package dev.retort.internal;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The durations retort.toml's timeouts take, read as PostgreSQL reads its own: "500ms", "5s", "2min", "1h", "1d". */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)?");
    private static final BigInteger LONGEST = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * {@code duration} in milliseconds (no unit: milliseconds, as PostgreSQL takes {@code lock_timeout});
     * {@code Long.MAX_VALUE} for one longer than that.
     *
     * @throws IllegalArgumentException when {@code duration} is not a whole number with one of those units
     */
    public static long millis(String duration) {
        Matcher m = DURATION.matcher(duration.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + duration);
        }
        long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> 1_000L;
            case "min" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 1L;
        };
        return new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit)).min(LONGEST).longValueExact();
    }
}
