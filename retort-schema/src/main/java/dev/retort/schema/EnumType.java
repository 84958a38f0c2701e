package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.List;

/**
 * An enum type, its labels in their sort order, and the casts to or from it that the schema keeps with it.
 *
 * @param casts each cast whose source is this type, and each whose target is this type and whose source is no
 *     enum type read alongside (a cast between two enum types is kept with its source), in {@link Cast#ORDER}
 */
public record EnumType(QualifiedName name, List<String> values, List<Cast> casts) {
    public EnumType {
        values = List.copyOf(values);
        casts = casts.stream().sorted(Cast.ORDER).toList();
    }

    /** An enum type without casts. */
    public EnumType(QualifiedName name, List<String> values) {
        this(name, values, List.of());
    }

    /** The same type under {@code name}, with the same values and casts. */
    public EnumType named(QualifiedName name) {
        return new EnumType(name, values, casts);
    }
}
