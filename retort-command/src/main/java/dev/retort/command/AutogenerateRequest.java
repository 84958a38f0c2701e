package dev.retort.command;

import dev.retort.autogenerate.Prompter;
import java.util.Map;

/**
 * How autogenerate decides renames.
 *
 * @param renames {@code --rename old=new} pairs
 * @param prompter asks at the terminal, or {@link Prompter#NOBODY}
 */
public record AutogenerateRequest(Map<String, String> renames, Prompter prompter) {
    public AutogenerateRequest {
        renames = Map.copyOf(renames);
    }

    public static final AutogenerateRequest NON_INTERACTIVE = new AutogenerateRequest(Map.of(), Prompter.NOBODY);
}
