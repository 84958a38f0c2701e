package dev.retort.autogenerate.diff;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import dev.retort.schema.TableSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A table as {@link SchemaInterpreter} holds it while applying operations: mutable, unlike the model. */
final class InterpretedTable {
    /** A foreign key and the key of the referenced table it depends on ({@code pk}, {@code u:name}, {@code i:name}). */
    record ForeignKey(ForeignKeyDef definition, String backingKey) {
    }

    QualifiedName name;
    final Map<String, ColumnDef> columns = new LinkedHashMap<>();
    PrimaryKeyDef primaryKey;
    final Map<String, UniqueDef> uniques = new TreeMap<>();
    final Map<String, ForeignKey> foreignKeys = new TreeMap<>();
    final Map<String, CheckDef> checks = new TreeMap<>();
    final Map<String, Index> indexes = new TreeMap<>();
    String comment;
    boolean unlogged;

    InterpretedTable(QualifiedName name) {
        this.name = name;
    }

    boolean hasConstraint(String constraint) {
        return primaryKey != null && constraint.equals(primaryKey.name()) || uniques.containsKey(constraint)
                || foreignKeys.containsKey(constraint) || checks.containsKey(constraint);
    }

    Table toTable() {
        List<ForeignKeyDef> fks = new ArrayList<>();
        foreignKeys.values().forEach(fk -> fks.add(fk.definition()));
        return new Table(name, List.copyOf(columns.values()), primaryKey, List.copyOf(uniques.values()), fks,
                List.copyOf(checks.values()), List.copyOf(indexes.values()), comment)
                .withSettings(TableSettings.PLAIN.withUnlogged(unlogged));
    }
}
