package dev.retort.jpa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.SimpleValue;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.Value;
import org.hibernate.type.descriptor.java.EnumJavaType;

/**
 * The constants of the Java enum each column holds, in declaration order: constant {@code i} is what
 * {@code @Enumerated(ORDINAL)} stores as {@code i}, and its name what {@code @Enumerated(STRING)} stores. The schema
 * cannot say this (Hibernate's check on an ordinal column is {@code between 0 and 2}), and a migration between the
 * two mappings needs it to turn each row's ordinal into its name, or back.
 *
 * <p>A column whose enum goes through an {@code AttributeConverter} stores what the converter makes of it, so it is
 * left out; so is a column that attributes of two entities share (the subclasses of a {@code SINGLE_TABLE}
 * hierarchy), unless each holds the same constants: one enum's names for every row would be wrong for the others'.
 */
final class EnumColumns {
    private EnumColumns() {
    }

    /** {@code table.column}, the table as {@link RenameHints#name} names it, to the names of its enum's constants. */
    static Map<String, List<String>> of(Metadata metadata) {
        Map<String, List<String>> constants = new TreeMap<>();
        for (Table table : metadata.collectTableMappings()) {
            for (Column column : table.getColumns()) {
                List<String> held = constants(column.getValue());
                if (held != null) {
                    constants.put(key(table, column), held);
                }
            }
        }
        // The table keeps one attribute's value for a column that several map: the others may hold other enums.
        Map<String, Set<List<String>>> byAttribute = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            List<Property> properties = new ArrayList<>(entity.getProperties());
            while (!properties.isEmpty()) {
                Value value = properties.remove(properties.size() - 1).getValue();
                if (value instanceof Component component) {
                    properties.addAll(component.getProperties());
                } else if (value instanceof SimpleValue simple && simple.getColumnSpan() == 1
                        && simple.getSelectables().get(0) instanceof Column column) {
                    List<String> held = constants(simple);
                    byAttribute.computeIfAbsent(key(simple.getTable(), column), k -> new HashSet<>())
                            .add(held == null ? List.of() : held);
                }
            }
        }
        byAttribute.forEach((column, held) -> {
            if (held.size() > 1) {
                constants.remove(column);
            }
        });
        return constants;
    }

    /** The constants of the enum {@code value} holds as it is, or null when it holds none or a converter's value. */
    private static List<String> constants(Value value) {
        if (value instanceof BasicValue basic && basic.getColumnSpan() == 1 && basic.getResolution() != null
                && basic.getResolution().getValueConverter() == null
                && basic.getResolution().getDomainJavaType() instanceof EnumJavaType<?> type) {
            return Arrays.stream(type.getJavaTypeClass().getEnumConstants()).map(Enum::name).toList();
        }
        return null;
    }

    private static String key(Table table, Column column) {
        return RenameHints.name(table) + "." + StoredNames.stored(Identifier.toIdentifier(column.getName(),
                column.isQuoted()));
    }
}
