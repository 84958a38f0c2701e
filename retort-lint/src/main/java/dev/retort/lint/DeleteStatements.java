package dev.retort.lint;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code DELETE}s of a statement that delete every row of their table (rule RT117): those without a
 * {@code WHERE}, or with one that is always true ({@code WHERE true}, {@code WHERE 1 = 1}), as a statement or in a
 * {@code WITH} query.
 *
 * <p>Reads a statement's code ({@link SqlStatements}): comments are gone and string literals and dollar-quoted bodies
 * are blank, so a {@code DELETE} inside a {@code DO} block or a function body is not seen.
 */
final class DeleteStatements {
    private static final Pattern DELETE = Pattern.compile(
            "\\bDELETE FROM (?:ONLY )?(" + SqlRules.QNAME + ")(?![\\w$\".])", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALWAYS_TRUE = Pattern.compile(
            "(WHERE\\s*(?:TRUE|1\\s*=\\s*1|\\(\\s*(?:TRUE|1\\s*=\\s*1)\\s*\\)))\\s*(?:RETURNING\\b.*)?",
            Pattern.CASE_INSENSITIVE);

    /** A DELETE of every row of {@code table}; {@code how} is how it says so ("without WHERE", "WHERE true"). */
    record EveryRow(QualifiedName table, String how) {
    }

    private DeleteStatements() {
    }

    /** The DELETEs of every row in the statement whose code is {@code code}. */
    static List<EveryRow> everyRow(String code) {
        List<EveryRow> found = new ArrayList<>();
        String head = code.toUpperCase(Locale.ROOT);
        if (!head.startsWith("DELETE ") && !head.startsWith("WITH ")) {
            return found;
        }
        Matcher m = DELETE.matcher(code);
        while (m.find()) {
            String rest = ownClauses(code.substring(m.end()));
            Matcher where = WHERE.matcher(topLevel(rest));
            if (!where.find()) {
                found.add(new EveryRow(SqlRules.name(m.group(1)), "without WHERE"));
            } else {
                Matcher alwaysTrue = ALWAYS_TRUE.matcher(rest.substring(where.start()).strip());
                if (alwaysTrue.matches()) {
                    found.add(new EveryRow(SqlRules.name(m.group(1)), alwaysTrue.group(1)));
                }
            }
        }
        return found;
    }

    /** The text up to the parenthesis that closes the {@code WITH} query the DELETE is in, or all of it. */
    private static String ownClauses(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** {@code text} with what is inside parentheses blanked, so a subquery's WHERE is not taken for the DELETE's. */
    private static String topLevel(String text) {
        StringBuilder outside = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ')') {
                depth--;
            }
            outside.append(depth > 0 ? ' ' : c);
            if (c == '(') {
                depth++;
            }
        }
        return outside.toString();
    }
}
