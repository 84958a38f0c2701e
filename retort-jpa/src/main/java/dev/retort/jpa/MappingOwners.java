package dev.retort.jpa;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.IndexedCollection;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.SingleTableSubclass;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;
import org.hibernate.mapping.Value;

/**
 * Which entity maps each table of Hibernate's DDL, and which attribute each column: when PostgreSQL rejects a
 * statement of the DDL (a {@code columnDefinition} naming a type it lacks), the error names the Java code to fix
 * rather than a line of a script the user never wrote.
 *
 * <p>Keys are named as {@link RenameHints#name} names tables ({@code schema.table} outside {@code public}), with
 * {@code .column} for a column; values are {@code com.example.Item} and {@code com.example.Item.price}, an
 * embedded attribute as {@code com.example.Item.address.city}, a collection table as its role. An index and a
 * sequence, which share the namespace of tables, are keyed by their own names and owned by the entity with the
 * {@code @Index}, or by the id attribute with its generator ({@link IdSequences}); so is a named
 * {@code @UniqueConstraint}, whose index does too, and an unnamed one is keyed {@code table unique (a, b)}. A schema,
 * which shares no namespace with them, is keyed {@code schema billing}.
 */
final class MappingOwners {
    private final Map<String, String> owners = new TreeMap<>();

    private MappingOwners() {
    }

    static Map<String, String> of(Metadata metadata, List<IdSequences.Use> sequences) {
        MappingOwners found = new MappingOwners();
        sequences.forEach(s -> found.owners.putIfAbsent(s.sequence(), s.owner()));
        for (PersistentClass entity : metadata.getEntityBindings()) {
            String type = entity.getClassName();
            if (!(entity instanceof SingleTableSubclass)) {
                found.owners.putIfAbsent(RenameHints.name(entity.getTable()), type);
                found.indexes(entity.getTable(), type);
                found.uniqueConstraints(entity.getTable(), type);
            }
            if (entity.getDeclaredIdentifierProperty() != null) {
                found.attribute(type, entity.getDeclaredIdentifierProperty());
            } else if (entity.getIdentifierMapper() != null) {
                found.attribute(type, entity.getIdentifier(), "id");
            }
            entity.getDeclaredProperties().forEach(p -> found.attribute(type, p));
            if (entity.getDiscriminator() != null && !(entity instanceof SingleTableSubclass)) {
                found.columns(entity.getTable(), entity.getDiscriminator(), type + " (discriminator)");
            }
        }
        for (Collection collection : metadata.getCollectionBindings()) {
            Table table = collection.getCollectionTable();
            if (table != null && table != collection.getOwner().getTable()) {
                found.owners.putIfAbsent(RenameHints.name(table), collection.getRole());
                found.uniqueConstraints(table, collection.getRole());
                found.columns(table, collection.getElement(), collection.getRole());
                found.columns(table, collection.getKey(), collection.getRole());
                if (collection instanceof IndexedCollection indexed) {
                    found.columns(table, indexed.getIndex(), collection.getRole());
                }
            }
        }
        found.schemas(metadata, sequences);
        return found.owners;
    }

    /**
     * The schemas Hibernate creates, keyed {@code schema billing}: each owned by the first entity (by class name)
     * whose {@code @Table} names it, else by the first id generator whose sequence is in it.
     */
    private void schemas(Metadata metadata, List<IdSequences.Use> sequences) {
        metadata.getEntityBindings().stream().filter(e -> !(e instanceof SingleTableSubclass))
                .sorted(Comparator.comparing(PersistentClass::getClassName))
                .forEach(e -> {
                    String prefix = RenameHints.schemaPrefix(e.getTable());
                    if (!prefix.isEmpty()) {
                        String schema = prefix.substring(0, prefix.length() - 1);
                        owners.putIfAbsent("schema " + schema, e.getClassName() + " (@Table schema " + schema + ")");
                    }
                });
        for (IdSequences.Use use : sequences) {
            int dot = use.sequence().indexOf('.');
            if (dot > 0) {
                owners.putIfAbsent("schema " + use.sequence().substring(0, dot), use.owner());
            }
        }
    }

    /**
     * The indexes of an entity's table, {@code @Index} in its {@code @Table}: keyed by name like tables, as an index
     * shares its schema's namespace with them, and named with the columns Hibernate read from {@code columnList}.
     */
    private void indexes(Table table, String type) {
        for (Index index : table.getIndexes().values()) {
            String columns = index.getColumns().stream().map(Column::getName).collect(Collectors.joining(", "));
            owners.putIfAbsent(RenameHints.schemaPrefix(table) + StoredNames.stored(Identifier.toIdentifier(
                    index.getName())), type + " (@Index " + index.getName() + " on " + columns + ")");
        }
    }

    /**
     * The unique constraints of a table that a {@code @UniqueConstraint} declares (in {@code @Table} or
     * {@code @CollectionTable}), named with the columns Hibernate read from {@code columnNames}. One with a name is
     * keyed by it like an index, as its index shares the namespace of tables; one without, which the DDL writes as
     * {@code unique (a, b)} in its table, as {@code table unique (a, b)}.
     */
    private void uniqueConstraints(Table table, String owner) {
        for (UniqueKey key : table.getUniqueKeys().values()) {
            if (!key.isExplicit()) {
                continue; // @Column(unique = true), @NaturalId, a one-to-one's join column: named by their attribute
            }
            List<String> names = key.getColumns().stream()
                    .map(c -> StoredNames.stored(Identifier.toIdentifier(c.getName(), c.isQuoted())))
                    .toList();
            String columns = key.getColumns().stream().map(Column::getName).collect(Collectors.joining(", "));
            if (key.isNameExplicit()) {
                owners.putIfAbsent(RenameHints.schemaPrefix(table) + StoredNames.stored(Identifier.toIdentifier(
                        key.getName())), owner + " (@UniqueConstraint " + key.getName() + " on " + columns + ")");
            } else {
                owners.putIfAbsent(RenameHints.name(table) + " unique (" + String.join(", ", names) + ")",
                        owner + " (@UniqueConstraint on " + columns + ")");
            }
        }
    }

    private record Pending(String path, Value value) {
    }

    private void attribute(String type, Property property) {
        attribute(type, property.getValue(), property.getName());
    }

    /** The columns of an attribute and, through embeddables at any depth, of the attributes inside it. */
    private void attribute(String type, Value value, String name) {
        Deque<Pending> pending = new ArrayDeque<>();
        pending.add(new Pending(type + "." + name, value));
        while (!pending.isEmpty()) {
            Pending next = pending.removeFirst();
            if (next.value() instanceof Component component) {
                component.getProperties().forEach(p -> pending.add(new Pending(next.path() + "." + p.getName(),
                        p.getValue())));
            } else if (!(next.value() instanceof Collection) && next.value().getTable() != null) {
                columns(next.value().getTable(), next.value(), next.path());
            }
        }
    }

    private void columns(Table table, Value value, String owner) {
        if (value == null || table == null) {
            return;
        }
        for (Selectable selectable : value.getSelectables()) {
            if (selectable instanceof Column column) {
                String name = StoredNames.stored(Identifier.toIdentifier(column.getName(), column.isQuoted()));
                owners.putIfAbsent(RenameHints.name(table) + "." + name, owner);
            }
        }
    }
}
