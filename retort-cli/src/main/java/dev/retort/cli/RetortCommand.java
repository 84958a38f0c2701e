package dev.retort.cli;

import dev.retort.command.DriverLog;
import dev.retort.command.Retort;
import dev.retort.command.UsageException;
import dev.retort.command.Warmup;
import dev.retort.config.ArgumentNames;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The root command: the global options, and one {@link Verb} per verb. Its model is declared in code, as the verbs'
 * are (see {@link Verb} for why).
 */
final class RetortCommand implements Runnable {
    /** The verbs, in the order the usage lists them (a test checks that each is named as it is listed). */
    static final List<String> VERBS = List.of("init", "revision", "upgrade", "downgrade", "current", "history", "heads",
            "branches", "show", "edit", "stamp", "merge", "check", "validate", "test", "lint", "backups", "embedded",
            "completion", "help");
    /** The verbs that connect to the database, unless run with {@code --sql} (a test checks they are verbs). */
    static final Set<String> CONNECTING =
            Set.of("upgrade", "downgrade", "current", "stamp", "check", "validate", "test", "backups");
    /** The root's options that take a value, so the verb is found after them. */
    private static final Set<String> OPTIONS_WITH_VALUES = Set.of("-c", "--config", "-x", "--url");

    final Session session;
    final CommandSpec spec;

    private Retort retort;
    private ProgressListener progress;

    RetortCommand(Session session) {
        this.session = session;
        spec = Verb.command(this, "retort", new String[] {"Database schema migrations for the JVM, with Alembic's workflow.", ""},
                new String[] {"", "Example:", "  retort revision -m \"add user phone number\"", "  retort upgrade head",
                    "  retort downgrade -1", "", "Run 'retort COMMAND --help' for a command's options."});
        spec.addOption(OptionSpec.builder("-c", "--config").type(Path.class).paramLabel("FILE")
                .description("Configuration file (default: retort.toml in the working directory).").build());
        spec.addOption(Verb.keyValueOption("-x").paramLabel("KEY=VALUE")
                .description("Extra argument for the run, which Java migrations read with op.argument(\"KEY\"); "
                        // $$ keeps picocli from reading ${VAR} as one of its own variables.
                        + "$${VAR} in retort.toml expands from -x VAR=... first; -x url=... (in any case) sets the "
                        + "database URL instead.").build());
        spec.addOption(OptionSpec.builder("--url").type(String.class).paramLabel("URL")
                .description("Database URL; overrides every other setting.").build());
        spec.addOption(OptionSpec.builder("--debug").type(boolean.class)
                .description("Show stack traces and debug logging.").build());
        Verb.withStandardOptions(spec);
    }

    /** The verb named {@code name}; null for help (picocli's own) and for a name that is no verb. */
    static Verb verb(String name, RetortCommand root) {
        return switch (name) {
            case "init" -> new InitCommand(root);
            case "revision" -> new RevisionCommand(root);
            case "upgrade" -> new UpgradeCommand(root);
            case "downgrade" -> new DowngradeCommand(root);
            case "current" -> new CurrentCommand(root);
            case "history" -> new HistoryCommand(root);
            case "heads" -> new HeadsCommand(root);
            case "branches" -> new BranchesCommand(root);
            case "show" -> new ShowCommand(root);
            case "edit" -> new EditCommand(root);
            case "stamp" -> new StampCommand(root);
            case "merge" -> new MergeCommand(root);
            case "check" -> new CheckCommand(root);
            case "validate" -> new ValidateCommand(root);
            case "test" -> new TestCommand(root);
            case "lint" -> new LintCommand(root);
            case "backups" -> new BackupsCommand(root);
            case "embedded" -> new EmbeddedCommand(root);
            case "completion" -> new CompletionCommand(root);
            default -> null;
        };
    }

    /**
     * The command line for {@code args}. Only the verb that runs is modelled; help, completion and an unknown verb
     * get them all.
     */
    static CommandLine commandLine(Session session, String[] args) {
        String name = verb(args);
        DriverLog.route(System.err);
        if (CONNECTING.contains(name) && !Arrays.asList(args).contains("--sql")) {
            Warmup.start();
        }
        RetortCommand root = new RetortCommand(session);
        CommandLine line = new CommandLine(root.spec);
        Verb verb = name.equals("completion") ? null : verb(name, root);
        if (verb != null) {
            line.addSubcommand(name, Verb.withStandardOptions(verb.spec));
        } else {
            // A loop, not a lambda or a method reference on CommandLine: the class-data archive is made by resolving
            // the lambdas of the classes that ran, which would link picocli's main class then, and a linked class in
            // Java 5's format is left out of the archive (every command would then read it from its jar).
            for (String each : VERBS) {
                // picocli's own help command, modelled from its annotations: only this branch pays for it.
                line.addSubcommand(each, each.equals("help") ? new CommandLine.HelpCommand()
                        : Verb.withStandardOptions(verb(each, root).spec));
            }
        }
        // Every command's -V prints Retort's version (a subcommand has none of its own).
        withVersion(line, new VersionProvider());
        line.setOut(new java.io.PrintWriter(session.out(), true));
        line.setErr(new java.io.PrintWriter(session.err(), true));
        line.setExecutionExceptionHandler(new ErrorHandler(root));
        line.setParameterExceptionHandler(new ErrorHandler(root));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }

    /** Gives {@code line} and its subcommands, theirs included, {@code version}. */
    private static void withVersion(CommandLine line, CommandLine.IVersionProvider version) {
        line.getCommandSpec().versionProvider(version);
        for (CommandLine subcommand : line.getSubcommands().values()) {
            withVersion(subcommand, version);
        }
    }

    /** The first argument that is not a root option or its value; empty when there is none. */
    private static String verb(String[] args) {
        int at = verbIndex(args);
        return at < 0 ? "" : args[at];
    }

    /** Where {@link #verb(String[])} stands in {@code args}; -1 when there is none. */
    private static int verbIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (OPTIONS_WITH_VALUES.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code args} with {@code help A B} read as {@code A B --help}: picocli's help command looks up its first word
     * only, so {@code help backups prune} printed the help of {@code backups}.
     */
    static String[] helpOfSubcommand(String[] args) {
        int at = verbIndex(args);
        if (at < 0 || !args[at].equals("help") || args.length - at < 3) {
            return args;
        }
        List<String> asked = new ArrayList<>(Arrays.asList(args));
        asked.remove(at);
        asked.add("--help");
        return asked.toArray(new String[0]);
    }

    /** Whether {@code --debug} was given. */
    boolean debug() {
        return Verb.isSet(spec, "--debug");
    }

    /** No command given is a usage error, as Alembic's "too few arguments", so that a script sees it did nothing. */
    @Override
    public void run() {
        throw new UsageException("`retort` needs a command, such as `retort upgrade head`; see `retort --help` for "
                + "them all.");
    }

    /** The configuration, read once, with its warnings printed. */
    RetortConfig config() {
        return retort().config();
    }

    /** The configuration, if this run has read it; an error may come before it, or from reading it. */
    Optional<RetortConfig> readConfig() {
        return Optional.ofNullable(retort).map(Retort::config);
    }

    Retort retort() {
        if (retort == null) {
            RetortConfig config = ConfigLoader.load(Optional.ofNullable(Verb.value(spec, "--config")),
                    session.workingDir(), session.environment(), xArguments(),
                    Optional.ofNullable(Verb.value(spec, "--url")), ArgumentNames.COMMAND_LINE);
            for (String warning : config.warnings()) {
                session.err().println("warning: " + warning);
            }
            progress = new ProgressListener(session.err(), liveProgress());
            retort = new Retort(config, progress, line -> {
                progress.endLine();
                session.err().println(line);
            });
        }
        return retort;
    }

    /**
     * The {@code -x} arguments, with one {@code url} key: the configuration takes the key in any case, and picocli
     * keeps a repeated key where it was first given, so {@code -x url=A -x URL=B -x url=C} would leave {@code URL=B}
     * after {@code url=C} and make B the database. Of the spellings only the one given last is kept, so the last URL
     * wins as the last value of any other repeated key does.
     */
    private Map<String, String> xArguments() {
        Map<String, String> pairs = new LinkedHashMap<>(Verb.pairs(spec, "-x"));
        String lastUrlKey = null;
        for (String given : spec.findOption("-x").originalStringValues()) {
            int equals = given.indexOf('=');
            if (equals >= 0 && given.substring(0, equals).isBlank()) {
                // Taken as it was, the value went under a key no migration would ask for.
                throw new UsageException("-x " + given + " has no key before its '='; write -x KEY=VALUE, such as -x "
                        + "tenant=acme.");
            }
            if (equals >= 0 && given.substring(0, equals).equalsIgnoreCase("url")) {
                lastUrlKey = given.substring(0, equals);
            }
        }
        String kept = lastUrlKey;
        pairs.keySet().removeIf(key -> key.equalsIgnoreCase("url") && !key.equals(kept));
        return pairs;
    }

    /**
     * Whether progress is one line rewritten in place, with terminal escapes: on a terminal, unless it is a dumb one,
     * or {@code NO_COLOR} asks for plain output (a CI job's log captured through a terminal keeps every line).
     */
    private boolean liveProgress() {
        String noColor = session.environment().get("NO_COLOR");
        return session.interactive() && !"dumb".equals(session.environment().get("TERM"))
                && (noColor == null || noColor.isEmpty());
    }

    /** Ends a live progress line, if one is showing, before an error is printed. */
    void endProgressLine() {
        if (progress != null) {
            progress.endLine();
        }
    }

    /** The progress display of this run (after {@link #retort()}). */
    ProgressListener progress() {
        retort();
        return progress;
    }
}
