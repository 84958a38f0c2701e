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
import java.util.function.BiPredicate;

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
 * added one lacks is paired with one it has: by the same rule, as the model or the command line says
 * ({@code @RenamedFrom}), or as the one column whose foreign key references the renamed table; the join column
 * {@code pupil_id} becomes {@code learner_id} while its entity's table {@code pupil} becomes {@code learners}.
 * Anything less is left to the questions: a follower renamed wrongly would keep rows under a table they do not
 * belong to.
 */
final class TableFollowers {
    /** Table {@code from} renamed to {@code to}, following a renamed table, with its columns renamed along. */
    record Follower(QualifiedName from, QualifiedName to, Map<String, String> columns) {
    }

    private TableFollowers() {
    }

    /** Whether the model or the command line says column {@code from} of {@code table} (its new name) is {@code to}. */
    interface NamedColumns {
        boolean named(QualifiedName table, String from, String to);
    }

    /**
     * The added table that {@code dropped} follows, if exactly one of {@code added} does after one of
     * {@code renamed} (renamed tables, old name to new name).
     *
     * @param named the column renames said outright, which pair too: a join column is named after the entity
     *     ({@code pupil_id}), its join table after the entity's table ({@code pupil_favourites}), and when the two
     *     are renamed differently ({@code Pupil} to {@code Learner}, its table to {@code learners}) the words of the
     *     column's rename are found in no renamed table's names
     */
    static Optional<Follower> follow(Table dropped, List<Table> added, List<Owner> renamed, NamedColumns named) {
        Follower found = null;
        for (Table candidate : added) {
            if (!followsSomeRename(dropped.name(), candidate.name(), renamed)) {
                continue;
            }
            Optional<Map<String, String>> columns = columns(dropped, candidate, renamed,
                    (from, to) -> named.named(candidate.name(), from, to));
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
    static boolean followsSomeRename(QualifiedName from, QualifiedName to, List<Owner> renamed) {
        Words words = Words.between(from.name(), to.name());
        if (words == null) {
            return false;
        }
        for (Owner owner : renamed) {
            if (!owner.from().equals(from) && sameMove(owner.from(), owner.to(), from, to) && words.alike(owner)) {
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

    /**
     * The column renames that give {@code dropped} the columns of {@code added}, if there are such, pairing also the
     * columns that {@code declared} pairs (from, to): those the model or the command line says are renamed.
     */
    static Optional<Map<String, String>> columns(Table dropped, Table added, List<Owner> renamed,
            BiPredicate<String, String> declared) {
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
        Map<String, String> keys = referencingKeys(dropped, gone, added, come, renamed);
        Map<String, String> renames = new HashMap<>();
        List<ColumnDef> unpaired = new ArrayList<>(come);
        for (ColumnDef column : gone) {
            ColumnDef pair = null;
            for (ColumnDef candidate : unpaired) {
                if (TypeNames.sameBase(column.type(), candidate.type())
                        && (declared.test(column.name(), candidate.name())
                        || candidate.name().equals(keys.get(column.name()))
                        || columnFollows(column.name(), candidate.name(), dropped.name(), added.name(), renamed))) {
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

    /**
     * The key columns that reference a renamed table: for each of {@code renamed}, the one column of {@code gone}
     * whose foreign key alone references its old name, paired with the one of {@code come} that references its new
     * name. That is the join column whatever it is named after: the entity ({@code pupil_id}), whose rename the
     * table's ({@code pupil} to {@code learners}) need not show. Two such columns on a side (a join table of an
     * entity to itself whose two keys change name) pair none, as which became which cannot be told.
     */
    private static Map<String, String> referencingKeys(Table dropped, List<ColumnDef> gone, Table added,
            List<ColumnDef> come, List<Owner> renamed) {
        Map<String, String> keys = new HashMap<>();
        for (Owner owner : renamed) {
            List<String> before = referencing(dropped, gone, owner.from());
            List<String> after = referencing(added, come, owner.to());
            if (before.size() == 1 && after.size() == 1) {
                keys.putIfAbsent(before.get(0), after.get(0));
            }
        }
        return keys;
    }

    /** Those of {@code columns} that are the one column of a foreign key of {@code table} to {@code referenced}. */
    private static List<String> referencing(Table table, List<ColumnDef> columns, QualifiedName referenced) {
        return columns.stream().map(ColumnDef::name).filter(name -> table.foreignKeys().stream()
                .anyMatch(key -> key.columns().equals(List.of(name)) && key.referencedTable().equals(referenced)))
                .toList();
    }

    /** A key column is named after the renamed table, or after the follower itself. */
    private static boolean columnFollows(String from, String to, QualifiedName table, QualifiedName follower,
            List<Owner> renamed) {
        Words words = Words.between(from, to);
        if (words == null) {
            return false;
        }
        if (words.alike(new Owner(table, follower))) {
            return true;
        }
        return renamed.stream().anyMatch(words::alike);
    }

    /**
     * Whether {@code from} and {@code to} differ as {@code ownerFrom} and {@code ownerTo} do: the words of
     * {@code from} and {@code to} that differ, once the words they share at either end are left out, are found in
     * the owner's old and new names with the same text before and after them.
     */
    static boolean relatedNames(String from, String to, String ownerFrom, String ownerTo) {
        Words words = Words.between(from, to);
        return words != null && words.alike(new Owner(QualifiedName.of(ownerFrom), QualifiedName.of(ownerTo)));
    }

    /**
     * A renamed table, with its names also without underscores: under naming = "jpa", Hibernate names the
     * collection tables of AuthorProfile, whose table may well be author_profiles, authorprofile_links.
     */
    record Owner(QualifiedName from, QualifiedName to, String bareFrom, String bareTo) {
        Owner(QualifiedName from, QualifiedName to) {
            this(from, to, from.name().replace("_", ""), to.name().replace("_", ""));
        }

        /** The renamed tables, old name to new name, prepared once for the many names compared with them. */
        static List<Owner> of(Collection<Map.Entry<QualifiedName, QualifiedName>> renamed) {
            return renamed.stream().map(e -> new Owner(e.getKey(), e.getValue())).toList();
        }
    }

    /** The words that differ between two names, those they share at either end left out. */
    private record Words(String before, String after) {
        /** The differing words, or null when the names are the same or share no word at either end. */
        static Words between(String from, String to) {
            if (from.equals(to)) {
                return null;
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
            // A follower's name has words of its own ("aliases", "id"); without them it would be the owner's stem.
            if (head + tail == 0) {
                return null;
            }
            String oldWords = String.join("_", a.subList(head, a.size() - tail));
            String newWords = String.join("_", b.subList(head, b.size() - tail));
            return oldWords.isEmpty() || newWords.isEmpty() ? null : new Words(oldWords, newWords);
        }

        boolean alike(Owner owner) {
            return alike(owner.from().name(), owner.to().name()) || alike(owner.bareFrom(), owner.bareTo());
        }

        /** Whether {@code ownerTo} is {@code ownerFrom} with one occurrence of these words changed. */
        private boolean alike(String ownerFrom, String ownerTo) {
            int rest = ownerFrom.length() - before.length();
            if (ownerTo.length() != rest + after.length()) {
                return false;
            }
            for (int at = ownerFrom.indexOf(before); at >= 0; at = ownerFrom.indexOf(before, at + 1)) {
                if (ownerTo.regionMatches(0, ownerFrom, 0, at) && ownerTo.startsWith(after, at)
                        && ownerTo.regionMatches(at + after.length(), ownerFrom, at + before.length(), rest - at)) {
                    return true;
                }
            }
            return false;
        }
    }
}
