package dev.retort.command;

import java.util.List;
import java.util.Optional;

/**
 * The options of {@code retort revision}.
 *
 * @param head the revision the new one follows (default: the single head)
 * @param splice allow {@code head} to be a revision that is not a head, starting a branch
 * @param sqlFile write a SQL migration instead of a Java one
 */
public record RevisionRequest(String message, Optional<String> head, boolean splice, List<String> branchLabels,
        List<String> dependsOn, Optional<String> revId, boolean sqlFile) {
    public RevisionRequest {
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
    }
}
