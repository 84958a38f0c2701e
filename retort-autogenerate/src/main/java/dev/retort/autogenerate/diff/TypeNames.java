package dev.retort.autogenerate.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads PostgreSQL type names as the catalog prints them ({@code character varying(20)}, {@code numeric(10,2)},
 * {@code timestamp(3) without time zone}, {@code integer[]}): their base type, their modifiers, and whether
 * changing one into another can lose data.
 */
final class TypeNames {
    /**
     * Conversions between base types that keep every value exactly (and, with {@link #integerIntoNumeric}, an integer
     * into a {@code numeric} that holds it), the same as {@code --backup} skips. Everything else across base types
     * counts as losing data, because it rewrites or reinterprets values (text to number, timestamp to timestamptz,
     * ...).
     */
    private static final Set<String> LOSSLESS = Set.of(
            "character varying>text",
            "smallint>integer",
            "smallint>bigint",
            "integer>bigint",
            "real>double precision",
            // A float's mantissa holds every integer of 24 (real) or 53 (double precision) bits exactly.
            "smallint>real",
            "smallint>double precision",
            "integer>double precision",
            // A date is the timestamp of its midnight (with a time zone, of the session's midnight).
            "date>timestamp without time zone");
    /** The digits of each integer type's largest value, which a {@code numeric} needs before its point. */
    private static final Map<String, Long> INTEGER_DIGITS = Map.of("smallint", 5L, "integer", 10L, "bigint", 19L);

    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");
    private static final Set<String> TEXTS = Set.of("character varying", "text", "character");
    /** The string types a {@code character(n)} value becomes without the blanks that pad it. */
    private static final Set<String> UNPADDED = Set.of("character varying", "text");
    /** The types whose modifier is their digits after the second, at most 6 (microseconds). */
    private static final Set<String> TIMES = Set.of("timestamp without time zone", "timestamp with time zone",
            "time without time zone", "time with time zone", "interval");
    private static final long MICROSECONDS = 6;

    private TypeNames() {
    }

    /** The type without its modifiers: {@code character varying(20)[]} gives {@code character varying[]}. */
    static String base(String type) {
        StringBuilder base = new StringBuilder(type.length());
        int depth = 0;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                base.append(c);
            }
        }
        return base.toString().trim().replaceAll("\\s+", " ");
    }

    /** Whether the two types differ at most in their modifiers (length, precision, scale). */
    static boolean sameBase(String from, String to) {
        return base(from).equals(base(to));
    }

    /**
     * Whether changing a column from {@code from} to {@code to} can lose or rewrite data: a shorter length or
     * precision, a bounded type from an unbounded one, or any change of base type but a few exact widenings. An array
     * is converted element by element, so it loses data when its elements do.
     */
    static boolean losesData(String from, String to) {
        if (from.equals(to)) {
            return false;
        }
        if (isArray(from) && isArray(to)) {
            return losesData(element(from), element(to));
        }
        if (!sameBase(from, to)) {
            return !LOSSLESS.contains(base(from) + ">" + base(to)) && !integerIntoNumeric(from, to)
                    && !unpaddedFits(from, to);
        }
        List<Long> before = modifiers(from);
        List<Long> after = modifiers(to);
        if (TIMES.contains(base(from))) {
            // Without (p), a time type keeps what it is given to the microsecond, as with (6).
            before = before.isEmpty() ? List.of(MICROSECONDS) : before;
            after = after.isEmpty() ? List.of(MICROSECONDS) : after;
        }
        if (after.isEmpty()) {
            return false;
        }
        if (before.isEmpty() || before.size() != after.size()) {
            return true;
        }
        String base = base(from);
        if (base.startsWith("numeric") || base.startsWith("decimal")) {
            long precisionBefore = before.get(0);
            long precisionAfter = after.get(0);
            long scaleBefore = before.size() > 1 ? before.get(1) : 0;
            long scaleAfter = after.size() > 1 ? after.get(1) : 0;
            // numeric(10,2) -> numeric(10,4) keeps precision but loses two digits before the point.
            return scaleAfter < scaleBefore || precisionAfter - scaleAfter < precisionBefore - scaleBefore;
        }
        for (int i = 0; i < before.size(); i++) {
            if (after.get(i) < before.get(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code to} is a {@code numeric} with room for every value of {@code from}, an integer type. */
    private static boolean integerIntoNumeric(String from, String to) {
        Long digits = INTEGER_DIGITS.get(base(from));
        if (digits == null || !base(to).equals("numeric")) {
            return false;
        }
        List<Long> modifiers = modifiers(to);
        long scale = modifiers.size() > 1 ? modifiers.get(1) : 0;
        // A negative scale (PostgreSQL 15) rounds to tens, hundreds, ...: 123456 into numeric(12,-2) is 123500.
        return modifiers.isEmpty() || scale >= 0 && modifiers.get(0) - scale >= digits;
    }

    /**
     * Whether {@code from} is a {@code character(n)} and {@code to} a string type with room for n characters. The cast
     * drops the blanks that pad each value to n, which PostgreSQL counts as no part of it: it compares and measures a
     * {@code character(n)} without them, so no value changes (see {@link #dropsPadding}).
     */
    static boolean unpaddedFits(String from, String to) {
        List<Long> length = modifiers(from);
        if (!base(from).equals("character") || length.size() != 1 || !UNPADDED.contains(base(to))) {
            return false;
        }
        List<Long> room = modifiers(to);
        return room.isEmpty() || room.size() == 1 && room.get(0) >= length.get(0);
    }

    /** Whether a change from {@code from} to {@code to} goes from {@code character(n)} to another string type. */
    static boolean dropsPadding(String from, String to) {
        return base(element(from)).equals("character") && UNPADDED.contains(base(element(to)))
                && isArray(from) == isArray(to);
    }

    /**
     * Whether a change from {@code from} to {@code to} turns integers into text, as changing an enum from
     * {@code @Enumerated(ORDINAL)} to {@code STRING} does: the values survive, but as digits, not as the names.
     */
    static boolean numberToText(String from, String to) {
        return INTEGERS.contains(base(from)) && TEXTS.contains(base(to));
    }

    /** Whether {@code from} holds text and {@code to} integers: the reverse of {@link #numberToText}. */
    static boolean textToNumber(String from, String to) {
        return numberToText(to, from);
    }

    /** The numbers in the type's first parentheses: {@code numeric(10,2)} gives [10, 2]; none gives []. */
    static List<Long> modifiers(String type) {
        int open = type.indexOf('(');
        int close = type.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return List.of();
        }
        List<Long> numbers = new ArrayList<>();
        for (String part : type.substring(open + 1, close).split(",")) {
            try {
                numbers.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return numbers;
    }

    /** Whether {@code type} is an array type. */
    static boolean isArray(String type) {
        return type.endsWith("[]");
    }

    /** The type of an array's elements, with their modifiers ({@code character varying(20)}); else the type. */
    static String element(String type) {
        return isArray(type) ? type.substring(0, type.length() - 2) : type;
    }
}
