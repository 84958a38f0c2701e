package dev.retort.operation;

import java.util.ArrayList;
import java.util.List;

/** Creates an enum type whose labels are {@code values}, in that order. */
public record CreateEnum(QualifiedName type, List<String> values) implements Operation {
    public CreateEnum {
        Require.present(type, "the name of a new enum type");
        Require.present(values, "the values of enum type " + type);
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            copy.add(Require.name(value, "a value of enum type " + type));
        }
        values = List.copyOf(copy);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
