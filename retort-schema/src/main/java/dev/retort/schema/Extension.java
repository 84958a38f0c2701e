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
 * @param relocatable whether {@code ALTER EXTENSION ... SET SCHEMA} can move it, as its control file says
 * @param types the names of the types it owns, unqualified ({@code citext}): they move with it, and so the type
 *     of every column of one, as it is written qualified outside the default schema
 * @param operatorClasses the names of the operator classes it owns, unqualified ({@code gin_trgm_ops}), which
 *     move with it too, under the indexes that use them
 * @param functions the names of the functions it owns that no other function of the database shares, unqualified
 *     ({@code soundex}; not citext's {@code replace}, which {@code pg_catalog} has too): an expression that calls one
 *     by that name calls the extension's, so the checks, indexes and defaults that do can follow it when it moves
 */
public record Extension(String name, String schema, List<String> requires, boolean relocatable, List<String> types,
        List<String> operatorClasses, List<String> functions) {
    public Extension {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An extension needs a name");
        }
        requires = requires == null ? List.of() : List.copyOf(requires);
        types = types == null ? List.of() : List.copyOf(types);
        operatorClasses = operatorClasses == null ? List.of() : List.copyOf(operatorClasses);
        functions = functions == null ? List.of() : List.copyOf(functions);
    }

    /** A relocatable extension that owns no types, operator classes or functions. */
    public Extension(String name, String schema, List<String> requires) {
        this(name, schema, requires, true, List.of(), List.of(), List.of());
    }

    /** A relocatable extension that requires no other and owns no types. */
    public Extension(String name, String schema) {
        this(name, schema, List.of());
    }
}
