package dev.retort.operation;

/** Options of {@code op.dropIndex(...)}. */
public final class DropIndexBuilder {
    private QualifiedName index;
    private boolean ifExists;
    private boolean concurrently;
    private boolean cascade;

    DropIndexBuilder(QualifiedName index) {
        this.index = index;
    }

    /** Drops the index in {@code schema} (its table's schema). */
    public DropIndexBuilder schema(String schema) {
        index = index.inSchema(schema);
        return this;
    }

    /** Does nothing, instead of failing, when the index does not exist ({@code IF EXISTS}). */
    public DropIndexBuilder ifExists() {
        ifExists = true;
        return this;
    }

    /** Drops the index without blocking the table ({@code CONCURRENTLY}); runs outside the transaction. */
    public DropIndexBuilder concurrently() {
        concurrently = true;
        return this;
    }

    /** Also drops the objects that depend on the index ({@code CASCADE}). */
    public DropIndexBuilder cascade() {
        cascade = true;
        return this;
    }

    DropIndex build() {
        return new DropIndex(index, ifExists, concurrently, cascade);
    }
}
