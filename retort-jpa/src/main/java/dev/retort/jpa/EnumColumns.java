package dev.retort.jpa;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;
import org.hibernate.type.descriptor.java.EnumJavaType;

/**
 * The constants of the Java enum each column holds, in declaration order: constant {@code i} is what
 * {@code @Enumerated(ORDINAL)} stores as {@code i}, and its name what {@code @Enumerated(STRING)} stores. The schema
 * cannot say this (Hibernate's check on an ordinal column is {@code between 0 and 2}), and a migration between the
 * two mappings needs it to turn each row's ordinal into its name, or back.
 *
 * <p>A column whose enum goes through an {@code AttributeConverter} stores what the converter makes of it, so it is
 * left out.
 */
final class EnumColumns {
    private EnumColumns() {
    }

    /** {@code table.column}, the table as {@link RenameHints#name} names it, to the names of its enum's constants. */
    static Map<String, List<String>> of(Metadata metadata) {
        Map<String, List<String>> constants = new TreeMap<>();
        for (Table table : metadata.collectTableMappings()) {
            for (Column column : table.getColumns()) {
                if (column.getValue() instanceof BasicValue value && value.getColumnSpan() == 1
                        && value.getResolution() != null && value.getResolution().getValueConverter() == null
                        && value.getResolution().getDomainJavaType() instanceof EnumJavaType<?> type) {
                    String name = StoredNames.stored(Identifier.toIdentifier(column.getName(), column.isQuoted()));
                    constants.put(RenameHints.name(table) + "." + name, Arrays.stream(
                            type.getJavaTypeClass().getEnumConstants()).map(Enum::name).toList());
                }
            }
        }
        return constants;
    }
}
