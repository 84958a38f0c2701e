package dev.retort.operation;

/** Drops an enum type; {@code cascade} also drops the columns and objects that use it. */
public record DropEnum(QualifiedName type, boolean ifExists, boolean cascade) implements Operation {
    public DropEnum {
        Require.present(type, "the enum type to drop");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
