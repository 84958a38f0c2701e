package dev.retort.operation;

/** Options of {@code op.createExtension(...)}. */
public final class CreateExtensionBuilder {
    private final String name;
    private String schema;
    private boolean ifNotExists;

    CreateExtensionBuilder(String name) {
        this.name = name;
    }

    /** Puts the extension's objects in {@code schema} ({@code WITH SCHEMA}), which must exist. */
    public CreateExtensionBuilder schema(String schema) {
        this.schema = schema;
        return this;
    }

    /** Does nothing, instead of failing, when the database has the extension already ({@code IF NOT EXISTS}). */
    public CreateExtensionBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    CreateExtension build() {
        return new CreateExtension(name, schema, ifNotExists);
    }
}
