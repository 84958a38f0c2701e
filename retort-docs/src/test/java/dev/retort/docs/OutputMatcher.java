package dev.retort.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the output a guide shows with the output a command printed.
 *
 * <p>Lines compare without trailing blanks. A line that is just {@code ...} matches any number of lines,
 * none included; {@code ...} inside a line matches any text. Revision ids in the guide match real ids as
 * {@link RevisionIds} describes, and a successful match returns the bindings it made.
 */
final class OutputMatcher {
    private static final String ANY_LINES = "...";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\.\\.\\.|" + RevisionIds.ID.pattern());

    private OutputMatcher() {
    }

    /** The outcome of a comparison: the bindings after a match, or the furthest guide line that matched nothing. */
    sealed interface Result permits Match, Mismatch {
    }

    /** The output matched; {@code ids} holds the bindings it made as well as the earlier ones. */
    record Match(RevisionIds ids) implements Result {
    }

    /**
     * The output did not match.
     *
     * @param expectedLine the 0-based index of the furthest guide line the comparison reached without a match
     *     ({@code expected.size()} when the output has lines left over)
     */
    record Mismatch(int expectedLine) implements Result {
    }

    /** One point of the comparison: the next guide line and output line to compare, and the bindings so far. */
    private record State(int expected, int actual, RevisionIds ids) {
    }

    /** Compares {@code actual} with {@code expected}, starting from the bindings in {@code ids}. */
    static Result match(List<String> expected, List<String> actual, RevisionIds ids) {
        List<String> want = stripped(expected);
        List<String> got = stripped(actual);
        // Depth-first over the choices that "..." lines make, with an explicit stack: each "..." line may
        // end here or swallow one more output line.
        Deque<State> choices = new ArrayDeque<>();
        choices.push(new State(0, 0, ids));
        int furthest = 0;
        while (!choices.isEmpty()) {
            State state = choices.pop();
            furthest = Math.max(furthest, state.expected());
            if (state.expected() == want.size()) {
                if (state.actual() == got.size()) {
                    return new Match(state.ids());
                }
                continue;
            }
            String line = want.get(state.expected());
            if (line.strip().equals(ANY_LINES)) {
                if (state.actual() < got.size()) {
                    choices.push(new State(state.expected(), state.actual() + 1, state.ids()));
                }
                choices.push(new State(state.expected() + 1, state.actual(), state.ids()));
            } else if (state.actual() < got.size()) {
                matchLine(line, got.get(state.actual()), state.ids())
                        .ifPresent(next -> choices.push(new State(state.expected() + 1, state.actual() + 1, next)));
            }
        }
        return new Mismatch(furthest);
    }

    /** Matches one guide line against one output line; returns the bindings after a match. */
    static Optional<RevisionIds> matchLine(String expected, String actual, RevisionIds ids) {
        StringBuilder regex = new StringBuilder();
        List<String> captured = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(expected);
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(expected.substring(last, placeholder.start())));
            String token = placeholder.group();
            if (token.equals("...")) {
                regex.append(".*");
            } else if (ids.real(token).isPresent()) {
                regex.append(Pattern.quote(ids.real(token).get()));
            } else if (captured.contains(token)) {
                regex.append("\\k<id").append(captured.indexOf(token)).append('>');
            } else {
                regex.append("(?<id").append(captured.size()).append(">").append(RevisionIds.ID.pattern()).append(')');
                captured.add(token);
            }
            last = placeholder.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        Matcher line = Pattern.compile(regex.toString()).matcher(actual);
        if (!line.matches()) {
            return Optional.empty();
        }
        RevisionIds next = ids;
        for (int i = 0; i < captured.size(); i++) {
            String real = line.group("id" + i);
            if (!next.allows(captured.get(i), real)) {
                return Optional.empty();
            }
            next = next.with(captured.get(i), real);
        }
        return Optional.of(next);
    }

    private static List<String> stripped(List<String> lines) {
        return lines.stream().map(String::stripTrailing).toList();
    }
}
