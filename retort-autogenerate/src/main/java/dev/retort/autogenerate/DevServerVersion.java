package dev.retort.autogenerate;

import java.util.Optional;

/**
 * The warning for a dev database of another PostgreSQL major version than the target: the models are applied and
 * read back there, so what that server accepts and how it prints expressions is what the migration holds.
 */
public final class DevServerVersion {
    private DevServerVersion() {
    }

    /**
     * One line when {@code devMajor} is not {@code targetMajor}, empty when they are the same. A newer dev database
     * accepts what came after the target (an {@code IS JSON} check, from 16; a virtual generated column, from 18) and
     * the migration fails on the target with a syntax error; an older one may refuse the models or print expressions
     * otherwise.
     */
    public static Optional<String> warning(int devMajor, int targetMajor) {
        if (devMajor == targetMajor) {
            return Optional.empty();
        }
        String risk = devMajor > targetMajor
                ? "may accept and print SQL the target rejects (what came after " + targetMajor + ")"
                : "may refuse what the models take from later versions, or print expressions otherwise";
        return Optional.of("the dev database, where the models are read back, runs PostgreSQL " + devMajor
                + " and the database PostgreSQL " + targetMajor + ": it " + risk + "; set dev_url in [models] to an "
                + "empty database on a PostgreSQL " + targetMajor + " server (\"PostgreSQL versions\" in "
                + "docs/configuration.md).");
    }
}
