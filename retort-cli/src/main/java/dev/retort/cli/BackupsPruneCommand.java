package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.command.UsageException;
import dev.retort.runtime.BackupTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code retort backups prune --older-than DURATION}: drops the copies {@code --backup} made before then. */
final class BackupsPruneCommand extends Verb {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(min|h|d|w)");

    BackupsPruneCommand(RetortCommand root) {
        super(root, "prune", "Drop the copies that --backup made more than DURATION ago, and their rows in "
                        + "retort_backup.backups.",
                "", "The age is the catalog's created_at against the database server's clock. Rows whose table was "
                        + "dropped by hand go too, whatever their age. Waits while a migration of this project runs; "
                        + "the catalog holds the copies of every project that uses the database.",
                "", "Example:", "  retort backups prune --older-than 30d",
                "  retort backups prune --older-than 12h --revision c00000000003");
        requiredOption("DURATION", "Drop copies older than this: a whole number and a unit, min (minutes), h (hours), "
                + "d (days) or w (weeks): 30d, 12h, 2w.", "--older-than");
        option("REV", "Only the copies of this revision: an id, a unique prefix, head, a label; the full id of one "
                + "whose migration file is gone.", "--revision");
    }

    @Override
    public Integer call() {
        String written = value("--older-than");
        Optional<String> revision = Optional.ofNullable(value("--revision"));
        Retort retort = root.retort();
        List<BackupTable.Backup> dropped = retort.pruneBackups(duration(written), revision);
        List<BackupTable.Backup> left = dropped.isEmpty() ? retort.backups() : List.of();
        // What --revision named (a prefix, head), to say which revision had nothing to drop.
        Optional<Set<String>> named = dropped.isEmpty() && !left.isEmpty() ? revision.map(retort::backupRevisions)
                : Optional.empty();
        Optional<String> of = named.map(ids -> " of revision " + String.join(", ", ids));
        if (!dropped.isEmpty()) {
            BackupsCommand.printDropped(root.session.out(), BackupTable.Dropped.of(dropped));
        } else if (left.isEmpty()) {
            int uncataloged = retort.uncatalogedBackups().size();
            root.session.out().println(uncataloged == 0 ? "No backups." : "No backups in the catalog; " + uncataloged
                    + " table(s) without a catalog row have no age and stay (`retort backups` lists them, `retort "
                    + "backups drop` takes their names).");
        } else if (named.isPresent() && left.stream().noneMatch(b -> named.get().contains(b.revision()))) {
            root.session.out().println("No backups" + of.get() + ".");
        } else {
            root.session.out().println("No backups older than " + written + of.orElse("") + ".");
        }
        return 0;
    }

    /** {@code written} ({@code 30d}, {@code 12h}, {@code 2w}, {@code 90min}) as a duration. */
    static Duration duration(String written) {
        Matcher m = DURATION.matcher(written.strip());
        if (!m.matches()) {
            throw new UsageException("--older-than '" + written + "' is no duration: write a whole number and a unit, "
                    + "min, h, d or w (30d, 12h, 2w).");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
