package dev.retort.script;

import dev.retort.TerminalText;
import dev.retort.revision.Revision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Java migration's {@code @Revision(...)} annotation and class name from its source text.
 *
 * <p>Commands that only need the graph ({@code history}, {@code heads}, {@code current}) must not pay for
 * the compiler, so the annotation is read as text: its values are string literals or arrays of them.
 */
public final class JavaMigrationHeader {
    /**
     * The class declaration after the annotation, past comments, other annotations and modifiers. Its name follows
     * Java's rules for identifiers, which allow letters of any script ({@code Überführung_...}, {@code 日本_...}).
     */
    private static final Pattern CLASS = Pattern.compile("\\G(?:\\s|//[^\\n]*|/\\*.*?\\*/"
            + "|@[\\p{javaJavaIdentifierPart}.]+(?:\\([^)]*\\))?|public|final|abstract|strictfp)*"
            + "\\bclass\\s+(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)", Pattern.DOTALL);

    private final String fileName;
    private final String text;
    private int pos;

    private JavaMigrationHeader(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    /** The parsed header: the graph value, its creation time and the class that implements it. */
    public record Parsed(Revision revision, String created, String className) {
    }

    public static Parsed parse(String fileName, String text) {
        return new JavaMigrationHeader(fileName, text).parse();
    }

    private Parsed parse() {
        int at = findAnnotation(0);
        if (at < 0) {
            throw new ScriptException(fileName + ": no @Revision(...) annotation; a Java migration is a class annotated "
                    + "@Revision(id = \"...\", down = ...) that implements dev.retort.Migration (every .java file in "
                    + "versions/ is one; code that migrations share goes on migration_classpath in retort.toml).");
        }
        pos = at;
        Map<String, List<String>> values = new LinkedHashMap<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
        } else {
            while (true) {
                String key = identifier();
                skipSpace();
                expect('=');
                skipSpace();
                if (values.put(key, value()) != null) {
                    throw error("@Revision gives '" + key + "' twice");
                }
                skipSpace();
                char c = next();
                if (c == ')') {
                    break;
                }
                if (c != ',') {
                    throw error("expected ',' or ')' in @Revision");
                }
                skipSpace();
            }
        }
        Matcher m = CLASS.matcher(text);
        if (!m.find(pos)) {
            throw new ScriptException(fileName + ": no class declaration follows @Revision(...).");
        }
        Parsed parsed = new Parsed(toRevision(values), single(values, "created"), m.group(1));
        if (findAnnotation(m.end()) >= 0) {
            // Only the first would be read, and the other revision would never run.
            throw error("a second @Revision(...); a Java migration file declares one revision, so move the other "
                    + "to a file of its own (retort revision writes one)");
        }
        return parsed;
    }

    private Revision toRevision(Map<String, List<String>> values) {
        for (String key : values.keySet()) {
            if (!List.of("id", "down", "branchLabels", "dependsOn", "message", "created").contains(key)) {
                throw new ScriptException(fileName + ": @Revision has no element '" + key
                        + "'; the elements are id, down, branchLabels, dependsOn, message, created.");
            }
        }
        String id = single(values, "id");
        if (!RevisionIds.isValid(id)) {
            throw new ScriptException(fileName + ": @Revision id '" + TerminalText.quoted(id)
                    + "' is not 12 lowercase hex characters.");
        }
        List<String> down = values.getOrDefault("down", List.of());
        List<String> dependsOn = values.getOrDefault("dependsOn", List.of());
        for (String parent : concat(down, dependsOn)) {
            if (!RevisionIds.isValid(parent)) {
                throw new ScriptException(fileName + ": '" + TerminalText.quoted(parent)
                        + "' in @Revision is not a revision id (12 lowercase hex characters).");
            }
        }
        // Revision makes the message one line, as it is wherever it is shown.
        return new Revision(id, down, new LinkedHashSet<>(values.getOrDefault("branchLabels", List.of())),
                dependsOn, single(values, "message"), fileName);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private String single(Map<String, List<String>> values, String key) {
        List<String> v = values.getOrDefault(key, List.of(""));
        if (v.size() != 1) {
            throw new ScriptException(fileName + ": @Revision " + key + " must be a single string.");
        }
        return v.get(0);
    }

    /** Just after the first {@code @Revision(} from {@code start} on, past comments and string literals; -1 if none. */
    private int findAnnotation(int start) {
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                i = lineEnd(i);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                i = literalEnd(i);
            } else if (c == '@') {
                int j = i + 1;
                while (j < n && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                String name = text.substring(i + 1, j);
                if (name.equals("Revision") || name.equals("dev.retort.Revision")) {
                    pos = j;
                    skipSpace();
                    if (pos < n && text.charAt(pos) == '(') {
                        return pos + 1;
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Just after the string, text block or character literal that starts at {@code i}, or the text's end when it is
     * not closed. Lenient: the search for a second {@code @Revision} reads the whole class, and javac, not this, is
     * what reports a broken literal.
     */
    private int literalEnd(int i) {
        int n = text.length();
        if (text.startsWith("\"\"\"", i)) {
            for (int j = i + 3; j < n; j++) {
                if (text.charAt(j) == '\\') {
                    j++;
                } else if (text.startsWith("\"\"\"", j)) {
                    return j + 3;
                }
            }
            return n;
        }
        char quote = text.charAt(i);
        for (int j = i + 1; j < n; j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote || c == '\n') {
                return j + 1;
            }
        }
        return n;
    }

    private int lineEnd(int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end + 1;
    }

    private List<String> value() {
        if (peek() == '{') {
            pos++;
            List<String> items = new ArrayList<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return items;
            }
            while (true) {
                skipSpace();
                items.add(string());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return items;
                }
                if (c != ',') {
                    throw error("expected ',' or '}' in an array");
                }
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return items;
                }
            }
        }
        return List.of(string());
    }

    private String string() {
        if (peek() != '"') {
            throw error("@Revision values must be string literals (or {\"...\", \"...\"})");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error("unterminated string literal");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 's' -> sb.append(' ');
                case 'u' -> {
                    while (peek() == 'u') {
                        pos++;
                    }
                    if (pos + 4 > text.length()) {
                        throw error("bad unicode escape");
                    }
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected an element name in @Revision");
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("//", pos)) {
                pos = lineEnd(pos);
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                pos = end < 0 ? text.length() : end + 2;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("the file ends inside @Revision(...)");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private ScriptException error(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new ScriptException(fileName + ":" + line + ": " + what + ".");
    }
}
