package dev.retort.cli;

import dev.retort.TerminalText;
import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import dev.retort.script.Script;
import java.util.Set;

/** Alembic's output shapes for revisions: one-line ({@code history}, {@code current}) and verbose ({@code -v}). */
final class RevisionFormat {
    private final Retort retort;
    private final Set<String> current;

    RevisionFormat(Retort retort, Set<String> current) {
        this.retort = retort;
        this.current = current;
    }

    /**
     * {@code <down> (depends-on) -> <rev> (labels) (head) (branchpoint) (mergepoint) (current), message}, the
     * depends-on part only when there is one, as Alembic writes it.
     */
    String historyLine(Revision r) {
        String down = r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions());
        String dependsOn = r.dependsOn().isEmpty() ? "" : " (" + String.join(", ", r.dependsOn()) + ")";
        return down + dependsOn + " -> " + r.id() + markers(r) + message(r);
    }

    /** {@code <rev> (labels) (head)}, as {@code current} and {@code heads} print it. */
    String shortLine(Revision r) {
        return r.id() + labels(r) + (isHead(r) ? " (head)" : "");
    }

    String verbose(Revision r) {
        Script script = retort.script(r.id());
        StringBuilder s = new StringBuilder();
        s.append("Rev: ").append(r.id()).append(markers(r)).append('\n');
        if (r.downRevisions().size() > 1) {
            s.append("Merges: ").append(String.join(", ", r.downRevisions())).append('\n');
        } else {
            s.append("Parent: ").append(r.downRevisions().isEmpty() ? "<base>" : r.downRevisions().get(0)).append('\n');
        }
        if (!r.branchLabels().isEmpty()) {
            s.append("Branch names: ").append(String.join(", ", r.branchLabels())).append('\n');
        }
        if (!r.dependsOn().isEmpty()) {
            s.append("Also depends on: ").append(String.join(", ", r.dependsOn())).append('\n');
        }
        var children = retort.children(r.id());
        if (children.size() > 1) {
            s.append("Branches into: ").append(String.join(", ", children.stream().map(Revision::id).toList()))
                    .append('\n');
        }
        // A file's name may hold control characters too: they are written out, as a message's are.
        s.append("Path: ").append(TerminalText.quoted(script.path().toString())).append("\n\n");
        if (!r.message().isEmpty()) {
            s.append("    ").append(r.message()).append("\n\n");
        }
        s.append("    Revision ID: ").append(r.id()).append('\n');
        s.append("    Revises: ").append(r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions()))
                .append('\n');
        if (!script.created().isEmpty()) {
            s.append("    Create Date: ").append(script.created().replace('T', ' ')).append('\n');
        }
        return s.toString();
    }

    private String markers(Revision r) {
        StringBuilder s = new StringBuilder(labels(r));
        if (isHead(r)) {
            s.append(" (head)");
        }
        if (retort.children(r.id()).size() > 1) {
            s.append(" (branchpoint)");
        }
        if (r.downRevisions().size() > 1) {
            s.append(" (mergepoint)");
        }
        if (current.contains(r.id())) {
            s.append(" (current)");
        }
        return s.toString();
    }

    private boolean isHead(Revision r) {
        return retort.children(r.id()).isEmpty();
    }

    private static String labels(Revision r) {
        return r.branchLabels().isEmpty() ? "" : " (" + String.join(", ", r.branchLabels()) + ")";
    }

    private static String message(Revision r) {
        return r.message().isEmpty() ? "" : ", " + r.message();
    }
}
