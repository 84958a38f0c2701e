package dev.retort.autogenerate.diff;

import dev.retort.operation.CheckDef;
import dev.retort.operation.IndexElement;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the two forms in which PostgreSQL prints a cast array of literals, so that a check or partial index that
 * Hibernate's own DDL made does not differ from the same one a migration made.
 *
 * <p>{@code status IN ('NEW','PAID')} over a {@code varchar} column is stored as
 * {@code (status)::text = ANY ((ARRAY['NEW'::character varying, 'PAID'::character varying])::text[])}. Parsed again,
 * as a migration written from that text is, the cast goes into the array's elements:
 * {@code ARRAY[('NEW'::character varying)::text, ('PAID'::character varying)::text]}, which then reads back as it is.
 * The dev database prints the second form (see {@code ScratchDatabase}), while a database Hibernate's
 * {@code ddl-auto} or a script it wrote built holds the first. Both mean the same, so the first is rewritten into
 * the second; only arrays of plain literals are, the form that PostgreSQL itself moves the cast into.
 */
final class ArrayCasts {
    private static final String OPEN = "(ARRAY[";
    private static final String CLOSE = "])::";

    private ArrayCasts() {
    }

    static DatabaseSchema fold(DatabaseSchema schema) {
        List<Table> tables = schema.tables().stream().map(ArrayCasts::fold).toList();
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    private static Table fold(Table t) {
        List<CheckDef> checks = t.checks().stream()
                .map(c -> new CheckDef(c.name(), fold(c.expression())))
                .toList();
        List<Index> indexes = t.indexes().stream().map(ArrayCasts::fold).toList();
        return new Table(t.name(), t.columns(), t.primaryKey(), t.uniques(), t.foreignKeys(), checks, indexes,
                t.comment(), t.inherits(), t.inheritedColumns(), t.inheritedChecks(),
                t.unvalidatedNotNulls(), t.readers(), t.settings(), t.exclusions());
    }

    private static Index fold(Index index) {
        List<IndexElement> elements = index.elements().stream()
                .map(e -> e.expression() == null ? e
                        : new IndexElement(null, fold(e.expression()), e.operatorClass(), e.descending(), e.nulls(),
                                e.collation()))
                .toList();
        String predicate = index.predicate() == null ? null : fold(index.predicate());
        return new Index(index.name(), index.unique(), index.nullsNotDistinct(), index.method(), elements,
                index.include(), predicate, index.storage());
    }

    /** {@code expression} with each {@code (ARRAY['a'::t, ...])::u[]} written {@code ARRAY[('a'::t)::u, ...]}. */
    static String fold(String expression) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int open = expression.indexOf(OPEN);
        while (open >= 0) {
            int end = foldedArray(expression, open, out.append(expression, from, open));
            if (end < 0) {
                out.append(OPEN);
                from = open + OPEN.length();
            } else {
                from = end;
            }
            open = expression.indexOf(OPEN, from);
        }
        return out.append(expression.substring(from)).toString();
    }

    /**
     * Appends to {@code out} the folded form of the cast array starting at {@code open}, and returns where it ends;
     * or returns -1, appending nothing, when what starts there is not a cast array of literals.
     */
    private static int foldedArray(String text, int open, StringBuilder out) {
        List<String> literals = new ArrayList<>();
        int at = open + OPEN.length();
        while (true) {
            int literalEnd = literalEnd(text, at);
            if (literalEnd < 0 || !text.startsWith("::", literalEnd)) {
                return -1;
            }
            int typeEnd = typeEnd(text, literalEnd + 2);
            if (typeEnd < 0) {
                return -1;
            }
            literals.add(text.substring(at, typeEnd));
            if (text.startsWith(", ", typeEnd)) {
                at = typeEnd + 2;
            } else if (text.startsWith(CLOSE, typeEnd)) {
                at = typeEnd + CLOSE.length();
                break;
            } else {
                return -1;
            }
        }
        int arrayType = text.indexOf("[]", at);
        if (arrayType < 0) {
            return -1;
        }
        String elementType = text.substring(at, arrayType);
        if (elementType.isEmpty() || typeEnd(elementType, 0) != elementType.length()) {
            return -1;
        }
        out.append("ARRAY[");
        for (int i = 0; i < literals.size(); i++) {
            out.append(i == 0 ? "" : ", ").append('(').append(literals.get(i)).append(")::").append(elementType);
        }
        out.append(']');
        return arrayType + 2;
    }

    /** The end of the string literal starting at {@code at} (its doubled quotes inside), or -1 if none starts there. */
    private static int literalEnd(String text, int at) {
        if (!text.startsWith("'", at)) {
            return -1;
        }
        int i = at + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** The end of the type name starting at {@code at}: letters, digits, {@code _}, spaces and dots ({@code "} too). */
    private static int typeEnd(String text, int at) {
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean part = Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '"'
                    || (c == ' ' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1)) && i > at);
            if (!part) {
                break;
            }
            i++;
        }
        return i == at ? -1 : i;
    }
}
