package dev.retort.revision;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A revision target as a user writes it on the command line, parsed but not yet resolved.
 *
 * <p>The grammar is Alembic's: {@code [BRANCH@]REST}, where {@code REST} is {@code head}, {@code heads},
 * {@code base}, a revision id, id prefix or branch label, or a relative step {@code [ANCHOR](+|-)N}
 * whose anchor is one of those (or nothing: the database's current revision). {@code BRANCH} is a
 * branch label or a revision standing for the branch it is on.
 */
sealed interface Target {
    /** The target exactly as given, for messages. */
    String text();

    /** The part before '@', or null. */
    String branch();

    /** {@code heads} or {@code BRANCH@heads}. */
    record Heads(String text, String branch) implements Target {
    }

    /** {@code head} or {@code BRANCH@head}. */
    record Head(String text, String branch) implements Target {
    }

    /** {@code base} or {@code BRANCH@base}. */
    record Base(String text, String branch) implements Target {
    }

    /** A revision id, id prefix or branch label. */
    record Named(String text, String branch, String name) implements Target {
    }

    /** {@code N} steps up or down from {@code anchor}, or from the current revision when it is null. */
    record Relative(String text, String branch, String anchor, boolean up, int steps) implements Target {
        /** Whether this counts from the database's current revision rather than from a named one. */
        boolean fromCurrent() {
            return anchor == null;
        }
    }

    Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    Pattern RELATIVE = Pattern.compile("(.*)([+-])([0-9]+)");

    /**
     * Parses {@code text}; {@code isExactName} says whether a string is an existing id or label, so that
     * a label such as {@code feature-2} is read as itself and not as two steps below {@code feature}.
     */
    static Target parse(String text, Predicate<String> isExactName) {
        if (text == null || text.isBlank()) {
            throw new TargetUsageException("The revision target is empty; give a revision id, a branch label, "
                    + "`head`, `heads`, `base` or a relative step such as `-1`.");
        }
        if (text.codePoints().anyMatch(Target::isControl)) {
            // Every message quotes the target; a line break in it would split the one-line error.
            throw new TargetUsageException("The revision target '" + escaped(text) + "' contains a line break or "
                    + "control character; give a revision id, a branch label, `head`, `heads`, `base` or a relative "
                    + "step such as `-1`.");
        }
        if (text.contains("://")) {
            throw new TargetUsageException("'" + text + "' is a database URL, not a revision target; give it with "
                    + "--url (before the command: `retort --url URL upgrade head`), or in DATABASE_URL.");
        }
        String last = text.substring(text.lastIndexOf(':') + 1);
        if (text.indexOf(':') != text.lastIndexOf(':') || last.isEmpty() && text.startsWith(":")) {
            throw new TargetUsageException("'" + text + "' is no revision target, nor a range FROM:TO (one colon, "
                    + "with a revision on at least one side of it); give a revision id, a branch label, `head`, "
                    + "`base` or a relative step such as `-1`.");
        }
        if (text.contains(":")) {
            // Alembic says "Range revision not allowed"; say where a range goes and what to give instead.
            throw new TargetUsageException("'" + text + "' is a range FROM:TO, which only --sql and `history -r` "
                    + "take; name one target, such as '" + (last.isEmpty() ? text.substring(0, text.indexOf(':'))
                    : last) + "'.");
        }
        String branch = null;
        String rest = text;
        int at = text.indexOf('@');
        if (at >= 0) {
            branch = text.substring(0, at);
            rest = text.substring(at + 1);
            if (!NAME.matcher(branch).matches() || rest.isEmpty()) {
                throw malformed(text);
            }
        }
        switch (rest) {
            case "heads":
                return new Heads(text, branch);
            case "head":
                return new Head(text, branch);
            case "base":
                return new Base(text, branch);
            default:
                break;
        }
        if (isExactName.test(rest)) {
            return new Named(text, branch, rest);
        }
        Matcher relative = RELATIVE.matcher(rest);
        if (relative.matches()) {
            String anchor = relative.group(1).isEmpty() ? null : relative.group(1);
            if (anchor != null && !NAME.matcher(anchor).matches()) {
                throw malformed(text);
            }
            String digits = relative.group(3);
            if (digits.length() > 9) {
                throw new RevisionGraphException("The step in '" + text + "' is too large; "
                        + "run `retort history` to see how many revisions there are.");
            }
            return new Relative(text, branch, anchor, relative.group(2).equals("+"), Integer.parseInt(digits));
        }
        if (NAME.matcher(rest).matches()) {
            return new Named(text, branch, rest);
        }
        throw malformed(text);
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@code text} with control characters written as Java escapes, so that it prints on one line. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /**
     * A target no id, label or step is written like ({@code +abc}, {@code +-1}, {@code ' head'}): the command line is
     * at fault whatever the project holds, where a well-formed name that matches nothing is not.
     */
    static TargetUsageException malformed(String text) {
        return new TargetUsageException("'" + text + "' is not a revision target; give a revision id, a branch label, "
                + "`head`, `heads`, `base` or a relative step such as `-1` or `head+2`.");
    }
}
