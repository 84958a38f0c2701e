package dev.retort.command;

import dev.retort.script.Script;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Whether migrations name a role: its name stands in their text as a word of its own, in any case when it is
 * lower-case (as PostgreSQL folds an unquoted name), as written when it is not (only quoted, {@code "AppOwner"}).
 * It tells the roles a history's migrations may have made from those something else made on the server meanwhile;
 * a name made up while a migration runs ({@code EXECUTE 'CREATE ROLE ' || ...}) is not found.
 */
final class RoleNames {
    private RoleNames() {
    }

    static Predicate<String> in(List<Script> scripts) {
        StringBuilder text = new StringBuilder();
        for (Script script : scripts) {
            text.append(script.source()).append('\n');
        }
        String written = text.toString();
        String folded = written.toLowerCase(Locale.ROOT);
        return role -> role.equals(role.toLowerCase(Locale.ROOT)) ? standsIn(folded, role) : standsIn(written, role);
    }

    private static boolean standsIn(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !partOfName(text.charAt(at - 1))) && (end == text.length() || !partOfName(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean partOfName(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
