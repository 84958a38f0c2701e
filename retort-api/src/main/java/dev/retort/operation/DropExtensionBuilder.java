package dev.retort.operation;

/** Options of {@code op.dropExtension(...)}. */
public final class DropExtensionBuilder {
    private final String name;
    private boolean ifExists;
    private boolean cascade;
    private boolean ifCreatedByUpgrade;

    DropExtensionBuilder(String name) {
        this.name = name;
    }

    /** Does nothing, instead of failing, when the database does not have the extension ({@code IF EXISTS}). */
    public DropExtensionBuilder ifExists() {
        ifExists = true;
        return this;
    }

    /** Also drops what uses the extension: columns of its types with their data, indexes ({@code CASCADE}). */
    public DropExtensionBuilder cascade() {
        cascade = true;
        return this;
    }

    /**
     * In a downgrade, drops the extension only when the upgrade of this revision created it, and keeps one the
     * database had before (where the upgrade's {@code createExtension(...).ifNotExists()} did nothing). Retort tells
     * them apart by the catalog: the extension's rows were written in the transaction that recorded the upgrade.
     */
    public DropExtensionBuilder ifCreatedByUpgrade() {
        ifCreatedByUpgrade = true;
        return this;
    }

    DropExtension build() {
        return new DropExtension(name, ifExists, cascade, ifCreatedByUpgrade);
    }
}
