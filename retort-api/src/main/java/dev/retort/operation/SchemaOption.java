package dev.retort.operation;

import java.util.function.Function;

/** Options of an operation whose only option is the schema of the object it works on. */
public final class SchemaOption {
    private final Function<QualifiedName, Operation> factory;
    private QualifiedName name;

    SchemaOption(QualifiedName name, Function<QualifiedName, Operation> factory) {
        this.name = name;
        this.factory = factory;
    }

    /** Works on the object in {@code schema} instead of the one the session finds by default. */
    public SchemaOption schema(String schema) {
        name = name.inSchema(schema);
        return this;
    }

    Operation build() {
        return factory.apply(name);
    }
}
