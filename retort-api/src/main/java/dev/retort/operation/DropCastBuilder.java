package dev.retort.operation;

/** Options of {@code op.dropCast(...)}. */
public final class DropCastBuilder {
    private final String source;
    private final String target;
    private boolean ifExists;

    DropCastBuilder(String source, String target) {
        this.source = source;
        this.target = target;
    }

    /** Does nothing, instead of failing, when there is no such cast ({@code IF EXISTS}). */
    public DropCastBuilder ifExists() {
        ifExists = true;
        return this;
    }

    DropCast build() {
        return new DropCast(source, target, ifExists);
    }
}
