package dev.retort;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the word a mistyped one was probably meant to be, for "did you mean" hints: a command name, a target such as
 * {@code head}, a branch label.
 */
public final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate closest to {@code given}, if one is a near miss: one edit away for a word of up to four letters
     * ({@code heda}, {@code bsae}), two for a longer one, where an edit is a letter added, dropped, changed, or two
     * neighbours swapped. Ties go to the first in alphabetical order, so the hint is the same on every run.
     */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        int allowed = given.length() <= 4 ? 1 : 2;
        return candidates.stream()
                .filter(candidate -> !candidate.equals(given) && distance(given, candidate) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> distance(given, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * The edits between {@code a} and {@code b}, a swap of two neighbouring letters counting as one (the optimal
     * string alignment distance): {@code heda} is one swap from {@code head}, not two changes.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
