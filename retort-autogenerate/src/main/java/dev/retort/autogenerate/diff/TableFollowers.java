package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tables named after a renamed table, which Hibernate renames with their entity: its element collections
 * ({@code author_aliases}) and join tables ({@code authors_books}, {@code books_authors}), with the key columns
 * named after it ({@code author_id}).
 *
 * <p>Hibernate names these after the entity's name or after its table, and the two differ as soon as the entity
 * has {@code @Table(name = "authors")}: renaming {@code authors} to {@code writers} then renames
 * {@code author_aliases} to {@code writer_aliases}. So a dropped table follows a renamed one when the words that
 * differ between its name and an added table's name ({@code author} and {@code writer}: names split at
 * underscores, the words they share at either end left out) differ the same way as the renamed table's names: the
 * renamed table's old and new names are those words with the same text around them ({@code author} plus
 * {@code s}). The two tables must then have the same columns once each column of the dropped table that the
 * added one lacks is paired, by the same rule, with one it has. Anything less is left to the questions: a follower
 * renamed wrongly would keep rows under a table they do not belong to.
 */
final class TableFollowers {
    /** Table {@code from} renamed to {@code to}, following a renamed table, with its columns renamed along. */
    record Follower(QualifiedName from, QualifiedName to, Map<String, String> columns) {
    }

    private TableFollowers() {
    }

    /**
     * The added table that {@code dropped} follows, if exactly one of {@code added} does after one of
     * {@code renamed} (renamed tables, old name to new name).
     */
    static Optional<Follower> follow(Table dropped, List<Table> added,
            Collection<Map.Entry<QualifiedName, QualifiedName>> renamed) {
        Follower found = null;
        for (Table candidate : added) {
            if (!followsSomeRename(dropped.name(), candidate.name(), renamed)) {
                continue;
            }
            Optional<Map<String, String>> columns = columns(dropped, candidate, renamed);
            if (columns.isPresent()) {
                if (found != null) {
                    return Optional.empty(); // two tables would do: not ours to choose
                }
                found = new Follower(dropped.name(), candidate.name(), columns.get());
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whether table {@code from} becoming {@code to} looks like following one of {@code renamed}, judged by the
     * names alone: the questions about such a table wait until it is known whether it follows.
     */
    static boolean followsSomeRename(QualifiedName from, QualifiedName to,
            Collection<Map.Entry<QualifiedName, QualifiedName>> renamed) {
        for (Map.Entry<QualifiedName, QualifiedName> owner : renamed) {
            if (owner.getKey().equals(from) || !sameMove(owner.getKey(), owner.getValue(), from, to)) {
                continue;
            }
            if (relatedNames(from.name(), to.name(), owner.getKey().name(), owner.getValue().name())) {
                return true;
            }
        }
        return false;
    }

    /** A follower stays in its schema, or moves as its owner moves. */
    private static boolean sameMove(QualifiedName ownerFrom, QualifiedName ownerTo, QualifiedName from,
            QualifiedName to) {
        return Objects.equals(from.schema(), to.schema())
                || Objects.equals(from.schema(), ownerFrom.schema()) && Objects.equals(to.schema(), ownerTo.schema());
    }

    /** The column renames that give {@code dropped} the columns of {@code added}, if there are such. */
    static Optional<Map<String, String>> columns(Table dropped, Table added,
            Collection<Map.Entry<QualifiedName, QualifiedName>> renamed) {
        List<ColumnDef> gone = new ArrayList<>();
        for (ColumnDef column : dropped.columns()) {
            Optional<ColumnDef> same = added.column(column.name());
            if (same.isEmpty()) {
                gone.add(column);
            } else if (!TypeNames.sameBase(column.type(), same.get().type())) {
                return Optional.empty();
            }
        }
        List<ColumnDef> come = added.columns().stream().filter(c -> dropped.column(c.name()).isEmpty()).toList();
        if (gone.size() != come.size()) {
            return Optional.empty();
        }
        Map<String, String> renames = new HashMap<>();
        List<ColumnDef> unpaired = new ArrayList<>(come);
        for (ColumnDef column : gone) {
            ColumnDef pair = null;
            for (ColumnDef candidate : unpaired) {
                if (TypeNames.sameBase(column.type(), candidate.type())
                        && columnFollows(column.name(), candidate.name(), dropped.name(), added.name(), renamed)) {
                    pair = candidate;
                    break;
                }
            }
            if (pair == null) {
                return Optional.empty();
            }
            unpaired.remove(pair);
            renames.put(column.name(), pair.name());
        }
        return Optional.of(renames);
    }

    /** A key column is named after the renamed table, or after the follower itself. */
    private static boolean columnFollows(String from, String to, QualifiedName table, QualifiedName follower,
            Collection<Map.Entry<QualifiedName, QualifiedName>> renamed) {
        if (relatedNames(from, to, table.name(), follower.name())) {
            return true;
        }
        for (Map.Entry<QualifiedName, QualifiedName> owner : renamed) {
            if (relatedNames(from, to, owner.getKey().name(), owner.getValue().name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code from} and {@code to} differ as {@code ownerFrom} and {@code ownerTo} do: the words of
     * {@code from} and {@code to} that differ, once the words they share at either end are left out, are found in
     * the owner's old and new names with the same text before and after them.
     */
    static boolean relatedNames(String from, String to, String ownerFrom, String ownerTo) {
        if (from.equals(to)) {
            return false;
        }
        List<String> a = Arrays.asList(from.split("_", -1));
        List<String> b = Arrays.asList(to.split("_", -1));
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        String oldWords = String.join("_", a.subList(head, a.size() - tail));
        String newWords = String.join("_", b.subList(head, b.size() - tail));
        // A follower's name has words of its own ("aliases", "id"); without them it would be the owner's stem.
        if (oldWords.isEmpty() || newWords.isEmpty() || head + tail == 0) {
            return false;
        }
        // Under naming = "jpa", Hibernate names the collection tables of AuthorProfile, whose table may well be
        // author_profiles, authorprofile_links: the owner's names are also compared without their underscores.
        return differsAlike(oldWords, newWords, ownerFrom, ownerTo)
                || differsAlike(oldWords, newWords, ownerFrom.replace("_", ""), ownerTo.replace("_", ""));
    }

    /** Whether {@code ownerTo} is {@code ownerFrom} with one occurrence of {@code oldWords} made {@code newWords}. */
    private static boolean differsAlike(String oldWords, String newWords, String ownerFrom, String ownerTo) {
        for (int at = ownerFrom.indexOf(oldWords); at >= 0; at = ownerFrom.indexOf(oldWords, at + 1)) {
            String before = ownerFrom.substring(0, at);
            String after = ownerFrom.substring(at + oldWords.length());
            if (ownerTo.equals(before + newWords + after)) {
                return true;
            }
        }
        return false;
    }
}
