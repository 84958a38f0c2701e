package dev.retort.cli;

import dev.retort.command.UsageException;
import dev.retort.config.BackupMode;
import dev.retort.revision.Plan;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class UpgradeCommand extends Verb {
    UpgradeCommand(RetortCommand root) {
        super(root, "upgrade", "Apply migrations up to TARGET (default: head).",
                "", "TARGET: head, heads, a revision id or unique prefix (4+ characters), +N, REV+N, LABEL@head.",
                "", "Examples:", "  retort upgrade head", "  retort upgrade +1", "  retort upgrade --sql base:head > upgrade.sql",
                "  retort upgrade head --backup", "  retort upgrade head --backup=dump");
        spec.addPositional(PositionalParamSpec.builder().type(String.class).paramLabel("TARGET").arity("0..1")
                .defaultValue("head").description("Where to go (default: ${DEFAULT-VALUE}).").build());
        flag("Print the SQL instead of running it (offline; TARGET may be FROM:TO).", "--sql");
        spec.addOption(OptionSpec.builder("--backup").type(BackupMode.class).arity("0..1").paramLabel("KIND")
                .parameterConsumer(new BackupKind())
                .description("Back up before upgrading. KIND tables (the default): before each step that drops a table or "
                        + "column or changes a column's type, copy the data it loses into schema retort_backup "
                        + "(see `retort backups`).",
                    "KIND dump: before the first step, write a pg_dump of the whole database to .retort/backups/ "
                        + "(needs pg_dump at least as new as the server).").build());
    }

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
        String target = parameter();
        BackupMode asked = value("--backup");
        BackupMode backup = asked == null ? BackupMode.NONE : asked;
        if (isSet("--sql")) {
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
