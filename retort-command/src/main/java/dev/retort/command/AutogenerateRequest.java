package dev.retort.command;

import dev.retort.autogenerate.Prompter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How autogenerate decides renames.
 *
 * @param renames {@code --rename old=new} pairs; comparing fails on one that renames nothing
 * @param prompter asks at the terminal, or {@link Prompter#NOBODY}
 * @param forMigration true when the operations will be written (or previewed) as a migration: then
 *     {@code safe = true} rewrites them into online-safe forms; false for {@code check}, which only compares
 */
public record AutogenerateRequest(Map<String, String> renames, Prompter prompter, boolean forMigration) {
    public AutogenerateRequest {
        // In the order given, so that an error about several names them as the command line did.
        renames = Collections.unmodifiableMap(new LinkedHashMap<>(renames));
    }

    /** For {@code check}: no questions, no rewriting. */
    public static final AutogenerateRequest NON_INTERACTIVE = new AutogenerateRequest(Map.of(), Prompter.NOBODY, false);
}
