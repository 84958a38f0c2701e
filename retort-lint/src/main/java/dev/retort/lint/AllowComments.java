package dev.retort.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings a migration's author has reviewed and accepts, as {@code retort:allow} comments in the file:
 * {@code -- retort:allow RT102 (backfilled into full_name by 3a4b5c6d7e8f)} in SQL, {@code // retort:allow RT102}
 * in Java.
 *
 * <p>Such a comment allows the rules it names for the statement on its own line, or for the statement that follows
 * the run of comment lines it is in (a statement in a {@code DO} block's body is also covered by the comment of the
 * block); a finding about the whole migration (one with no line, such as a missing downgrade) is allowed by a comment
 * anywhere in the file; one about a statement whose line is unknown is allowed by none. Without this, a team that
 * fails its build on warnings ({@code retort lint --strict}) could only turn a rule off for every migration once one
 * migration had a reason to do what the rule warns about, as Squawk's {@code squawk-ignore} and strong_migrations'
 * {@code safety_assured} allow one statement. A code that names no rule allows nothing, so its finding still shows.
 */
final class AllowComments {
    private static final Pattern ALLOW = Pattern.compile("(?:--|//|/\\*|^\\s*\\*)\\s*retort:allow\\b([^\\n]*)");
    private static final Pattern CODE = Pattern.compile("\\bRT\\d{3}\\b");
    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*(?:--|//|/\\*|\\*)");
    /** The rules whose findings are about the migration as a whole, not one of its statements. */
    private static final Set<Rule> ABOUT_THE_MIGRATION = Set.of(RuleCatalog.MISSING_DOWNGRADE, RuleCatalog.FILE_NAME);

    /** The codes each 0-based line's comment allows. */
    private final Map<Integer, Set<String>> byLine = new HashMap<>();
    private final List<String> lines;

    private AllowComments(String text) {
        this.lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher allow = ALLOW.matcher(lines.get(i));
            if (allow.find()) {
                Set<String> codes = new HashSet<>();
                Matcher code = CODE.matcher(allow.group(1));
                while (code.find()) {
                    codes.add(code.group());
                }
                byLine.put(i, codes);
            }
        }
    }

    /** The {@code retort:allow} comments of a migration's text. */
    static AllowComments in(String text) {
        return new AllowComments(text);
    }

    /** Whether the author allowed {@code hit}. */
    boolean allows(Hit hit) {
        if (byLine.isEmpty()) {
            return false;
        }
        String code = hit.rule().code();
        if (hit.line() == 0) {
            // A statement whose line was not found (a table named by a constant) is none a comment was written for;
            // taking any comment as its own would let one statement's allow cover the next one like it.
            return ABOUT_THE_MIGRATION.contains(hit.rule())
                    && byLine.values().stream().anyMatch(codes -> codes.contains(code));
        }
        return allowsAt(hit.line() - 1, code) || hit.statementLine() > 0 && allowsAt(hit.statementLine() - 1, code);
    }

    /** Whether a comment on 0-based {@code line}, or in the run of comment lines just above it, allows {@code code}. */
    private boolean allowsAt(int line, String code) {
        if (allowsOn(line, code)) {
            return true;
        }
        for (int above = line - 1; above >= 0 && COMMENT_LINE.matcher(lines.get(above)).find(); above--) {
            if (allowsOn(above, code)) {
                return true;
            }
        }
        return false;
    }

    private boolean allowsOn(int line, String code) {
        Set<String> codes = byLine.get(line);
        return codes != null && codes.contains(code);
    }
}
