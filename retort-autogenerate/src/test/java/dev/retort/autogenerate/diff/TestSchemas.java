package dev.retort.autogenerate.diff;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Index;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds schema values by hand for the diff's tests. */
final class TestSchemas {
    private TestSchemas() {
    }

    static DatabaseSchema schema(Table... tables) {
        return new DatabaseSchema(List.of(), List.of(tables), List.of(), List.of(), List.of());
    }

    static DatabaseSchema schema(List<String> schemas, List<Table> tables, List<EnumType> enums,
            List<Sequence> sequences) {
        return new DatabaseSchema(schemas, tables, enums, sequences, List.of());
    }

    static TableBuilder table(String name) {
        return new TableBuilder(QualifiedName.of(name));
    }

    static TableBuilder table(String schema, String name) {
        return new TableBuilder(QualifiedName.of(schema, name));
    }

    /** A table with an integer primary key {@code id} (constraint {@code <name>_pkey}). */
    static TableBuilder keyed(String name) {
        return table(name).column(ColumnDef.of("id", "integer").notNull()).primaryKey(name + "_pkey", "id");
    }

    static Index index(String name, String... columns) {
        return new Index(name, false, "btree", List.of(columns).stream().map(IndexElement::column).toList(), List.of(),
                null);
    }

    static ForeignKeyDef fk(String name, String column, String target) {
        return ForeignKeyDef.of(List.of(column), QualifiedName.of(target), List.of("id")).named(name);
    }

    /** {@code schema} with columns, constraints and indexes in name order, to compare schemas up to column order. */
    static DatabaseSchema normalized(DatabaseSchema schema) {
        List<Table> tables = new ArrayList<>();
        for (Table t : schema.tables()) {
            tables.add(new Table(t.name(),
                    t.columns().stream().sorted(Comparator.comparing(ColumnDef::name)).toList(), t.primaryKey(),
                    t.uniques().stream().sorted(Comparator.comparing(UniqueDef::name)).toList(),
                    t.foreignKeys().stream().sorted(Comparator.comparing(ForeignKeyDef::name)).toList(),
                    t.checks().stream().sorted(Comparator.comparing(CheckDef::name)).toList(),
                    t.indexes().stream().sorted(Comparator.comparing(Index::name)).toList(), t.comment()));
        }
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    /** A table under construction. */
    static final class TableBuilder {
        private final QualifiedName name;
        private final List<ColumnDef> columns = new ArrayList<>();
        private PrimaryKeyDef primaryKey;
        private final List<UniqueDef> uniques = new ArrayList<>();
        private final List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        private final List<CheckDef> checks = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private String comment;
        private final Map<String, String> unvalidatedNotNulls = new HashMap<>();
        private final Map<String, List<String>> readers = new HashMap<>();
        private final List<QualifiedName> inherits = new ArrayList<>();

        private TableBuilder(QualifiedName name) {
            this.name = name;
        }

        TableBuilder column(ColumnDef column) {
            columns.add(column);
            return this;
        }

        TableBuilder column(String column, String type) {
            return column(ColumnDef.of(column, type));
        }

        /** A text column, and an index {@code index} on it alone. */
        TableBuilder indexedText(String column, String index) {
            return column(column, "text").index(TestSchemas.index(index, column));
        }

        TableBuilder primaryKey(String constraint, String... columns) {
            primaryKey = new PrimaryKeyDef(constraint, List.of(columns));
            return this;
        }

        TableBuilder primaryKey(PrimaryKeyDef key) {
            primaryKey = key;
            return this;
        }

        TableBuilder unique(String constraint, String... columns) {
            return unique(new UniqueDef(constraint, List.of(columns), null));
        }

        TableBuilder unique(UniqueDef unique) {
            uniques.add(unique);
            return this;
        }

        TableBuilder foreignKey(ForeignKeyDef fk) {
            foreignKeys.add(fk);
            return this;
        }

        TableBuilder check(String constraint, String expression) {
            checks.add(new CheckDef(constraint, expression));
            return this;
        }

        TableBuilder index(Index index) {
            indexes.add(index);
            return this;
        }

        TableBuilder comment(String text) {
            comment = text;
            return this;
        }

        /** A column whose NOT NULL is the constraint {@code constraint}, added NOT VALID (PostgreSQL 18). */
        TableBuilder unvalidatedNotNull(String column, String constraint) {
            unvalidatedNotNulls.put(column, constraint);
            return column(ColumnDef.of(column, "text").notNull());
        }

        /** Column {@code column} read by {@code readers}, as {@code view active_users} (see Table#readers). */
        TableBuilder readBy(String column, String... readers) {
            this.readers.put(column, List.of(readers));
            return this;
        }

        /** A table that inherits from {@code parents} ({@code INHERITS}), declaring all its columns itself. */
        TableBuilder inherits(String... parents) {
            List.of(parents).forEach(p -> inherits.add(QualifiedName.of(p)));
            return this;
        }

        Table build() {
            return new Table(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits,
                    Set.of(), Set.of(), unvalidatedNotNulls, readers);
        }
    }
}
