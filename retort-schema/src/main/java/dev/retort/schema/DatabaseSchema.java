package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The neutral schema model: what introspection produces from a live database, what a model source produces
 * (through a scratch database) and what the diff reads.
 *
 * <p>Every list is sorted by name (schema first, the default schema as empty), so two descriptions of the
 * same schema are equal records. Names in the default schema ({@code public}) carry a null schema.
 *
 * @param schemas the non-default schemas that exist (besides those of system and Retort's own objects)
 * @param extensions the extensions installed, by name, without {@code plpgsql}, which every database has
 */
public record DatabaseSchema(List<String> schemas, List<Table> tables, List<EnumType> enums, List<Sequence> sequences,
        List<Extension> extensions) {
    /** Orders names: default schema first, then by schema, then by name. */
    public static final Comparator<QualifiedName> NAME_ORDER = Comparator
            .comparing((QualifiedName n) -> n.schema() == null ? "" : n.schema())
            .thenComparing(QualifiedName::name);

    public static final DatabaseSchema EMPTY =
            new DatabaseSchema(List.of(), List.of(), List.of(), List.of(), List.of());

    public DatabaseSchema {
        schemas = schemas.stream().sorted().toList();
        tables = tables.stream().sorted(Comparator.comparing(Table::name, NAME_ORDER)).toList();
        enums = enums.stream().sorted(Comparator.comparing(EnumType::name, NAME_ORDER)).toList();
        sequences = sequences.stream().sorted(Comparator.comparing(Sequence::name, NAME_ORDER)).toList();
        extensions = extensions.stream().sorted(Comparator.comparing(Extension::name)).toList();
    }

    /** The same schema with {@code extensions} instead of its own. */
    public DatabaseSchema withExtensions(List<Extension> extensions) {
        return new DatabaseSchema(schemas, tables, enums, sequences, extensions);
    }

    /**
     * The same schema without {@code schema} among its schemas (its tables, types and sequences stay): for the schema
     * Retort keeps its version table in, which Retort creates and no migration may create or drop.
     */
    public DatabaseSchema withoutSchemaName(String schema) {
        return new DatabaseSchema(schemas.stream().filter(s -> !s.equals(schema)).toList(), tables, enums, sequences,
                extensions);
    }

    /** The same schema without the views and policies that read its tables' columns ({@link Table#readers()}). */
    public DatabaseSchema withoutReaders() {
        return new DatabaseSchema(schemas, tables.stream().map(Table::withoutReaders).toList(), enums, sequences,
                extensions);
    }

    public Optional<Extension> extension(String name) {
        return extensions.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Sequence> sequence(QualifiedName name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return schemas.isEmpty() && tables.isEmpty() && enums.isEmpty() && sequences.isEmpty()
                && extensions.isEmpty();
    }
}
