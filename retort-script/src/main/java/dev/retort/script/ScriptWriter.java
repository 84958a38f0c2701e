package dev.retort.script;

import dev.retort.TerminalText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes new migration files: {@code <rev>_<slug>.java} or {@code .sql}, in the fixed formats. */
public final class ScriptWriter {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ScriptWriter() {
    }

    /** Writes the file into {@code versionsDir} (created if missing) and returns its path. */
    public static Path write(Path versionsDir, NewRevision revision) {
        String content = revision.kind() == ScriptKind.JAVA ? java(revision) : sql(revision);
        Path file = versionsDir.resolve(revision.id() + "_" + slug(revision.message()) + revision.kind().extension());
        try {
            Files.createDirectories(versionsDir);
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new ScriptException(file + " already exists; choose another --rev-id.", e);
        } catch (IOException e) {
            // CREATE_NEW made the file, so it is this run's: a half-written migration would stop every later command.
            deletePartial(file, e);
            throw new ScriptException("Cannot create " + file.getFileName() + " in " + versionsDir + ": "
                    + reason(e), e);
        }
        return file;
    }

    private static void deletePartial(Path file, IOException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Why the file could not be written, and what to do: the system's reason, without the path that the exception's
     * message starts with, which named the file a second time.
     */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied; let the user running Retort write there.";
        }
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason() + "; make it a directory that the user running Retort may write in.";
        }
        return e.getMessage() + "; nothing was written.";
    }

    /**
     * The file-name part made from a message: lowercase ASCII words joined by underscores, at most 40 characters.
     * Accented letters keep their base letter ("créer" gives "creer", not "cr_er").
     */
    public static String slug(String message) {
        String plain = Normalizer.normalize(message, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replace("\u00df", "ss");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "migration" : slug;
    }

    /** A Java class name unique to the revision, readable from the message: {@code AddUserPhoneNumber_1a2b3c4d5e6f}. */
    public static String className(NewRevision revision) {
        StringBuilder name = new StringBuilder();
        for (String word : slug(revision.message()).split("_")) {
            if (!word.isEmpty() && !word.equals("migration")) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        if (name.length() == 0 || !Character.isJavaIdentifierStart(name.charAt(0))) {
            name.insert(0, "Migration");
        }
        return name + "_" + revision.id();
    }

    static String java(NewRevision r) {
        StringBuilder s = new StringBuilder();
        java.util.TreeSet<String> statics = new java.util.TreeSet<>();
        java.util.TreeSet<String> plain = new java.util.TreeSet<>(
                List.of("dev.retort.Migration", "dev.retort.Revision", "dev.retort.operation.Operations"));
        for (String imported : r.imports()) {
            if (imported.startsWith("static ")) {
                statics.add(imported.substring("static ".length()).strip());
            } else {
                plain.add(imported.strip());
            }
        }
        for (String imported : statics) {
            s.append("import static ").append(imported).append(";\n");
        }
        if (!statics.isEmpty()) {
            s.append('\n');
        }
        for (String imported : plain) {
            s.append("import ").append(imported).append(";\n");
        }
        s.append('\n');
        s.append("/**\n");
        // Doubled backslashes: javac reads \\uXXXX escapes even inside comments.
        s.append(" * ").append(r.message().replace("\\", "\\\\").replace("*/", "* /")).append("\n *\n");
        s.append(" * Revision ID: ").append(r.id()).append('\n');
        s.append(" * Revises: ").append(r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions()))
                .append('\n');
        s.append(" * Create Date: ").append(READABLE.format(r.created())).append('\n');
        if (!r.summary().isEmpty()) {
            s.append(" *\n * Changes:\n");
            for (String line : shortened(r.summary())) {
                s.append(" *   - ").append(summaryLine(line.replace("\\", "\\\\")).replace("*/", "* /")).append('\n');
            }
        }
        s.append(" */\n");
        s.append("@Revision(\n");
        s.append("        id = ").append(literal(r.id())).append(",\n");
        s.append("        down = ").append(array(r.downRevisions())).append(",\n");
        if (!r.branchLabels().isEmpty()) {
            s.append("        branchLabels = ").append(array(r.branchLabels())).append(",\n");
        }
        if (!r.dependsOn().isEmpty()) {
            s.append("        dependsOn = ").append(array(r.dependsOn())).append(",\n");
        }
        s.append("        message = ").append(literal(r.message())).append(",\n");
        s.append("        created = ").append(literal(r.created().truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(")\n");
        s.append("class ").append(className(r)).append(" implements Migration {\n");
        s.append("    @Override\n    public void upgrade(Operations op) {\n");
        s.append(body(r.upgradeBody(), "        // op.createTable(...), op.addColumn(...), op.execute(\"...\")\n"));
        s.append("    }\n\n");
        s.append("    @Override\n    public void downgrade(Operations op) {\n");
        s.append(body(r.downgradeBody(), "        // undo what upgrade() does, in reverse order\n"
                + "        // (if it cannot be undone: throw new UnsupportedOperationException(\"why\");)\n"));
        s.append("    }\n");
        if (!r.members().isBlank()) {
            s.append('\n').append(r.members().lines().map(l -> l.isBlank() ? "" : "    " + l)
                    .collect(Collectors.joining("\n"))).append('\n');
        }
        s.append("}\n");
        return s.toString();
    }

    static String sql(NewRevision r) {
        StringBuilder s = new StringBuilder();
        s.append("-- revision: ").append(r.id()).append('\n');
        s.append("-- down_revision: ").append(r.downRevisions().isEmpty() ? "none" : String.join(", ", r.downRevisions()))
                .append('\n');
        s.append("-- message: ").append(r.message()).append('\n');
        if (!r.branchLabels().isEmpty()) {
            s.append("-- branch_labels: ").append(String.join(", ", r.branchLabels())).append('\n');
        }
        if (!r.dependsOn().isEmpty()) {
            s.append("-- depends_on: ").append(String.join(", ", r.dependsOn())).append('\n');
        }
        s.append("-- create_date: ").append(READABLE.format(r.created())).append('\n');
        if (!r.summary().isEmpty()) {
            s.append("--\n-- Changes\n");
            for (String line : shortened(r.summary())) {
                s.append("--   * ").append(summaryLine(line)).append('\n');
            }
        }
        s.append("\n-- +upgrade\n");
        s.append(r.upgradeBody().isEmpty() ? "\n" : r.upgradeBody().stripTrailing() + "\n\n");
        s.append("-- +downgrade\n");
        s.append(r.downgradeBody().isEmpty() ? "\n" : r.downgradeBody().stripTrailing() + "\n");
        return s.toString();
    }

    /**
     * A summary line kept to one line, its line breaks and control characters written out: a quoted identifier may
     * hold a line break, which would end the header's comment and make the rest of the name a statement or code.
     */
    private static String summaryLine(String line) {
        return TerminalText.quoted(line);
    }

    /** A header summary stays readable: the first 40 changes, then how many more. */
    private static List<String> shortened(List<String> summary) {
        if (summary.size() <= 40) {
            return summary;
        }
        List<String> shown = new java.util.ArrayList<>(summary.subList(0, 40));
        shown.add("... and " + (summary.size() - 40) + " more");
        return shown;
    }

    private static String body(String body, String placeholder) {
        if (body.isBlank()) {
            return placeholder;
        }
        return body.lines().map(l -> l.isBlank() ? "" : "        " + l).collect(Collectors.joining("\n")) + "\n";
    }

    private static String array(List<String> values) {
        if (values.size() == 1) {
            return literal(values.get(0));
        }
        return values.stream().map(ScriptWriter::literal).collect(Collectors.joining(", ", "{", "}"));
    }

    static String literal(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
