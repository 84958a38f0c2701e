package dev.retort.operation;

import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Argument checks shared by the operation records, failing with messages a migration author can act on. */
final class Require {
    private static final Pattern STORAGE_PARAMETER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private Require() {
    }

    /** Returns {@code value} if it is a usable name: PostgreSQL has no empty identifiers. */
    static String name(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new RetortException(capitalize(what) + " is missing; give it a name.");
        }
        return value;
    }

    /** Returns {@code value} if it names something or is null. */
    static String optionalName(String value, String what) {
        return value == null ? null : name(value, what);
    }

    /** Returns {@code value} if it holds SQL text. */
    static String sql(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new RetortException(capitalize(what) + " is missing; give its SQL text.");
        }
        return value;
    }

    /** Returns {@code value} if it holds SQL text or is null. */
    static String optionalSql(String value, String what) {
        return value == null ? null : sql(value, what);
    }

    /** Returns an unmodifiable copy of {@code values}, each a usable name. */
    static List<String> names(List<String> values, String what) {
        if (values == null) {
            throw new RetortException(capitalize(what) + " are missing; list them.");
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            copy.add(name(value, "one of " + what));
        }
        return List.copyOf(copy);
    }

    /** Returns {@code values} as a list (see {@link #names(List, String)}) that holds at least one name. */
    static List<String> nonEmptyNames(List<String> values, String what) {
        List<String> copy = names(values, what);
        if (copy.isEmpty()) {
            throw new RetortException(capitalize(what) + " are missing; list at least one.");
        }
        return copy;
    }

    /**
     * Returns a copy of {@code parameters}, sorted by name, if each names a storage parameter ({@code fillfactor},
     * {@code toast.autovacuum_enabled}) and gives it a value.
     */
    static SortedMap<String, String> storageParameters(Map<String, String> parameters, String what) {
        SortedMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> parameter : present(parameters, what).entrySet()) {
            if (parameter.getKey() == null || !STORAGE_PARAMETER.matcher(parameter.getKey()).matches()) {
                throw new RetortException("Storage parameter '" + parameter.getKey() + "' of " + what + " is not a "
                        + "parameter name; give one such as fillfactor.");
            }
            sql(parameter.getValue(), "the value of storage parameter " + parameter.getKey() + " of " + what);
            copy.put(parameter.getKey(), parameter.getValue());
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Returns {@code value} unless it is null. */
    static <T> T present(T value, String what) {
        if (value == null) {
            throw new RetortException(capitalize(what) + " is missing.");
        }
        return value;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
