package dev.retort.jpa;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warnings for a Spring Boot application's {@code application.properties} (or {@code .yml}) that shapes the schema
 * otherwise than {@code retort.toml} does. Spring hands {@code spring.jpa.properties.*} to Hibernate and names by
 * {@code spring.jpa.hibernate.naming.*}; Retort reads neither file (profiles, placeholders and the environment decide
 * what the application gets), so a {@code hibernate.default_schema} set there and not in {@code [models.properties]}
 * would have autogenerate write migrations for tables the application does not look for.
 *
 * <p>The files are looked for where a build keeps them: {@code src/main/resources} beside each source root named
 * {@code src/main/java} (or {@code kotlin}), and each directory of {@code [models] classpath}, with their
 * {@code config/} subdirectories. Only the files without a profile are read.
 */
final class SpringApplicationFiles {
    private static final List<String> NAMES = List.of("application.properties", "application.yml", "application.yaml");
    private static final String PROPERTIES = "spring.jpa.properties.";
    private static final String PHYSICAL = "spring.jpa.hibernate.naming.physical-strategy";
    private static final String IMPLICIT = "spring.jpa.hibernate.naming.implicit-strategy";
    /** A YAML mapping entry: its indentation, key, and value if on the same line. */
    private static final Pattern YAML_ENTRY =
            Pattern.compile("^( *)([^\\s#'\"-][^:#]*?|'[^']*'|\"[^\"]*\")\\s*:(?:\\s+(.*))?$");
    /** Spring's bracket notation for a map key with dots: {@code spring.jpa.properties[hibernate.default_schema]}. */
    private static final Pattern BRACKETS = Pattern.compile("\\[([^\\]]*)\\]");

    private SpringApplicationFiles() {
    }

    /** One warning for each setting of the application's files that {@code settings} do not match. */
    static List<String> warnings(JpaSettings settings, Optional<PersistenceUnit> unit) {
        if (unit.isPresent()) {
            return List.of(); // Spring Boot reads no persistence.xml: a unit's application is not one
        }
        Map<String, Setting> read = new LinkedHashMap<>();
        Path here = Path.of("").toAbsolutePath();
        for (Path file : files(settings)) {
            Path shown = file.startsWith(here) ? here.relativize(file) : file;
            read(file).forEach((name, value) -> read.putIfAbsent(name, new Setting(value, shown)));
        }
        List<String> warnings = new ArrayList<>();
        read.forEach((name, setting) -> {
            if (name.startsWith(PROPERTIES)) {
                property(settings, name.substring(PROPERTIES.length()), setting).ifPresent(warnings::add);
            }
        });
        String naming = "naming = \"" + settings.naming().name().toLowerCase(Locale.ROOT) + "\"";
        Optional.ofNullable(read.get(PHYSICAL)).flatMap(setting -> naming(PHYSICAL, setting, naming,
                settings.physicalStrategy(), "physical_naming_strategy", settings.physicalStrategy().isPresent()
                        ? null : settings.naming() == JpaSettings.Naming.SNAKE_CASE
                        ? List.of("CamelCaseToUnderscoresNamingStrategy", "SpringPhysicalNamingStrategy")
                        : List.of("PhysicalNamingStrategyStandardImpl"))).ifPresent(warnings::add);
        Optional.ofNullable(read.get(IMPLICIT)).flatMap(setting -> naming(IMPLICIT, setting, naming,
                settings.implicitStrategy(), "implicit_naming_strategy", settings.implicitStrategy().isPresent()
                        ? null : settings.naming() == JpaSettings.Naming.SNAKE_CASE
                        ? List.of("SpringImplicitNamingStrategy")
                        : List.of("ImplicitNamingStrategyJpaCompliantImpl"))).ifPresent(warnings::add);
        return warnings;
    }

    private record Setting(String value, Path file) {
    }

    private static Optional<String> property(JpaSettings settings, String name, Setting setting) {
        if (!UnitSettings.handedOn(name) || setting.value().contains("${")) {
            return Optional.empty(); // not the mapping's, or a value only the running application knows
        }
        String own = settings.properties().get(name);
        if (setting.value().equals(own)) {
            return Optional.empty();
        }
        return Optional.of(setting.file() + " sets " + PROPERTIES + name + " = " + setting.value() + ", which "
                + (own == null ? "[models.properties] in retort.toml does not set" : "[models.properties] in "
                + "retort.toml sets to " + own) + ": Retort would map the entities otherwise than the application "
                + "does, and its migrations would not build the application's schema. Set " + name + " = \""
                + setting.value() + "\" under [models.properties].");
    }

    /**
     * The warning for a naming strategy the application sets, unless Retort's ({@code own}, or when that is empty the
     * simple class names {@code naming} stands for) is the same; {@code retortNaming} says Retort's naming.
     */
    private static Optional<String> naming(String key, Setting setting, String retortNaming, Optional<String> own,
                                           String ownKey, List<String> naming) {
        String given = setting.value().strip();
        String simple = given.substring(given.lastIndexOf('.') + 1);
        boolean same = own.map(given::equals).orElseGet(() -> naming.contains(simple));
        if (same || given.contains("${")) {
            return Optional.empty();
        }
        return Optional.of(setting.file() + " sets " + key + " = " + given + ", but retort.toml names the tables "
                + "and columns otherwise (" + own.map(o -> ownKey + " = " + o).orElse(retortNaming) + "), so its "
                + "migrations would not build the application's schema. Set " + ownKey + " = \"" + given
                + "\" in [models] of retort.toml.");
    }

    /** The application files in the places a build keeps them, each once, in the order they are looked for. */
    private static List<Path> files(JpaSettings settings) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path source : settings.sources()) {
            Path name = source.getFileName();
            Path main = source.toAbsolutePath().normalize().getParent();
            if (name != null && (name.toString().equals("java") || name.toString().equals("kotlin"))
                    && main != null && main.getFileName() != null && main.getFileName().toString().equals("main")) {
                dirs.add(main.resolve("resources"));
            }
        }
        for (Path entry : settings.classpath()) {
            if (Files.isDirectory(entry)) {
                dirs.add(entry.toAbsolutePath().normalize());
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path place : List.of(dir.resolve("config"), dir)) {
                for (String name : NAMES) {
                    if (Files.isRegularFile(place.resolve(name))) {
                        files.add(place.resolve(name));
                    }
                }
            }
        }
        return files;
    }

    /** The file's settings by their dotted names; none when it cannot be read, as it is only looked at. */
    static Map<String, String> read(Path file) {
        try {
            if (file.getFileName().toString().endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                    properties.load(reader);
                }
                Map<String, String> read = new LinkedHashMap<>();
                properties.stringPropertyNames().forEach(name -> read.put(BRACKETS.matcher(name).replaceAll(".$1"),
                        properties.getProperty(name).strip()));
                return read;
            }
            return yaml(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    /**
     * The scalar values of a YAML file's first document, by their dotted paths: the block mappings Spring Boot's
     * files are written in ({@code spring:} / {@code jpa:} / ...). Lists and flow styles are passed over.
     */
    static Map<String, String> yaml(List<String> lines) {
        Map<String, String> read = new LinkedHashMap<>();
        Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
        for (String line : lines) {
            if (line.strip().equals("---") && !read.isEmpty()) {
                break; // a profile's document follows
            }
            Matcher entry = YAML_ENTRY.matcher(line);
            if (line.isBlank() || line.stripLeading().startsWith("#") || !entry.matches()) {
                continue;
            }
            int indent = entry.group(1).length();
            while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
                parents.pop();
            }
            String key = BRACKETS.matcher(unquoted(entry.group(2).strip())).replaceAll("$1");
            String path = parents.isEmpty() ? key : parents.peek().getValue() + "." + key;
            String value = entry.group(3) == null ? "" : withoutComment(entry.group(3).strip());
            if (value.isEmpty()) {
                parents.push(Map.entry(indent, path));
            } else {
                read.put(path, unquoted(value));
            }
        }
        return read;
    }

    private static String withoutComment(String value) {
        if (value.startsWith("'") || value.startsWith("\"")) {
            return value;
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).strip();
    }

    private static String unquoted(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'")
                || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
