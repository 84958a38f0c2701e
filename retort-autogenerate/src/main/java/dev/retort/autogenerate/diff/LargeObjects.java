package dev.retort.autogenerate.diff;

import java.util.Set;

/**
 * Converting a column between {@code oid} (a large object's id) and the contents it names.
 *
 * <p>Hibernate maps {@code @Lob String} and {@code @Lob byte[]} to {@code oid} on PostgreSQL: the column holds
 * the id of a large object that holds the value. Dropping {@code @Lob} (or mapping the field to {@code text} or
 * {@code bytea}) changes the column's type, and the plain cast {@code notes::text} would write each id as digits
 * and leave the contents behind. So the contents are read with {@code lo_get}, and going back to {@code oid}
 * they are written to new large objects with {@code lo_from_bytea}. Text is UTF-8, as the PostgreSQL JDBC driver
 * writes a {@code Clob}.
 */
final class LargeObjects {
    private static final Set<String> TEXTS = Set.of("text", "character varying", "character");

    private LargeObjects() {
    }

    /** The {@code USING} expression that converts {@code column} (quoted) between large objects and contents. */
    static String using(String column, String from, String to) {
        String source = TypeNames.base(from);
        String target = TypeNames.base(to);
        if (source.equals("oid") && target.equals("bytea")) {
            return "lo_get(" + column + ")";
        }
        if (source.equals("oid") && TEXTS.contains(target)) {
            return "convert_from(lo_get(" + column + "), 'UTF8')";
        }
        if (source.equals("bytea") && target.equals("oid")) {
            return "lo_from_bytea(0, " + column + ")";
        }
        if (TEXTS.contains(source) && target.equals("oid")) {
            return "lo_from_bytea(0, convert_to(" + column + ", 'UTF8'))";
        }
        return null;
    }

    /** What the conversion leaves for the user: the large objects the column named stay, or new ones are made. */
    static String warning(String column, String from, String to) {
        if (TypeNames.base(from).equals("oid")) {
            return column + " changes from oid to " + to + ": the values are read from the large objects the column "
                    + "names (lo_get), which stay in the database until removed with lo_unlink, or vacuumlo.";
        }
        return column + " changes from " + from + " to oid: each value is written to a new large object "
                + "(lo_from_bytea), which a downgrade or a later change leaves behind until removed with lo_unlink.";
    }
}
