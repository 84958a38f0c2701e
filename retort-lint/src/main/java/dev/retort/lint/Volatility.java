package dev.retort.lint;

import java.util.regex.Pattern;

/**
 * Tells defaults that PostgreSQL must compute row by row from those it can store once.
 *
 * <p>Since PostgreSQL 11, adding a column with a constant or stable default ({@code 0},
 * {@code now()}) only records the value; a volatile default ({@code random()}, {@code nextval(...)})
 * has to be written into every row, which rewrites the table.
 */
final class Volatility {
    private static final Pattern VOLATILE_CALL = Pattern.compile(
            "\\b(random|clock_timestamp|statement_timestamp|timeofday|gen_random_uuid|gen_random_bytes"
                    + "|uuid_generate_v[1-4]\\w*|uuidv4|uuidv7|nextval|txid_current|setseed)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SERIAL = Pattern.compile("\\s*(small|big)?serial[248]?\\s*", Pattern.CASE_INSENSITIVE);

    private Volatility() {
    }

    /** Whether the default expression calls a volatile function; false for null. */
    static boolean isVolatile(String defaultExpression) {
        return defaultExpression != null && VOLATILE_CALL.matcher(defaultExpression).find();
    }

    /** Whether {@code type} is a serial type, whose implicit default is {@code nextval(...)}. */
    static boolean isSerial(String type) {
        return type != null && SERIAL.matcher(type).matches();
    }
}
