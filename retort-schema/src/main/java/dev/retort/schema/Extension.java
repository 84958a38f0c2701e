package dev.retort.schema;

/**
 * A PostgreSQL extension the database has, such as {@code citext}: its name and the schema that holds its objects.
 *
 * <p>The version is left out on purpose: the same model runs against databases whose servers ship different
 * versions, and {@code ALTER EXTENSION ... UPDATE} is an upgrade of the server's packages, not of the schema.
 *
 * @param schema where the extension's objects live; null for the default schema ({@code public})
 */
public record Extension(String name, String schema) {
    public Extension {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An extension needs a name");
        }
    }
}
