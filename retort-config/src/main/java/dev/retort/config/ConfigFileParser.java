package dev.retort.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Parses the text of {@code retort.toml} with tomlj into a {@link ConfigTable}. The only class that knows the
 * parser, so that a run which finds its parse in {@link ConfigCache} loads none of it.
 */
final class ConfigFileParser {
    private ConfigFileParser() {
    }

    /**
     * Parses {@code text}.
     *
     * @param fileName how to name the file in messages, such as {@code retort.toml}
     * @throws ConfigException on a syntax error, naming its line and column
     */
    static ConfigTable parse(String text, String fileName) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw syntaxError(toml.errors().get(0), text, fileName);
        }
        return table(toml);
    }

    private static ConfigTable table(TomlTable toml) {
        ConfigTable table = new ConfigTable();
        for (String key : toml.keySet()) {
            List<String> path = List.of(key);
            TomlPosition position = toml.inputPositionOf(path);
            table.put(key, value(toml.get(path)), position == null ? 0 : position.line());
        }
        return table;
    }

    private static Object value(Object value) {
        if (value instanceof TomlTable table) {
            return table(table);
        }
        if (value instanceof TomlArray array) {
            List<Object> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                items.add(value(array.get(i)));
            }
            return items;
        }
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        return ConfigTable.DATE_TIME;
    }

    private static ConfigException syntaxError(TomlParseError error, String text, String fileName) {
        TomlPosition position = error.position();
        String reason = error.getMessage().replaceAll("\\s+", " ").strip();
        // The parser quotes the text it choked on; in a line holding credentials that text may
        // be part of a password (an unquoted or badly quoted database_url), so hide it.
        String[] lines = text.split("\\R", -1);
        String line = position.line() >= 1 && position.line() <= lines.length ? lines[position.line() - 1] : "";
        if (line.indexOf('@') >= 0 || line.toLowerCase(Locale.ROOT).contains("password")) {
            reason = reason.replaceAll("'[^']*'", "'***'");
        }
        return new ConfigException(fileName + " line " + position.line() + ", column " + position.column()
                + ": " + reason + "; fix the TOML syntax there.");
    }
}
