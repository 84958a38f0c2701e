package dev.retort.config;

import java.util.Locale;
import java.util.Optional;

/** What {@code upgrade} or {@code downgrade} saves before it runs: nothing, the data each step loses, or a dump. */
public enum BackupMode {
    /** No backup. */
    NONE,
    /** Before each step that drops or retypes data, copy that data into schema {@code retort_backup}. */
    TABLES,
    /** Before the first step, write a {@code pg_dump} of the whole database to a file. */
    DUMP;

    /** The spelling in {@code retort.toml} and on the command line: {@code none}, {@code tables} or {@code dump}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none}, {@code tables} or {@code dump} (any case); empty for anything else. */
    public static Optional<BackupMode> parse(String text) {
        for (BackupMode mode : values()) {
            if (mode.spelling().equalsIgnoreCase(text.strip())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
