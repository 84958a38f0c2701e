package dev.retort.autogenerate.diff;

import dev.retort.operation.AddEnumValue;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.DropEnum;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enum-type part of a diff: new types, new values, recreated types and dropped types, and the casts kept with
 * them ({@link EnumCasts}).
 *
 * <p>PostgreSQL can add a value to an enum but not remove or reorder one. New values keep their place with
 * {@code BEFORE}/{@code AFTER}; any other change recreates the type: the old one is renamed out of the way, the
 * new one created, each column converted through text ({@code col::text::mood}), and the old type dropped at
 * the end. The columns are converted by the ordinary column diff: {@link #typeRenames()} makes them compare as
 * columns of the renamed old type. A check, an index or a default that names the type is rebuilt around the
 * conversion ({@link #namesRecreated}).
 *
 * <p>A table's row type has the table's name, among the types of its schema. A dropped type whose name a table of
 * the desired schema has (new, or renamed to it) must be gone before that table is created or renamed: it is
 * dropped first when no column uses it, and otherwise renamed out of the way first and dropped at the end, as the
 * old half of a recreated type is. A new type whose name a table of the current schema has (dropped, or renamed
 * away) is created late ({@link #late()}), once the table is gone.
 */
final class EnumPlan {
    private final DatabaseSchema current;
    private final DatabaseSchema desired;
    private final List<Change> clearing = new ArrayList<>();
    private final List<Change> early = new ArrayList<>();
    private final List<Change> late = new ArrayList<>();
    private final List<Change> drops = new ArrayList<>();
    /** The casts of the types in {@link #drops}, all before any of them: a cast may convert between two of them. */
    private final List<Change> castDrops = new ArrayList<>();
    private final Map<String, String> typeRenames = new HashMap<>();
    private final Set<String> enumTypes = new HashSet<>();
    /** By the temporary type name of each recreated type's old half: the type's name, and whether values go. */
    private final Map<String, Recreated> recreated = new HashMap<>();
    /** The recreated types' names, unqualified, as an identifier in an expression reads. */
    private final Set<String> recreatedNames = new HashSet<>();

    private record Recreated(String typeName, boolean losesValues) {
    }

    EnumPlan(DatabaseSchema current, DatabaseSchema desired) {
        this.current = current;
        this.desired = desired;
        Map<QualifiedName, EnumType> before = new HashMap<>();
        current.enums().forEach(e -> before.put(e.name(), e));
        Set<QualifiedName> after = new HashSet<>();
        for (EnumType type : desired.enums()) {
            after.add(type.name());
            enumTypes.add(SqlText.typeName(type.name()));
            EnumType old = before.get(type.name());
            if (old == null) {
                // The row type of a table that goes, or is renamed away, has the name until then.
                List<Change> creates = current.table(type.name()).isPresent() ? late : early;
                creates.add(Change.of(new CreateEnum(type.name(), type.values()),
                        "create enum type " + type.name() + " " + Descriptions.values(type.values())));
                creates.addAll(EnumCasts.creates(type));
            } else if (isExtension(old.values(), type.values())) {
                addValues(type.name(), old.values(), type.values());
                early.addAll(EnumCasts.changes(old, type));
            } else if (!old.values().equals(type.values())) {
                recreate(old, type);
            } else {
                early.addAll(EnumCasts.changes(old, type));
            }
        }
        for (EnumType type : current.enums()) {
            enumTypes.add(SqlText.typeName(type.name()));
            if (after.contains(type.name())) {
                continue;
            }
            // A table's row type, and a new sequence (CREATE SEQUENCE checks the types too), need the name free.
            String taker = desired.table(type.name()).isPresent() ? "table"
                    : desired.sequence(type.name()).isPresent() ? "sequence" : null;
            if (taker == null) {
                castDrops.addAll(EnumCasts.drops(type, null));
                drops.add(Change.of(new DropEnum(type.name(), false, false), "drop enum type " + type.name()));
            } else if (!used(type.name())) {
                clearing.addAll(EnumCasts.drops(type, null));
                clearing.add(Change.of(new DropEnum(type.name(), false, false), "drop enum type " + type.name()
                        + ", before " + taker + " " + type.name() + " takes its name"));
            } else {
                stepAside(type, taker);
            }
        }
    }

    /**
     * Dropped types whose name a table or sequence of the desired schema has, dropped or renamed out of the way:
     * before any table or sequence is created or renamed.
     */
    List<Change> clearing() {
        return List.copyOf(clearing);
    }

    /** Creates, new values and the first half of each recreation: before anything uses the types. */
    List<Change> early() {
        return List.copyOf(early);
    }

    /**
     * Creates of the types whose name a table of the current schema has: once that table is dropped or renamed, and
     * before anything uses the types.
     */
    List<Change> late() {
        return List.copyOf(late);
    }

    /** Dropped types and the old halves of recreated ones, their casts first: after every column has let go. */
    List<Change> drops() {
        List<Change> all = new ArrayList<>(castDrops);
        all.addAll(drops);
        return all;
    }

    /** Column types of recreated enums, mapped to the renamed old type they have once it is renamed. */
    Map<String, String> typeRenames() {
        return Map.copyOf(typeRenames);
    }

    /** Whether {@code type} (or its element type) is an enum on either side of the diff. */
    boolean isEnum(String type) {
        return enumTypes.contains(element(type));
    }

    /**
     * The values of enum type {@code type} (as a column's type reads) in the desired schema, in their order, or null
     * when it is no enum there.
     */
    List<String> desiredValues(String type) {
        return values(desired, type);
    }

    /** The values of enum type {@code type} in the current schema, in their order, or null. */
    List<String> currentValues(String type) {
        return values(current, type);
    }

    /**
     * Whether {@code sql} (a check, an index's expression or {@code WHERE}, a default) may name a recreated type,
     * and so must be dropped before its columns are converted and set again after, from the desired schema's text.
     * PostgreSQL keeps such an expression by the type's oid, so once the old type is renamed out of the way it reads
     * {@code status <> 'shipped'::order_status_old}; ALTER COLUMN TYPE parses a check or an index again from that
     * text over the column's new type, which has no operator with the old one, and a default left as it is would
     * keep the old type from being dropped. As {@link #used} does, this reads names only: a needless rebuild is the
     * cost of a false match.
     */
    boolean namesRecreated(String sql) {
        return ExpressionNames.mentions(sql, recreatedNames);
    }

    private static List<String> values(DatabaseSchema schema, String type) {
        return schema.enums().stream()
                .filter(e -> SqlText.typeName(e.name()).equals(type))
                .map(EnumType::values)
                .findFirst().orElse(null);
    }

    /** Whether converting a column from {@code from} to {@code to} can lose data. */
    boolean losesData(String from, String to) {
        Recreated conversion = recreated.get(element(from));
        if (conversion != null && conversion.typeName().equals(element(to))
                && TypeNames.isArray(from) == TypeNames.isArray(to)) {
            return conversion.losesValues();
        }
        return TypeNames.losesData(from, to);
    }

    private void addValues(QualifiedName type, List<String> old, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (old.contains(value)) {
                continue;
            }
            String after = i > 0 ? values.get(i - 1) : null;
            String before = after == null && !old.isEmpty() ? old.get(0) : null;
            String position = after != null ? " after '" + after + "'" : before != null ? " before '" + before + "'" : "";
            // IF NOT EXISTS: the value is added outside the migration's transaction, so it stays when a later step
            // fails; the run that follows, once that is put right, must not stop at it.
            early.add(Change.of(new AddEnumValue(type, value, before, after, true),
                    "add value '" + value + "' to enum type " + type + position));
        }
    }

    /**
     * Renames a dropped type out of the way of the table (or sequence) that takes its name, and drops it at the end,
     * once its columns are dropped or converted: they compare as columns of the renamed type.
     */
    private void stepAside(EnumType type, String taker) {
        QualifiedName name = type.name();
        String temporary = SchemaNames.aside(name, current, desired);
        QualifiedName renamed = QualifiedName.of(name.schema(), temporary);
        clearing.add(Change.of(SqlText.renameType(name, temporary), "rename enum type " + name + " to " + temporary
                + ", as " + taker + " " + name + " takes its name; it is dropped once no column uses it"));
        renamedUntilDropped(type, renamed);
    }

    /**
     * Drops {@code renamed}, the name {@code type} was moved to, at the end, with the casts it took along; until then
     * the columns of {@code type} compare as columns of {@code renamed}. Returns the renamed type's name as a column's
     * type reads.
     */
    private String renamedUntilDropped(EnumType type, QualifiedName renamed) {
        String typeName = SqlText.typeName(type.name());
        String temporaryTypeName = SqlText.typeName(renamed);
        castDrops.addAll(EnumCasts.drops(type, temporaryTypeName));
        drops.add(Change.of(new DropEnum(renamed, false, false), "drop enum type " + renamed));
        typeRenames.put(typeName, temporaryTypeName);
        typeRenames.put(typeName + "[]", temporaryTypeName + "[]");
        enumTypes.add(temporaryTypeName);
        return temporaryTypeName;
    }

    /**
     * Whether a column of the current schema has type {@code type} (or an array of it), or an expression (a default,
     * a check, an index) may name it: a name that reads like it is taken for it, as a needless rename costs nothing.
     */
    private boolean used(QualifiedName type) {
        String typeName = SqlText.typeName(type);
        Set<String> name = Set.of(type.name());
        for (Table table : current.tables()) {
            for (ColumnDef column : table.columns()) {
                if (column.type().equals(typeName) || column.type().equals(typeName + "[]")
                        || ExpressionNames.mentions(column.defaultExpression(), name)
                        || ExpressionNames.mentions(column.generatedExpression(), name)) {
                    return true;
                }
            }
            if (table.checks().stream().anyMatch(c -> ExpressionNames.mentions(c.expression(), name))
                    || table.exclusions().stream().anyMatch(x -> ExpressionNames.mentions(x.definition(), name))
                    || table.indexes().stream().anyMatch(i -> ExpressionNames.mentions(i.predicate(), name)
                            || i.elements().stream().anyMatch(e -> ExpressionNames.mentions(e.expression(), name)))) {
                return true;
            }
        }
        return false;
    }

    private void recreate(EnumType old, EnumType type) {
        QualifiedName name = type.name();
        String temporary = SchemaNames.aside(name, current, desired);
        QualifiedName renamed = QualifiedName.of(name.schema(), temporary);
        List<String> lost = old.values().stream().filter(v -> !type.values().contains(v)).toList();
        String warning = Descriptions.both(lost.isEmpty() ? null
                : "Enum type " + name + " loses " + Descriptions.values(lost) + ": converting its columns fails "
                        + "while rows hold those values, so change those rows first.", castsBetweenEnums(name));
        early.add(new Change(SqlText.renameType(name, temporary),
                "rename enum type " + name + " to " + temporary + ", to recreate it with values "
                        + Descriptions.values(type.values()), !lost.isEmpty(), warning));
        early.add(Change.of(new CreateEnum(name, type.values()),
                "create enum type " + name + " " + Descriptions.values(type.values())));
        early.addAll(EnumCasts.creates(type));
        String temporaryTypeName = renamedUntilDropped(old, renamed);
        recreated.put(temporaryTypeName, new Recreated(SqlText.typeName(name), !lost.isEmpty()));
        recreatedNames.add(name.name());
    }

    /**
     * The warning on recreating enum type {@code name} while a cast converts between it and another enum type, or
     * null: such a cast is not moved (only those to and from other types are), so the old half, which takes it along,
     * cannot be dropped, and the migration fails there as written.
     */
    private String castsBetweenEnums(QualifiedName name) {
        String typeName = SqlText.typeName(name);
        Set<String> enumNames = new HashSet<>();
        current.enums().forEach(e -> enumNames.add(SqlText.typeName(e.name())));
        List<String> casts = current.enums().stream().flatMap(e -> e.casts().stream())
                .filter(c -> (c.source().equals(typeName) || c.target().equals(typeName))
                        && enumNames.contains(c.source()) && enumNames.contains(c.target()))
                .map(c -> c.source() + " -> " + c.target()).toList();
        if (casts.isEmpty()) {
            return null;
        }
        return "The cast " + String.join(", ", casts) + " converts between two enum types, which autogenerate does "
                + "not move when one of them is recreated: PostgreSQL drops no type a cast still uses, so this "
                + "migration fails where the old type is dropped. Drop the cast before this step (op.dropCast) and "
                + "create it again once both types exist (op.createCast).";
    }

    /** Whether {@code values} is {@code old} with values inserted, the old ones keeping their order. */
    private static boolean isExtension(List<String> old, List<String> values) {
        if (values.size() <= old.size()) {
            return false;
        }
        Set<String> oldSet = new HashSet<>(old);
        return values.stream().filter(oldSet::contains).toList().equals(old);
    }

    private static String element(String type) {
        return TypeNames.isArray(type) ? type.substring(0, type.length() - 2) : type;
    }
}
