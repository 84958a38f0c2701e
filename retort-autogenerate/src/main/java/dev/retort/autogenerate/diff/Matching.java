package dev.retort.autogenerate.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pairs the constraints or indexes of a table on both sides of a diff: by name; a changed one is dropped and
 * added; one that is only renamed (the same definition under a name the other side lacks) is renamed in place,
 * which keeps what depends on it and costs no rebuild.
 *
 * @param <T> the kind of object
 */
final class Matching<T> {
    /** An object renamed in place. */
    record Renamed<T>(T from, T to) {
    }

    private final List<T> dropped = new ArrayList<>();
    private final List<T> added = new ArrayList<>();
    private final List<Renamed<T>> renamed = new ArrayList<>();

    /**
     * @param name an object's name, or null if it has none
     * @param shape the object with its name left out, to find renames
     * @param rebuild whether an unchanged object must still be dropped and added, because what it is built on
     *     changes under it
     * @param nameTaken whether a name is in use in the current schema, so renaming to it would collide
     */
    Matching(List<T> before, List<T> after, Function<T, String> name, Function<T, Object> shape,
            Predicate<T> rebuild, Predicate<String> nameTaken) {
        Map<Object, T> afterByKey = new LinkedHashMap<>();
        for (T object : after) {
            afterByKey.put(key(object, name, shape), object);
        }
        List<T> unmatched = new ArrayList<>();
        for (T object : before) {
            T counterpart = afterByKey.remove(key(object, name, shape));
            if (counterpart == null) {
                unmatched.add(object);
            } else if (!counterpart.equals(object) || rebuild.test(object)) {
                dropped.add(object);
                added.add(counterpart);
            }
        }
        Map<Object, List<T>> candidates = new HashMap<>();
        for (T object : afterByKey.values()) {
            if (name.apply(object) != null && !nameTaken.test(name.apply(object))) {
                candidates.computeIfAbsent(shape.apply(object), k -> new ArrayList<>()).add(object);
            }
        }
        for (T object : unmatched) {
            List<T> sameShape = candidates.getOrDefault(shape.apply(object), List.of());
            if (name.apply(object) == null || sameShape.isEmpty() || rebuild.test(object)) {
                dropped.add(object);
                continue;
            }
            T target = sameShape.remove(0);
            afterByKey.values().remove(target);
            renamed.add(new Renamed<>(object, target));
        }
        added.addAll(afterByKey.values());
    }

    /** Objects to drop: gone, changed, or rebuilt. */
    List<T> dropped() {
        return dropped;
    }

    /** Objects to add: new, changed, or rebuilt. */
    List<T> added() {
        return added;
    }

    /** Objects renamed in place. */
    List<Renamed<T>> renamed() {
        return renamed;
    }

    private static <T> Object key(T object, Function<T, String> name, Function<T, Object> shape) {
        String objectName = name.apply(object);
        // An unnamed object can only be matched by its definition.
        return objectName != null ? objectName : List.of("unnamed", shape.apply(object));
    }
}
