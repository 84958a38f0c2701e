package dev.retort.revision;

import static dev.retort.revision.Fixtures.labeled;
import static dev.retort.revision.Fixtures.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Any string a user can type as a target, a stamp, a plan or a {@code FROM:TO} range either works or fails
 * with a {@link RetortException} whose message is one non-empty line; nothing else ever escapes.
 */
class TargetFuzzTest {
    private static final String A = "1a2b3c4d5e6f";
    private static final String B = "1a2b9f000001";
    private static final String C = "77aa00000002";
    private static final String D = "88bb00000003";
    private static final String E = "99cc00000004";

    /** A - B - C - D (labelled "tip"), and a second branch B - E labelled "feature-2". */
    private static final RevisionMap MAP = RevisionMap.of(List.of(rev(A), rev(B, A), rev(C, B), labeled(D, "tip", C),
            labeled(E, "feature-2", B)));
    private static final List<Set<String>> STATES = List.of(Set.of(), Set.of(A), Set.of(C), Set.of(D, E));

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("head", "heads", "base", "current", "tip", "feature", "feature-2", "@", "+", "-", ":",
                        "%", "'", "\"", ";", " ", "\t", "\n", "\r", "\u0000", "\u00e9", "\ud83d\ude00", "..", "/"),
                Arbitraries.of(A, B, C, D, E, "1a2b", "77aa0", "88bb", "1a2", "fff", "0000"),
                Arbitraries.integers().between(0, 12).map(String::valueOf),
                Arbitraries.of("999999999", "1000000000", "99999999999999999999", "-0", "+00"),
                Arbitraries.strings().ofMaxLength(4));
        return token.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Property(tries = 1500)
    void structuredTargetsResolveOrFailInOneLine(@ForAll("targets") String target) {
        everyUse(target);
    }

    @Property(tries = 1000)
    void anyStringResolvesOrFailsInOneLine(@ForAll @StringLength(max = 30) String target) {
        everyUse(target);
    }

    @Property(tries = 800)
    void anyRangeSelectsOrFailsInOneLine(@ForAll("targets") String lower, @ForAll("targets") String upper) {
        for (Set<String> state : STATES) {
            oneLineOrResult(() -> MAP.range(lower, upper, state));
        }
    }

    @Test
    void theDocumentedFormsResolve() {
        Set<String> atC = Set.of(C);
        assertThat(MAP.resolve("tip@head", atC)).isEqualTo(Set.of(D));
        assertThat(MAP.resolve("heads", atC)).isEqualTo(Set.of(D, E));
        assertThat(MAP.resolve("base", atC)).isEmpty();
        assertThat(MAP.resolve("+1", atC)).isEqualTo(Set.of(D));
        assertThat(MAP.resolve("-1", atC)).isEqualTo(Set.of(B));
        assertThat(MAP.resolve(A + "+1", atC)).isEqualTo(Set.of(B));
        assertThat(MAP.resolve("feature-2", atC)).isEqualTo(Set.of(E));
        assertThat(MAP.resolve("feature-2@-1", Set.of(E))).isEqualTo(Set.of(B));
        assertThat(MAP.resolve("77aa", atC)).isEqualTo(Set.of(C));
        assertThat(MAP.range(A, "tip", Set.of())).extracting(Revision::id).containsExactly(D, C, B, A);
    }

    @Test
    void aTargetWithALineBreakIsQuotedOnOneLine() {
        assertThatThrownBy(() -> MAP.resolve("head\n; DROP TABLE x;\u0000", Set.of()))
                .isInstanceOf(RevisionGraphException.class)
                .hasMessage("The revision target 'head\\n; DROP TABLE x;\\u0000' contains a line break or control "
                        + "character; give a revision id, a branch label, `head`, `heads`, `base` or a relative step "
                        + "such as `-1`.");
    }

    /** Everything a target string is used for, from each database state. */
    private static void everyUse(String target) {
        for (Set<String> state : STATES) {
            oneLineOrResult(() -> MAP.resolve(target, state));
            oneLineOrResult(() -> MAP.upgradePlan(state, target));
            oneLineOrResult(() -> MAP.downgradePlan(state, target));
            oneLineOrResult(() -> MAP.stampHeads(state, target));
            oneLineOrResult(() -> MAP.range(target, null, state));
            oneLineOrResult(() -> MAP.range(null, target, state));
            int colon = target.indexOf(':');
            if (colon >= 0) {
                // FROM:TO, split as the offline --sql mode and history -r split it.
                String from = target.substring(0, colon).strip();
                String to = target.substring(colon + 1).strip();
                oneLineOrResult(() -> MAP.range(from, to, state));
                if (!to.isEmpty()) {
                    oneLineOrResult(() -> MAP.upgradePlan(MAP.resolve(from.isEmpty() ? "base" : from, Set.of()), to));
                }
            }
        }
    }

    private static void oneLineOrResult(Supplier<?> use) {
        Object result;
        try {
            result = use.get();
        } catch (RetortException e) {
            String message = e.getMessage();
            assertThat(message).isNotBlank();
            assertThat(message.chars().filter(c -> c == '\n' || c == '\r' || c == '\u2028' || c == '\u0085'))
                    .as("a one-line message: " + message).isEmpty();
            return;
        }
        assertThat(result).isNotNull();
        if (result instanceof Set<?> ids) {
            List<Object> unknown = new ArrayList<>(ids);
            unknown.removeIf(id -> MAP.find((String) id).isPresent());
            assertThat(unknown).isEmpty();
        }
    }

    @Property(tries = 200)
    void aRelativeStepOfAnySizeNeverOverflows(@ForAll("steps") String step) {
        for (Set<String> state : STATES) {
            oneLineOrResult(() -> MAP.resolve(step, state));
            oneLineOrResult(() -> MAP.resolve(A + step, state));
            oneLineOrResult(() -> MAP.resolve("tip@" + step, state));
        }
    }

    @Provide
    Arbitrary<String> steps() {
        return Combinators.combine(Arbitraries.of("+", "-"), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25))
                .as((sign, digits) -> sign + digits);
    }
}
