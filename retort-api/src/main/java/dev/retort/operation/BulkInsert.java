package dev.retort.operation;

import dev.retort.RetortException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Inserts rows of literal values into a table, as {@code INSERT ... VALUES} statements.
 *
 * <p>Values are written into the SQL as literals, so {@code --sql} prints complete statements
 * without a database. A value is null, a {@link String} or {@link Character}, a {@link Boolean},
 * an {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger},
 * {@link BigDecimal}, {@link Double} or {@link Float}, a {@link LocalDate}, {@link LocalTime},
 * {@link LocalDateTime}, {@link OffsetTime}, {@link OffsetDateTime}, {@link ZonedDateTime} or
 * {@link Instant}, a {@code byte[]} or a {@link UUID}. Byte arrays are copied when the record is made;
 * like all arrays they compare by identity, so two inserts of equal bytes are not equal records.
 *
 * @param rows one list of values per row, in the order of {@code columns}
 */
public record BulkInsert(QualifiedName table, List<String> columns, List<List<Object>> rows) implements Operation {
    private static final Set<Class<?>> VALUE_TYPES = Set.of(
            String.class, Character.class, Boolean.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class, BigDecimal.class,
            Double.class, Float.class,
            LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetTime.class, OffsetDateTime.class,
            ZonedDateTime.class, Instant.class, byte[].class, UUID.class);

    public BulkInsert {
        Require.present(table, "the table to insert into");
        columns = Require.nonEmptyNames(columns, "the columns to insert into table " + table);
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new RetortException("The bulk insert into " + table + " lists a column twice (" + String.join(", ", columns)
                    + "); list each column once.");
        }
        Require.present(rows, "the rows to insert into table " + table);
        List<List<Object>> copies = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copies.add(copyRow(table, columns, row, copies.size() + 1));
        }
        rows = List.copyOf(copies);
    }

    /** Whether {@code value} is of a type that a bulk insert can write as an SQL literal. */
    public static boolean isSupportedValue(Object value) {
        return value == null || VALUE_TYPES.contains(value.getClass());
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }

    private static List<Object> copyRow(QualifiedName table, List<String> columns, List<Object> row, int number) {
        if (row == null || row.size() != columns.size()) {
            throw new RetortException("Row " + number + " of the bulk insert into " + table + " has "
                    + (row == null ? 0 : row.size()) + " value(s) for " + columns.size() + " column(s) ("
                    + String.join(", ", columns) + "); give one value per column.");
        }
        List<Object> copy = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            if (!isSupportedValue(value)) {
                throw new RetortException("Column " + columns.get(i) + " in row " + number + " of the bulk insert into "
                        + table + " holds a " + value.getClass().getName() + ", which Retort cannot write as an "
                        + "SQL literal; convert it to a String, number, Boolean, java.time value, byte[] or UUID.");
            }
            copy.add(value instanceof byte[] bytes ? bytes.clone() : value);
        }
        return Collections.unmodifiableList(copy);
    }
}
