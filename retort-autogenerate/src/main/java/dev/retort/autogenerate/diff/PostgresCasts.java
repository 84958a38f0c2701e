package dev.retort.autogenerate.diff;

import java.util.Map;
import java.util.Set;

/**
 * Whether PostgreSQL can cast one built-in type to another, which a {@code USING col::type} needs: PostgreSQL checks
 * the expression when the {@code ALTER TABLE} is parsed, so a cast it lacks fails the migration even on an empty
 * table ({@code cannot cast type bigint to uuid}).
 *
 * <p>The table is PostgreSQL's own {@code pg_cast} between the types autogenerate meets (as PostgreSQL 17 lists
 * them; read with {@code SELECT castsource::regtype, casttarget::regtype FROM pg_cast}), in any context, as an
 * explicit cast may use them all. Besides those: every type casts to and from {@code text},
 * {@code character varying} and {@code character} through its text form (an enum, an array too); an array casts to
 * an array when its elements cast. A type the table does not know (an extension's, a domain) is taken to cast, so
 * as to warn only when PostgreSQL is sure to refuse.
 */
final class PostgresCasts {
    private static final Set<String> STRINGS = Set.of("text", "character varying", "character");
    /** The built-in types this table knows every cast of; casts to and from the string types are left out. */
    private static final Set<String> KNOWN = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision", "money", "boolean", "uuid", "json", "jsonb", "xml", "date",
            "timestamp without time zone", "timestamp with time zone", "time without time zone",
            "time with time zone", "interval", "bytea", "bit", "bit varying", "inet", "cidr", "macaddr", "macaddr8",
            "oid", "tsvector", "point");
    private static final Set<String> CASTS = Set.of(
            "boolean>integer",
            "smallint>integer", "smallint>bigint", "smallint>numeric", "smallint>real", "smallint>double precision",
            "smallint>oid",
            "integer>smallint", "integer>bigint", "integer>numeric", "integer>real", "integer>double precision",
            "integer>money", "integer>boolean", "integer>bit", "integer>oid",
            "bigint>smallint", "bigint>integer", "bigint>numeric", "bigint>real", "bigint>double precision",
            "bigint>money", "bigint>bit", "bigint>oid",
            "numeric>smallint", "numeric>integer", "numeric>bigint", "numeric>real", "numeric>double precision",
            "numeric>money",
            "real>smallint", "real>integer", "real>bigint", "real>numeric", "real>double precision",
            "double precision>smallint", "double precision>integer", "double precision>bigint",
            "double precision>numeric", "double precision>real",
            "money>numeric",
            "oid>integer", "oid>bigint",
            "bit>integer", "bit>bigint", "bit>bit varying", "bit varying>bit",
            "json>jsonb", "jsonb>json", "jsonb>boolean", "jsonb>smallint", "jsonb>integer", "jsonb>bigint",
            "jsonb>numeric", "jsonb>real", "jsonb>double precision",
            "date>timestamp without time zone", "date>timestamp with time zone",
            "timestamp without time zone>date", "timestamp without time zone>time without time zone",
            "timestamp without time zone>timestamp with time zone",
            "timestamp with time zone>date", "timestamp with time zone>time without time zone",
            "timestamp with time zone>timestamp without time zone", "timestamp with time zone>time with time zone",
            "time without time zone>interval", "time without time zone>time with time zone",
            "time with time zone>time without time zone", "interval>time without time zone",
            "inet>cidr", "cidr>inet", "macaddr>macaddr8", "macaddr8>macaddr");
    /** What converts the values where no cast does, for the changes a mapping change commonly makes. */
    private static final Map<String, String> CONVERSIONS = Map.of(
            "boolean>smallint", "%s::integer",
            "boolean>bigint", "%s::integer",
            "bigint>timestamp with time zone", "to_timestamp(%s)",
            "integer>timestamp with time zone", "to_timestamp(%s)",
            "timestamp with time zone>bigint", "extract(epoch from %s)",
            "timestamp without time zone>bigint", "extract(epoch from %s)",
            "numeric>interval", "%s * interval '1 second'",
            "bigint>interval", "%s * interval '1 second'",
            "interval>numeric", "extract(epoch from %s)",
            "interval>bigint", "extract(epoch from %s)");

    private PostgresCasts() {
    }

    /**
     * Whether PostgreSQL has a cast from {@code from} to {@code to} (catalog type names, modifiers and all), given
     * which types are enums.
     */
    static boolean exists(String from, String to, EnumPlan enums) {
        boolean fromArray = TypeNames.isArray(from);
        boolean toArray = TypeNames.isArray(to);
        String source = element(from);
        String target = element(to);
        if (fromArray != toArray) {
            // Only the text form links a single value and an array.
            return STRINGS.contains(fromArray ? target : source);
        }
        if (source.equals(target) || STRINGS.contains(source) || STRINGS.contains(target)) {
            return true;
        }
        boolean sourceEnum = enums.isEnum(source);
        boolean targetEnum = enums.isEnum(target);
        if (sourceEnum || targetEnum) {
            // An enum casts to nothing but the string types and the enums (through text; see ColumnChanges).
            return sourceEnum && targetEnum || !KNOWN.contains(sourceEnum ? target : source);
        }
        if (!KNOWN.contains(source) || !KNOWN.contains(target)) {
            return true;
        }
        return CASTS.contains(source + ">" + target);
    }

    /**
     * The warning for {@code label} whose type cannot be cast from {@code from} to {@code to}: the step fails as
     * written, and what to write instead; {@code example} is a conversion to suggest, or null.
     */
    static String warning(String label, String from, String to, String example) {
        return label + " changes from " + from + " to " + to + ", but PostgreSQL has no cast from " + element(from)
                + " to " + element(to) + ", so this step fails as written, even on an empty table. Write a USING"
                + " expression that converts the values" + (example == null ? "" : " (" + example + ")")
                + ", or drop the column and add it again when its values need not be kept.";
    }

    /**
     * Hibernate's column for a {@code java.time.Duration} (without an interval JDBC type), which holds nanoseconds:
     * converted as seconds, a one-hour value would become a billion hours.
     */
    private static final String NANOSECONDS = "numeric(21,0)";

    /** A common conversion of {@code column} from {@code from} to {@code to} where no cast exists, or null. */
    static String conversion(String column, String from, String to) {
        String key = element(from) + ">" + element(to);
        if (key.equals("numeric>interval") && from.equals(NANOSECONDS)) {
            return "here perhaps " + SqlText.quote(column) + " / 1e9 * interval '1 second', as a Duration that "
                    + "Hibernate maps to " + NANOSECONDS + " holds nanoseconds";
        }
        if (key.equals("interval>numeric") && to.equals(NANOSECONDS)) {
            return "here perhaps extract(epoch from " + SqlText.quote(column) + ") * 1e9, as a Duration that "
                    + "Hibernate maps to " + NANOSECONDS + " holds nanoseconds";
        }
        String conversion = CONVERSIONS.get(key);
        return conversion == null || TypeNames.isArray(from) || TypeNames.isArray(to) ? null
                : "here perhaps " + String.format(conversion, SqlText.quote(column));
    }

    /** The base type of {@code type}, or of its elements, without modifiers or an interval's fields. */
    private static String element(String type) {
        String base = TypeNames.base(type);
        if (TypeNames.isArray(base)) {
            base = base.substring(0, base.length() - 2);
        }
        return base.startsWith("interval") ? "interval" : base;
    }
}
