package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The desired schema as PostgreSQL DDL, with what the model source knows about renames.
 *
 * @param ddl statements separated by semicolons
 * @param origin where the DDL came from, for messages ("schema.sql", "JPA entities in src/main/java")
 * @param tableRenames new table name to old table name ({@code schema.table} outside the default schema)
 * @param columnRenames {@code table.new_column} to old column name
 * @param warnings things the model source noticed and the user should see
 * @param owners {@code table} and {@code table.column} to the code that declares them ({@code com.example.Item},
 *     {@code com.example.Item.price}), named in an error instead of {@code origin} and a line of generated DDL;
 *     empty for DDL the user wrote, whose lines are the place to point at; an index or a sequence is keyed by its
 *     own name, as a table is, and a schema as {@code schema billing}
 * @param idSequences {@code table.column} to the sequence that numbers it ({@code users_seq}, {@code
 *     crm.order_numbers}), as a JPA entity's id generator declares it: when the column stops being an identity,
 *     that sequence takes over its numbers (see {@code SequenceTakeovers}); empty when the model does not say
 * @param uniqueNames a name the model's own tool gives a unique constraint that the DDL leaves unnamed, when that tool
 *     builds the schema itself (Hibernate's {@code ddl-auto=update}, Hibernate 5: {@code uk9jki9o7lwg04bx6y5784w6ufi}),
 *     in lower case, to that constraint as {@code table unique (a, b)}: a database that has the constraint under such
 *     a name has it as the model says (see {@code UniqueNames}); empty when the model does not say
 * @param enumConstants {@code table.column} of a column that holds an enum of the model's language (a JPA entity's
 *     {@code @Enumerated} attribute) to the names of its constants in declaration order, the first stored as
 *     {@code 0} under {@code @Enumerated(ORDINAL)}: a column between ordinals and names has its rows converted
 *     (see {@code ModelEnums}); empty when the model does not say
 */
public record ModelDdl(String ddl, String origin, Map<String, String> tableRenames, Map<String, String> columnRenames,
        List<String> warnings, Map<String, String> owners, Map<String, String> idSequences,
        Map<String, String> uniqueNames, Map<String, List<String>> enumConstants) {
    public ModelDdl {
        enumConstants = Map.copyOf(enumConstants);
        uniqueNames = Map.copyOf(uniqueNames);
        idSequences = Map.copyOf(idSequences);
        tableRenames = Map.copyOf(tableRenames);
        columnRenames = Map.copyOf(columnRenames);
        warnings = List.copyOf(warnings);
        owners = Map.copyOf(owners);
    }

    public ModelDdl(String ddl, String origin, Map<String, String> tableRenames, Map<String, String> columnRenames,
            List<String> warnings) {
        this(ddl, origin, tableRenames, columnRenames, warnings, Map.of(), Map.of(), Map.of());
    }

    public ModelDdl(String ddl, String origin, Map<String, String> tableRenames, Map<String, String> columnRenames,
            List<String> warnings, Map<String, String> owners, Map<String, String> idSequences,
            Map<String, String> uniqueNames) {
        this(ddl, origin, tableRenames, columnRenames, warnings, owners, idSequences, uniqueNames, Map.of());
    }

    /** This model with {@code warning} after its own warnings. */
    public ModelDdl withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new ModelDdl(ddl, origin, tableRenames, columnRenames, all, owners, idSequences, uniqueNames,
                enumConstants);
    }

    /**
     * Whether the DDL says in which schema each extension goes: the user's own DDL does (a schema file's {@code CREATE
     * EXTENSION ... SCHEMA}, or its absence), DDL generated from a model whose objects name their owners (JPA
     * entities) does not.
     */
    public boolean placesExtensions() {
        return owners.isEmpty();
    }

    /**
     * Whether the DDL chooses the column order of composite primary keys and of the foreign keys that reference them:
     * the user's own DDL does; Hibernate, whose DDL names the owners, orders them one way when it creates a schema
     * ({@code ddl-auto=create}, 6.2 and later) and another when it updates one or in Hibernate 5, so a database it
     * built may have either.
     */
    public boolean choosesKeyOrder() {
        return owners.isEmpty();
    }
}
