package dev.retort.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells, for a column's new type, from which types PostgreSQL converts every value to it unchanged: a wider integer,
 * a {@code numeric} with room for as many digits on either side of the point, a longer {@code varchar}, {@code text}
 * from {@code varchar}, a time type with as many digits after the second or more, or {@code timestamp} from
 * {@code date}. A change of type from one of those loses nothing, so {@code --backup} need not
 * copy the column first (a key column's change from {@code integer} to {@code bigint} would otherwise copy the whole
 * table, which the change rewrites anyway).
 *
 * <p>The column's current type is not known when the statements are written (a live run and its printed SQL do the
 * same), so the answer is a condition the server checks on the column's {@code pg_attribute} row, by type and type
 * modifier. Only the built-in names of those types are read (any case, {@code int}, {@code int4}, {@code character
 * varying(20)}, {@code decimal(12, 2)} ...): any other type, an array, or a name qualified by a schema gets no
 * condition, and the column is copied, as is one changed with {@code USING} or {@code COLLATE}, which the caller
 * leaves out. A domain over one of those types is another type here.
 */
public final class TypeWidening {
    private static final String INT2 = "'int2'::regtype";
    private static final String INT4 = "'int4'::regtype";
    private static final String INT8 = "'int8'::regtype";
    private static final String FLOAT4 = "'float4'::regtype";
    private static final String FLOAT8 = "'float8'::regtype";
    private static final String NUMERIC = "'numeric'::regtype";
    private static final String VARCHAR = "'varchar'::regtype";
    private static final String TEXT = "'text'::regtype";
    private static final String DATE = "'date'::regtype";
    private static final String TIMESTAMP = "'timestamp'::regtype";
    private static final String TIMESTAMPTZ = "'timestamptz'::regtype";
    private static final String TIME = "'time'::regtype";
    private static final String TIMETZ = "'timetz'::regtype";
    /** The most digits after the second that PostgreSQL keeps, and so what a time type without (p) has. */
    private static final long MICROSECONDS = 6;
    /** The digits before the point of a {@code numeric(p, s)} column's type modifier, and after it. */
    private static final String INTEGER_DIGITS = "((a.atttypmod - 4) >> 16) - ((a.atttypmod - 4) & 2047)";
    private static final String SCALE = "((a.atttypmod - 4) & 2047)";

    private TypeWidening() {
    }

    /**
     * A condition on {@code a}, the changed column's {@code pg_attribute} row, that holds when its type converts to
     * {@code newType} without changing any value; null when {@code newType} is not one this reads.
     */
    public static String lossless(String newType) {
        List<SqlToken> tokens = SqlToken.of(newType);
        List<String> words = new ArrayList<>();
        int at = 0;
        for (; at < tokens.size() && tokens.get(at).kind() == SqlToken.Kind.WORD; at++) {
            words.add(tokens.get(at).name());
        }
        List<Long> modifiers = modifiers(tokens.subList(at, tokens.size()));
        if (modifiers == null) {
            return null;
        }
        String name = String.join(" ", words);
        return switch (name) {
            case "smallint", "int2" -> modifiers.isEmpty() ? oneOf(INT2) : null;
            case "integer", "int", "int4" -> modifiers.isEmpty() ? oneOf(INT2, INT4) : null;
            case "bigint", "int8" -> modifiers.isEmpty() ? oneOf(INT2, INT4, INT8) : null;
            // A float4 holds every integer of 24 bits, a float8 every one of 53.
            case "real", "float4" -> modifiers.isEmpty() ? oneOf(INT2, FLOAT4) : null;
            case "double precision", "float8" -> modifiers.isEmpty() ? oneOf(INT2, INT4, FLOAT4, FLOAT8) : null;
            case "numeric", "decimal" -> numeric(modifiers);
            case "text" -> modifiers.isEmpty() ? oneOf(VARCHAR, TEXT) : null;
            case "varchar", "character varying" -> varchar(modifiers);
            // A date is the timestamp of its midnight. With a time zone, that midnight would be the session's.
            case "timestamp", "timestamp without time zone" -> fractions(TIMESTAMP, modifiers, DATE);
            case "timestamptz", "timestamp with time zone" -> fractions(TIMESTAMPTZ, modifiers);
            case "time", "time without time zone" -> fractions(TIME, modifiers);
            case "timetz", "time with time zone" -> fractions(TIMETZ, modifiers);
            default -> null;
        };
    }

    /** The numbers of {@code (p)} or {@code (p, s)}, the whole rest of a type; empty for none, null for all else. */
    private static List<Long> modifiers(List<SqlToken> rest) {
        if (rest.isEmpty()) {
            return List.of();
        }
        if (!rest.get(0).is("(") || !rest.get(rest.size() - 1).is(")") || rest.size() != 3 && rest.size() != 5) {
            return null;
        }
        List<Long> numbers = new ArrayList<>();
        for (int i = 1; i < rest.size() - 1; i += 2) {
            SqlToken number = rest.get(i);
            if (number.kind() != SqlToken.Kind.NUMBER || !number.text().matches("[0-9]{1,4}")
                    || i + 1 < rest.size() - 1 && !rest.get(i + 1).is(",")) {
                return null;
            }
            numbers.add(Long.parseLong(number.text()));
        }
        return numbers;
    }

    private static String numeric(List<Long> modifiers) {
        if (modifiers.isEmpty()) {
            return oneOf(INT2, INT4, INT8, NUMERIC);
        }
        long scale = modifiers.size() == 2 ? modifiers.get(1) : 0;
        long integerDigits = modifiers.get(0) - scale;
        List<String> integers = new ArrayList<>();
        // smallint, integer and bigint hold numbers of up to 5, 10 and 19 digits.
        if (integerDigits >= 5) {
            integers.add(INT2);
        }
        if (integerDigits >= 10) {
            integers.add(INT4);
        }
        if (integerDigits >= 19) {
            integers.add(INT8);
        }
        // A numeric(p, s) of as many digits before the point and as many after, or fewer. A negative scale
        // (PostgreSQL 15 and later) reads as a large one here, and is copied.
        String narrowerNumeric = "a.atttypid = " + NUMERIC + " AND a.atttypmod >= 4 AND " + INTEGER_DIGITS + " <= "
                + integerDigits + " AND " + SCALE + " <= " + scale;
        return integers.isEmpty() ? "(" + narrowerNumeric + ")" : "(" + oneOf(integers.toArray(String[]::new))
                + " OR " + narrowerNumeric + ")";
    }

    private static String varchar(List<Long> modifiers) {
        if (modifiers.isEmpty()) {
            return oneOf(VARCHAR, TEXT);
        }
        if (modifiers.size() != 1) {
            return null;
        }
        // A varchar(n)'s type modifier is n + 4; an unconstrained one's is -1 and may hold longer strings.
        return "(a.atttypid = " + VARCHAR + " AND a.atttypmod BETWEEN 5 AND " + (modifiers.get(0) + 4) + ")";
    }

    /**
     * A condition for {@code type} with {@code modifiers} (its digits after the second, or none): from the same type
     * with as many digits or fewer (a time type's modifier is its digits, -1 without), or from one of {@code wholly}.
     */
    private static String fractions(String type, List<Long> modifiers, String... wholly) {
        if (modifiers.size() > 1) {
            return null;
        }
        List<String> types = new ArrayList<>(List.of(wholly));
        if (modifiers.isEmpty() || modifiers.get(0) >= MICROSECONDS) {
            types.add(type);
            return oneOf(types.toArray(String[]::new));
        }
        String fewerDigits = "a.atttypid = " + type + " AND a.atttypmod BETWEEN 0 AND " + modifiers.get(0);
        return types.isEmpty() ? "(" + fewerDigits + ")" : "(" + oneOf(types.toArray(String[]::new)) + " OR "
                + fewerDigits + ")";
    }

    private static String oneOf(String... types) {
        return "a.atttypid IN (" + String.join(", ", types) + ")";
    }
}
