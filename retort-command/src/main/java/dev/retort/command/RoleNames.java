package dev.retort.command;

import dev.retort.script.Script;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Whether a migration names a role: its name stands in the migration's text as a word of its own, in any case when it
 * is lower-case (as PostgreSQL folds an unquoted name), as written when it is not (only quoted, {@code "AppOwner"}).
 * {@link TestRoles} takes a role that appeared while a step ran for the step's when the step's migration names it
 * and the catalog cannot say more: the role was made in a subtransaction (a {@code DO} block with an
 * {@code EXCEPTION} clause), or the test's user may not read {@code pg_authid}.
 */
final class RoleNames {
    private RoleNames() {
    }

    static Predicate<String> in(Script script) {
        String written = script.source();
        String folded = written.toLowerCase(Locale.ROOT);
        return role -> role.equals(role.toLowerCase(Locale.ROOT)) ? standsIn(folded, role) : standsIn(written, role);
    }

    private static boolean standsIn(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean starts = at == 0 || !partOfName(text.charAt(at - 1));
            if (starts && (end == text.length() || !partOfName(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean partOfName(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
