package dev.retort.command;

import java.time.Duration;
import java.util.List;

/**
 * What {@code retort test} found.
 *
 * @param tested the revisions checked, in the order they were applied
 * @param appliedOnly those of them that cannot be reverted (a SQL migration without a {@code -- +downgrade}
 *                    section, a Java {@code downgrade()} that throws UnsupportedOperationException): only their
 *                    upgrade was tested
 * @param failure the first failure (one or two sentences naming the revision and how it failed), or null
 * @param elapsed how long the whole check took
 */
public record HistoryCheck(List<String> tested, List<String> appliedOnly, String failure, Duration elapsed) {
    public HistoryCheck {
        tested = List.copyOf(tested);
        appliedOnly = List.copyOf(appliedOnly);
    }

    public boolean passed() {
        return failure == null;
    }
}
