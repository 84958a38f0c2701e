package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.command.UsageException;
import dev.retort.runtime.SecretsInSql;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Maps every failure to an exit code and a plain message: 1 for a failed command, 2 for a usage error.
 * A stack trace is shown only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;
    private final RetortCommand root;

    ErrorHandler(RetortCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parseResult) {
        root.endProgressLine();
        if (root.debug()) {
            // The driver's messages quote statements, and a migration's may hold a password.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            root.session.err().print(SecretsInSql.masked(trace.toString()));
        }
        if (e instanceof UsageException) {
            root.session.err().println("retort: " + e.getMessage());
            return USAGE;
        }
        if (e instanceof RetortException) {
            root.session.err().println("retort: " + SecretsInSql.masked(e.getMessage()));
            return FAILURE;
        }
        root.session.err().println("retort: unexpected error: " + SecretsInSql.masked(e.toString())
                + (root.debug() ? "" : ". Run again with --debug for details, and please report it."));
        return FAILURE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        root.session.err().println("retort: " + e.getMessage());
        String name = line.getCommandSpec().qualifiedName();
        root.session.err().println("Run '" + name + " --help' for usage.");
        return USAGE;
    }
}
