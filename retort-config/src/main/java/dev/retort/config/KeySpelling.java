package dev.retort.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Finds the known key a misspelt one was probably meant to be, for "did you mean" hints. */
final class KeySpelling {
    private KeySpelling() {}

    /** Returns the known key within two edits of {@code key} (and closer than half its length), if any. */
    static Optional<String> closest(String key, Set<String> known) {
        return known.stream()
                .filter(candidate -> distance(key, candidate) <= Math.min(2, (key.length() - 1) / 2))
                .min(Comparator.comparingInt((String candidate) -> distance(key, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * Whether {@code key}, a key of {@code .env}, is probably a misspelling of {@code known}, told apart more strictly
     * than {@link #closest} does, since a {@code .env} also holds the application's own settings: {@code key} is
     * {@code known} in another case or with {@code -} or {@code .} for {@code _}, or has one letter left out, added or
     * changed, or two next to each other swapped. Two changes are too many ({@code DB_POOL} is two from
     * {@code DB_PORT}), and a key that starts with {@code known} is a setting of its own ({@code DB_HOSTS},
     * {@code DATABASE_URL_REPLICA}).
     */
    static boolean nearMiss(String key, String known) {
        String normalised = key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        if (key.equals(known) || normalised.startsWith(known) && !normalised.equals(known)) {
            return false;
        }
        return normalised.equals(known) || distance(normalised, known) == 1 || swapped(normalised, known);
    }

    /** Whether {@code a} is {@code b} with two neighbouring characters swapped. */
    private static boolean swapped(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = 0;
        while (first < a.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        return first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
    }

    /** Levenshtein distance, one row at a time. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
