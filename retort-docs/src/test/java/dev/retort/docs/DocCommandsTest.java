package dev.retort.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that every {@code retort} command in the {@code sh} blocks of {@code docs/*.md} names a real
 * command and only options that command's {@code --help} lists, skipped blocks included.
 */
class DocCommandsTest {
    private static final Path DOCS = Path.of("..", "docs");
    /** Global options that take a value, so that the value is not mistaken for the command. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("-c", "--config", "-x", "--url");
    /** An option a user wrote: one or two dashes and a name ({@code -1} is a target, not an option). */
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*");

    @TempDir
    Path dir;

    private final Map<List<String>, InProcessRetort.Result> helps = new HashMap<>();

    @Test
    void everyRetortCommandInTheDocsUsesARealCommandAndItsOptions() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : markdownFiles()) {
            for (FencedBlock block : FencedBlock.read(file)) {
                if (!block.info().equals("sh")) {
                    continue;
                }
                for (ShellCommand command : ShellCommand.parse(block)) {
                    if (command.hasHeredoc() || !command.firstLine().strip().startsWith("retort ")) {
                        continue;
                    }
                    checked++;
                    problems.addAll(problems(file, command));
                }
            }
        }
        assertThat(checked).as("retort commands found in %s", DOCS).isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspelledOptionOrCommandIsReported() {
        Path file = Path.of("guide.md");
        assertThat(problems(file, new ShellCommand("retort upgrade head --sqll", 7, 0)))
                .containsExactly("guide.md:7: `retort upgrade head --sqll`: `retort upgrade --help` does not list --sqll.");
        assertThat(problems(file, new ShellCommand("retort upgrades head", 8, 0)))
                .singleElement().asString()
                .startsWith("guide.md:8: `retort upgrades head`: `retort upgrades --help` does not show that command's help");
        assertThat(problems(file, new ShellCommand("retort backups prune --older-than 30d --revisions c1", 10, 0)))
                .containsExactly("guide.md:10: `retort backups prune --older-than 30d --revisions c1`: "
                        + "`retort backups prune --help` does not list --revisions.");
        assertThat(problems(file, new ShellCommand("retort --debugg current", 9, 0)))
                .containsExactly("guide.md:9: `retort --debugg current`: `retort --help` does not list --debugg.");
    }

    /** What is wrong with one command line, as messages; none when it is fine. */
    private List<String> problems(Path file, ShellCommand command) {
        String where = file.getFileName() + ":" + command.line() + ": `" + command.firstLine().strip() + "`: ";
        List<String> words = ShellWords.split(command.firstLine(), Map.of()).words();
        List<String> globals = new ArrayList<>();
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-")) {
            globals.add(words.get(i));
            i += GLOBAL_WITH_VALUE.contains(words.get(i)) ? 2 : 1;
        }
        Optional<String> subcommand = i < words.size() ? Optional.of(words.get(i)) : Optional.empty();
        List<String> problems = new ArrayList<>();
        problems.addAll(unlisted(where, List.of(), globals));
        if (subcommand.isPresent()) {
            List<String> verb = new ArrayList<>(List.of(subcommand.get()));
            int rest = i + 1;
            // A command of the command (`retort backups prune`, `retort embedded stop`) has options of its own.
            if (rest < words.size() && !words.get(rest).startsWith("-") && nested(subcommand.get(), words.get(rest))) {
                verb.add(words.get(rest));
                rest++;
            }
            problems.addAll(unlisted(where, verb, words.subList(rest, words.size())));
        }
        return problems;
    }

    /** Whether {@code word} after {@code retort COMMAND} names a command of that command, not a target or value. */
    private boolean nested(String command, String word) {
        List<String> helpCommand = List.of(command, word, "--help");
        InProcessRetort.Result help = helps.computeIfAbsent(helpCommand,
                c -> InProcessRetort.run(c, Map.of(), dir, Optional.empty()));
        return help.exitCode() == 0 && help.output().startsWith("Usage: retort " + command + " " + word + " ");
    }

    /** The options among {@code words} that {@code retort COMMAND --help} does not list. */
    private List<String> unlisted(String where, List<String> command, List<String> words) {
        List<String> helpCommand = new ArrayList<>(command);
        helpCommand.add("--help");
        String shown = "`retort " + String.join(" ", helpCommand) + "`";
        InProcessRetort.Result help = helps.computeIfAbsent(helpCommand,
                c -> InProcessRetort.run(c, Map.of(), dir, Optional.empty()));
        // picocli answers --help even after an unknown word, with the parent's help: check whose help it is.
        String usage = "Usage: " + String.join(" ", List.of("retort", String.join(" ", command))).strip() + " ";
        if (help.exitCode() != 0 || !help.output().startsWith(usage)) {
            return List.of(where + shown + " does not show that command's help (exit code " + help.exitCode() + "): "
                    + help.output().lines().findFirst().orElse("nothing"));
        }
        List<String> problems = new ArrayList<>();
        for (String word : words) {
            String option = word.split("=", 2)[0];
            if (OPTION.matcher(option).matches() && !lists(help.output(), option)) {
                problems.add(where + shown + " does not list " + option + ".");
            }
        }
        return problems;
    }

    /** Whether help text names {@code option} as a whole word ({@code --sql} is not in {@code --sql-file}). */
    private static boolean lists(String help, String option) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])").matcher(help).find();
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }
}
