package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argument types that tell a function, procedure or aggregate from others of its name, as its {@code CREATE}
 * statement writes them: {@code f(integer)} is not {@code f(text)}, and a database with only the second lacks the
 * first.
 *
 * <p>PostgreSQL tells routines of one name apart by the types of their input arguments ({@code IN}, {@code INOUT},
 * {@code VARIADIC}: {@code pg_proc.proargtypes}), a procedure's too; names, defaults, {@code OUT} arguments and type
 * modifiers ({@code varchar(20)}) play no part. The types are read from the text, without the model's database: only a
 * plain type name (qualified, with a modifier, an array, or one of SQL's names of several words) is read, so that the
 * target can resolve each with {@code to_regtype}, which fails on text that is no type name. A statement that writes
 * anything else ({@code %TYPE}, the old {@code CREATE AGGREGATE} form) has no signature here, and its routine is
 * matched by name.
 *
 * @param types each type as the statement writes it, blanks collapsed
 */
record RoutineSignature(List<String> types) {
    private static final String NAME = UncreatedViews.NAME;
    private static final String MODIFIER = "(?:\\s*\\([^()]*\\))?";
    /** SQL's type names of more than one word, which no argument name precedes when they stand alone. */
    private static final String WORDS = "double\\s+precision"
            + "|(?:national\\s+)?(?:character|char|nchar)\\s+varying" + MODIFIER
            + "|national\\s+(?:character|char)" + MODIFIER
            + "|bit\\s+varying" + MODIFIER
            + "|(?:timestamp|time)" + MODIFIER + "\\s+with(?:out)?\\s+time\\s+zone"
            + "|interval\\s+(?:year|month|day|hour|minute|second)(?:\\s+to\\s+(?:month|hour|minute|second))?"
            + MODIFIER;
    private static final Pattern TYPE = Pattern.compile("(?is)(?:" + WORDS + "|" + NAME + "(?:\\s*\\.\\s*" + NAME
            + ")?" + MODIFIER + ")(?:\\s*\\[\\s*\\d*\\s*\\]|\\s+array(?:\\s*\\[\\s*\\d*\\s*\\])?)*");
    private static final Pattern NAMED = Pattern.compile("(?s)(" + NAME + ")\\s+(.+)");
    private static final Pattern MODE = Pattern.compile("(?is)(in|out|inout|variadic)\\s+(.+)");
    private static final Pattern DEFAULT = Pattern.compile("(?i)\\bdefault\\b|=");
    private static final Pattern ORDER_BY = Pattern.compile("(?i)\\border\\s+by\\b");

    RoutineSignature {
        types = List.copyOf(types);
    }

    /** The signature of {@code arguments}, the text between the parentheses after a function's or procedure's name. */
    static Optional<RoutineSignature> of(String arguments) {
        List<String> types = new ArrayList<>();
        if (arguments.isBlank()) {
            return Optional.of(new RoutineSignature(types));
        }
        for (String argument : split(arguments, ',')) {
            Optional<Argument> read = Argument.of(withoutDefault(argument));
            if (read.isEmpty()) {
                return Optional.empty();
            }
            if (!read.get().mode().equals("out")) {
                types.add(read.get().type());
            }
        }
        return Optional.of(new RoutineSignature(types));
    }

    /**
     * The signature of an aggregate's {@code arguments}: {@code *} is none, and an ordered-set aggregate's
     * {@code ORDER BY} separates arguments as a comma does.
     */
    static Optional<RoutineSignature> ofAggregate(String arguments) {
        if (arguments.strip().equals("*")) {
            return Optional.of(new RoutineSignature(List.of()));
        }
        Matcher orderBy = ORDER_BY.matcher(arguments);
        if (!orderBy.find()) {
            return of(arguments);
        }
        String direct = arguments.substring(0, orderBy.start());
        String aggregated = arguments.substring(orderBy.end());
        return of(direct.isBlank() ? aggregated : direct + "," + aggregated);
    }

    /** The types as a message shows them: {@code integer, text}. */
    String shown() {
        return String.join(", ", types);
    }

    /** The types as {@code to_regtype} reads them, without the modifiers, which it would check. */
    List<String> resolvable() {
        List<String> resolvable = new ArrayList<>();
        for (String type : types) {
            resolvable.add(withoutModifiers(type));
        }
        return resolvable;
    }

    /** An argument's mode, in lower case ({@code in} when it writes none), and type. */
    private record Argument(String mode, String type) {
        static Optional<Argument> of(String written) {
            String text = written.strip();
            String mode = "in";
            Matcher moded = MODE.matcher(text);
            if (moded.matches()) {
                mode = moded.group(1).toLowerCase(Locale.ROOT);
                text = moded.group(2).strip();
            }
            if (TYPE.matcher(text).matches()) {
                return Optional.of(new Argument(mode, collapsed(text)));
            }
            Matcher named = NAMED.matcher(text);
            if (!named.matches()) {
                return Optional.empty();
            }
            // PostgreSQL also takes the mode after the name: a OUT integer.
            String type = named.group(2).strip();
            Matcher after = MODE.matcher(type);
            if (after.matches() && mode.equals("in")) {
                mode = after.group(1).toLowerCase(Locale.ROOT);
                type = after.group(2).strip();
            }
            return TYPE.matcher(type).matches() ? Optional.of(new Argument(mode, collapsed(type))) : Optional.empty();
        }
    }

    private static String collapsed(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** {@code argument} without its {@code DEFAULT} or {@code =} and the expression that follows. */
    private static String withoutDefault(String argument) {
        Matcher keyword = DEFAULT.matcher(argument);
        while (keyword.find()) {
            if (topLevel(argument, keyword.start())) {
                return argument.substring(0, keyword.start());
            }
        }
        return argument;
    }

    /** {@code text} split at each {@code separator} outside quotes, parentheses and brackets. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == separator && topLevel(text, i)) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Whether the character at {@code index} of {@code text} is outside quotes, parentheses and brackets. */
    private static boolean topLevel(String text, int index) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
        }
        return quote == 0 && depth == 0;
    }

    /** {@code type} without the parenthesized modifiers outside its quoted names: {@code character varying}. */
    private static String withoutModifiers(String type) {
        StringBuilder out = new StringBuilder(type.length());
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                continue;
            }
            if (depth == 0) {
                out.append(c);
            }
        }
        return collapsed(out.toString()).strip();
    }

    /**
     * The text between the parenthesis at {@code open} in {@code sql} and the one that closes it, or nothing when
     * none does.
     */
    static Optional<String> parenthesized(String sql, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return Optional.of(sql.substring(open + 1, i));
            }
        }
        return Optional.empty();
    }
}
