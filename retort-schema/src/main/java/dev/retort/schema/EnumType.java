package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.List;

/** An enum type and its labels, in their sort order. */
public record EnumType(QualifiedName name, List<String> values) {
    public EnumType {
        values = List.copyOf(values);
    }
}
