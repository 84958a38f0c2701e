package dev.retort.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Writes the values of a bulk insert as Java expressions of exactly the same type and value.
 *
 * <p>The type matters as much as the value: the insert's SQL literal and the operation's equality
 * depend on it, so a {@code Long} is written {@code 5L}, a {@code Short} {@code (short) 5}, and a
 * {@code BigDecimal} keeps its scale ({@code new BigDecimal("1.50")}).
 */
final class Values {
    private Values() {
    }

    /**
     * {@code value} as a Java expression, or null when its type is not one a bulk insert holds.
     *
     * <p>Types with a text form that parses back exactly (dates, times, UUIDs, big numbers) are written
     * through it, which is also the form a reviewer reads most easily.
     */
    static String expression(Object value, Imports imports) {
        if (value == null) {
            return "null";
        } else if (value instanceof String text) {
            return JavaLiterals.string(text);
        } else if (value instanceof Character character) {
            return JavaLiterals.character(character);
        } else if (value instanceof Boolean || value instanceof Integer) {
            return value.toString();
        } else if (value instanceof Long number) {
            return number + "L";
        } else if (value instanceof Short number) {
            return "(short) " + number;
        } else if (value instanceof Byte number) {
            return "(byte) " + number;
        } else if (value instanceof Double number) {
            return floating(number.isNaN(), number.isInfinite(), number > 0, "Double", Double.toString(number));
        } else if (value instanceof Float number) {
            return floating(number.isNaN(), number.isInfinite(), number > 0, "Float", Float.toString(number) + "f");
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            return "new " + imports.type(value.getClass()) + "(" + JavaLiterals.string(value.toString()) + ")";
        } else if (value instanceof UUID) {
            return imports.type(UUID.class) + ".fromString(" + JavaLiterals.string(value.toString()) + ")";
        } else if (value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime
                || value instanceof OffsetTime || value instanceof OffsetDateTime || value instanceof ZonedDateTime
                || value instanceof Instant) {
            return imports.type(value.getClass()) + ".parse(" + JavaLiterals.string(value.toString()) + ")";
        } else if (value instanceof byte[] bytes) {
            return bytes(bytes);
        }
        return null;
    }

    private static String floating(boolean nan, boolean infinite, boolean positive, String type, String literal) {
        if (nan) {
            return type + ".NaN";
        }
        if (infinite) {
            return type + (positive ? ".POSITIVE_INFINITY" : ".NEGATIVE_INFINITY");
        }
        return literal;
    }

    private static String bytes(byte[] bytes) {
        if (bytes.length == 0) {
            return "new byte[0]";
        }
        StringJoiner values = new StringJoiner(", ", "new byte[] {", "}");
        for (byte b : bytes) {
            values.add(Byte.toString(b));
        }
        return values.toString();
    }
}
