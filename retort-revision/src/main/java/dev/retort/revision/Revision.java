package dev.retort.revision;

import dev.retort.TerminalText;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One migration's place in the history: its id, the revisions it follows, and its labels.
 *
 * <p>{@code downRevisions} are the parents: none for a root ("base") revision, one usually, several
 * for a merge. {@code dependsOn} names revisions (or branch labels) that must be applied first without
 * being parents, as Alembic's {@code depends_on}. {@code origin} names the file the revision came from,
 * for error messages; it may be null. The collections are copied and keep their order; a null
 * collection stands for an empty one and a null message for an empty message.
 *
 * <p>The message and the labels come from a file anyone with a commit may have written, and every command prints
 * them: they are kept as {@link TerminalText} makes them, the message one line, their control characters escaped.
 */
public record Revision(String id, List<String> downRevisions, Set<String> branchLabels, List<String> dependsOn,
                       String message, String origin) {

    public Revision {
        Objects.requireNonNull(id, "id");
        downRevisions = downRevisions == null ? List.of() : List.copyOf(downRevisions);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        branchLabels = copyLabels(branchLabels);
        message = message == null ? "" : TerminalText.oneLine(message);
    }

    /** Words that mean something as a target, so no revision or label may be called that. */
    static final Set<String> RESERVED = Set.of("head", "heads", "base", "current");

    /** What a label may hold: targets use @, +, -, : and commas as syntax (Alembic forbids @ - + : in ids too). */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** What {@link #isUsableLabel} asks of a label, to end a message that refused one. */
    public static final String LABEL_RULE = "labels hold letters, digits, '_', '.' and '-' and cannot be head, heads, "
            + "base, current or none";

    /**
     * Whether a target could name this branch label: it is made of label characters and is not a word targets
     * read as a keyword ({@code none} too, in any case, as a SQL header writes "no labels" so).
     */
    public static boolean isUsableLabel(String label) {
        return LABEL.matcher(label).matches() && !RESERVED.contains(label) && !label.equalsIgnoreCase("none");
    }

    /** A revision without branch labels, dependencies or origin: handy for tests and tools. */
    public static Revision of(String id, String... downRevisions) {
        return new Revision(id, List.of(downRevisions), Set.of(), List.of(), "", null);
    }

    /** Whether this revision starts a history: it has no down revision. */
    public boolean isBase() {
        return downRevisions.isEmpty();
    }

    /** Whether this revision joins several branches: it has more than one down revision. */
    public boolean isMerge() {
        return downRevisions.size() > 1;
    }

    private static Set<String> copyLabels(Set<String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Set.of();
        }
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (String label : labels) {
            copy.add(TerminalText.quoted(Objects.requireNonNull(label, "branch label")));
        }
        return Collections.unmodifiableSet(copy);
    }
}
