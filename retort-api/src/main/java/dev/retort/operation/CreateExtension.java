package dev.retort.operation;

/**
 * Installs an extension in the database, such as {@code citext} or {@code pg_trgm}.
 *
 * @param schema where its objects go; null for the first schema of the search path (normally {@code public})
 */
public record CreateExtension(String name, String schema, boolean ifNotExists) implements Operation {
    public CreateExtension {
        Require.name(name, "the name of the extension to create");
        Require.optionalName(schema, "the schema of extension " + name);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
