package dev.retort.cli;

import dev.retort.command.UsageException;
import dev.retort.config.BackupMode;
import dev.retort.revision.Plan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

final class UpgradeCommand extends Verb {
    UpgradeCommand(RetortCommand root) {
        super(root, "upgrade", "Apply migrations up to TARGET (default: head).",
                "", "TARGET: head, heads, a revision id or unique prefix (4+ characters), +N, REV+N, LABEL@head.",
                "", "Examples:", "  retort upgrade head", "  retort upgrade +1",
                "  retort upgrade --sql base:head > upgrade.sql", "  retort upgrade head --backup",
                "  retort upgrade head --backup=dump", "  retort upgrade head --backup=none");
        spec.addPositional(PositionalParamSpec.builder().type(String.class).paramLabel("TARGET").arity("0..1")
                .defaultValue("head").description("Where to go (default: ${DEFAULT-VALUE}).").build());
        flag("Print the SQL instead of running it (offline; TARGET may be FROM:TO).", "--sql");
        spec.addOption(OptionSpec.builder("--backup").type(BackupMode.class).arity("0..1").paramLabel("KIND")
                .preprocessor(new BackupKind()).completionCandidates(BackupKind.SPELLINGS)
                .description("Back up before upgrading, whatever retort.toml's backup says. KIND tables (the "
                        + "default): before each step that drops a table or column or changes a column's type, copy "
                        + "the data it loses into schema retort_backup (see `retort backups`).",
                    "KIND dump: before the first step, write a pg_dump of the whole database to .retort/backups/ "
                        + "(needs pg_dump at least as new as the server).",
                    "KIND none: no backup, for one run of a project whose retort.toml asks for one.").build());
    }

    /**
     * Reads {@code --backup}'s optional KIND. Attached ({@code --backup=none}) it must be a kind. Apart, the next
     * argument is the kind when it is one, and otherwise is left alone with the kind {@code tables}, so that
     * {@code upgrade --backup head} keeps its target.
     */
    static final class BackupKind implements IParameterPreprocessor {
        static final List<String> SPELLINGS = Arrays.stream(BackupMode.values()).map(BackupMode::spelling).toList();

        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            // picocli says " " when the value, if any, is the next argument, and "=" when it was attached.
            boolean attached = !" ".equals(info.get("separator"));
            String written = args.isEmpty() ? "" : args.peek();
            Optional<BackupMode> named = BackupMode.parse(written);
            if (attached && named.isEmpty()) {
                throw new ParameterException(command.commandLine(), "Unknown --backup kind '" + written + "': use "
                        + String.join(", ", SPELLINGS.subList(0, SPELLINGS.size() - 1)) + " or "
                        + SPELLINGS.get(SPELLINGS.size() - 1) + " (--backup alone means tables).");
            }
            named.ifPresent(mode -> args.pop());
            option.setValue(named.orElse(BackupMode.TABLES));
            return true;
        }
    }

    @Override
    public Integer call() {
        String target = parameter();
        BackupMode asked = value("--backup");
        BackupMode backup = asked == null ? root.config().backup() : asked;
        if (isSet("--sql")) {
            // Only when asked for here: a dump that retort.toml asks for is simply not part of a script.
            if (asked == BackupMode.DUMP) {
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
