package dev.retort.autogenerate.diff;

import dev.retort.operation.DropCast;
import dev.retort.schema.Cast;
import dev.retort.schema.EnumType;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes to the casts kept with enum types ({@link EnumType#casts()}): created once their type is, dropped before
 * it is. PostgreSQL refuses to drop a type a cast converts to or from ("other objects depend on it"), and a cast
 * follows its type through a rename: the old half of a recreated type keeps its casts under its temporary name until
 * they are dropped.
 */
final class EnumCasts {
    private EnumCasts() {
    }

    /** Creates the casts of {@code type}, once it exists. */
    static List<Change> creates(EnumType type) {
        return type.casts().stream().map(EnumCasts::create).toList();
    }

    /**
     * Drops the casts of {@code type} before it goes, once it is renamed to {@code renamed} (a type name as a column's
     * type reads), or under its own name when {@code renamed} is null.
     */
    static List<Change> drops(EnumType type, String renamed) {
        String name = SqlText.typeName(type.name());
        String now = renamed == null ? name : renamed;
        String reason = ", before enum type " + now + " is dropped";
        return type.casts().stream()
                .map(c -> drop(new Cast(c.source().equals(name) ? now : c.source(),
                        c.target().equals(name) ? now : c.target(), c.context()), reason))
                .toList();
    }

    /** The casts {@code type} gains, loses or keeps in another context, as {@code old} was. */
    static List<Change> changes(EnumType old, EnumType type) {
        List<Change> changes = new ArrayList<>();
        old.casts().stream().filter(c -> !type.casts().contains(c)).forEach(c -> changes.add(drop(c, "")));
        type.casts().stream().filter(c -> !old.casts().contains(c)).forEach(c -> changes.add(create(c)));
        return changes;
    }

    /**
     * The casts from other enum types to {@code typeName}, which are kept with their sources, as {@code types} hold them:
     * those of the types that {@code kept} says stay as they are (another change of the source handles its casts).
     */
    static List<Cast> castsTo(List<EnumType> types, String typeName, java.util.function.Predicate<EnumType> kept) {
        return types.stream().filter(kept).flatMap(type -> type.casts().stream())
                .filter(cast -> cast.target().equals(typeName) && !cast.source().equals(typeName)).toList();
    }

    /**
     * Moves {@code casts} (to a recreated type, from other enum types) along with it: dropped from its old half, now
     * {@code renamed}, before that is dropped, and {@code made} again on the new type.
     */
    static List<Change> dropsFromOldHalf(List<Cast> casts, String renamed) {
        return casts.stream().map(c -> drop(new Cast(c.source(), renamed, c.context()), ", before enum type "
                + renamed + " is dropped")).toList();
    }

    /** Creates {@code casts} again, on a recreated type. */
    static List<Change> made(List<Cast> casts) {
        return casts.stream().map(EnumCasts::create).toList();
    }

    private static Change create(Cast cast) {
        return Change.of(cast.create(), "create " + cast);
    }

    private static Change drop(Cast cast, String reason) {
        return Change.of(new DropCast(cast.source(), cast.target(), false),
                "drop cast " + cast.source() + " as " + cast.target() + reason);
    }
}
