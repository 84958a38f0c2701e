package dev.retort.jpa;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PostgreSQL schema Hibernate derives from the entities, with the renames the entities declare.
 *
 * <p>Table names are qualified as {@code schema.table} when the table is not in the default schema,
 * and are plain {@code table} otherwise.
 *
 * @param ddl           Hibernate's create script, each statement followed by {@code ";\n"}; no drops
 * @param tableRenames  new table → old table, from {@code @RenamedFrom} on entity classes
 * @param columnRenames {@code "table.new_column"} → {@code "old_column"}, from {@code @RenamedFrom} on fields and getters
 * @param warnings      things a user should know, such as a {@code @RenamedFrom} that could not be applied
 * @param owners        {@code "table"} → the entity class, {@code "table.column"} → the class and attribute that
 *                      map it ({@code com.example.Item.price}), so that an error in the DDL names the code at fault
 * @param idSequences   {@code "table.column"} of an entity's id → the sequence its generator draws from
 *                      ({@code "users_seq"}, {@code "crm.order_numbers"} outside {@code public})
 * @param uniqueNames   a name Hibernate gives a unique constraint that the DDL leaves unnamed, when it names it itself
 *                      ({@code ddl-auto=update}, Hibernate 5), in lower case → that constraint, as
 *                      {@code "table unique (a, b)"} (see {@link UniqueKeyNames})
 * @param enumConstants {@code "table.column"} of a column that holds a Java enum → the names of its constants,
 *                      in declaration order (see {@link EnumColumns})
 */
public record JpaModel(String ddl, Map<String, String> tableRenames, Map<String, String> columnRenames,
        List<String> warnings, Map<String, String> owners, Map<String, String> idSequences,
        Map<String, String> uniqueNames, Map<String, List<String>> enumConstants) {
    public JpaModel {
        Map<String, List<String>> constants = new TreeMap<>();
        enumConstants.forEach((column, names) -> constants.put(column, List.copyOf(names)));
        enumConstants = Collections.unmodifiableMap(constants);
        uniqueNames = Collections.unmodifiableMap(new TreeMap<>(uniqueNames));
        idSequences = Collections.unmodifiableMap(new TreeMap<>(idSequences));
        tableRenames = Collections.unmodifiableMap(new TreeMap<>(tableRenames));
        columnRenames = Collections.unmodifiableMap(new TreeMap<>(columnRenames));
        warnings = List.copyOf(warnings);
        owners = Collections.unmodifiableMap(new TreeMap<>(owners));
    }

    public JpaModel(String ddl, Map<String, String> tableRenames, Map<String, String> columnRenames,
            List<String> warnings) {
        this(ddl, tableRenames, columnRenames, warnings, Map.of(), Map.of(), Map.of());
    }

    public JpaModel(String ddl, Map<String, String> tableRenames, Map<String, String> columnRenames,
            List<String> warnings, Map<String, String> owners, Map<String, String> idSequences,
            Map<String, String> uniqueNames) {
        this(ddl, tableRenames, columnRenames, warnings, owners, idSequences, uniqueNames, Map.of());
    }

    /** This model with {@code first} before its own warnings. */
    JpaModel warnedFirst(List<String> first) {
        if (first.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(warnings);
        return new JpaModel(ddl, tableRenames, columnRenames, all, owners, idSequences, uniqueNames, enumConstants);
    }

    /** The DDL split into its statements, without the terminating semicolons. */
    public List<String> statements() {
        return ddl.isEmpty() ? List.of() : List.of(ddl.split(";\n"));
    }
}
