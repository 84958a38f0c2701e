package dev.retort.operation;

/** Renames a value of an enum type; rows holding it show the new name. */
public record RenameEnumValue(QualifiedName type, String from, String to) implements Operation {
    public RenameEnumValue {
        Require.present(type, "the enum type whose value to rename");
        Require.name(from, "the value of enum type " + type + " to rename");
        Require.name(to, "the new name of value " + from + " of enum type " + type);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
