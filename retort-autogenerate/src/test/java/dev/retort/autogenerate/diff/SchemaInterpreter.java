package dev.retort.autogenerate.diff;

import static org.assertj.core.api.Assertions.fail;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateCast;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateExtension;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropCast;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropExtension;
import dev.retort.operation.DropIndex;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Identity;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationVisitor;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameEnumValue;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import dev.retort.operation.TableConstraint;
import dev.retort.schema.Cast;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Extension;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies operations to an in-memory schema, refusing what PostgreSQL refuses, so tests can check that a diff's
 * operations run in order and arrive where they should.
 *
 * <p>The rules modelled are those the ordering depends on: schemas, types and relations exist before use and are
 * unique per schema; a key cannot be dropped while a foreign key depends on it, nor a table or column that
 * another table references; dropping a column takes its constraints and indexes with it; a default that cannot
 * be converted blocks a type change; identity and generated columns refuse defaults; dropping a table drops the
 * sequences it owns. It is written independently of the differ, on purpose.
 */
final class SchemaInterpreter implements OperationVisitor<Void> {
    private static final Set<String> BUILT_IN_TYPES = Set.of("integer", "bigint", "smallint", "text",
            "character varying", "character", "boolean", "numeric", "date", "timestamp without time zone",
            "timestamp with time zone", "double precision", "real", "uuid", "jsonb", "json");

    private final Set<String> schemas = new HashSet<>();
    private final Map<QualifiedName, InterpretedTable> tables = new LinkedHashMap<>();
    private final Map<QualifiedName, List<String>> enums = new HashMap<>();
    /** The casts to and from enum types, their types as a column's type reads. */
    private final List<Cast> casts = new ArrayList<>();
    private final Map<QualifiedName, SequenceOptions> sequences = new HashMap<>();
    /** Extensions by name, with their schema; each is taken to provide the type of its own name (citext). */
    private final Map<String, Extension> extensions = new HashMap<>();
    /** Relation names per schema (tables, indexes, key indexes, sequences), with what each is. */
    private final Map<List<String>, String> relations = new HashMap<>();
    private int step;

    private SchemaInterpreter(DatabaseSchema start) {
        schemas.addAll(start.schemas());
        start.extensions().forEach(e -> extensions.put(e.name(), e));
        start.enums().forEach(e -> {
            enums.put(e.name(), new ArrayList<>(e.values()));
            casts.addAll(e.casts());
        });
        start.sequences().forEach(s -> {
            sequences.put(s.name(), s.options());
            register(s.name().schema(), s.name().name(), "sequence");
        });
        for (Table table : start.tables()) {
            InterpretedTable t = new InterpretedTable(table.name());
            table.columns().forEach(c -> t.columns.put(c.name(), c));
            t.primaryKey = table.primaryKey();
            table.uniques().forEach(u -> t.uniques.put(u.name(), u));
            table.checks().forEach(c -> t.checks.put(c.name(), c));
            table.indexes().forEach(i -> t.indexes.put(i.name(), i));
            t.comment = table.comment();
            tables.put(table.name(), t);
            registerTable(t);
        }
        for (Table table : start.tables()) {
            for (ForeignKeyDef fk : table.foreignKeys()) {
                InterpretedTable target = tables.get(fk.referencedTable());
                if (target == null) {
                    throw new AssertionError("the start schema references missing table " + fk.referencedTable());
                }
                tables.get(table.name()).foreignKeys.put(fk.name(),
                        new InterpretedTable.ForeignKey(fk, ConstraintWork.backingKey(target, fk)));
            }
        }
    }

    /** The schema {@code start} becomes when {@code operations} run on it; fails the test on an operation PostgreSQL refuses. */
    static DatabaseSchema apply(DatabaseSchema start, List<Operation> operations) {
        SchemaInterpreter interpreter = new SchemaInterpreter(start);
        for (Operation operation : operations) {
            interpreter.step++;
            try {
                operation.accept(interpreter);
            } catch (RefusedException e) {
                throw new AssertionError("Operation " + interpreter.step + " of " + operations.size()
                        + " is refused: " + e.getMessage() + "\n  " + operation + "\nAll operations:\n"
                        + String.join("\n", operations.stream().map(Object::toString).toList()), e);
            }
        }
        return interpreter.schema();
    }

    /** What PostgreSQL would answer with an error. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    static RefusedException refuse(String message) {
        return new RefusedException(message);
    }

    DatabaseSchema schema() {
        List<Table> result = new ArrayList<>();
        tables.values().forEach(t -> result.add(t.toTable()));
        List<EnumType> enumTypes = new ArrayList<>();
        Map<String, QualifiedName> enumNames = new HashMap<>();
        enums.keySet().forEach(name -> enumNames.put(typeName(name), name));
        Map<QualifiedName, List<Cast>> castsByType = new HashMap<>();
        for (Cast cast : casts) {
            QualifiedName kept = enumNames.getOrDefault(cast.source(), enumNames.get(cast.target()));
            castsByType.computeIfAbsent(kept, k -> new ArrayList<>()).add(cast);
        }
        enums.forEach((name, values) ->
                enumTypes.add(new EnumType(name, values, castsByType.getOrDefault(name, List.of()))));
        List<Sequence> sequenceList = new ArrayList<>();
        sequences.forEach((name, options) -> sequenceList.add(new Sequence(name, options)));
        return new DatabaseSchema(List.copyOf(schemas), result, enumTypes, sequenceList,
                List.copyOf(extensions.values()));
    }

    // ---- schemas, enums, sequences

    @Override
    public Void visit(CreateSchema operation) {
        if (!schemas.add(operation.name())) {
            throw refuse("schema " + operation.name() + " already exists");
        }
        return null;
    }

    @Override
    public Void visit(DropSchema operation) {
        String schema = operation.name();
        if (!schemas.contains(schema)) {
            throw refuse("schema " + schema + " does not exist");
        }
        boolean used = tables.keySet().stream().anyMatch(n -> schema.equals(n.schema()))
                || extensions.values().stream().anyMatch(e -> schema.equals(e.schema()))
                || enums.keySet().stream().anyMatch(n -> schema.equals(n.schema()))
                || sequences.keySet().stream().anyMatch(n -> schema.equals(n.schema()));
        if (used) {
            throw refuse("cannot drop schema " + schema + " because other objects depend on it");
        }
        schemas.remove(schema);
        return null;
    }

    @Override
    public Void visit(CreateExtension operation) {
        requireSchema(operation.schema());
        if (extensions.containsKey(operation.name())) {
            if (operation.ifNotExists()) {
                return null;
            }
            throw refuse("extension " + operation.name() + " already exists");
        }
        extensions.put(operation.name(), new Extension(operation.name(), operation.schema()));
        return null;
    }

    @Override
    public Void visit(SetExtensionSchema operation) {
        String schema = "public".equals(operation.schema()) ? null : operation.schema();
        requireSchema(schema);
        Extension extension = extensions.get(operation.name());
        if (extension == null) {
            throw refuse("extension " + operation.name() + " does not exist");
        }
        if (!extension.relocatable()) {
            throw refuse("extension " + operation.name() + " does not support SET SCHEMA");
        }
        extensions.put(operation.name(), new Extension(extension.name(), schema, extension.requires(), true,
                extension.types(), extension.operatorClasses(), extension.functions()));
        return null;
    }

    @Override
    public Void visit(DropExtension operation) {
        if (!extensions.containsKey(operation.name())) {
            throw refuse("extension " + operation.name() + " does not exist");
        }
        boolean used = tables.values().stream().flatMap(t -> t.columns.values().stream())
                .anyMatch(c -> elementType(c.type()).equals(operation.name()));
        if (used && !operation.cascade()) {
            throw refuse("cannot drop extension " + operation.name() + " because other objects depend on it");
        }
        extensions.remove(operation.name());
        return null;
    }

    @Override
    public Void visit(CreateEnum operation) {
        requireSchema(operation.type().schema());
        requireTypeNameFree(operation.type());
        enums.put(operation.type(), new ArrayList<>(operation.values()));
        return null;
    }

    @Override
    public Void visit(DropEnum operation) {
        CatalogWork.dropEnum(this, operation);
        return null;
    }

    @Override
    public Void visit(AddEnumValue operation) {
        CatalogWork.addEnumValue(this, operation);
        return null;
    }

    @Override
    public Void visit(RenameEnumValue operation) {
        throw refuse("the differ never renames enum values");
    }

    @Override
    public Void visit(CreateCast operation) {
        if (!isType(operation.source()) || !isType(operation.target())) {
            throw refuse("type " + (isType(operation.source()) ? operation.target() : operation.source())
                    + " does not exist");
        }
        if (casts.stream().anyMatch(c -> c.source().equals(operation.source())
                && c.target().equals(operation.target()))) {
            throw refuse("cast from type " + operation.source() + " to type " + operation.target() + " already exists");
        }
        casts.add(new Cast(operation.source(), operation.target(), operation.context()));
        return null;
    }

    @Override
    public Void visit(DropCast operation) {
        if (!casts.removeIf(c -> c.source().equals(operation.source()) && c.target().equals(operation.target()))
                && !operation.ifExists()) {
            throw refuse("cast from type " + operation.source() + " to type " + operation.target() + " does not exist");
        }
        return null;
    }

    private boolean isType(String type) {
        return BUILT_IN_TYPES.contains(type) || enums.keySet().stream().anyMatch(e -> typeName(e).equals(type));
    }

    @Override
    public Void visit(CreateSequence operation) {
        requireSchema(operation.sequence().schema());
        register(operation.sequence().schema(), operation.sequence().name(), "sequence");
        SequenceOptions options = operation.options();
        if (options.ownedBy() == null) {
            options = options.ownedBy(SequenceOwner.NONE);
        }
        requireOwner(operation.sequence(), options.ownedBy());
        sequences.put(operation.sequence(), options);
        return null;
    }

    @Override
    public Void visit(AlterSequence operation) {
        CatalogWork.alterSequence(this, operation);
        return null;
    }

    @Override
    public Void visit(DropSequence operation) {
        CatalogWork.dropSequence(this, operation);
        return null;
    }

    // ---- tables

    @Override
    public Void visit(CreateTable operation) {
        QualifiedName name = operation.table();
        requireSchema(name.schema());
        requireTypeNameFree(name);
        InterpretedTable table = new InterpretedTable(name);
        for (ColumnDef column : operation.columns()) {
            if (column.primaryKey() || column.unique()) {
                throw refuse("the model's columns never carry key flags: " + column);
            }
            requireType(column.type());
            table.columns.put(column.name(), withImplicitNotNull(column));
        }
        register(name.schema(), name.name(), "table");
        tables.put(name, table);
        // Keys first, then the rest, as PostgreSQL resolves a CREATE TABLE's own keys before its foreign keys.
        for (TableConstraint constraint : operation.constraints()) {
            if (!(constraint instanceof ForeignKeyDef)) {
                ConstraintWork.addConstraint(this, table, constraint);
            }
        }
        for (TableConstraint constraint : operation.constraints()) {
            if (constraint instanceof ForeignKeyDef) {
                ConstraintWork.addConstraint(this, table, constraint);
            }
        }
        table.comment = operation.comment();
        table.unlogged = operation.unlogged();
        return null;
    }

    @Override
    public Void visit(DropTable operation) {
        TableWork.dropTable(this, requireTable(operation.table()));
        return null;
    }

    @Override
    public Void visit(RenameTable operation) {
        TableWork.renameTable(this, requireTable(operation.table()), operation.newName());
        return null;
    }

    @Override
    public Void visit(SetTableComment operation) {
        requireTable(operation.table()).comment = operation.comment();
        return null;
    }

    @Override
    public Void visit(SetTablePersistence operation) {
        requireTable(operation.table()).unlogged = operation.unlogged();
        return null;
    }

    @Override
    public Void visit(AddColumn operation) {
        InterpretedTable table = requireTable(operation.table());
        ColumnDef column = operation.column();
        if (table.columns.containsKey(column.name())) {
            throw refuse("column " + column.name() + " of " + table.name + " already exists");
        }
        if (column.primaryKey() || column.unique()) {
            throw refuse("the model's columns never carry key flags: " + column);
        }
        requireType(column.type());
        table.columns.put(column.name(), withImplicitNotNull(column));
        return null;
    }

    @Override
    public Void visit(DropColumn operation) {
        ColumnWork.dropColumn(this, requireTable(operation.table()), operation.column());
        return null;
    }

    @Override
    public Void visit(AlterColumn operation) {
        ColumnWork.alterColumn(this, requireTable(operation.table()), operation);
        return null;
    }

    // ---- constraints and indexes

    @Override
    public Void visit(AddConstraint operation) {
        ConstraintWork.addConstraint(this, requireTable(operation.table()), operation.constraint());
        return null;
    }

    @Override
    public Void visit(DropConstraint operation) {
        ConstraintWork.dropConstraint(this, requireTable(operation.table()), operation.name());
        return null;
    }

    @Override
    public Void visit(CreateIndex operation) {
        ConstraintWork.createIndex(this, requireTable(operation.table()), operation);
        return null;
    }

    @Override
    public Void visit(DropIndex operation) {
        ConstraintWork.dropIndex(this, operation.index());
        return null;
    }

    @Override
    public Void visit(Execute operation) {
        ExecuteStatements.run(this, operation.sql());
        return null;
    }

    @Override
    public Void visit(BulkInsert operation) {
        throw refuse("the differ never inserts data");
    }

    @Override
    public Void visit(Autocommit operation) {
        throw refuse("the differ never asks for autocommit");
    }

    // ---- shared with ColumnWork and ExecuteStatements

    Map<QualifiedName, InterpretedTable> tables() {
        return tables;
    }

    Map<QualifiedName, List<String>> enums() {
        return enums;
    }

    List<Cast> casts() {
        return casts;
    }

    Map<QualifiedName, SequenceOptions> sequences() {
        return sequences;
    }

    InterpretedTable requireTable(QualifiedName name) {
        InterpretedTable table = tables.get(name);
        if (table == null) {
            throw refuse("relation " + name + " does not exist");
        }
        return table;
    }

    InterpretedTable tableOfIndex(QualifiedName index) {
        for (InterpretedTable table : tables.values()) {
            if (Objects.equals(table.name.schema(), index.schema()) && table.indexes.containsKey(index.name())) {
                return table;
            }
        }
        throw refuse("index " + index + " does not exist");
    }

    static ColumnDef requireColumn(InterpretedTable table, String column) {
        ColumnDef def = table.columns.get(column);
        if (def == null) {
            throw refuse("column " + column + " of relation " + table.name + " does not exist");
        }
        return def;
    }

    List<String> requireEnum(QualifiedName type) {
        List<String> values = enums.get(type);
        if (values == null) {
            throw refuse("type " + type + " does not exist");
        }
        return values;
    }

    void requireType(String type) {
        String element = elementType(type);
        if (BUILT_IN_TYPES.contains(TypeNames.base(element)) || extensions.containsKey(element)) {
            return;
        }
        for (QualifiedName name : enums.keySet()) {
            if (typeName(name).equals(element)) {
                return;
            }
        }
        throw refuse("type " + type + " does not exist");
    }

    private static String elementType(String type) {
        return type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    }

    void requireTypeNameFree(QualifiedName name) {
        if (enums.containsKey(name) || tables.containsKey(name)) {
            throw refuse("type " + name + " already exists");
        }
    }

    void register(String schema, String name, String kind) {
        requireSchema(schema);
        String existing = relations.putIfAbsent(List.of(schemaKey(schema), name), kind);
        if (existing != null) {
            throw refuse("relation " + name + " already exists (a " + existing + "), cannot create a " + kind);
        }
    }

    void unregister(String schema, String name) {
        relations.remove(List.of(schemaKey(schema), name));
    }

    void dropSequence(QualifiedName sequence) {
        sequences.remove(sequence);
        relations.remove(List.of(schemaKey(sequence.schema()), sequence.name()));
    }

    static String typeName(QualifiedName type) {
        return type.schema() == null ? type.name() : type.schema() + "." + type.name();
    }

    private void registerTable(InterpretedTable table) {
        register(table.name.schema(), table.name.name(), "table");
        if (table.primaryKey != null) {
            register(table.name.schema(), table.primaryKey.name(), "primary key");
        }
        table.uniques.keySet().forEach(u -> register(table.name.schema(), u, "unique constraint"));
        table.indexes.keySet().forEach(i -> register(table.name.schema(), i, "index"));
    }

    void unregisterTable(InterpretedTable table) {
        String schema = table.name.schema();
        unregister(schema, table.name.name());
        if (table.primaryKey != null) {
            unregister(schema, table.primaryKey.name());
        }
        table.uniques.keySet().forEach(u -> unregister(schema, u));
        table.indexes.keySet().forEach(i -> unregister(schema, i));
    }

    void requireSchema(String schema) {
        if (schema != null && !schemas.contains(schema)) {
            throw refuse("schema " + schema + " does not exist");
        }
    }

    void requireOwner(QualifiedName sequence, SequenceOwner owner) {
        if (owner == null || owner.isNone()) {
            return;
        }
        InterpretedTable table = requireTable(QualifiedName.of(sequence.schema(), owner.table()));
        requireColumn(table, owner.column());
    }

    private static ColumnDef withImplicitNotNull(ColumnDef column) {
        return column.identity() != Identity.NONE ? column.nullable(false) : column;
    }

    private static String schemaKey(String schema) {
        return schema == null ? "" : schema;
    }
}
