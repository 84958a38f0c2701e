package dev.retort.jpa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a {@link JpaModel} as the cache's {@code model.txt}, and reads it back.
 *
 * <p>One record per line, fields separated by tabs, with backslash escapes for backslash, tab, newline and
 * carriage return, so any text survives:
 * <pre>
 * retort-jpa-model 5
 * ddl      create table users (...);\ncreate sequence ...;\n
 * table    users   people
 * column   users.phone_number  phone
 * warning  ...
 * owner    users.phone_number  com.example.User.phoneNumber
 * sequence users.id    users_seq
 * unique   uk9jki9o7lwg04bx6y5784w6ufi shops unique (email_address)
 * enum     users.status    RED GREEN   BLUE
 * end
 * </pre>
 * The file is written to a temporary name and moved into place, so a reader sees a whole file or none.
 */
final class ModelFile {
    private static final String HEADER = "retort-jpa-model 5";
    private static final String END = "end";

    private ModelFile() {
    }

    static String format(JpaModel model) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("ddl\t").append(escape(model.ddl())).append('\n');
        model.tableRenames().forEach((to, from) -> out.append("table\t").append(escape(to)).append('\t')
                .append(escape(from)).append('\n'));
        model.columnRenames().forEach((to, from) -> out.append("column\t").append(escape(to)).append('\t')
                .append(escape(from)).append('\n'));
        model.warnings().forEach(w -> out.append("warning\t").append(escape(w)).append('\n'));
        model.owners().forEach((name, owner) -> out.append("owner\t").append(escape(name)).append('\t')
                .append(escape(owner)).append('\n'));
        model.idSequences().forEach((column, sequence) -> out.append("sequence\t").append(escape(column))
                .append('\t').append(escape(sequence)).append('\n'));
        model.uniqueNames().forEach((name, constraint) -> out.append("unique\t").append(escape(name))
                .append('\t').append(escape(constraint)).append('\n'));
        model.enumConstants().forEach((column, constants) -> {
            out.append("enum\t").append(escape(column));
            constants.forEach(c -> out.append('\t').append(escape(c)));
            out.append('\n');
        });
        return out.append(END).append('\n').toString();
    }

    /** The model in the text, or empty when the text is not a complete model file of this version. */
    static Optional<JpaModel> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(HEADER)) {
            return Optional.empty();
        }
        String ddl = null;
        Map<String, String> tables = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, String> sequences = new LinkedHashMap<>();
        Map<String, String> uniqueNames = new LinkedHashMap<>();
        Map<String, List<String>> enums = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split("\t", -1);
            int arity = switch (fields[0]) {
                case "ddl", "warning" -> 2;
                case "table", "column", "owner", "sequence", "unique" -> 3;
                case "enum" -> Math.max(2, fields.length); // the column, then its constants
                default -> 1;
            };
            if (fields.length != arity) {
                return Optional.empty();
            }
            switch (fields[0]) {
                case "ddl" -> ddl = unescape(fields[1]);
                case "table" -> tables.put(unescape(fields[1]), unescape(fields[2]));
                case "column" -> columns.put(unescape(fields[1]), unescape(fields[2]));
                case "warning" -> warnings.add(unescape(fields[1]));
                case "owner" -> owners.put(unescape(fields[1]), unescape(fields[2]));
                case "sequence" -> sequences.put(unescape(fields[1]), unescape(fields[2]));
                case "unique" -> uniqueNames.put(unescape(fields[1]), unescape(fields[2]));
                case "enum" -> enums.put(unescape(fields[1]), Arrays.stream(fields, 2, fields.length)
                        .map(ModelFile::unescape).toList());
                case END -> {
                    return ddl == null ? Optional.empty() : Optional.of(new JpaModel(ddl, tables, columns, warnings,
                            owners, sequences, uniqueNames, enums));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty(); // no end line: not written by this version
    }

    static Optional<JpaModel> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable entry is rebuilt, not reported
        }
    }

    static void write(Path file, JpaModel model) {
        try {
            writeWhole(file, format(model));
        } catch (IOException e) {
            throw new JpaModelException("Cannot write the model cache " + file + ": " + e.getMessage()
                    + "; check that the cache directory is writable.", e);
        }
    }

    /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place: no reader sees half. */
    static void writeWhole(Path file, String text) throws IOException {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), file.getFileName() + "-", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a stray temporary file in the cache is harmless
        }
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> next;
            });
        }
        return out.toString();
    }
}
