package dev.retort.dialect.postgres;

import dev.retort.RetortException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/** Writes Java values as PostgreSQL literals, so that statements print complete for {@code --sql}. */
final class Literals {
    private Literals() {
    }

    /**
     * The formats of times, set up on first use: DateTimeFormatter's own set-up (every ISO format) takes about 2 ms,
     * which every command that quotes a name or a string paid, on its way to the first query.
     */
    private static final class Formats {
        static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;
        // "xxxxx" prints +00:00 rather than Z, and keeps the seconds of historic offsets.
        static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxxxx");
    }

    /** {@code value} as an SQL literal; see {@link dev.retort.operation.BulkInsert} for the supported types. */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof String text) {
            return string(text);
        } else if (value instanceof Character character) {
            return string(character.toString());
        } else if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof Double number) {
            return floating(number, Double.toString(number), "double precision");
        } else if (value instanceof Float number) {
            return floating(number.doubleValue(), Float.toString(number), "real");
        } else if (value instanceof LocalDate date) {
            return "DATE '" + date(date) + "'";
        } else if (value instanceof LocalTime time) {
            return "TIME '" + Formats.TIME.format(time) + "'";
        } else if (value instanceof LocalDateTime dateTime) {
            return "TIMESTAMP '" + timestamp(dateTime, "") + "'";
        } else if (value instanceof OffsetDateTime dateTime) {
            return "TIMESTAMP WITH TIME ZONE '" + timestamp(dateTime.toLocalDateTime(), Formats.OFFSET.format(dateTime))
                    + "'";
        } else if (value instanceof ZonedDateTime dateTime) {
            return literal(dateTime.toOffsetDateTime());
        } else if (value instanceof Instant instant) {
            return literal(instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof OffsetTime time) {
            return "TIME WITH TIME ZONE '" + Formats.TIME.format(time.toLocalTime()) + Formats.OFFSET.format(time)
                    + "'";
        } else if (value instanceof byte[] bytes) {
            return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
        } else if (value instanceof UUID uuid) {
            return "'" + uuid + "'::uuid";
        }
        throw new RetortException("Retort cannot write a value of type " + value.getClass().getName()
                + " as an SQL literal; use a String, number, Boolean, java.time value, byte[] or UUID.");
    }

    /**
     * A string literal: standard ({@code 'it''s'}) unless the text holds a backslash.
     *
     * <p>A backslash means itself in a standard string only while {@code standard_conforming_strings}
     * is on; an escape string ({@code E'a\\b'}) means the same text under either setting.
     */
    static String string(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new RetortException("Text \"" + text.replace("\0", "\\0") + "\" contains a NUL character, "
                    + "which PostgreSQL text cannot hold; remove it or store the value as bytea.");
        }
        String quoted = text.replace("'", "''");
        if (text.indexOf('\\') < 0) {
            return "'" + quoted + "'";
        }
        return "E'" + quoted.replace("\\", "\\\\") + "'";
    }

    /**
     * A double or float: its decimal text, or a typed string where no numeric literal means the value. Negative zero
     * is one: PostgreSQL reads {@code -0.0} as the numeric {@code 0.0} negated, which is plain 0.
     */
    private static String floating(double value, String text, String type) {
        if (Double.isNaN(value)) {
            return "'NaN'::" + type;
        } else if (Double.isInfinite(value)) {
            return (value > 0 ? "'Infinity'::" : "'-Infinity'::") + type;
        } else if (value == 0 && 1 / value < 0) {
            return "'-0'::" + type;
        }
        return text;
    }

    private static String timestamp(LocalDateTime dateTime, String offset) {
        LocalDate date = dateTime.toLocalDate();
        return yearMonthDay(date) + " " + Formats.TIME.format(dateTime.toLocalTime()) + offset + era(date);
    }

    private static String date(LocalDate date) {
        return yearMonthDay(date) + era(date);
    }

    /**
     * The date as {@code YYYY-MM-DD} with the year counted PostgreSQL's way.
     *
     * <p>Java counts years astronomically (year 0 is 1 BC); PostgreSQL writes years before 1 AD with
     * a trailing {@code BC} and has no year 0.
     */
    private static String yearMonthDay(LocalDate date) {
        int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
        return String.format("%04d-%02d-%02d", year, date.getMonthValue(), date.getDayOfMonth());
    }

    private static String era(LocalDate date) {
        return date.getYear() > 0 ? "" : " BC";
    }
}
