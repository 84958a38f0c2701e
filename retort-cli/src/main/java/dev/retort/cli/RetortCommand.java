package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.command.Warmup;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command: global options, and one subcommand class per verb. Every command class says
 * {@code addMethodSubcommands = false}: none has subcommand methods, and picocli would otherwise scan each class's
 * methods and their annotations for them at every start.
 */
@Command(addMethodSubcommands = false, name = "retort",
        mixinStandardHelpOptions = true,
        description = {"Database schema migrations for the JVM, with Alembic's workflow.", ""},
        footer = {"", "Example:", "  retort revision -m \"add user phone number\"", "  retort upgrade head",
            "  retort downgrade -1", "", "Run 'retort COMMAND --help' for a command's options."})
final class RetortCommand implements Runnable {
    /**
     * The verbs by name, in the order the usage lists them. Named here rather than read from each class's
     * {@code @Command}, which would parse all their annotations on every start (a test checks they agree).
     */
    static final Map<String, Class<?>> VERBS = verbs(
            "init", InitCommand.class, "revision", RevisionCommand.class, "upgrade", UpgradeCommand.class,
            "downgrade", DowngradeCommand.class, "current", CurrentCommand.class, "history", HistoryCommand.class,
            "heads", HeadsCommand.class, "branches", BranchesCommand.class, "show", ShowCommand.class,
            "stamp", StampCommand.class, "merge", MergeCommand.class, "check", CheckCommand.class,
            "validate", ValidateCommand.class, "test", TestCommand.class, "lint", LintCommand.class,
            "backups", BackupsCommand.class, "completion", CompletionCommand.class, "help", CommandLine.HelpCommand.class);
    /** The verbs that connect to the database, unless run with {@code --sql} (a test checks they are verbs). */
    static final Set<String> CONNECTING =
            Set.of("upgrade", "downgrade", "current", "stamp", "check", "validate", "test", "backups");
    /** The root's options that take a value, so the verb is found after them. */
    private static final Set<String> OPTIONS_WITH_VALUES = Set.of("-c", "--config", "-x", "--url");

    final Session session;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: retort.toml in the working directory).")
    Path configFile;

    @Option(names = "-x", paramLabel = "KEY=VALUE",
            description = "Extra argument for the run; -x url=... sets the database URL.")
    Map<String, String> xArguments = new LinkedHashMap<>();

    @Option(names = "--url", paramLabel = "URL", description = "Database URL; overrides every other setting.")
    String url;

    @Option(names = "--debug", description = "Show stack traces and debug logging.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Retort retort;
    private ProgressListener progress;

    RetortCommand(Session session) {
        this.session = session;
    }

    /**
     * The command line for {@code args}. Only the verb that runs is modelled: picocli builds each subcommand's
     * model by reflection, which would cost every command the price of all of them. Help, completion and an
     * unknown verb get them all.
     */
    static CommandLine commandLine(Session session, String[] args) {
        String name = verb(args);
        if (CONNECTING.contains(name) && !Arrays.asList(args).contains("--sql")) {
            Warmup.start();
        }
        RetortCommand root = new RetortCommand(session);
        CommandLine line = new CommandLine(root);
        Class<?> verb = VERBS.get(name);
        if (verb != null && verb != CommandLine.HelpCommand.class && verb != CompletionCommand.class) {
            line.addSubcommand(verb);
        } else {
            // A loop, not forEach(line::addSubcommand). The class-data archive is built by resolving the lambdas
            // of the classes that ran; resolving one of this class's can resolve its other call sites too, and a
            // method reference on CommandLine then links picocli's main class while the archive is made. A linked
            // class in Java 5's format is left out of the archive, and every command then parses picocli's largest
            // class from its jar (seen when this class gained a lambda).
            for (Class<?> command : VERBS.values()) {
                line.addSubcommand(command);
            }
        }
        // Every command's -V prints Retort's version (a subcommand has none of its own).
        CommandLine.IVersionProvider version = new VersionProvider();
        line.getCommandSpec().versionProvider(version);
        for (CommandLine subcommand : line.getSubcommands().values()) {
            subcommand.getCommandSpec().versionProvider(version);
        }
        line.setOut(new java.io.PrintWriter(session.out(), true));
        line.setErr(new java.io.PrintWriter(session.err(), true));
        line.setExecutionExceptionHandler(new ErrorHandler(root));
        line.setParameterExceptionHandler(new ErrorHandler(root));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }

    /** The first argument that is not a root option or its value; empty when there is none. */
    private static String verb(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (OPTIONS_WITH_VALUES.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    private static Map<String, Class<?>> verbs(Object... namesAndCommands) {
        Map<String, Class<?>> verbs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCommands.length; i += 2) {
            verbs.put((String) namesAndCommands[i], (Class<?>) namesAndCommands[i + 1]);
        }
        return verbs;
    }

    @Override
    public void run() {
        spec.commandLine().usage(session.out());
    }

    /** The configuration, read once, with its warnings printed. */
    RetortConfig config() {
        return retort().config();
    }

    Retort retort() {
        if (retort == null) {
            RetortConfig config = ConfigLoader.load(Optional.ofNullable(configFile), session.workingDir(),
                    session.environment(), xArguments, Optional.ofNullable(url));
            for (String warning : config.warnings()) {
                session.err().println("warning: " + warning);
            }
            progress = new ProgressListener(session.err(), session.interactive() && !"dumb".equals(session.environment().get("TERM")));
            retort = new Retort(config, progress, line -> {
                progress.endLine();
                session.err().println(line);
            });
        }
        return retort;
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
