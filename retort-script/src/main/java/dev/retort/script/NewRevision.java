package dev.retort.script;

import dev.retort.TerminalText;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What {@code retort revision} writes: a new migration file's metadata and, optionally, its bodies.
 *
 * @param upgradeBody Java statements or SQL for the upgrade section; empty for a template to fill in
 * @param downgradeBody the same for the downgrade section
 * @param imports extra Java imports the bodies need ({@code static dev.retort.operation.Operations.column}, ...)
 * @param summary lines for the file's header that say what the migration changes (autogenerate writes them)
 * @param members more Java class members after {@code downgrade} (the parts of a body too large for one method)
 */
public record NewRevision(String id, String message, List<String> downRevisions, List<String> branchLabels,
        List<String> dependsOn, LocalDateTime created, ScriptKind kind, String upgradeBody, String downgradeBody,
        List<String> imports, List<String> summary, String members) {
    public NewRevision {
        downRevisions = List.copyOf(downRevisions);
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
        // One line, as Revision reads it back, so that the file holds what every command prints.
        message = message == null ? "" : TerminalText.oneLine(message).strip();
        upgradeBody = upgradeBody == null ? "" : upgradeBody;
        downgradeBody = downgradeBody == null ? "" : downgradeBody;
        imports = List.copyOf(imports);
        summary = List.copyOf(summary);
        members = members == null ? "" : members;
    }

    /** A revision without extra imports or summary: a template, or hand-written bodies. */
    public NewRevision(String id, String message, List<String> downRevisions, List<String> branchLabels,
            List<String> dependsOn, LocalDateTime created, ScriptKind kind, String upgradeBody, String downgradeBody) {
        this(id, message, downRevisions, branchLabels, dependsOn, created, kind, upgradeBody, downgradeBody, List.of(),
                List.of(), "");
    }
}
