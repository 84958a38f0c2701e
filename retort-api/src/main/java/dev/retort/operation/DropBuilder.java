package dev.retort.operation;

/** Options of an operation that drops a table, constraint, enum type or sequence. */
public final class DropBuilder {
    /** Makes the operation once the options are known. */
    @FunctionalInterface
    interface Factory {
        Operation create(QualifiedName name, boolean ifExists, boolean cascade);
    }

    private final Factory factory;
    private QualifiedName name;
    private boolean ifExists;
    private boolean cascade;

    DropBuilder(QualifiedName name, Factory factory) {
        this.name = name;
        this.factory = factory;
    }

    /** Works on the object (or, for a constraint, its table) in {@code schema}. */
    public DropBuilder schema(String schema) {
        name = name.inSchema(schema);
        return this;
    }

    /** Does nothing, instead of failing, when the object does not exist ({@code IF EXISTS}). */
    public DropBuilder ifExists() {
        ifExists = true;
        return this;
    }

    /** Also drops the objects that depend on this one ({@code CASCADE}). */
    public DropBuilder cascade() {
        cascade = true;
        return this;
    }

    Operation build() {
        return factory.create(name, ifExists, cascade);
    }
}
