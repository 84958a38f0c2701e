package dev.retort.operation;

/**
 * Moves an extension's objects to another schema ({@code ALTER EXTENSION ... SET SCHEMA}); its types go with it,
 * and the columns of those types keep their data. PostgreSQL refuses it for an extension whose control file says
 * it is not relocatable.
 *
 * @param schema the schema to move it to, which must exist; {@code public} to bring it back to the default one
 */
public record SetExtensionSchema(String name, String schema) implements Operation {
    public SetExtensionSchema {
        Require.name(name, "the extension to move");
        Require.name(schema, "the schema to move extension " + name + " to");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
