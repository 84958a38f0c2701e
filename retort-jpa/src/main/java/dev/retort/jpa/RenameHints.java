package dev.retort.jpa;

import static dev.retort.jpa.StoredNames.clipped;
import static dev.retort.jpa.StoredNames.folded;
import static dev.retort.jpa.StoredNames.stored;

import dev.retort.RenamedFrom;
import jakarta.persistence.CollectionTable;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.SingleTableSubclass;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.ToOne;
import org.hibernate.mapping.Value;

/**
 * Turns {@code @RenamedFrom} on entities and their fields into table and column rename hints.
 *
 * <p>The new names come from Hibernate's metadata (the entity's table, the property's column), so they are
 * exactly the names in the DDL. The old name is the annotation's value with the physical naming rule applied,
 * as Hibernate would have named it; on an entity with an explicit {@code @Table(name)} the value is taken as
 * the old table name as written. Both are then named as PostgreSQL stores them, which is what the diff compares
 * ({@link StoredNames}): an unquoted name folded to lower case, a quoted one ({@code "\"UserAccount\""}) as written
 * without its quotes, either cut to 63 bytes. A name derived from another is derived from the whole names and cut
 * after.
 * Embedded properties are walked with an explicit stack, since how deeply embeddables nest is up to the user.
 */
final class RenameHints {
    private static final String DEFAULT_SCHEMA = "public";

    private final PhysicalNamingStrategy naming;
    private final boolean joinTablesAfterAttribute;
    private final JdbcEnvironment environment;
    private final Map<String, String> tables = new TreeMap<>();
    private final Map<String, String> columns = new TreeMap<>();
    /** A renamed collection's table, as {@link #name} names it → its whole old name, before PostgreSQL cuts it. */
    private final Map<String, String> wholeOldCollectionTables = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param joinTablesAfterAttribute whether a join table no {@code @JoinTable} names is named after the owning
     *     table and the attribute, as Spring Boot names it ({@link SpringBootImplicitNaming}), rather than after both
     *     entities' tables
     */
    RenameHints(PhysicalNamingStrategy naming, boolean joinTablesAfterAttribute, JdbcEnvironment environment) {
        this.naming = naming;
        this.joinTablesAfterAttribute = joinTablesAfterAttribute;
        this.environment = environment;
    }

    Map<String, String> tables() {
        return tables;
    }

    Map<String, String> columns() {
        return columns;
    }

    List<String> warnings() {
        return warnings;
    }

    void collect(Metadata metadata) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            Class<?> type = entity.getMappedClass();
            RenamedFrom renamed = type.getAnnotation(RenamedFrom.class);
            if (renamed != null) {
                discriminatorWarning(entity, type, renamed.value());
                tableHint(entity, type, renamed.value());
            }
            propertyHints(entity, type);
        }
        for (Collection collection : metadata.getCollectionBindings()) {
            RenamedFrom renamed = collection.getOwner().getMappedClass().getAnnotation(RenamedFrom.class);
            if (renamed != null) {
                collectionHints(collection, renamed.value());
            }
        }
    }

    /**
     * The tables and key columns Hibernate names after a renamed entity's name: an element collection's table
     * ({@code Author_aliases}) and the join column of its collections ({@code Author_id}). They change with the
     * class name even when the entity's {@code @Table(name)} does not, so the value is taken here as the old
     * entity name, whatever it means for the entity's own table. The diff pairs such a table with its old one
     * only if the database has it, with the same columns once the key column is renamed.
     */
    private void collectionHints(Collection collection, String value) {
        PersistentClass owner = collection.getOwner();
        String newStem = folded(naming.toPhysicalTableName(logical(owner.getJpaEntityName()), environment));
        String oldStem = folded(naming.toPhysicalTableName(logical(value), environment));
        Table table = collection.getCollectionTable();
        if (newStem.equals(oldStem) || table == null || table == owner.getTable()) {
            return;
        }
        // A collection renamed too has its old name already, after the new entity name: the old table is after both.
        String renamedAlone = wholeOldCollectionTables.get(name(table));
        String tableName = renamedAlone == null ? folded(table.getNameIdentifier()) : renamedAlone;
        if (tableName.startsWith(newStem + "_")) {
            String old = schemaPrefix(table) + clipped(oldStem + tableName.substring(newStem.length()));
            if (renamedAlone == null) {
                put(tables, name(table), old);
            } else {
                tables.put(name(table), old);
            }
        }
        for (Column column : collection.getKey().getColumns()) {
            String key = folded(Identifier.toIdentifier(column.getName(), column.isQuoted()));
            if (key.startsWith(newStem + "_")) {
                putColumn(table, key, oldStem + key.substring(newStem.length()));
            }
        }
    }

    /**
     * Warns that the rows of a renamed entity in a hierarchy keep its old discriminator value, which Hibernate
     * defaults to the entity name: they would no longer load as the renamed entity, and autogenerate changes no
     * rows. The value is the old class name unless the entity names its own table.
     */
    private void discriminatorWarning(PersistentClass entity, Class<?> type, String value) {
        Value discriminator = entity.getRootClass().getDiscriminator();
        jakarta.persistence.Table explicit = type.getAnnotation(jakarta.persistence.Table.class);
        boolean oldClassName = entity instanceof SingleTableSubclass || explicit == null || explicit.name().isEmpty();
        if (discriminator == null || !oldClassName || value.equals(entity.getJpaEntityName())
                || !entity.getJpaEntityName().equals(entity.getDiscriminatorValue())
                || discriminator.getColumns().size() != 1) {
            return;
        }
        Column column = discriminator.getColumns().get(0);
        String table = name(entity.getRootClass().getTable());
        String name = stored(Identifier.toIdentifier(column.getName(), column.isQuoted()));
        String now = entity.getJpaEntityName();
        warnings.add("@RenamedFrom on " + type.getName() + ": its rows keep discriminator value '" + value + "' in "
                + table + "." + name + ", which Hibernate no longer reads as " + now + "; set @DiscriminatorValue(\""
                + value + "\"), or add op.execute(\"UPDATE " + table + " SET " + name + " = '" + now + "' WHERE " + name
                + " = '" + value + "'\") to the migration and the reverse to its downgrade (when autogenerate writes "
                + "none, as nothing else changed, `retort revision -m MESSAGE` writes an empty one to add it to).");
    }

    private void tableHint(PersistentClass entity, Class<?> type, String value) {
        if (entity instanceof SingleTableSubclass) {
            // Its collection tables are its own, named after it, and still follow it (see collectionHints).
            warnings.add("@RenamedFrom on " + type.getName() + " leaves table " + name(entity.getTable())
                    + " as it is: with SINGLE_TABLE inheritance that is its root entity's table (rename it there); "
                    + "only the tables named after " + entity.getJpaEntityName() + " follow it.");
            return;
        }
        jakarta.persistence.Table explicit = type.getAnnotation(jakarta.persistence.Table.class);
        Identifier written = logical(value);
        String old = stored(explicit != null && !explicit.name().isEmpty()
                ? written
                : naming.toPhysicalTableName(written, environment));
        String schema = schemaPrefix(entity.getTable());
        put(tables, name(entity.getTable()), schema + old);
    }

    /**
     * A property waiting to be checked, with the class whose field or getter may carry the annotation, and its path
     * from the entity ({@code com.example.Vehicle.back.tags}): an embeddable may be used twice in one entity, and a
     * warning names the use it is about.
     */
    private record Pending(Property property, Class<?> owner, String path) {
        Pending inside(Property inner, Class<?> embeddable) {
            return new Pending(inner, embeddable, path + "." + inner.getName());
        }
    }

    private void propertyHints(PersistentClass entity, Class<?> type) {
        Deque<Pending> pending = new ArrayDeque<>();
        Property id = entity.getDeclaredIdentifierProperty();
        if (id != null) {
            pending.add(new Pending(id, type, type.getName() + "." + id.getName()));
        }
        entity.getProperties().forEach(p -> pending.add(new Pending(p, type, type.getName() + "." + p.getName())));
        while (!pending.isEmpty()) {
            Pending next = pending.removeFirst();
            Property property = next.property();
            Value value = property.getValue();
            if (value instanceof Component component && component.getComponentClassName() != null) {
                Class<?> embeddable = component.getComponentClass();
                component.getProperties().forEach(p -> pending.add(next.inside(p, embeddable)));
            }
            // The fields of an element collection's embeddable map the columns of the collection's table.
            if (value instanceof Collection collection && collection.getElement() instanceof Component element
                    && element.getComponentClassName() != null) {
                Class<?> embeddable = element.getComponentClass();
                element.getProperties().forEach(p -> pending.add(next.inside(p, embeddable)));
            }
            RenamedFrom renamed = annotation(next.owner(), property.getName(), RenamedFrom.class);
            if (renamed != null) {
                columnHint(next, renamed.value());
            }
        }
    }

    private void columnHint(Pending pending, String value) {
        Property property = pending.property();
        Class<?> owner = pending.owner();
        String where = pending.path();
        Value mapped = property.getValue();
        if (mapped instanceof Collection collection) {
            CollectionTable named = annotation(owner, property.getName(), CollectionTable.class);
            boolean tableNamed = named != null && !named.name().isEmpty();
            if (!renamedCollection(collection, property.getName(), value, tableNamed)) {
                warnings.add("@RenamedFrom on " + where + " is ignored: its table "
                        + name(collection.getCollectionTable())
                        + " is not named after it; rename what changes in the generated migration by hand.");
            }
            return;
        }
        if (mapped instanceof Component) {
            warnings.add("@RenamedFrom on " + where + " is ignored: put it on the fields of the embeddable instead.");
            return;
        }
        List<Column> mappedColumns = property.getColumns();
        if (mappedColumns.size() != 1) {
            warnings.add("@RenamedFrom on " + where + " is ignored: it maps to " + mappedColumns.size()
                    + " columns; rename them in the generated migration by hand.");
            return;
        }
        Column mappedColumn = mappedColumns.get(0);
        String column = folded(Identifier.toIdentifier(mappedColumn.getName(), mappedColumn.isQuoted()));
        String old = physicalColumn(value);
        if (mapped instanceof ToOne) {
            old = joinColumn(property.getName(), column, old);
        }
        putColumn(mapped.getTable(), column, old);
    }

    /**
     * The names Hibernate derives from a renamed collection attribute: an element collection's table
     * ({@code Author_aliases}), and in the collection's table the columns named after it (the element column
     * {@code aliases}, {@code aliases_order}, {@code aliases_key}, a join table's {@code tags_id}), and under Spring
     * Boot's naming a join table ({@code customers_tags}).
     *
     * <p>An element collection's table named in {@code @CollectionTable(name)} is taken to have had the name Hibernate
     * derived from the old attribute: that is what the database has when the name is new, and when the table kept
     * its name there is no table of the old name to rename from.
     *
     * @param tableNamed whether {@code @CollectionTable} names the table
     * @return whether the collection's table is named after the attribute, named in {@code @CollectionTable}, or
     *     shared with others (a join table named after two entities), so that the hints say all that changes
     */
    private boolean renamedCollection(Collection collection, String attribute, String value, boolean tableNamed) {
        Table table = collection.getCollectionTable();
        if (table == null || table == collection.getOwner().getTable()) {
            return false; // a one-to-many through a foreign key: nothing of the collection's own is named
        }
        String tableName = folded(table.getNameIdentifier());
        String old = implicitTable(collection, value);
        boolean elements = !(collection.getElement() instanceof ToOne);
        if (tableName.equals(implicitTable(collection, attribute)) || elements && tableNamed) {
            if (!clipped(old).equals(clipped(tableName))) {
                put(tables, name(table), schemaPrefix(table) + clipped(old));
                wholeOldCollectionTables.putIfAbsent(name(table), old);
            }
        } else if (elements) {
            return false;
        }
        String newPrefix = physicalColumn(attribute);
        String oldPrefix = physicalColumn(value);
        List<Column> keys = collection.getKey().getColumns();
        for (Column column : table.getColumns()) {
            String name = folded(Identifier.toIdentifier(column.getName(), column.isQuoted()));
            if (keys.contains(column) || !(name.equals(newPrefix) || name.startsWith(newPrefix + "_"))) {
                continue;
            }
            putColumn(table, name, oldPrefix + name.substring(newPrefix.length()));
        }
        return true;
    }

    /**
     * The table Hibernate names after the collection's owner and {@code attribute} when no annotation names it, whole.
     */
    private String implicitTable(Collection collection, String attribute) {
        PersistentClass owner = collection.getOwner();
        boolean joinTable = collection.getElement() instanceof ToOne;
        String prefix = joinTable && joinTablesAfterAttribute ? owner.getTable().getName() : owner.getJpaEntityName();
        return physicalTable(prefix + "_" + attribute);
    }

    private String physicalTable(String written) {
        return folded(naming.toPhysicalTableName(logical(written), environment));
    }

    /**
     * The old join column of a renamed to-one association: Hibernate names it after the property plus a suffix
     * ({@code owner} → {@code owner_id}), so the old one is the old property plus the same suffix, unless the
     * value already names the old column.
     */
    private String joinColumn(String propertyName, String column, String old) {
        String prefix = physicalColumn(propertyName);
        if (column.startsWith(prefix + "_")) {
            String suffix = column.substring(prefix.length());
            return old.endsWith(suffix) ? old : old + suffix;
        }
        return old;
    }

    private String physicalColumn(String written) {
        return folded(naming.toPhysicalColumnName(logical(written), environment));
    }

    /**
     * A name as written in an annotation or derived from the code, read as Hibernate reads the names it binds: quoted
     * when written in quotes or backticks, and also, as {@code hibernate.globally_quoted_identifiers} or {@code
     * hibernate.auto_quote_keyword} asks, when the new names are. Read without those settings, an old name {@code
     * Order} would fold to {@code order} while the database keeps the table Hibernate created as {@code "Order"}.
     */
    private Identifier logical(String written) {
        return environment.getIdentifierHelper().toIdentifier(written);
    }

    /** The annotation on the property's field or getter, looked up through the class and its superclasses. */
    static <A extends Annotation> A annotation(Class<?> owner, String propertyName, Class<A> type) {
        String capitalized = Character.toUpperCase(propertyName.charAt(0)) + propertyName.substring(1);
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (AnnotatedElement member : members(c, propertyName, capitalized)) {
                A found = member.getAnnotation(type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<AnnotatedElement> members(Class<?> type, String field, String capitalized) {
        List<AnnotatedElement> members = new ArrayList<>();
        try {
            members.add(type.getDeclaredField(field));
        } catch (NoSuchFieldException e) {
            // property access without a field of that name: the getter is checked below
        }
        for (String getter : List.of("get" + capitalized, "is" + capitalized)) {
            try {
                members.add(type.getDeclaredMethod(getter));
            } catch (NoSuchMethodException e) {
                // not a getter of this class
            }
        }
        return members;
    }

    /**
     * Hints that {@code table}'s column {@code column} was {@code old}, both whole names, unless the names PostgreSQL
     * keeps of them are the same: names that differ only past 63 bytes are one column in the database.
     */
    private void putColumn(Table table, String column, String old) {
        if (!clipped(old).equals(clipped(column))) {
            put(columns, name(table) + "." + clipped(column), clipped(old));
        }
    }

    private void put(Map<String, String> hints, String key, String old) {
        String previous = hints.putIfAbsent(key, old);
        if (previous != null && !previous.equals(old)) {
            warnings.add("Two @RenamedFrom annotations rename " + key + " (from " + previous + " and from " + old
                    + "); keeping " + previous + ".");
        }
    }

    /** A table's name as the hints use it: {@code schema.table} outside the default schema, else {@code table}. */
    static String name(Table table) {
        return schemaPrefix(table) + stored(table.getNameIdentifier());
    }

    static String schemaPrefix(Table table) {
        QualifiedTableName qualified = table.getQualifiedTableName();
        Identifier schema = qualified.getSchemaName();
        return schema == null || stored(schema).equals(DEFAULT_SCHEMA) ? "" : stored(schema) + ".";
    }
}
