package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.command.UsageException;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.SecretsInSql;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    static final int FAILURE = 1;
    static final int USAGE = 2;
    /**
     * Passwords shorter than this are hidden only where they stand in a URL or after the word password: searched for
     * everywhere, {@code postgres} or {@code app} would be cut out of every word that holds them.
     */
    private static final int SHORTEST_SOUGHT = 6;
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
            root.session.err().print(shown(trace.toString(), args));
        }
        if (e instanceof UsageException) {
            root.session.err().println("retort: " + shown(e.getMessage(), args));
            return USAGE;
        }
        if (e instanceof RetortException) {
            root.session.err().println("retort: " + shown(e.getMessage(), args));
            return FAILURE;
        }
        root.session.err().println("retort: unexpected error: " + shown(e.toString(), args)
                + (root.debug() ? "" : ". Run again with --debug for details, and please report it."));
        return FAILURE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        root.session.err().println("retort: " + shown(e.getMessage(), Arrays.asList(args)));
        String name = line.getCommandSpec().qualifiedName();
        root.session.err().println("Run '" + name + " --help' for usage.");
        return USAGE;
    }

    /** {@code text} with the passwords of {@code args} and of the configuration, and any other it holds, hidden. */
    private String shown(String text, List<String> args) {
        List<String> passwords = new ArrayList<>(root.readConfig().map(RetortConfig::passwords).orElse(List.of()));
        args.forEach(arg -> passwords.addAll(urlPasswords(arg)));
        String shown = text;
        for (String password : passwords) {
            if (password.length() >= SHORTEST_SOUGHT) {
                shown = shown.replace(password, "***");
            }
        }
        return SecretsInSql.masked(shown);
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
