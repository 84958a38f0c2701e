package dev.retort.docs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which real revision id each revision id of a guide stands for.
 *
 * <p>Revision ids are random, so a guide's ids are placeholders: the first time output matches a guide id,
 * the real id there is bound to it, and from then on the guide id means that real id, in output and in
 * commands. The binding is one-to-one: two guide ids never stand for the same real id. Values are immutable;
 * {@link #with} returns a new one.
 */
final class RevisionIds {
    /** Twelve lowercase hex characters standing alone: not inside a longer word or number ({@code _} may touch). */
    static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])[0-9a-f]{12}(?![0-9A-Za-z])");

    private final Map<String, String> realByGuide;

    private RevisionIds(Map<String, String> realByGuide) {
        this.realByGuide = Collections.unmodifiableMap(new LinkedHashMap<>(realByGuide));
    }

    /** No bindings yet. */
    static RevisionIds none() {
        return new RevisionIds(Map.of());
    }

    /** The real id bound to {@code guideId}, if any. */
    Optional<String> real(String guideId) {
        return Optional.ofNullable(realByGuide.get(guideId));
    }

    /** Whether binding {@code guideId} to {@code realId} keeps the binding consistent and one-to-one. */
    boolean allows(String guideId, String realId) {
        String bound = realByGuide.get(guideId);
        if (bound != null) {
            return bound.equals(realId);
        }
        return !realByGuide.containsValue(realId);
    }

    /** These bindings and {@code guideId} to {@code realId}; the caller has checked {@link #allows}. */
    RevisionIds with(String guideId, String realId) {
        Map<String, String> copy = new LinkedHashMap<>(realByGuide);
        copy.put(guideId, realId);
        return new RevisionIds(copy);
    }

    /** Whether {@code realId} is bound to some guide id. */
    boolean bindsReal(String realId) {
        return realByGuide.containsValue(realId);
    }

    /**
     * Replaces every guide id in a command with its real id.
     *
     * @throws IllegalArgumentException if the command uses a guide id that no output has shown yet
     */
    String substitute(String command) {
        Matcher matcher = ID.matcher(command);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String real = realByGuide.get(matcher.group());
            if (real == null) {
                throw new IllegalArgumentException("The command uses the revision id " + matcher.group()
                        + " before any output has shown it, so there is no real id to put in its place.");
            }
            matcher.appendReplacement(result, real);
        }
        matcher.appendTail(result);
        return result.toString();
    }

    @Override
    public String toString() {
        return realByGuide.isEmpty() ? "(none)" : realByGuide.toString().replace("=", " is ");
    }
}
