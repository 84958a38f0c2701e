package dev.retort.config;

import dev.retort.Spelling;
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
                .filter(candidate -> Spelling.distance(key, candidate) <= Math.min(2, (key.length() - 1) / 2))
                .min(Comparator.comparingInt((String candidate) -> Spelling.distance(key, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * Whether {@code key}, a key of {@code .env}, is probably a misspelling of {@code known}, told apart more strictly
     * than {@link #closest} does, since a {@code .env} also holds the application's own settings: {@code key} is
     * {@code known} in another case or with {@code -} or {@code .} for {@code _}, or has one letter left out, added or
     * changed, or two next to each other swapped. Two changes are too many ({@code DB_POOL} is two from
     * {@code DB_PORT}), and a key that starts with {@code known} is a setting of its own ({@code DB_HOSTS},
     * {@code DATABASE_URL_REPLICA}), as is one whose last letter alone differs ({@code DATABASE_URI}, the name
     * SQLAlchemy's and Flask's applications give their database).
     */
    static boolean nearMiss(String key, String known) {
        String normalised = key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        if (key.equals(known) || normalised.startsWith(known) && !normalised.equals(known)
                || normalised.length() == known.length() && normalised.regionMatches(0, known, 0, known.length() - 1)
                        && !normalised.equals(known)) {
            return false;
        }
        return normalised.equals(known) || Spelling.distance(normalised, known) == 1;
    }
}
