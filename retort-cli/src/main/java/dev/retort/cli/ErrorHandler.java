package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.Spelling;
import dev.retort.TerminalText;
import dev.retort.command.UsageException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.revision.TargetUsageException;
import dev.retort.runtime.MigrationException;
import dev.retort.dialect.SecretsInSql;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Maps every failure to an exit code and a plain message: 1 for a failed command, 2 for a usage error.
 * A stack trace is shown only with {@code --debug}.
 *
 * <p>No message shows a password: picocli's quote the arguments it could not place, and a URL given after the verb
 * ({@code retort upgrade head --url "$DATABASE_URL"}) or as a target is one; a migration's may quote a statement or a
 * URL. The password of every URL on the command line and in the configuration is hidden, and so is every password
 * {@link SecretsInSql} recognises.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** picocli's message for a value of a KEY=VALUE option without its '=': the option, its label, the value. */
    private static final Pattern WITHOUT_EQUALS = Pattern.compile("Value for option option '([^']+)' \\(([^)]*)\\) "
            + "should be in KEY=VALUE format but was (.*)", Pattern.DOTALL);

    static final int FAILURE = 1;
    static final int USAGE = 2;
    /**
     * Flyway's and Liquibase's commands that a team moving to Retort types out of habit, with what Retort does
     * instead, as docs/coming-from.md maps them. Alembic's are Retort's own.
     */
    private static final Map<String, String> OTHER_TOOLS = Map.ofEntries(
            Map.entry("migrate", "Flyway's migrate is `retort upgrade head`"),
            Map.entry("info", "Flyway's info is `retort history -i` and `retort current`"),
            Map.entry("baseline", "Flyway's baseline is `retort stamp REV`, which records a revision "
                    + "without running it"),
            Map.entry("repair", "Flyway's repair has no need here: `retort stamp --purge REV` rewrites "
                    + "the version table, and an edited migration belongs in a new one"),
            Map.entry("undo", "Flyway's undo is `retort downgrade -1`"),
            Map.entry("clean", "Retort has no clean; `retort downgrade base` reverts the migrations, "
                    + "without dropping other objects"),
            Map.entry("update", "Liquibase's update is `retort upgrade head`"),
            Map.entry("status", "Liquibase's status is `retort history -i` and `retort current`"),
            Map.entry("rollback", "Liquibase's rollback is `retort downgrade REV` (or -1)"),
            Map.entry("changelog-sync", "Liquibase's changelog-sync is `retort stamp head`"),
            Map.entry("update-sql", "Liquibase's update-sql is `retort upgrade --sql base:head`"),
            Map.entry("diff-changelog", "Liquibase's diff-changelog is `retort revision --autogenerate -m "
                    + "MSG`"),
            Map.entry("diff", "Liquibase's diff is `retort check`"),
            Map.entry("update-count", "Liquibase's update-count is `retort upgrade +N`"),
            Map.entry("rollback-count", "Liquibase's rollback-count is `retort downgrade -N`"),
            Map.entry("rollback-sql", "Liquibase's rollback-sql is `retort downgrade --sql head:REV`"),
            Map.entry("future-rollback-sql", "Liquibase's future-rollback-sql is `retort downgrade --sql head:REV`"),
            Map.entry("changelog-sync-sql", "Liquibase's changelog-sync-sql is `retort stamp --sql base:heads`"),
            Map.entry("generate-changelog", "Liquibase's generate-changelog is `retort revision --autogenerate -m "
                    + "MSG` against an empty database"),
            Map.entry("release-locks", "Liquibase's release-locks has no need here: Retort's lock goes away with "
                    + "its connection"),
            Map.entry("tag", "Liquibase's tag has no need here: every revision is a tag (`retort downgrade REV`)"),
            Map.entry("clear-checksums", "Liquibase's clear-checksums has no counterpart: an edited migration "
                    + "belongs in a new one, and `retort validate` names what changed"));
    private final RetortCommand root;

    ErrorHandler(RetortCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parseResult) {
        root.endProgressLine();
        List<String> args = parseResult.originalArgs();
        if (root.debug()) {
            // The driver's messages quote statements, and a migration's may hold a password.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            root.session.err().print(shown(trace.toString(), args, e));
        }
        if (e instanceof UsageException || e instanceof TargetUsageException) {
            root.session.err().println("retort: " + shown(e.getMessage(), args, e));
            return USAGE;
        }
        if (e instanceof RetortException && Main.shuttingDown()) {
            // The process was stopped: the line of the run's stop, printed as it began, says how the command ended
            // (the run fails with that line once the stop cancelled its statement).
            return FAILURE;
        }
        if (e instanceof RetortException) {
            root.session.err().println("retort: " + shown(e.getMessage(), args, e));
            return FAILURE;
        }
        root.session.err().println("retort: unexpected error: " + shown(e.toString(), args, e)
                + (root.debug() ? "" : ". Run again with --debug for details, and please report it."));
        return FAILURE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            Optional<String> plainer = unknownCommand(line, unmatched.getUnmatched())
                    .or(() -> rootOptionAfterTheCommand(line, unmatched.getUnmatched()))
                    .or(() -> mistypedOption(line, unmatched.getUnmatched()));
            if (plainer.isPresent()) {
                root.session.err().println("retort: " + shown(plainer.get(), Arrays.asList(args), e));
                return USAGE;
            }
        } else if (line.getParseResult() != null) {
            // A required option mistyped is reported as missing, before the unknown one it was taken for.
            Optional<String> mistyped = mistypedOption(line, line.getParseResult().unmatched());
            if (mistyped.isPresent()) {
                root.session.err().println("retort: " + shown(mistyped.get(), Arrays.asList(args), e));
                return USAGE;
            }
        }
        Matcher pair = WITHOUT_EQUALS.matcher(String.valueOf(e.getMessage()));
        if (pair.matches()) {
            // picocli's own words ("Value for option option '-x' (KEY=VALUE) should be in KEY=VALUE format") say
            // "option" twice and not what to write.
            String value = pair.group(3).isEmpty() ? "''" : pair.group(3);
            root.session.err().println("retort: " + shown(pair.group(1) + " " + value + " has no '='; write "
                    + pair.group(1) + " " + pair.group(2) + ".", Arrays.asList(args), e));
            return USAGE;
        }
        root.session.err().println("retort: " + shown(e.getMessage(), Arrays.asList(args), e));
        String name = line.getCommandSpec().qualifiedName();
        root.session.err().println("Run '" + name + " --help' for usage.");
        return USAGE;
    }

    /**
     * For a word where a command was expected ({@code retort updgrade head}), which picocli reports as "Unmatched
     * arguments from index 0": the command it was probably meant to be, or where the commands are listed.
     */
    private static Optional<String> unknownCommand(CommandLine line, List<String> unmatched) {
        if (line.getSubcommands().isEmpty() || unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
            return Optional.empty();
        }
        String given = unmatched.get(0);
        String name = line.getCommandSpec().qualifiedName();
        String of = line.getParent() == null ? "" : " of `" + name + "`";
        String otherTools = line.getParent() == null ? OTHER_TOOLS.get(given) : null;
        if (otherTools != null) {
            return Optional.of("unknown command '" + given + "'; " + otherTools
                    + " (docs/coming-from.md maps the rest).");
        }
        return Optional.of("unknown command '" + given + "'" + of + "; " + Spelling.closest(given,
                line.getSubcommands().keySet()).map(verb -> "did you mean '" + verb + "'?")
                .orElse("run `" + name + " --help` to see the commands."));
    }


    /**
     * For an option of retort itself given after the command ({@code retort current --url ...}), which picocli reports
     * as an unknown option of the command: where it goes. The value is not repeated, since a URL may hold a password.
     */
    private Optional<String> rootOptionAfterTheCommand(CommandLine line, List<String> unmatched) {
        if (line.getParent() == null) {
            return Optional.empty();
        }
        String command = line.getCommandSpec().qualifiedName(" ").replaceFirst("^retort ", "");
        for (String arg : unmatched) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            CommandLine.Model.OptionSpec option = name.startsWith("-") ? root.spec.findOption(name) : null;
            if (option != null) {
                String value = option.arity().max() > 0 ? " ..." : "";
                return Optional.of(name + " is an option of retort itself: put it before the command, as `retort "
                        + name + value + " " + command + "`.");
            }
        }
        return Optional.empty();
    }

    /**
     * For an option the command does not have but one it has is a near miss of ({@code upgrade --sqll},
     * {@code downgrade --backp}): that one. The value after {@code =} is not repeated, since it may hold a password.
     */
    private static Optional<String> mistypedOption(CommandLine line, List<String> unmatched) {
        for (String arg : unmatched) {
            if (!arg.startsWith("--")) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Set<String> names = new HashSet<>();
            line.getCommandSpec().options().forEach(option -> names.addAll(Arrays.asList(option.names())));
            names.removeIf(option -> !option.startsWith("--"));
            Optional<String> meant = Spelling.closest(name, names);
            if (meant.isPresent()) {
                return Optional.of("unknown option '" + name + "' of `" + line.getCommandSpec().qualifiedName(" ")
                        + "`; did you mean '" + meant.get() + "'?");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with the passwords of {@code args} and of the configuration, and any other it holds, hidden. Those
     * sought everywhere are hidden where they stand as a word of their own, not inside a longer one: a password
     * {@code postgres} is no reason to print {@code ***ql://}. A password that is also the name of a user in those
     * URLs ({@code postgres:postgres}) is shown as that name in every URL Retort prints, and {@code password} is the
     * word of PostgreSQL's messages and Retort's hints: those two are hidden only where they stand as passwords.
     * Control characters other than line breaks and tabs are escaped ({@link TerminalText}).
     */
    private String shown(String text, List<String> args, Throwable failure) {
        Optional<RetortConfig> config = root.readConfig();
        List<String> passwords = new ArrayList<>(config.map(RetortConfig::passwords).orElse(List.of()));
        Set<String> users = new HashSet<>();
        config.ifPresent(c -> c.urls().stream().map(DatabaseUrl::user).filter(Objects::nonNull).forEach(users::add));
        // The server's messages in a --debug trace may quote a failed statement's password back.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MigrationException migration) {
                passwords.addAll(migration.passwords());
            }
        }
        for (String arg : args) {
            passwords.addAll(urlPasswords(arg));
            urlUser(arg).ifPresent(users::add);
        }
        String shown = text;
        for (String password : passwords) {
            if (!users.contains(password) && !password.equalsIgnoreCase("password")) {
                shown = SecretsInSql.hiddenPassword(shown, password);
            }
        }
        // A message may quote what a migration file holds; its lines stay, its escape sequences are not run.
        return TerminalText.lines(SecretsInSql.masked(shown));
    }

    /** The user name of a URL in {@code arg}: what stands between {@code ://} and the colon before the password. */
    private static Optional<String> urlUser(String arg) {
        int scheme = arg.indexOf("://");
        int at = arg.lastIndexOf('@');
        int colon = scheme < 0 ? -1 : arg.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? Optional.empty() : Optional.of(arg.substring(scheme + 3, colon));
    }

    /**
     * The password of a URL in {@code arg}, as written and decoded: what follows the user name up to the last
     * {@code @}, so that one holding a space or an unescaped {@code /}, which no URL reader would take, is found too.
     */
    private static List<String> urlPasswords(String arg) {
        int scheme = arg.indexOf("://");
        int at = arg.lastIndexOf('@');
        int colon = scheme < 0 ? -1 : arg.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) {
            return List.of();
        }
        String written = arg.substring(colon + 1, at);
        try {
            return List.of(written, URLDecoder.decode(written.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return List.of(written);
        }
    }
}
