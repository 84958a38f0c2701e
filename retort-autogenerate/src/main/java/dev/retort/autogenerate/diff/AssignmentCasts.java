package dev.retort.autogenerate.diff;

import java.util.List;
import java.util.Set;

/**
 * Changes of type into a type bounded by a length, which an explicit cast would make fit: {@code USING
 * body::character varying(255)} cuts a 300-character text to its first 255 characters without an error, where the
 * assignment cast that a plain {@code ALTER COLUMN ... TYPE} applies rejects it, and the migration fails and changes
 * nothing. Such changes are written without the explicit cast to the bounded type.
 *
 * <p>What PostgreSQL does (checked on 17):
 * <ul>
 *   <li>{@code varchar(n)}, {@code character(n)} and arrays of them: every type has an assignment cast to them, through
 *       its text form (an enum, a number, a {@code uuid}, {@code jsonb}, a timestamp, an array ...), which fails on a
 *       value too long. So no {@code USING}.</li>
 *   <li>{@code bit(n)}, {@code bit varying(n)}: from the other bit type, an assignment cast, which fails on a length
 *       that does not fit, where the explicit cast pads with zeros or cuts. So no {@code USING}. From text, only an
 *       explicit cast, which also pads or cuts: the column is cast to {@code bit varying}, which has no bound, and
 *       assigning that to the new type checks the length. From {@code integer} or {@code bigint}, only an explicit
 *       cast, which keeps each number's lowest n bits: it stays, with a warning.</li>
 *   <li>{@code numeric(p, s)} and the time types with a precision round in an assignment as in an explicit cast, and
 *       fail alike on too many digits before the point: their cast stays.</li>
 * </ul>
 */
final class AssignmentCasts {
    private static final Set<String> STRINGS = Set.of("character varying", "character");
    private static final Set<String> BITS = Set.of("bit", "bit varying");
    private static final Set<String> INTEGERS = Set.of("integer", "bigint");

    private AssignmentCasts() {
    }

    /**
     * The type to cast a column of {@code from} to in its {@code USING} when it becomes {@code to}, of another base
     * type: {@code to} itself, {@code bit varying} (or its array) when the assignment to {@code to} must check the
     * length, or null when the column needs no {@code USING}, as the assignment cast converts it.
     */
    static String castType(String from, String to) {
        String target = element(to);
        String source = element(from);
        boolean sameShape = TypeNames.isArray(from) == TypeNames.isArray(to);
        if (!bounded(to) || !sameShape && TypeNames.isArray(to)) {
            // Nothing cuts into a type without a bound; a single value into an array takes more than a cast.
            return to;
        }
        if (STRINGS.contains(target)) {
            return null;
        }
        if (BITS.contains(target)) {
            if (BITS.contains(source) && sameShape) {
                return null;
            }
            return INTEGERS.contains(source) ? to : "bit varying" + (TypeNames.isArray(to) ? "[]" : "");
        }
        return to;
    }

    /**
     * What a person must know before {@code label} changes from {@code from} to {@code to}, or null: a value that does
     * not fit a bounded string type makes the migration fail, and an integer made bits is cut to fit.
     */
    static String warning(String label, String from, String to) {
        String target = element(to);
        if (!bounded(to) || !TypeNames.losesData(from, to)) {
            return null;
        }
        long length = TypeNames.modifiers(to).get(0);
        if (STRINGS.contains(target) && element(from).equals("boolean") && length < "false".length()) {
            // What a converter's mapping (Hibernate's YesNoConverter, TrueFalseConverter) stored before it went.
            String column = label.substring(label.lastIndexOf('.') + 1);
            String fails = length < "true".length() ? "every row that is not null makes"
                    : "a row that holds false makes";
            return label + " changes from " + from + " to " + to + ": a boolean's text is true or false, longer than "
                    + length + (length == 1 ? " character" : " characters") + " for " + (length < "true".length()
                    ? "both" : "false") + ", so " + fails + " the migration fail. Write the letters the column held, "
                    + "as in USING CASE WHEN " + column + " THEN 'Y' ELSE 'N' END for Hibernate's YesNoConverter ('T' "
                    + "and 'F' for TrueFalseConverter).";
        }
        if (STRINGS.contains(target) && bounded(from) && STRINGS.contains(element(from))
                && TypeNames.modifiers(from).get(0) <= length) {
            // varchar(4) to character(5), the way back from character(5) to varchar(5): every value fits.
            return null;
        }
        if (STRINGS.contains(target)) {
            return label + " changes from " + from + " to " + to + ": a value longer than " + length + " characters"
                    + " makes the migration fail, and change nothing (PostgreSQL cuts none); shorten such values"
                    + " first.";
        }
        if (BITS.contains(target) && INTEGERS.contains(element(from)) && castType(from, to) != null) {
            return label + " changes from " + from + " to " + to + ": PostgreSQL casts each number to its lowest "
                    + length + " bits, so a number that needs more is cut without an error.";
        }
        return null;
    }

    /** Whether {@code type} has a length: {@code character varying(20)}, {@code bit(8)[]}. */
    private static boolean bounded(String type) {
        String element = element(type);
        List<Long> modifiers = TypeNames.modifiers(type);
        return (STRINGS.contains(element) || BITS.contains(element)) && modifiers.size() == 1;
    }

    /** The base type of {@code type}, or of its elements. */
    private static String element(String type) {
        String base = TypeNames.base(type);
        return TypeNames.isArray(base) ? base.substring(0, base.length() - 2) : base;
    }
}
