package dev.retort.command;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code retort test} found.
 *
 * @param tested the revisions checked, in the order they were applied
 * @param appliedOnly those of them that cannot be reverted (a SQL migration without a {@code -- +downgrade}
 *                    section, a Java {@code downgrade()} that throws UnsupportedOperationException): only their
 *                    upgrade was tested
 * @param failure the first failure (one or two sentences naming the revision and how it failed), or null
 * @param elapsed how long the whole check took
 * @param scratchDatabase the database the migrations ran in, made for the check and dropped after it; empty when the
 *                        check stopped before making one
 */
public record HistoryCheck(List<String> tested, List<String> appliedOnly, String failure, Duration elapsed,
        Optional<String> scratchDatabase) {
    public HistoryCheck {
        tested = List.copyOf(tested);
        appliedOnly = List.copyOf(appliedOnly);
    }

    public boolean passed() {
        return failure == null;
    }
}
