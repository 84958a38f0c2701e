package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
import java.util.List;
import java.util.Map;

/**
 * The constants of the enums that the model says its columns hold, in declaration order (a JPA entity's
 * {@code @Enumerated} attribute): constant {@code i} is what {@code @Enumerated(ORDINAL)} stores as {@code i}, its name
 * what {@code @Enumerated(STRING)} stores. The schema does not say it, so a column that goes from one mapping to the
 * other can have its rows converted only with it (see {@link ColumnChanges}).
 *
 * <p>Keyed by the model's names; the downgrade, planned with the database's names, asks {@link #underOldNames}.
 */
final class ModelEnums {
    private final Map<String, List<String>> constants;
    private final RenameAnswers toModel;

    private ModelEnums(Map<String, List<String>> constants, RenameAnswers toModel) {
        this.constants = constants;
        this.toModel = toModel;
    }

    /** @param constants {@code table.column} of the model to its enum's constants */
    static ModelEnums of(Map<String, List<String>> constants) {
        return new ModelEnums(Map.copyOf(constants), null);
    }

    /**
     * The same enums, asked for by the names the database gives the tables and columns: {@code answers} are the
     * upgrade's, which lead from those names to the model's.
     */
    ModelEnums underOldNames(RenameAnswers answers) {
        return new ModelEnums(constants, answers);
    }

    /** The constants of the enum column {@code column} of {@code table} holds, or null when the model does not say. */
    List<String> constants(QualifiedName table, String column) {
        if (toModel != null) {
            table = toModel.tableName(table);
            column = toModel.columnRenames(table).getOrDefault(column, column);
        }
        return constants.get(table + "." + column);
    }
}
