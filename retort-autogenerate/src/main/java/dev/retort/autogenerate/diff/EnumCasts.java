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

    private static Change create(Cast cast) {
        return Change.of(cast.create(), "create " + cast);
    }

    private static Change drop(Cast cast, String reason) {
        return Change.of(new DropCast(cast.source(), cast.target(), false),
                "drop cast " + cast.source() + " as " + cast.target() + reason);
    }
}
