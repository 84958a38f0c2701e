package dev.retort.autogenerate;

import dev.retort.TerminalText;
import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.SchemaDiff;
import dev.retort.operation.Operation;
import dev.retort.render.JavaRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a diff into the parts of a Java migration: the bodies of {@code upgrade} and {@code downgrade},
 * their imports, and the header's summary. Every operation that can lose data gets a comment above it
 * that says so, and every warning of the diff stands above the operation it concerns.
 */
public final class MigrationComposer {
    private final JavaRenderer renderer = new JavaRenderer();
    private final Notes notes;

    /** Comments to put above an operation (the linter's findings), given the operations before it. */
    public interface Notes {
        Notes NONE = (operation, before) -> List.of();

        List<String> about(Operation operation, List<Operation> before);
    }

    public MigrationComposer() {
        this(Notes.NONE);
    }

    public MigrationComposer(Notes notes) {
        this.notes = notes;
    }

    /** The lint rule that warns of every change of a column's type (its codes are stable). */
    private static final String TYPE_CHANGE_RULE = "RT105";

    /** Operations per method: a Java method's bytecode is limited to 64 KB, and a large model's first migration is long. */
    static final int PART_SIZE = 150;

    /** The composed parts; {@code members} holds the part methods of a body too large for one method. */
    public record Composed(String upgradeBody, String downgradeBody, List<String> imports, List<String> summary,
            String members) {
    }

    public Composed compose(SchemaDiff diff) {
        List<Operation> all = new ArrayList<>();
        diff.upgrade().forEach(c -> all.add(c.operation()));
        diff.downgrade().forEach(c -> all.add(c.operation()));
        SortedSet<String> imports = new TreeSet<>(renderer.imports(all));
        List<String> summary = new ArrayList<>();
        for (Change change : diff.upgrade()) {
            summary.add(change.description() + (change.losesData() ? " (can lose data)" : ""));
        }
        StringBuilder members = new StringBuilder();
        String upgrade = split("upgrade", diff.upgrade(), members, notes);
        String downgrade = split("downgrade", diff.downgrade(), members, Notes.NONE);
        return new Composed(upgrade, downgrade, List.copyOf(imports), summary, members.toString());
    }

    /** The body itself when small; else calls to part methods, which are appended to {@code members}. */
    private String split(String name, List<Change> changes, StringBuilder members, Notes notes) {
        if (changes.size() <= PART_SIZE) {
            return body(changes, notes);
        }
        StringBuilder calls = new StringBuilder();
        for (int start = 0, part = 1; start < changes.size(); start += PART_SIZE, part++) {
            String method = name + "Part" + part;
            calls.append(method).append("(op);\n");
            members.append("private void ").append(method).append("(Operations op) {\n");
            body(changes.subList(start, Math.min(start + PART_SIZE, changes.size())), notes).lines()
                    .forEach(line -> members.append(line.isEmpty() ? "" : "    " + line).append('\n'));
            members.append("}\n\n");
        }
        return calls.toString();
    }

    private String body(List<Change> changes, Notes notes) {
        StringBuilder body = new StringBuilder();
        List<Operation> before = new ArrayList<>();
        for (Change change : changes) {
            for (String note : notes.about(change.operation(), List.copyOf(before))) {
                body.append("// ").append(comment(change.widens() != null && note.startsWith(TYPE_CHANGE_RULE + " ")
                        ? allowWidening(change) : note)).append('\n');
            }
            before.add(change.operation());
            if (change.warning() != null) {
                for (String line : wrap("WARNING: " + change.warning())) {
                    body.append("// ").append(comment(line)).append('\n');
                }
            }
            if (change.losesData()) {
                body.append("// DATA LOSS: ").append(comment(change.description())).append('\n');
            }
            body.append(renderer.render(change.operation())).append('\n');
        }
        return body.toString();
    }

    /**
     * {@code text} (names, comments and expressions from the database or the models) kept within its {@code //}
     * comment: a line break in a table's name would end the comment and make the rest of the name code that runs at
     * upgrade. Line breaks and control characters are written out ({@link TerminalText#quoted}); backslashes are
     * doubled first, as javac reads a {@code \}{@code u000a} escape as a line break even inside a comment.
     */
    static String comment(String text) {
        return TerminalText.quoted(text.replace("\\", "\\\\"));
    }

    /**
     * The comment that accepts the linter's warning of a change of type the diff knows only widens: the linter, which
     * sees the new type alone, warns of every one, and {@code retort lint --strict} would fail each migration that
     * widens a column. The reviewer reads the two types in its reason.
     */
    public static String allowWidening(Change change) {
        return "retort:allow " + TYPE_CHANGE_RULE + " (widens " + change.widens() + ")";
    }

    /** Comment lines of at most about 100 characters. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + word.length() > 100) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
