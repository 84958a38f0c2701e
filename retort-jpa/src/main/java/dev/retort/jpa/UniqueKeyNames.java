package dev.retort.jpa;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Constraint;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;

/**
 * The names Hibernate gives the unique constraints that the entities leave unnamed, when it names them itself.
 *
 * <p>Retort's DDL is Hibernate's create script ({@code ddl-auto=create}), which writes such a constraint without a
 * name, inside its table, so PostgreSQL names it ({@code shops_email_address_key}). When Hibernate 6 updates a
 * schema instead ({@code ddl-auto=update}, also on an empty database) it adds each one afterwards under the name its
 * metadata holds: {@code UK} and a hash of the table's and the columns' names ({@code UK9jki9o7lwg04bx6y5784w6ufi}),
 * for a column with {@code unique = true} (a one-to-one's join column is one), a {@code @UniqueConstraint} without
 * a name and a {@code @NaturalId}. Hibernate 5 named a unique column {@code UK_} and the same hash, and the natural id
 * of a table {@code UK_} and a hash of the table's name and {@code _NaturalID} alone. PostgreSQL folds them to lower
 * case. A database built either way holds the same constraints, so the comparison takes those names
 * for the unnamed constraint they belong to. A name written in the entities is not among them: renaming it is a
 * change.
 */
final class UniqueKeyNames {
    private UniqueKeyNames() {
    }

    /**
     * Each name, lower case, to its constraint, keyed as {@link MappingOwners} keys an unnamed one: {@code table
     * unique (a, b)}, the table as {@link RenameHints#name} names it.
     */
    static Map<String, String> of(Metadata metadata) {
        Map<String, String> names = new TreeMap<>();
        for (Table table : metadata.collectTableMappings()) {
            for (UniqueKey key : table.getUniqueKeys().values()) {
                if (!key.isNameExplicit() && key.getName() != null) {
                    names.put(folded(key.getName()), constraint(table, key.getColumns()));
                }
            }
            for (Column column : table.getColumns()) {
                String name = column.getUniqueKeyName();
                if (column.isUnique() && name != null) {
                    String constraint = constraint(table, List.of(column));
                    names.put(folded(name), constraint);
                    if (name.startsWith("UK")) {
                        // Hibernate 5's Constraint.generateName("UK_", table, column): the same hash of the same names.
                        names.put(folded("UK_" + name.substring("UK".length())), constraint);
                    }
                }
            }
        }
        for (PersistentClass entity : metadata.getEntityBindings()) {
            naturalId(entity).forEach((name, constraint) -> names.put(folded(name), constraint));
        }
        return names;
    }

    /**
     * The name Hibernate 5 gave the unique constraint of the entity's natural id, when it has one: its
     * {@code AnnotationBinder} named it {@code "UK_" + Constraint.hashedName(table.getName() + "_NaturalID")}, the
     * same for every column of the natural id, so that they made one constraint.
     */
    private static Map<String, String> naturalId(PersistentClass entity) {
        Set<Column> columns = new HashSet<>();
        for (Property property : entity.getProperties()) {
            if (property.isNaturalIdentifier()) {
                columns.addAll(property.getColumns());
            }
        }
        Table table = entity.getTable();
        if (columns.isEmpty() || table == null) {
            return Map.of();
        }
        for (UniqueKey key : table.getUniqueKeys().values()) {
            if (new HashSet<>(key.getColumns()).equals(columns)) {
                return Map.of("UK_" + Constraint.hashedName(table.getName() + "_NaturalID"),
                        constraint(table, key.getColumns()));
            }
        }
        return Map.of();
    }

    private static String constraint(Table table, List<Column> columns) {
        List<String> names = columns.stream()
                .map(c -> StoredNames.stored(Identifier.toIdentifier(c.getName(), c.isQuoted())))
                .toList();
        return RenameHints.name(table) + " unique (" + String.join(", ", names) + ")";
    }

    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
