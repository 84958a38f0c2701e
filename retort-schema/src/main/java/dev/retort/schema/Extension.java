package dev.retort.schema;

import java.util.List;

/**
 * A PostgreSQL extension the database has, such as {@code citext}: its name and the schema that holds its objects.
 *
 * <p>The version is left out on purpose: the same model runs against databases whose servers ship different
 * versions, and {@code ALTER EXTENSION ... UPDATE} is an upgrade of the server's packages, not of the schema.
 *
 * @param schema where the extension's objects live; null for the default schema ({@code public})
 * @param requires the extensions it cannot be created without, as the installed version's control file says
 *     ({@code hstore_plperl} requires {@code hstore} and {@code plperl}); a migration creates them first
 */
public record Extension(String name, String schema, List<String> requires) {
    public Extension {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An extension needs a name");
        }
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    /** An extension that requires no other. */
    public Extension(String name, String schema) {
        this(name, schema, List.of());
    }
}
