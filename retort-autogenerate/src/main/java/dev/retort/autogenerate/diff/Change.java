package dev.retort.autogenerate.diff;

import dev.retort.operation.Operation;
import java.util.Objects;

/**
 * One operation of a schema diff, with what a person reviewing the migration needs to know about it.
 *
 * @param description one line for {@code retort check} and the migration file's header, such as
 *     {@code add column users.phone_number character varying(20)}
 * @param losesData whether the operation can destroy data: dropping a table, column or schema, a narrowing or
 *     rewriting type change, dropping an enum value
 * @param warning a sentence the user must read before running the migration, or null
 * @param widens for a change of a column's type that only widens it, keeping every value, the two types
 *     ({@code character varying(50) to text}); else null. The linter, which sees the new type alone, warns of every
 *     change of type; the generated migration says why this one is safe.
 */
public record Change(Operation operation, String description, boolean losesData, String warning, String widens) {
    public Change {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(description, "description");
    }

    public Change(Operation operation, String description, boolean losesData, String warning) {
        this(operation, description, losesData, warning, null);
    }

    /** This change, made by {@code other} instead (a safer form of the same step). */
    public Change with(Operation other) {
        return new Change(other, description, losesData, warning, widens);
    }

    /** A change that keeps all data and needs no warning. */
    static Change of(Operation operation, String description) {
        return new Change(operation, description, false, null);
    }

    /** A change that can destroy data, with an optional warning. */
    static Change losing(Operation operation, String description, String warning) {
        return new Change(operation, description, true, warning);
    }
}
