package dev.retort.autogenerate.diff;

import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a unique constraint or unique index that a kept table loses leaves its rule behind: a model that cannot
 * declare a partial or expression index (JPA) drops the one a hand-written schema had, and from then on the table
 * takes the duplicates it used to refuse. Nothing fails, so the migration says it.
 *
 * <p>A rule stays when the other side has a unique key (primary key, constraint or index) over some of the same
 * columns or expressions, unconditional or under the same {@code WHERE}, and {@code NULLS NOT DISTINCT} if the old
 * one was: it refuses every duplicate the old one did.
 * A rule over a column the migration drops says nothing more: the column's drop is flagged already.
 */
final class UniqueRules {
    /**
     * @param nullsNotDistinct whether keys that hold nulls count as equal: a rule under which they do not takes the
     *     rows with nulls that one under which they do refused (a primary key's columns hold no nulls)
     */
    private record Rule(Set<String> keys, String predicate, boolean nullsNotDistinct) {
        boolean covers(Rule other) {
            return other.keys.containsAll(keys) && (predicate == null || predicate.equals(other.predicate))
                    && (nullsNotDistinct || !other.nullsNotDistinct);
        }
    }

    private UniqueRules() {
    }

    /** The warning for dropping {@code unique} from {@code table}, or null when its rule stays. */
    static String lost(KeptTable table, UniqueDef unique) {
        String keys = "(" + String.join(", ", unique.columns()) + ")";
        return lost(table, new Rule(Set.copyOf(unique.columns()), null, unique.nullsNotDistinct()), keys,
                unique.nullsNotDistinct() ? " with nulls not distinct" : "");
    }

    /** The warning for dropping {@code index} from {@code table}, or null when it is not unique or its rule stays. */
    static String lost(KeptTable table, Index index) {
        if (!index.unique()) {
            return null;
        }
        Rule rule = rule(index);
        if (ExpressionNames.mentions(index.predicate(), table.removed())) {
            return null;
        }
        // Shown as the index reads: lower(email), not ((lower(email))).
        List<String> keys = index.elements().stream().map(e -> e.column() != null ? e.column() : e.expression())
                .toList();
        return lost(table, rule, "(" + String.join(", ", keys) + ")",
                (index.nullsNotDistinct() ? " with nulls not distinct" : "")
                        + (index.predicate() == null ? "" : " where " + index.predicate()));
    }

    private static String lost(KeptTable table, Rule rule, String keys, String where) {
        Set<String> removed = table.removed();
        if (rule.keys.stream().anyMatch(k -> removed.contains(k) || ExpressionNames.mentions(k, removed))) {
            return null;
        }
        if (rules(table.after()).stream().anyMatch(r -> r.covers(rule))) {
            return null;
        }
        return "nothing in the model keeps " + keys + " unique on " + table.name() + where + ", so once this runs the "
                + "table takes the duplicates it refuses now. If the rule should stay, declare it in the model "
                + "(a unique column, a unique constraint or index); if the model cannot (a partial or expression "
                + "index, in JPA), delete this step and its downgrade's create, and `retort check` will go on listing "
                + "it.";
    }

    private static List<Rule> rules(Table table) {
        List<Rule> rules = new ArrayList<>();
        PrimaryKeyDef pk = table.primaryKey();
        if (pk != null) {
            rules.add(new Rule(Set.copyOf(pk.columns()), null, true));
        }
        table.uniques().forEach(u -> rules.add(new Rule(Set.copyOf(u.columns()), null, u.nullsNotDistinct())));
        table.indexes().stream().filter(Index::unique).forEach(i -> rules.add(rule(i)));
        return rules;
    }

    private static Rule rule(Index index) {
        Set<String> keys = new HashSet<>();
        index.elements().forEach(e -> keys.add(key(e)));
        return new Rule(keys, index.predicate(), index.nullsNotDistinct());
    }

    private static String key(IndexElement element) {
        return element.column() != null ? element.column() : "(" + element.expression() + ")";
    }
}
