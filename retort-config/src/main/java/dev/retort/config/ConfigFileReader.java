package dev.retort.config;

import dev.retort.internal.Durations;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code retort.toml} into {@link FileSettings}: checks the syntax and each value's type,
 * expands {@code ${VAR}} references and warns about keys it does not know. The syntax is checked by
 * {@link ConfigFileParser}, unless {@link ConfigCache} holds the parse of the same text.
 *
 * <p>Errors name the file, line and key; they never quote a value, which may hold a password.
 */
final class ConfigFileReader {
    private static final Set<String> TOP_LEVEL_KEYS =
            Set.of("script_location", "database_url", "version_table", "version_table_schema",
                    "transaction_per_migration", "lock_timeout", "statement_timeout", "lock_timeout_retries",
                    "queue_timeout", "backup", "pg_dump", "migration_classpath", "ignore_other_tools");
    private static final Set<String> SECTIONS = Set.of("models", "autogenerate", "lint", "test");
    private static final Set<String> MODEL_KEYS =
            Set.of("sources", "classpath", "packages", "naming", "physical_naming_strategy",
                    "implicit_naming_strategy", "schema_file", "dev_url", "schemas", "exclude_tables",
                    "exclude_sequences", "exclude_types", "persistence_unit", "mapping_files", "properties");
    /** The prefix of Spring Boot's properties that it hands to Hibernate, which {@code [models.properties]} drops. */
    private static final String SPRING_PROPERTIES = "spring.jpa.properties.";
    /** Hibernate's naming strategy properties, which {@code [models]} sets with keys of its own: by those keys. */
    private static final Map<String, String> NAMING_PROPERTIES = Map.of(
            "hibernate.physical_naming_strategy", "physical_naming_strategy",
            "hibernate.implicit_naming_strategy", "implicit_naming_strategy");
    private static final Set<String> AUTOGENERATE_KEYS = Set.of("safe");
    private static final Set<String> TEST_KEYS = Set.of("database_url");
    /** The sections' keys, in the order a message lists the sections a key belongs in. */
    private static final List<Map.Entry<String, Set<String>>> SECTION_KEYS = List.of(Map.entry("models", MODEL_KEYS),
            Map.entry("autogenerate", AUTOGENERATE_KEYS), Map.entry("test", TEST_KEYS));
    /** The keys of {@code [lint]}: rule codes. */
    private static final Pattern RULE_CODE = Pattern.compile("RT\\d{3}");
    private static final Set<String> NAMINGS = Set.of(RetortConfig.Models.SNAKE_CASE, RetortConfig.Models.JPA);
    /** A Java class's binary name: {@code com.acme.orm.TablePrefixNaming}, {@code com.acme.Outer$Naming}. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(?:[.$]\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private final String fileName;
    private final VariableExpander variables;
    private final boolean urlGiven;
    private final List<String> warnings;

    private ConfigFileReader(String fileName, VariableExpander variables, boolean urlGiven, List<String> warnings) {
        this.fileName = fileName;
        this.variables = variables;
        this.urlGiven = urlGiven;
        this.warnings = warnings;
    }

    /**
     * Reads the file, adding warnings to {@code warnings}.
     *
     * @param fileName  how to name the file in messages, such as {@code retort.toml}
     * @param cacheFile where the parse of the file is kept for the next command
     * @param urlGiven  whether the command line gives the database URL, which {@code database_url} then is not: it is
     *                  only type-checked, and its {@code ${VAR}} not looked up, so that the scaffold's
     *                  {@code "${DATABASE_URL}"} needs no readable {@code .env} under {@code --url}
     */
    static FileSettings read(Path file, String fileName, Path cacheFile, VariableExpander variables,
                             boolean urlGiven, List<String> warnings) {
        String text;
        ConfigCache.Stamp stamp;
        try {
            // Before the text: a file edited in between is kept with an older stamp, and parsed again next time.
            stamp = ConfigCache.Stamp.of(file);
            text = withoutByteOrderMark(Files.readString(file));
        } catch (CharacterCodingException e) {
            throw new ConfigException(fileName + " is not UTF-8 text; save it as UTF-8.", e);
        } catch (IOException e) {
            throw unreadable(fileName, e);
        }
        ConfigTable toml = ConfigCache.read(cacheFile, text, stamp).orElse(null);
        if (toml == null) {
            toml = ConfigFileParser.parse(text, fileName);
            if (ConfigCache.keeps(stamp)) {
                ConfigCache.write(cacheFile, text, toml, stamp);
            }
        }
        return new ConfigFileReader(fileName, variables, urlGiven, warnings).settings(toml);
    }

    /**
     * The error for a config file, or a {@code .env}, named {@code fileName} that could not be read: the reason and
     * what to do, without the path the exception's message starts with, which named the file a second time.
     */
    static ConfigException unreadable(String fileName, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ConfigException("Cannot read " + fileName + ": permission denied; let the user running Retort "
                    + "read it.", e);
        }
        String reason = e instanceof FileSystemException failure && failure.getReason() != null
                ? failure.getReason() : e.getMessage();
        return new ConfigException("Cannot read " + fileName + ": " + reason + ".", e);
    }

    /** {@code text} without the byte-order mark some Windows editors put before UTF-8 text. */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private FileSettings settings(ConfigTable toml) {
        warnAboutUnknownKeys(toml, "", TOP_LEVEL_KEYS, SECTIONS);
        for (String section : SECTIONS) {
            table(toml, section);
        }
        ConfigTable models = table(toml, "models");
        warnAboutUnknownKeys(models, "models", MODEL_KEYS, Set.of());
        ConfigTable autogenerate = table(toml, "autogenerate");
        warnAboutUnknownKeys(autogenerate, "autogenerate", AUTOGENERATE_KEYS, Set.of());
        ConfigTable test = table(toml, "test");
        warnAboutUnknownKeys(test, "test", TEST_KEYS, Set.of());

        Optional<String> versionTable = string(toml, "version_table", "");
        versionTable.ifPresent(name -> checkVersionTable(name, toml));
        Optional<String> versionTableSchema = string(toml, "version_table_schema", "");
        versionTableSchema.ifPresent(name -> checkSchema(name, toml));
        Optional<String> naming = string(models, "naming", "models.");
        naming.ifPresent(value -> checkNaming(value, models));
        Optional<String> physical = className(models, "physical_naming_strategy");
        Optional<String> implicit = className(models, "implicit_naming_strategy");
        return new FileSettings(
                string(toml, "script_location", ""),
                urlGiven ? unused(toml, "database_url") : url(toml, "database_url", ""),
                versionTable,
                versionTableSchema,
                bool(toml, "transaction_per_migration", ""),
                bool(toml, "ignore_other_tools", ""),
                strings(models, "sources", "models."),
                strings(models, "classpath", "models."),
                strings(models, "packages", "models."),
                naming,
                physical,
                implicit,
                string(models, "schema_file", "models."),
                url(models, "dev_url", "models."),
                strings(models, "schemas", "models."),
                excludedNames(models, "exclude_tables", "table", "audit_log", "audit.audit_log", "audit.*"),
                lintSeverities(table(toml, "lint")),
                timeout(toml, "lock_timeout"),
                timeout(toml, "statement_timeout"),
                retries(toml),
                queueTimeout(toml),
                bool(autogenerate, "safe", "autogenerate."),
                backup(toml),
                string(toml, "pg_dump", ""),
                url(test, "database_url", "test."),
                strings(toml, "migration_classpath", ""),
                string(models, "persistence_unit", "models."),
                strings(models, "mapping_files", "models."),
                hibernateProperties(models),
                excludedNames(models, "exclude_sequences", "sequence", "legacy_seq", "billing.legacy_seq",
                        "legacy_*"),
                excludedNames(models, "exclude_types", "type", "legacy_mood", "billing.legacy_mood", "legacy_*"));
    }

    /**
     * {@code [models.properties]}: Hibernate properties, name to string value, as an application sets them
     * ({@code spring.jpa.properties.*} without the prefix, or a persistence unit's {@code <property>}s). A name with
     * dots may be written bare ({@code hibernate.default_schema = "crm"}, which TOML reads as nested tables) or quoted
     * ({@code "hibernate.default_schema" = "crm"}); both give the same name.
     */
    private Map<String, String> hibernateProperties(ConfigTable models) {
        Object value = models.get("properties");
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof ConfigTable table)) {
            throw wrongType(models, "properties", "models.", "a table, written [models.properties]", value);
        }
        Map<String, String> properties = new java.util.TreeMap<>();
        flatten(table, "", properties);
        return properties;
    }

    private void flatten(ConfigTable table, String namePrefix, Map<String, String> properties) {
        for (String key : table.keys()) {
            String name = namePrefix + key;
            if (table.get(key) instanceof ConfigTable nested) {
                flatten(nested, name + ".", properties);
                continue;
            }
            String where = "models.properties." + namePrefix;
            if (name.startsWith(SPRING_PROPERTIES)) {
                throw new ConfigException(where(table, key, where) + " keeps Spring's prefix; name the Hibernate "
                        + "property without it: \"" + name.substring(SPRING_PROPERTIES.length()) + "\".");
            }
            String own = NAMING_PROPERTIES.get(name);
            if (own != null) {
                throw new ConfigException(where(table, key, where) + " sets a naming strategy, which [models] "
                        + "sets with its own key; write " + own + " = \"...\" under [models] instead.");
            }
            String value = string(table, key, where).orElseThrow();
            if (properties.containsKey(name)) {
                // TOML holds "hibernate.x" and hibernate.x apart, as a key and a table: Hibernate would get one.
                throw new ConfigException(where(table, key, where) + " is set twice, its name written once with "
                        + "bare dots and once quoted; keep one of the two.");
            }
            properties.put(name, value);
        }
    }

    /**
     * Warns about each key of {@code table} (the section {@code section}, or "" for the top level) that is not one of
     * {@code keys} or {@code sections}: as one that belongs elsewhere when it is a key of another section or of the top
     * level, else as unknown, with the known key it may be a misspelling of.
     */
    private void warnAboutUnknownKeys(ConfigTable table, String section, Set<String> keys, Set<String> sections) {
        String prefix = section.isEmpty() ? "" : section + ".";
        for (String key : table.keys()) {
            if (keys.contains(key) || sections.contains(key)) {
                continue;
            }
            boolean isSection = section.isEmpty() && table.get(key) instanceof ConfigTable;
            List<String> places = isSection ? List.of() : placesOf(key);
            if (!places.isEmpty()) {
                String here = section.isEmpty() ? "at the top level" : "under [" + section + "]";
                warnings.add(fileAndLine(table, key) + "key '" + key + "' is ignored " + here + "; it belongs "
                        + String.join(", or ", places) + ".");
                continue;
            }
            String shown = isSection ? "section [" + key + "]" : "key '" + prefix + key + "'";
            Optional<String> suggestion = KeySpelling.closest(key, isSection ? sections : keys);
            warnings.add(fileName + ": unknown " + shown + " (ignored)"
                    + suggestion.map(s -> "; did you mean " + (isSection ? "[" + s + "]" : "'" + prefix + s + "'") + "?")
                            .orElse(""));
        }
    }

    /**
     * Where {@code key} belongs, as a message says it: at the top level, under the sections that take it. Keys written
     * below a {@code [section]} header are that section's, so a top-level key after one lands in it.
     */
    private static List<String> placesOf(String key) {
        List<String> places = new ArrayList<>();
        if (TOP_LEVEL_KEYS.contains(key)) {
            places.add("at the top level (above the first [section] header)");
        }
        for (Map.Entry<String, Set<String>> section : SECTION_KEYS) {
            if (section.getValue().contains(key)) {
                places.add("under [" + section.getKey() + "]");
            }
        }
        if (RULE_CODE.matcher(key).matches()) {
            places.add("under [lint]");
        }
        return places;
    }

    /** {@code "retort.toml line 4: "}, or without the line when it is not known. */
    private String fileAndLine(ConfigTable table, String key) {
        int line = table.line(key);
        return fileName + (line == 0 ? "" : " line " + line) + ": ";
    }

    private ConfigTable table(ConfigTable parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return new ConfigTable();
        }
        if (!(value instanceof ConfigTable table)) {
            throw wrongType(parent, key, "", "a table, written [" + key + "]", value);
        }
        return table;
    }

    /** A PostgreSQL duration: "5s", "500ms", "2min", or "0" for none. */
    private Optional<String> timeout(ConfigTable toml, String key) {
        Optional<String> value = string(toml, key, "");
        if (value.isEmpty()) {
            return value;
        }
        long millis;
        try {
            millis = Durations.millis(value.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(toml, key, "") + " is '" + value.get() + "'; write a duration such as \"5s\", "
                    + "\"500ms\" or \"2min\", or \"0\" for none.");
        }
        // PostgreSQL reads a number alone as milliseconds: lock_timeout = "5", meant as seconds, would fail nearly
        // every step that waits for a lock. As for queue_timeout, the unit is asked for; 0 is none in any unit.
        if (millis != 0 && value.get().strip().matches("\\d+")) {
            throw new ConfigException(where(toml, key, "") + " is '" + value.get() + "', a number without a unit, "
                    + "which PostgreSQL would read as milliseconds; write the unit, such as \"5s\" or \"500ms\", or "
                    + "\"0\" for none.");
        }
        // Checked here, as PostgreSQL refuses a longer one (its largest int, in milliseconds) only once a run sets
        // it, in an error naming no file.
        if (millis > Integer.MAX_VALUE) {
            throw new ConfigException(where(toml, key, "") + " is '" + value.get() + "', longer than PostgreSQL allows "
                    + "(2147483647ms, about 24 days); write a shorter duration, or \"0\" for none.");
        }
        return value.map(String::strip);
    }

    /**
     * {@code queue_timeout}: a duration with its unit, or "0". Retort waits that long itself, so PostgreSQL's limit
     * does not apply; and a number alone, which PostgreSQL reads as milliseconds, is more likely meant as seconds or
     * minutes (Liquibase's lock wait is in minutes).
     */
    private Optional<String> queueTimeout(ConfigTable toml) {
        Optional<String> value = string(toml, "queue_timeout", "");
        if (value.isEmpty()) {
            return value;
        }
        String given = value.get().strip();
        boolean valid;
        try {
            valid = given.equals("0") || !given.matches("\\d+") && Durations.millis(given) >= 0;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new ConfigException(where(toml, "queue_timeout", "") + " is '" + value.get() + "'; write a duration "
                    + "with its unit, such as \"30s\", \"10min\" or \"1h\", or \"0\" to wait as long as the other run "
                    + "takes.");
        }
        return Optional.of(given);
    }

    private Optional<Integer> retries(ConfigTable toml) {
        Object value = toml.get("lock_timeout_retries");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long n)) {
            throw wrongType(toml, "lock_timeout_retries", "", "a whole number from 0 to 100", value);
        }
        if (n < 0 || n > 100) {
            // The type is right: say which value is out of range, not "not an integer".
            throw new ConfigException(where(toml, "lock_timeout_retries", "") + " must be a whole number from 0 to "
                    + "100, not " + n + ".");
        }
        return Optional.of(n.intValue());
    }

    /** {@code backup}: true or false, or the kind of backup, "tables", "dump" or "none". */
    private Optional<BackupMode> backup(ConfigTable toml) {
        Object value = toml.get("backup");
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean on) {
            return Optional.of(on ? BackupMode.TABLES : BackupMode.NONE);
        }
        Optional<BackupMode> mode = value instanceof String text ? BackupMode.parse(text) : Optional.empty();
        if (mode.isEmpty()) {
            throw new ConfigException(
                    where(toml, "backup", "") + " must be true, false, \"tables\", \"dump\" or \"none\".");
        }
        return mode;
    }

    /** {@code [lint]}: each key a rule code, each value error, warning or off. */
    private Map<String, String> lintSeverities(ConfigTable lint) {
        Map<String, String> severities = new java.util.TreeMap<>();
        for (String code : lint.keys()) {
            List<String> places = placesOf(code);
            if (!places.isEmpty() && !RULE_CODE.matcher(code).matches()) {
                // An unknown rule code is an error (the linter names the codes); one of another section's keys is
                // no rule code either, and is told where it goes.
                throw new ConfigException(fileAndLine(lint, code) + "key '" + code + "' is under [lint], whose keys "
                        + "are rule codes; it belongs " + String.join(", or ", places) + ".");
            }
            String value = string(lint, code, "lint.").orElseThrow().strip().toLowerCase(java.util.Locale.ROOT);
            if (!Set.of("error", "warning", "off").contains(value)) {
                throw new ConfigException(where(lint, code, "lint.") + " is '" + value
                        + "'; a lint rule's severity is \"error\", \"warning\" or \"off\".");
            }
            severities.put(code, value);
        }
        return severities;
    }

    private Optional<String> string(ConfigTable table, String key, String prefix) {
        Object value = table.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(table, key, prefix, "a string", value);
        }
        String where = where(table, key, prefix);
        VariableExpander.Result result = variables.expand(text, where);
        if (result instanceof VariableExpander.Result.Unset unset) {
            throw new ConfigException(where + " refers to ${" + unset.variable() + "}, which is not "
                    + variables.sources() + "; set it, or give a default as ${" + unset.variable() + ":-value}.");
        }
        return Optional.of(((VariableExpander.Result.Expanded) result).value());
    }

    /** Reads a URL; one that refers to an unset variable counts as not configured. */
    private Optional<String> url(ConfigTable table, String key, String prefix) {
        Object value = table.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(table, key, prefix, "a string", value);
        }
        VariableExpander.Result result = variables.expand(text, where(table, key, prefix));
        if (result instanceof VariableExpander.Result.Unset unset) {
            // database_url = "${DATABASE_URL}" is the scaffold's default and meant to fall
            // through when the variable is unset; a URL with a hole in it deserves a word.
            if (!text.strip().equals("${" + unset.variable() + "}")) {
                warnings.add(fileName + ": " + prefix + key + " ignored, because ${" + unset.variable()
                        + "} is not " + variables.sources());
            }
            return Optional.empty();
        }
        String url = ((VariableExpander.Result.Expanded) result).value();
        return url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    /** A string value that this command does not use: its type is checked, its variables are not expanded. */
    private Optional<String> unused(ConfigTable table, String key) {
        Object value = table.get(key);
        if (value != null && !(value instanceof String)) {
            throw wrongType(table, key, "", "a string", value);
        }
        return Optional.empty();
    }

    private Optional<Boolean> bool(ConfigTable table, String key, String prefix) {
        Object value = table.get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw wrongType(table, key, prefix, "true or false", value);
        }
        return Optional.ofNullable((Boolean) value);
    }

    private List<String> strings(ConfigTable table, String key, String prefix) {
        return strings(table, key, prefix, "src/main/java");
    }

    /**
     * A key of {@code [models]} that lists the names of what the comparison leaves alone ({@code what}: a table, a
     * sequence or a type), each {@code name} or {@code schema.name}, either part a glob or not. An entry with an empty
     * part names nothing, and would otherwise fail the comparison in an error that does not name the file. The refusal
     * shows a {@code name}, a {@code qualified} name and a {@code pattern}.
     */
    private List<String> excludedNames(ConfigTable models, String key, String what, String name, String qualified,
            String pattern) {
        List<String> entries = strings(models, key, "models.", name);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int dot = entry.indexOf('.');
            if (entry.isBlank() || dot == 0 || dot == entry.length() - 1) {
                throw new ConfigException(where(models, key, "models.") + " item " + (i + 1) + " is '" + entry
                        + "', which names no " + what + "; write its name (\"" + name + "\"), with its schema (\""
                        + qualified + "\"), or a pattern (\"" + pattern + "\").");
            }
        }
        return entries;
    }

    private List<String> strings(ConfigTable table, String key, String prefix, String example) {
        Object value = table.get(key);
        if (value == null) {
            return List.of();
        }
        String expected = "an array of strings, like [\"" + example + "\"]";
        if (!(value instanceof List<?> array)) {
            throw wrongType(table, key, prefix, expected, value);
        }
        List<String> strings = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String text)) {
                throw new ConfigException(where(table, key, prefix) + " must be " + expected + ", but item " + (i + 1)
                        + " is " + typeName(array.get(i)) + ".");
            }
            VariableExpander.Result result = variables.expand(text, where(table, key, prefix));
            if (result instanceof VariableExpander.Result.Unset unset) {
                throw new ConfigException(where(table, key, prefix) + " refers to ${" + unset.variable()
                        + "}, which is not " + variables.sources() + "; set it, or give a default as ${"
                        + unset.variable() + ":-value}.");
            }
            strings.add(((VariableExpander.Result.Expanded) result).value());
        }
        return strings;
    }

    private void checkIdentifier(String name, ConfigTable table, String key, String what) {
        if (!IDENTIFIER.matcher(name).matches() || name.length() > MAX_IDENTIFIER_BYTES) {
            throw new ConfigException(where(table, key, "") + " is '" + name + "', which is not a valid " + what
                    + " name; use letters, digits and underscores, starting with a letter or underscore,"
                    + " at most 63 characters.");
        }
    }

    private void checkVersionTable(String name, ConfigTable table) {
        int dot = name.indexOf('.');
        if (dot > 0 && IDENTIFIER.matcher(name.substring(0, dot)).matches()
                && IDENTIFIER.matcher(name.substring(dot + 1)).matches()) {
            throw new ConfigException(where(table, "version_table", "") + " is '" + name + "', but a table name "
                    + "takes no schema here; write version_table = \"" + name.substring(dot + 1)
                    + "\" and version_table_schema = \"" + name.substring(0, dot) + "\".");
        }
        checkIdentifier(name, table, "version_table", "table");
    }

    /** A schema name Retort can create and quote: an identifier, and not one PostgreSQL keeps for itself. */
    private void checkSchema(String name, ConfigTable table) {
        checkIdentifier(name, table, "version_table_schema", "schema");
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("pg_") || lower.equals("information_schema")) {
            throw new ConfigException(where(table, "version_table_schema", "") + " is '" + name + "', a schema "
                    + "PostgreSQL keeps for itself; choose a schema of your own, such as \"retort\".");
        }
    }

    private void checkNaming(String naming, ConfigTable models) {
        if (!NAMINGS.contains(naming)) {
            throw new ConfigException(where(models, "naming", "models.") + " is '" + naming
                    + "'; expected \"snake_case\" (Spring Boot's naming) or \"jpa\" (Hibernate's: names as written).");
        }
    }

    /** A key of {@code [models]} that names a Java class, as Hibernate's and Spring's settings of its kind do. */
    private Optional<String> className(ConfigTable models, String key) {
        Optional<String> name = string(models, key, "models.").map(String::strip);
        if (name.isPresent() && !CLASS_NAME.matcher(name.get()).matches()) {
            throw new ConfigException(where(models, key, "models.") + " is '" + name.get() + "'; expected the fully "
                    + "qualified name of a class, such as \"org.hibernate.boot.model.naming."
                    + "CamelCaseToUnderscoresNamingStrategy\".");
        }
        return name;
    }

    private ConfigException wrongType(ConfigTable table, String key, String prefix, String expected, Object value) {
        return new ConfigException(where(table, key, prefix) + " must be " + expected + ", not " + typeName(value) + ".");
    }

    private String where(ConfigTable table, String key, String prefix) {
        int line = table.line(key);
        return fileName + (line == 0 ? "" : " line " + line) + ": " + prefix + key;
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "true/false";
        } else if (value instanceof Long) {
            return "an integer";
        } else if (value instanceof Double) {
            return "a number";
        } else if (value instanceof List) {
            return "an array";
        } else if (value instanceof ConfigTable) {
            return "a table";
        }
        return "a date or time";
    }
}
