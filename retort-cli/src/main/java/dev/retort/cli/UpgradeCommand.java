package dev.retort.cli;

import dev.retort.command.UsageException;
import dev.retort.config.BackupMode;
import dev.retort.revision.Plan;
import java.util.Optional;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "upgrade", mixinStandardHelpOptions = true, description = "Apply migrations up to TARGET (default: head).",
        footer = {"", "TARGET: head, heads, a revision id or unique prefix (4+ characters), +N, REV+N, LABEL@head.",
            "", "Examples:", "  retort upgrade head", "  retort upgrade +1", "  retort upgrade --sql base:head > upgrade.sql",
            "  retort upgrade head --backup", "  retort upgrade head --backup=dump"})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = "head", description = "Where to go (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--sql", description = "Print the SQL instead of running it (offline; TARGET may be FROM:TO).")
    boolean sql;

    @Option(names = "--backup", arity = "0..1", paramLabel = "KIND", parameterConsumer = BackupKind.class,
            description = {"Back up before upgrading. KIND tables (the default): before each step that drops a table or "
                + "column or changes a column's type, copy the data it loses into schema retort_backup "
                + "(see `retort backups`).",
                "KIND dump: before the first step, write a pg_dump of the whole database to .retort/backups/ "
                + "(needs pg_dump at least as new as the server)."})
    BackupMode backup = BackupMode.NONE;

    /**
     * Reads {@code --backup}'s optional KIND: {@code tables} or {@code dump} when the next argument is one of them,
     * else {@code tables} with the argument left alone, so {@code upgrade --backup head} keeps its target.
     */
    static final class BackupKind implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
            Optional<BackupMode> named = args.isEmpty() ? Optional.empty() : BackupMode.parse(args.peek());
            named.ifPresent(mode -> args.pop());
            option.setValue(named.orElse(BackupMode.TABLES));
        }
    }

    @Override
    public Integer call() {
        if (sql) {
            if (backup == BackupMode.DUMP) {
                throw new UsageException("--backup=dump needs a database and cannot be part of --sql; run pg_dump "
                        + "before applying the script, or use --backup=tables to print the backup statements.");
            }
            root.retort().upgradeSql(target, backup, root.session.out());
            return 0;
        }
        Plan plan = root.retort().upgrade(target, backup, d -> {
            root.endProgressLine();
            root.session.err().println("warning: " + d.describe() + ".");
        });
        Outcome.report(root.session.err(), plan, "upgrade", root.progress().elapsed());
        return 0;
    }
}
