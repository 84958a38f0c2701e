package dev.retort.cli;

import dev.retort.command.UsageException;
import dev.retort.config.BackupMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** {@code --backup[=KIND]} of {@code upgrade} and {@code downgrade}: what to save before steps that lose data. */
final class BackupOption {
    static final String NAME = "--backup";

    private BackupOption() {
    }

    /** The option, for a verb that is {@code doing} ("upgrading", "downgrading"). */
    static OptionSpec of(String doing) {
        return OptionSpec.builder(NAME).type(BackupMode.class).arity("0..1").paramLabel("KIND")
                .preprocessor(new Kind()).completionCandidates(Kind.SPELLINGS)
                .description("Back up before " + doing + ", whatever retort.toml's backup says. KIND tables (the "
                        + "default): before each step that drops a table or column or changes a column's type, copy "
                        + "the data it loses into schema retort_backup (see `retort backups`).",
                    "KIND dump: before the first step, write a pg_dump of the whole database to .retort/backups/ "
                        + "(needs pg_dump at least as new as the server).",
                    "KIND none: no backup, for one run of a project whose retort.toml asks for one.").build();
    }

    /**
     * What the command line asked for, or else what retort.toml says. With {@code --sql}, a dump asked for here is a
     * mistake (a dump that retort.toml asks for is simply not part of a script).
     */
    static BackupMode chosen(CommandSpec spec, BackupMode configured, boolean sql) {
        BackupMode asked = Verb.value(spec, NAME);
        if (sql && asked == BackupMode.DUMP) {
            throw new UsageException("--backup=dump needs a database and cannot be part of --sql; run pg_dump "
                    + "before applying the script, or use --backup=tables to print the backup statements.");
        }
        return asked == null ? configured : asked;
    }

    /**
     * Reads {@code --backup}'s optional KIND. Attached ({@code --backup=none}) it must be a kind. Apart, the next
     * argument is the kind when it is one, and otherwise is left alone with the kind {@code tables}, so that
     * {@code upgrade --backup head} keeps its target.
     */
    private static final class Kind implements IParameterPreprocessor {
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
}
