package dev.retort.command;

import java.time.Duration;
import java.util.List;

/**
 * What {@code retort test} found.
 *
 * @param tested the revisions checked, in the order they were applied
 * @param failure the first failure (one or two sentences naming the revision and how it failed), or null
 * @param elapsed how long the whole check took
 */
public record HistoryCheck(List<String> tested, String failure, Duration elapsed) {
    public HistoryCheck {
        tested = List.copyOf(tested);
    }

    public boolean passed() {
        return failure == null;
    }
}
