package dev.retort.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code KEY=VALUE} lines as Docker Compose and python-dotenv write them.
 *
 * <p>Accepted: blank lines, {@code #} comments, an {@code export } prefix, single-quoted values
 * (literal), double-quoted values (with {@code \n}, {@code \"} and {@code \\} escapes) and
 * unquoted values, taken up to the end of the line or a {@code " #"} comment and trimmed. As in Docker
 * Compose and python-dotenv, {@code ${VAR}} and {@code ${VAR:-default}} in unquoted and double-quoted values
 * expand from the environment, else from the lines above; single-quoted values stay literal. A line that cannot
 * be read is skipped with a warning that gives its number, never its text, since it may hold a password; looking up
 * its key is an error, as the value it was to give is not known.
 */
final class DotEnv {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    /** The name a line that is not {@code KEY=VALUE} starts with, followed by space or {@code :}. */
    private static final Pattern LEADING_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?=\\s|:)");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)password|passwd|pwd|secret|token|(^|_)pass($|_)");
    /**
     * {@code scheme://user:password@}, the password in group 1: the user part ends at the last {@code @}, so the
     * password may hold one.
     */
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^/\\s@:]*:([^/\\s]+)@");
    /** A JDBC URL's {@code ?password=} or {@code &password=} parameter, as Flyway's {@code flyway.url} may give it. */
    private static final Pattern PARAMETER_PASSWORD = Pattern.compile("[?&]password=([^&\\s]+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * The most characters a value may have once its references are expanded: 16 MB, far more than any setting (a
     * certificate of a few MB, referenced once, is fine).
     */
    private static final int MAX_EXPANDED = 16 << 20;
    /**
     * The most characters the file's references may add in all as they expand: many lines that each take a value of
     * under {@value #MAX_EXPANDED} characters ({@code B1=${A}}, {@code B2=${A}}, ...) ran the command out of memory
     * too.
     */
    private static final long MAX_GROWTH = 16L << 20;

    private final String name;
    private final Map<String, String> values;
    /** Each line's value as the file writes it, before its references are expanded; a key set twice is here twice. */
    private final List<Map.Entry<String, String>> written;
    /** The line number of each key the file sets, the first line that sets it. */
    private final Map<String, Integer> lines;
    /** Why a key's value is not known, for each key whose last line could not be read: {@code .env line 1: ...}. */
    private final Map<String, String> ignored;
    private final ConfigException failure;

    private DotEnv(String name, Parsed parsed, ConfigException failure) {
        this.name = name;
        this.values = parsed.values;
        this.written = parsed.written;
        this.lines = parsed.lines;
        this.ignored = parsed.ignored;
        this.failure = failure;
    }

    /** The values of a file, expanded, what its lines write, where each key is, and the keys of unread lines. */
    private record Parsed(Map<String, String> values, List<Map.Entry<String, String>> written,
                          Map<String, Integer> lines, Map<String, String> ignored) {
        static final Parsed NONE = new Parsed(Map.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * The {@code .env} at {@code file}, read now, but a file that cannot be read fails only the look-up of a value:
     * a command given its database with {@code --url} needs nothing from it, and should not stop for a file it does
     * not use. Whatever does look in it (a {@code ${VAR}} the environment does not set, {@code PGPASSWORD} for a URL
     * without a password, the {@code DATABASE_URL} of a command given none) still stops, as it cannot know the value.
     */
    static DotEnv load(Path file, String displayName, Map<String, String> environment, List<String> warnings) {
        try {
            return new DotEnv(displayName, readLines(file, displayName, environment, warnings), null);
        } catch (ConfigException e) {
            return new DotEnv(displayName, Parsed.NONE, e);
        }
    }

    /** A {@code .env} named {@code displayName} that holds {@code values}. */
    static DotEnv of(String displayName, Map<String, String> values) {
        return new DotEnv(displayName, new Parsed(Map.copyOf(values), List.copyOf(values.entrySet()), Map.of(),
                Map.of()), null);
    }

    /** How messages name the file, such as {@code .env} or {@code deploy/.env}. */
    String name() {
        return name;
    }

    /**
     * The first key of the file that holds a password as it writes it: one named like a password, secret or token, a
     * URL with a password in it, or one whose value those take by reference ({@code PW=x} with
     * {@code DATABASE_URL=postgresql://app:${PW}@db/app}); empty when none does, or the file could not be read. A
     * reference alone is no password: {@code DB_PASSWORD=${VAULT_PASSWORD}} leaves the password where it is set, not
     * in this file, though the value Retort uses holds it.
     */
    Optional<String> passwordKey() {
        Set<String> referenced = new HashSet<>();
        for (Map.Entry<String, String> line : written) {
            if (SECRET_KEY.matcher(line.getKey()).find()) {
                referenced.addAll(references(line.getValue()));
            }
            urlPassword(line.getValue()).ifPresent(password -> referenced.addAll(references(password)));
        }
        for (Map.Entry<String, String> line : written) {
            String key = line.getKey();
            boolean named = SECRET_KEY.matcher(key).find() || referenced.contains(key);
            if (named && holdsLiteral(line.getValue())
                    || urlPassword(line.getValue()).filter(DotEnv::holdsLiteral).isPresent()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The password a URL in {@code value} holds, after {@code user:} or as its {@code password} parameter. */
    private static Optional<String> urlPassword(String value) {
        for (Pattern pattern : List.of(URL_PASSWORD, PARAMETER_PASSWORD)) {
            Matcher url = pattern.matcher(value);
            if (url.find()) {
                return Optional.of(url.group(1));
            }
        }
        return Optional.empty();
    }

    /** The variables {@code text} refers to: {@code ${PW}}, {@code ${PW:-default}}. */
    private static List<String> references(String text) {
        return REFERENCE.matcher(text).results().map(reference -> reference.group(1)).toList();
    }

    /** Whether {@code text} holds more than references and white space: a reference's default is written text. */
    private static boolean holdsLiteral(String text) {
        return !REFERENCE.matcher(text).replaceAll(reference -> reference.group(2) == null ? ""
                : Matcher.quoteReplacement(reference.group(2))).isBlank();
    }

    /**
     * The value of {@code key} in the file; null when it does not set it.
     *
     * @throws ConfigException if the file is there but could not be read, or the line that sets {@code key} could not:
     *     read as unset, a {@code DATABASE_URL} with a quote left open would send the command to the embedded database
     */
    String get(String key) {
        if (failure != null) {
            throw new ConfigException(failure.getMessage() + " Retort looked in it for " + key
                    + ", which the environment does not set.", failure);
        }
        if (ignored.containsKey(key)) {
            throw new ConfigException(ignored.get(key) + " Retort looked in " + name + " for " + key
                    + ", which the environment does not set.");
        }
        return values.get(key);
    }

    /** The keys the file sets, in the order of their first lines, with the number of that line. */
    Map<String, Integer> keyLines() {
        return lines;
    }

    /**
     * Reads {@code file} if it exists; a missing file is an empty map. One that is there but cannot be read (a
     * directory, a link to nothing, as a secret mounted in the wrong place leaves it) is an error: taken as missing,
     * it would leave the database unconfigured, and the command would run on the embedded one. A named pipe, as
     * secret managers hand over, is read like a file.
     */
    static Map<String, String> read(Path file, String displayName, Map<String, String> environment,
                                    List<String> warnings) {
        return readLines(file, displayName, environment, warnings).values;
    }

    private static Parsed readLines(Path file, String displayName, Map<String, String> environment,
                                    List<String> warnings) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Parsed.NONE;
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(displayName + " is a directory, not a file of KEY=VALUE lines; remove it or "
                    + "move it aside.");
        }
        try {
            return parseLines(Files.readString(file), displayName, environment, warnings);
        } catch (CharacterCodingException e) {
            throw new ConfigException(displayName + " is not UTF-8 text; save it as UTF-8.", e);
        } catch (NoSuchFileException e) {
            throw new ConfigException(displayName + " is a link to " + linkTarget(file) + ", which does not exist; "
                    + "fix the link or remove it.", e);
        } catch (IOException e) {
            throw ConfigFileReader.unreadable(displayName, e);
        }
    }

    /** Where the symbolic link {@code link} points, as it is written, for messages about a link to nothing. */
    static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a missing file";
        }
    }

    static Map<String, String> parse(String text, String displayName, Map<String, String> environment,
                                     List<String> warnings) {
        return parseLines(text, displayName, environment, warnings).values;
    }

    private static Parsed parseLines(String text, String displayName, Map<String, String> environment,
                                     List<String> warnings) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Map.Entry<String, String>> written = new ArrayList<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        // A byte-order mark, as some Windows editors write, would make the first line's key unreadable.
        String[] lines = ConfigFileReader.withoutByteOrderMark(text).split("\\R", -1);
        long growth = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            String where = displayName + " line " + (i + 1);
            if (!isKey(key)) {
                warnings.add(where + ": ignored, expected KEY=VALUE");
                Matcher word = LEADING_KEY.matcher(line);
                if (word.lookingAt()) {
                    // DATABASE_URL: postgresql://..., as YAML writes it: whoever looks for the key is told why it
                    // is not set.
                    ignored.put(word.group(), where + ": " + word.group() + " is not written KEY=VALUE; write "
                            + word.group() + "=value.");
                }
                continue;
            }
            String raw = line.substring(eq + 1).strip();
            String value = value(raw);
            if (value == null) {
                warnings.add(where + ": ignored " + key + ", its quoted value has no closing quote");
                ignored.put(key, where + ": the quoted value of " + key + " has no closing quote; close it.");
                continue;
            }
            ignored.remove(key);
            keyLines.putIfAbsent(key, i + 1);
            written.add(Map.entry(key, value));
            if (!raw.startsWith("'")) {
                String expanded = expand(key, value, environment, values, where, warnings);
                growth += Math.max(0, expanded.length() - value.length());
                if (growth > MAX_GROWTH) {
                    throw new ConfigException(where + ": the values of " + displayName + " grow past 16 MB in all as "
                            + "their ${VAR} references expand (here with " + key + "); write them with fewer "
                            + "references.");
                }
                value = expanded;
            }
            values.put(key, value);
        }
        return new Parsed(Collections.unmodifiableMap(values), List.copyOf(written),
                Collections.unmodifiableMap(keyLines), Collections.unmodifiableMap(ignored));
    }

    /**
     * Expands the {@code ${VAR}} references in {@code value}: {@code DATABASE_URL=postgresql://${DB_USER}:...}, as
     * Compose files and python-dotenv write it. The environment wins over the lines above, as it does for the file's
     * own keys; a variable set nowhere becomes empty, with a warning that names it (never a value).
     *
     * @throws ConfigException if the value grows past {@value #MAX_EXPANDED} characters: lines that each refer twice to
     *     the one above ({@code A1=${A0}${A0}}, {@code A2=${A1}${A1}}, ...) double it at every line, and ran the
     *     command out of memory
     */
    private static String expand(String key, String value, Map<String, String> environment,
                                 Map<String, String> above, String where, List<String> warnings) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String found = environment.get(name) != null ? environment.get(name) : above.get(name);
            if ((found == null || found.isEmpty()) && reference.group(2) != null) {
                found = reference.group(2);
            }
            if (found == null) {
                warnings.add(where + ": ${" + name + "} is not set in the environment or above it; it is left empty");
                found = "";
            }
            if (expanded.length() + found.length() > MAX_EXPANDED) {
                throw new ConfigException(where + ": the value of " + key + " grows past 16 MB as its ${VAR} "
                        + "references expand; write it with fewer references.");
            }
            reference.appendReplacement(expanded, Matcher.quoteReplacement(found));
        }
        return reference.appendTail(expanded).toString();
    }

    /** Returns the value written after {@code =}, or null if a quote is not closed. */
    private static String value(String raw) {
        if (raw.startsWith("'")) {
            int close = raw.indexOf('\'', 1);
            return close < 0 ? null : raw.substring(1, close);
        }
        if (raw.startsWith("\"")) {
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    switch (next) {
                        case 'n' -> value.append('\n');
                        case '"', '\\' -> value.append(next);
                        default -> value.append('\\').append(next);
                    }
                } else {
                    value.append(c);
                }
            }
            return null;
        }
        // An unquoted value may hold '#' (p#ss), so only " #" starts a comment.
        int comment = raw.indexOf(" #");
        int tab = raw.indexOf("\t#");
        if (tab >= 0 && (comment < 0 || tab < comment)) {
            comment = tab;
        }
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }

    private static boolean isKey(String key) {
        if (key.isEmpty() || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_')) {
            return false;
        }
        return key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }
}
