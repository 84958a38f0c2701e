package dev.retort.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A table of {@code retort.toml} as parsed: each key's value, in the file's order, and the line that set it. A
 * value is a {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List} (an array), a nested
 * {@code ConfigTable}, or {@link #DATE_TIME}.
 *
 * <p>Retort's own form of the parse, rather than the parser's, so that it can be kept in {@link ConfigCache}
 * and a run whose file has not changed needs no parser at all.
 */
final class ConfigTable {
    /** Stands for a date or time, which no setting takes: an error only names its type. */
    enum DateTime { DATE_TIME }

    static final DateTime DATE_TIME = DateTime.DATE_TIME;

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new HashMap<>();

    /** Sets {@code key}, on {@code line} (0 when not known). */
    void put(String key, Object value, int line) {
        values.put(key, value);
        if (line > 0) {
            lines.put(key, line);
        }
    }

    Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The value of {@code key}, or null when it is not set. */
    Object get(String key) {
        return values.get(key);
    }

    /** The line that set {@code key}, or 0 when not known. */
    int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigTable table && values.equals(table.values) && lines.equals(table.lines);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
