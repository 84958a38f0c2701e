package dev.retort.operation;

/** Options of {@code op.addEnumValue(...)}. */
public final class AddEnumValueBuilder {
    private final String value;
    private QualifiedName type;
    private String before;
    private String after;
    private boolean ifNotExists;

    AddEnumValueBuilder(QualifiedName type, String value) {
        this.type = type;
        this.value = value;
    }

    /** Works on the enum type in {@code schema}. */
    public AddEnumValueBuilder schema(String schema) {
        type = type.inSchema(schema);
        return this;
    }

    /** Puts the new value just before the existing value {@code existing} in the type's sort order. */
    public AddEnumValueBuilder before(String existing) {
        before = existing;
        return this;
    }

    /** Puts the new value just after the existing value {@code existing} in the type's sort order. */
    public AddEnumValueBuilder after(String existing) {
        after = existing;
        return this;
    }

    /** Does nothing, instead of failing, when the value exists ({@code IF NOT EXISTS}). */
    public AddEnumValueBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    AddEnumValue build() {
        return new AddEnumValue(type, value, before, after, ifNotExists);
    }
}
