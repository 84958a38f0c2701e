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
 */
public record DatabaseSchema(List<String> schemas, List<Table> tables, List<EnumType> enums, List<Sequence> sequences) {
    /** Orders names: default schema first, then by schema, then by name. */
    public static final Comparator<QualifiedName> NAME_ORDER = Comparator
            .comparing((QualifiedName n) -> n.schema() == null ? "" : n.schema())
            .thenComparing(QualifiedName::name);

    public static final DatabaseSchema EMPTY = new DatabaseSchema(List.of(), List.of(), List.of(), List.of());

    public DatabaseSchema {
        schemas = schemas.stream().sorted().toList();
        tables = tables.stream().sorted(Comparator.comparing(Table::name, NAME_ORDER)).toList();
        enums = enums.stream().sorted(Comparator.comparing(EnumType::name, NAME_ORDER)).toList();
        sequences = sequences.stream().sorted(Comparator.comparing(Sequence::name, NAME_ORDER)).toList();
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
        return schemas.isEmpty() && tables.isEmpty() && enums.isEmpty() && sequences.isEmpty();
    }
}
