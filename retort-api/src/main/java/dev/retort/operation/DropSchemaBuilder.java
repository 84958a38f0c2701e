package dev.retort.operation;

/** Options of {@code op.dropSchema(...)}. */
public final class DropSchemaBuilder {
    private final String name;
    private boolean ifExists;
    private boolean cascade;

    DropSchemaBuilder(String name) {
        this.name = name;
    }

    /** Does nothing, instead of failing, when the schema does not exist ({@code IF EXISTS}). */
    public DropSchemaBuilder ifExists() {
        ifExists = true;
        return this;
    }

    /** Also drops everything in the schema ({@code CASCADE}). */
    public DropSchemaBuilder cascade() {
        cascade = true;
        return this;
    }

    DropSchema build() {
        return new DropSchema(name, ifExists, cascade);
    }
}
