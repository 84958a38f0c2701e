package dev.retort.autogenerate;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sequences {@code exclude_sequences} names and the enum types {@code exclude_types} names: left alone on both
 * sides, as {@code exclude_tables} leaves tables alone, for those that a database shares with what no model maps
 * (another application's, a report's) and that nothing Retort sees uses.
 *
 * @param sequences the entries of {@code exclude_sequences}
 * @param types the entries of {@code exclude_types}
 */
record ListedSequencesAndTypes(ExcludedNames sequences, ExcludedNames types) {
    /**
     * Reads the entries.
     *
     * @param home the schema whose objects carry no schema in the comparison (see {@link HomeSchema})
     */
    static ListedSequencesAndTypes of(List<String> sequences, List<String> types, String home) {
        return new ListedSequencesAndTypes(ExcludedNames.of(sequences, home), ExcludedNames.of(types, home));
    }

    /**
     * {@code schema} without the listed enum types and sequences. A sequence that a column of one of its tables owns
     * (a {@code serial} column's) is that table's and stays, as it goes with an excluded table: left out, a new
     * table's default would call a sequence that no migration creates.
     */
    DatabaseSchema takenFrom(DatabaseSchema schema) {
        Set<QualifiedName> tables = schema.tables().stream().map(Table::name).collect(Collectors.toSet());
        return new DatabaseSchema(schema.schemas(), schema.tables(),
                schema.enums().stream().filter(e -> !types.excludes(e.name())).toList(),
                schema.sequences().stream().filter(s -> ownedByOneOf(s, tables) || !sequences.excludes(s.name()))
                        .toList(),
                schema.extensions());
    }

    /**
     * The listed enum types that {@code model} declares and {@code database} lacks. Neither compared nor created, they
     * are missing when a migration creates a table of the model that uses one (see {@link UncreatedListedTypes}).
     */
    Set<QualifiedName> uncreated(DatabaseSchema model, DatabaseSchema database) {
        Set<QualifiedName> there = database.enums().stream().map(EnumType::name).collect(Collectors.toSet());
        return model.enums().stream().map(EnumType::name).filter(name -> types.excludes(name) && !there.contains(name))
                .collect(Collectors.toSet());
    }

    private static boolean ownedByOneOf(Sequence sequence, Set<QualifiedName> tables) {
        return sequence.ownerTable().filter(tables::contains).isPresent();
    }
}
