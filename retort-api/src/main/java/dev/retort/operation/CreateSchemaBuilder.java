package dev.retort.operation;

/** Options of {@code op.createSchema(...)}. */
public final class CreateSchemaBuilder {
    private final String name;
    private boolean ifNotExists;

    CreateSchemaBuilder(String name) {
        this.name = name;
    }

    /** Does nothing, instead of failing, when the schema exists ({@code IF NOT EXISTS}). */
    public CreateSchemaBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    CreateSchema build() {
        return new CreateSchema(name, ifNotExists);
    }
}
