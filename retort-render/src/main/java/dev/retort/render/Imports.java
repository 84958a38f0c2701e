package dev.retort.render;

import dev.retort.operation.Operations;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Collects the imports that rendered statements need, as they name types and factories.
 *
 * <p>Entries are written the way {@code import} declarations spell them, without the keyword:
 * {@code dev.retort.operation.Identity}, {@code static dev.retort.operation.Operations.column}.
 */
final class Imports {
    private final SortedSet<String> names = new TreeSet<>();

    /** The name to call static factory {@code method} of {@link Operations} by, importing it statically. */
    String factory(String method) {
        names.add("static " + Operations.class.getName() + "." + method);
        return method;
    }

    /** The simple name of {@code type}, importing it. */
    String type(Class<?> type) {
        names.add(type.getName());
        return type.getSimpleName();
    }

    /** {@code value} as {@code Type.CONSTANT}, importing its enum type. */
    Code constant(Enum<?> value) {
        return Code.atom(type(value.getDeclaringClass()) + "." + value.name());
    }

    /** What was imported so far, sorted. */
    SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }
}
