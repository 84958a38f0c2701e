package dev.retort.dialect;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells, for {@link SecretPlaces}, a flag's default from a password's where a column is named like a password:
 * {@code must_change_password boolean DEFAULT 'false'} and {@code ALTER COLUMN must_change_password SET DEFAULT
 * 'true'::boolean} hold no secret. A default is a flag's when its column is defined {@code boolean}, or when it is a
 * string PostgreSQL reads as a boolean, in parentheses or not, cast to {@code boolean} or not ({@code ('f')},
 * {@code 'on'::bool}, {@code CAST('false' AS boolean)}, {@code boolean 'yes'}). Lint, {@code upgrade --sql}'s
 * warnings and the statements quoted in messages all ask here, so that what one calls a password the others do too.
 */
final class BooleanDefault {
    private static final Set<String> BOOLEAN_TYPES = Set.of("boolean", "bool");

    private final List<SqlToken> tokens;
    /** What a string holds, as PostgreSQL reads it: its quotes and escapes undone. */
    private final Function<SqlToken, String> text;

    private BooleanDefault(List<SqlToken> tokens, Function<SqlToken, String> text) {
        this.tokens = tokens;
        this.text = text;
    }

    /**
     * Whether the default from {@code from} to {@code to} of the column named at {@code column} is a flag's: the
     * column is defined {@code boolean}, or the default is a boolean's value.
     */
    static boolean isFlag(List<SqlToken> tokens, Function<SqlToken, String> text, int column, int from, int to) {
        BooleanDefault flag = new BooleanDefault(tokens, text);
        return flag.afterBooleanType(column + 1) > 0 || flag.isBooleanValue(from, to);
    }

    /**
     * Whether PostgreSQL reads {@code value} as a boolean, as its {@code boolin} does: around white space, in any
     * case, {@code true}, {@code false}, {@code yes}, {@code no} or a prefix of one ({@code t}, {@code fa}),
     * {@code on}, {@code off} or {@code of}, {@code 1} or {@code 0}.
     */
    static boolean readsAsBoolean(String value) {
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return false;
        }
        return switch (word.charAt(0)) {
            case 't' -> "true".startsWith(word);
            case 'f' -> "false".startsWith(word);
            case 'y' -> "yes".startsWith(word);
            case 'n' -> "no".startsWith(word);
            // A lone o is on's or off's: PostgreSQL refuses it.
            case 'o' -> word.length() >= 2 && ("on".startsWith(word) || "off".startsWith(word));
            case '1', '0' -> word.length() == 1;
            default -> false;
        };
    }

    /**
     * Whether the expression from {@code from} to {@code to} is a boolean's value: one string a boolean reads, in
     * parentheses, cast to boolean, or both, any number of times.
     */
    private boolean isBooleanValue(int from, int to) {
        if (to - from == 1) {
            return tokens.get(from).isString() && readsAsBoolean(text.apply(tokens.get(from)));
        }
        if (is(from, "(") && closing(from) == to - 1) {
            return isBooleanValue(from + 1, to - 1);
        }
        if (is(from, "cast") && is(from + 1, "(") && closing(from + 1) == to - 1) {
            int as = lastAs(from + 2, to - 1);
            return as > 0 && afterBooleanType(as + 1) == to - 1 && isBooleanValue(from + 2, as);
        }
        // boolean 'yes': a type's name before a string casts it.
        int typed = afterBooleanType(from);
        if (typed == to - 1 && tokens.get(typed).isString()) {
            return isBooleanValue(typed, to);
        }
        for (int type = Math.max(from + 1, to - 3); type < to; type++) {
            if (is(type - 1, "::") && afterBooleanType(type) == to) {
                return isBooleanValue(from, type - 1);
            }
        }
        return false;
    }

    /**
     * Past the boolean type whose name starts at {@code i} ({@code bool}, {@code "boolean"}, {@code pg_catalog.bool});
     * -1 when no such name starts there.
     */
    private int afterBooleanType(int i) {
        int name = named(i, "pg_catalog") && is(i + 1, ".") ? i + 2 : i;
        return name < tokens.size() && tokens.get(name).isName() && BOOLEAN_TYPES.contains(tokens.get(name).name())
                ? name + 1 : -1;
    }

    /** Where the parenthesis that closes the one at {@code open} is; -1 when none does. */
    private int closing(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (is(i, "(")) {
                depth++;
            } else if (is(i, ")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where the last {@code AS} from {@code from} to {@code to} outside parentheses is; -1 when there is none. */
    private int lastAs(int from, int to) {
        int as = -1;
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (is(i, "(")) {
                depth++;
            } else if (is(i, ")")) {
                depth--;
            } else if (depth == 0 && is(i, "as")) {
                as = i;
            }
        }
        return as;
    }

    private boolean named(int i, String name) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isName() && tokens.get(i).name().equals(name);
    }

    private boolean is(int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).is(word);
    }
}
