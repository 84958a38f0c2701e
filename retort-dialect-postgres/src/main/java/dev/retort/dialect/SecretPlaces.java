package dev.retort.dialect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the literals that a statement's structure makes secret, where no word right before them says so, for
 * {@link SecretsInSql}:
 * <ul>
 * <li>the value of a password column in every row of an {@code INSERT}, by the column's place in the column list
 * ({@code INSERT INTO users (name, password) VALUES ('a', '***'), ('b', '***')}, or {@code ... SELECT 'a', '***'}),
 * or, where it lists none, in the table's columns ({@link TableColumns});
 * <li>the value given to a password column in an {@code UPDATE}'s or an {@code ON CONFLICT}'s {@code SET}, also as
 * an expression ({@code SET password = crypt('***', gen_salt('bf'))}) or a row ({@code SET (name, password) = (...)});
 * <li>a password column's default, as its definition gives it ({@code password text DEFAULT '***'}, in {@code CREATE
 * TABLE} or {@code ADD COLUMN}) or {@code ALTER COLUMN password SET DEFAULT '***'} does: every row written without
 * one gets that password;
 * <li>a setting named like a secret ({@code SET app.jwt_secret TO '***'}, {@code ALTER DATABASE d SET
 * "app.api_key" = '***'});
 * <li>the password or key of pgcrypto's functions, wherever they are called ({@code crypt('***', gen_salt('bf'))},
 * {@code pgp_sym_encrypt(ssn, '***')});
 * <li>the argument {@code format} puts after the word password ({@code format('... PASSWORD %L', r, '***')}), and
 * what is appended to a string that ends with it ({@code 'ALTER ROLE r PASSWORD ' || quote_literal('***')}).
 * </ul>
 * A password column is one {@link SecretsInSql#passwordName} names so ({@code password}, {@code db_password2},
 * {@code password_hash}, {@code "Password"}); a setting's name, which has a dot, is a secret's when it ends with
 * password, secret, token or an api or private key. Every literal of such a value is hidden but the arguments of
 * {@code gen_salt} and {@code current_setting}, which name an algorithm or a setting. The bodies of {@code DO} blocks
 * and the strings a block runs with {@code EXECUTE} are read the same way.
 */
final class SecretPlaces {
    private static final List<String> WORDS = List.of("password", "passwd", "secret", "token", "key", "crypt");
    /** How deep strings in strings are read: a DO block's body, the string it executes, a string in that. */
    private static final int DEEPEST = 3;
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "(?i).*(?:password|passwd|secret|token|api_?key|private_?key|secret_?key)");
    /** What ends a format string, or the string a password is appended to: the word password, maybe an = or a quote. */
    private static final Pattern ENDS_WITH_PASSWORD = Pattern.compile("(?i)\\b[a-z_]*password\\s*(?:=\\s*)?'*$");
    private static final Pattern FORMAT_SPECIFIER = Pattern.compile("%(?:(\\d+)\\$)?-?(?:\\d+|\\*)?([sIL%])");
    /**
     * pgcrypto's functions that take a password or a key, and which argument it is: {@code crypt(password, salt)},
     * {@code pgp_sym_encrypt(data, password)}, {@code hmac(data, key, type)}.
     */
    private static final Map<String, Integer> SECRET_ARGUMENT = Map.of("crypt", 1, "pgp_sym_encrypt", 2,
            "pgp_sym_encrypt_bytea", 2, "pgp_sym_decrypt", 2, "pgp_sym_decrypt_bytea", 2, "hmac", 2);
    /** Functions whose arguments are never the secret: an algorithm's name, a setting's. */
    private static final Set<String> NO_SECRET_IN = Set.of("gen_salt", "current_setting");
    private static final Set<String> SET_ENDS = Set.of("where", "from", "returning");
    /** What ends a column's default in its definition: the constraint written after it. */
    private static final Set<String> DEFAULT_ENDS = Set.of("not", "null", "check", "constraint", "references",
            "primary", "unique", "generated", "collate", "deferrable", "initially");
    private static final Set<String> SELECT_ENDS = Set.of("from", "where", "group", "having", "window", "union",
            "intersect", "except", "order", "limit", "offset", "fetch", "for", "on", "returning", "into");

    private final List<SqlToken> tokens;
    /** Where each character of the text read stands in the statement: the content of a string unescaped. */
    private final int[] origin;
    private final List<int[]> hidden;
    /** The columns of the tables an INSERT may list none of; null where nothing is known of tables. */
    private final TableColumns columns;

    private SecretPlaces(List<SqlToken> tokens, int[] origin, List<int[]> hidden, TableColumns columns) {
        this.tokens = tokens;
        this.origin = origin;
        this.hidden = hidden;
        this.columns = columns;
    }

    /**
     * Where the secrets of {@code sql} stand: the start and end of each, in no particular order. The values of an
     * {@code INSERT} that lists no columns are tied to theirs by {@code columns}; with null, they are left as they are
     * (in a message, which quotes such a statement masked so already).
     */
    static List<int[]> in(String sql, TableColumns columns) {
        List<int[]> hidden = new ArrayList<>();
        read(sql, null, 0, hidden, columns);
        return hidden;
    }

    /**
     * Whether {@code text} may hold any of the places this class knows, or a secret after a word: each has one of
     * {@link #WORDS}, in any case, or, when {@code inserts} (the columns of tables are known), the word insert. Read
     * without copying the text, as a statement of a data migration may be large, with a string for every value.
     */
    static boolean mayHold(String text, boolean inserts) {
        String first = inserts ? "pstkciPSTKCI" : "pstkcPSTKC";
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (first.indexOf(c) >= 0) {
                for (String word : WORDS) {
                    if (text.regionMatches(true, i, word, 0, word.length())) {
                        return true;
                    }
                }
                if (inserts && text.regionMatches(true, i, "insert", 0, "insert".length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void read(String text, int[] origin, int depth, List<int[]> hidden, TableColumns columns) {
        if (!mayHold(text, columns != null)) {
            return;
        }
        SecretPlaces places = new SecretPlaces(SqlToken.of(text), origin, hidden, columns);
        places.readTokens();
        if (depth >= DEEPEST) {
            return;
        }
        for (SqlToken token : places.tokens) {
            if (token.isString() || token.kind() == SqlToken.Kind.NAME) {
                places.readInside(token, depth + 1);
            }
        }
    }

    private void readTokens() {
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.is("insert") && is(i + 1, "into")) {
                insert(i + 2);
            } else if (token.is("set")) {
                set(i + 1);
            } else if (token.is("default")) {
                columnDefault(i);
            } else if (token.kind() == SqlToken.Kind.WORD && is(i + 1, "(")
                    && SECRET_ARGUMENT.containsKey(token.name())) {
                argument(i + 2, SECRET_ARGUMENT.get(token.name()));
            } else if (token.is("format") && is(i + 1, "(") && i + 2 < tokens.size() && tokens.get(i + 2).isString()) {
                format(i + 2);
            } else if (token.isString() && is(i + 1, "||")
                    && ENDS_WITH_PASSWORD.matcher(unescaped(token).text).find()) {
                hideLiterals(i + 2, end(i + 2, Set.of(), true));
            }
        }
    }

    /**
     * Reads {@code INSERT INTO} from the table's name at {@code i}: the rows of {@code VALUES}, or the list of a
     * {@code SELECT}, give each column its value by its place in the column list.
     */
    private void insert(int i) {
        int name = i;
        int nameEnd = afterName(i);
        if (nameEnd == name) {
            return;
        }
        i = is(nameEnd, "as") ? nameEnd + 2 : nameEnd;
        IntPredicate secret;
        if (is(i, "(") && !is(i + 1, "select") && !is(i + 1, "values")) {
            List<Boolean> listed = new ArrayList<>();
            int closed = list(i + 1, listed);
            if (closed < 0) {
                return;
            }
            secret = column -> column < listed.size() && listed.get(column);
            i = closed + 1;
        } else if (columns != null) {
            secret = columnsOf(name, nameEnd);
            if (secret == null) {
                return;
            }
        } else {
            return;
        }
        if (is(i, "overriding")) {
            i += 3;
        }
        // A query in parentheses: INSERT INTO users (SELECT ...), or (VALUES ...).
        while (is(i, "(") && (is(i + 1, "(") || is(i + 1, "select") || is(i + 1, "values"))) {
            i++;
        }
        if (is(i, "values")) {
            i++;
            while (is(i, "(")) {
                i = row(i + 1, secret);
                if (i < 0 || !is(i, ",")) {
                    return;
                }
                i++;
            }
        } else if (is(i, "select")) {
            i++;
            if (is(i, "distinct") || is(i, "all")) {
                i++;
            }
            for (int column = 0; i < tokens.size(); column++) {
                int end = end(i, SELECT_ENDS, false);
                if (secret.test(column)) {
                    hideLiterals(i, end);
                }
                if (!is(end, ",")) {
                    return;
                }
                i = end + 1;
            }
        }
    }

    /**
     * Reads {@code SET}'s assignments from {@code i}: an {@code UPDATE}'s, an {@code ON CONFLICT}'s, or a setting's
     * ({@code SET}, {@code ALTER ROLE ... SET}). Anything else after the word ({@code SET DEFAULT}, {@code SET
     * SCHEMA}) ends the reading at once.
     */
    private void set(int i) {
        if (is(i, "session") || is(i, "local")) {
            i++;
        }
        while (i < tokens.size()) {
            if (is(i, "(")) {
                List<Boolean> secret = new ArrayList<>();
                int closed = list(i + 1, secret);
                if (closed < 0 || !is(closed + 1, "=")) {
                    return;
                }
                i = closed + 2;
                if (is(i, "row")) {
                    i++;
                }
                if (!is(i, "(") || is(i + 1, "select")) {
                    return;
                }
                i = row(i + 1, column -> column < secret.size() && secret.get(column));
            } else {
                if (i >= tokens.size() || !tokens.get(i).isName()) {
                    return;
                }
                int start = i;
                i = afterName(i);
                boolean secret = secretName(start, i);
                if (is(i, "[")) {
                    i = end(i + 1, Set.of(), false) + 1;
                }
                if (!is(i, "=") && !is(i, "to")) {
                    return;
                }
                int end = end(i + 1, SET_ENDS, false);
                if (secret) {
                    hideLiterals(i + 1, end);
                }
                i = end;
            }
            if (i < 0 || !is(i, ",")) {
                return;
            }
            i++;
        }
    }

    /**
     * Reads the {@code DEFAULT} at {@code i}: the literals of a password column's default are hidden, whether a
     * column's definition gives it ({@code password text DEFAULT '***' NOT NULL}) or {@code ALTER [COLUMN] password
     * SET DEFAULT} does; unless it is a flag's ({@link BooleanDefault}).
     */
    private void columnDefault(int i) {
        int column = is(i - 1, "set") && (is(i - 3, "column") || is(i - 3, "alter")) ? i - 2 : definedColumn(i);
        if (column >= 0 && tokens.get(column).isName() && SecretsInSql.passwordName(tokens.get(column).name())) {
            int end = end(i + 1, DEFAULT_ENDS, false);
            if (!BooleanDefault.isFlag(tokens, token -> unescaped(token).text, column, i + 1, end)) {
                hideLiterals(i + 1, end);
            }
        }
    }

    /**
     * The column whose definition holds the word at {@code i}: the first word of its element of a list (after
     * {@code (} or {@code ,}: a table's columns, a function's arguments), or what {@code ADD [COLUMN] [IF NOT
     * EXISTS]} adds; -1 where the word stands first itself ({@code VALUES ('a', DEFAULT)}) or in no list.
     */
    private int definedColumn(int i) {
        int depth = 0;
        for (int k = i - 1; k >= 0; k--) {
            SqlToken token = tokens.get(k);
            if (token.is(")")) {
                depth++;
            } else if (token.is("(") && depth > 0) {
                depth--;
            } else if (depth == 0 && (token.is("(") || token.is(",") || token.is("add") || token.is("column"))) {
                int first = is(k + 1, "if") && is(k + 2, "not") && is(k + 3, "exists") ? k + 4 : k + 1;
                return first < i ? first : -1;
            } else if (token.is(";") || token.is("`")) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Reads {@code format}'s string at {@code i}: the arguments that its specifiers after the word password take
     * ({@code PASSWORD %L}, {@code password=%s}, {@code %2$L}) are hidden.
     */
    private void format(int i) {
        String format = unescaped(tokens.get(i)).text;
        List<Integer> secret = new ArrayList<>();
        Matcher specifier = FORMAT_SPECIFIER.matcher(format);
        int next = 1;
        int after = 0;
        while (specifier.find()) {
            if (specifier.group(2).equals("%")) {
                continue;
            }
            int argument = specifier.group(1) == null ? next : Integer.parseInt(specifier.group(1));
            next = argument + 1;
            if (ENDS_WITH_PASSWORD.matcher(format.substring(after, specifier.start())).find()) {
                secret.add(argument);
            }
            after = specifier.end();
        }
        int argument = 0;
        for (int at = i + 1; is(at, ","); argument++) {
            int end = end(at + 1, Set.of(), false);
            if (secret.contains(argument + 1)) {
                hideLiterals(at + 1, end);
            }
            at = end;
        }
    }

    /** Hides the literals of argument {@code n} (from 1) of the call whose arguments start at {@code i}. */
    private void argument(int i, int n) {
        for (int k = 1; i < tokens.size(); k++) {
            int end = end(i, Set.of(), false);
            if (k == n) {
                hideLiterals(i, end);
                return;
            }
            if (!is(end, ",")) {
                return;
            }
            i = end + 1;
        }
    }

    /**
     * Which places of the rows of an {@code INSERT} that lists no columns into the table named from {@code from} to
     * {@code to} are a password column's, by the table's columns in their order; a place past its last column too, as
     * the table may have gained columns the reading did not follow. Where its columns are not known, every place is,
     * or (not {@link TableColumns#hidesUnknown}) none: null.
     */
    private IntPredicate columnsOf(int from, int to) {
        String schema = to - from == 3 ? tokens.get(from).name() : null;
        Optional<List<String>> known = columns.of(schema, tokens.get(to - 1).name());
        if (known.isEmpty()) {
            return columns.hidesUnknown() ? column -> true : null;
        }
        List<String> names = known.get();
        return column -> column >= names.size() || SecretsInSql.passwordName(names.get(column));
    }

    /**
     * Reads a list of names from {@code i} up to its closing parenthesis, noting for each whether it names a
     * password column; where the parenthesis is, or -1 when none closes the list.
     */
    private int list(int i, List<Boolean> secret) {
        while (i < tokens.size()) {
            SqlToken name = tokens.get(i);
            secret.add(name.isName() && SecretsInSql.passwordName(name.name()));
            // A column may be followed by a field or a subscript: name.field, name[1].
            i = end(i, Set.of(), false);
            if (is(i, ")")) {
                return i;
            }
            if (!is(i, ",")) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /**
     * Reads a row's values from {@code i} up to its closing parenthesis, hiding the literals of those whose place
     * {@code secret} marks; where the reading ends (after the parenthesis), or -1.
     */
    private int row(int i, IntPredicate secret) {
        for (int column = 0; i < tokens.size(); column++) {
            int end = end(i, Set.of(), false);
            if (secret.test(column)) {
                hideLiterals(i, end);
            }
            if (is(end, ")")) {
                return end + 1;
            }
            if (!is(end, ",")) {
                return -1;
            }
            i = end + 1;
        }
        return -1;
    }

    /**
     * Where the expression from {@code i} ends: at a comma, a semicolon or a closing parenthesis outside the
     * parentheses it opens, at one of the words {@code ends}, at {@code ||} when {@code operand}, or at the end. A
     * backtick ends it too, in any parentheses: no statement has one outside its strings and names, and Retort's
     * messages quote a statement in backticks. Read as a default's, the words of a message after the statement made a
     * flag's {@code DEFAULT 'false'} a password in the message but not in the statement.
     */
    private int end(int i, Set<String> ends, boolean operand) {
        int depth = 0;
        for (; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.is("`")) {
                return i;
            } else if (token.is("(") || token.is("[")) {
                depth++;
            } else if (token.is(")") || token.is("]")) {
                if (depth-- == 0) {
                    return i;
                }
            } else if (depth == 0 && (token.is(",") || token.is(";") || operand && token.is("||")
                    || token.kind() == SqlToken.Kind.WORD && ends.contains(token.name()))) {
                return i;
            }
        }
        return i;
    }

    /** Past a name from {@code i}: {@code users}, {@code public.users}, {@code "app.jwt_secret"}. */
    private int afterName(int i) {
        while (i < tokens.size() && tokens.get(i).isName()) {
            if (!is(i + 1, ".")) {
                return i + 1;
            }
            i += 2;
        }
        return i;
    }

    /**
     * Whether the name from {@code start} to {@code end} is a password column's, or a setting's (it has a dot) that
     * names a secret.
     */
    private boolean secretName(int start, int end) {
        String last = tokens.get(end - 1).name();
        boolean setting = end - start > 1 || last.contains(".");
        if (setting) {
            return SECRET_SETTING.matcher(last.substring(last.lastIndexOf('.') + 1)).matches();
        }
        return SecretsInSql.passwordName(last);
    }

    /** Hides every literal from {@code from} to {@code to} but the arguments of {@link #NO_SECRET_IN}. */
    private void hideLiterals(int from, int to) {
        for (int i = from; i < to && i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.WORD && NO_SECRET_IN.contains(token.name()) && is(i + 1, "(")) {
                i = end(i + 2, Set.of(), false);
            } else if (token.isString()) {
                hide(token);
            }
        }
    }

    private void hide(SqlToken literal) {
        if (literal.contentEnd() > literal.contentStart()) {
            hidden.add(new int[] {at(literal.contentStart()), at(literal.contentEnd())});
        }
    }

    /** Where the character at {@code i} of the text read stands in the statement (its end, for the text's end). */
    private int at(int i) {
        return origin == null ? i : origin[i];
    }

    private boolean is(int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).is(word);
    }

    /** Reads what {@code token} holds (a DO block's body, the statement a block executes) as a statement too. */
    private void readInside(SqlToken token, int depth) {
        if (!mayHold(token.text(), columns != null)) {
            return;
        }
        Unescaped inside = unescaped(token);
        int[] map = new int[inside.origin.length];
        for (int j = 0; j < map.length; j++) {
            map[j] = at(inside.origin[j]);
        }
        read(inside.text, map, depth, hidden, columns);
    }

    /**
     * What a string or quoted name holds, as the statement inside it reads: {@code ''} is a quote, as is {@code \'} in
     * an escape string; with where each of its characters stands in the text read, and where its end does.
     */
    private static Unescaped unescaped(SqlToken token) {
        String content = token.content();
        char quote = token.kind() == SqlToken.Kind.NAME ? '"' : '\'';
        boolean doubled = token.kind() != SqlToken.Kind.DOLLAR_STRING;
        StringBuilder text = new StringBuilder(content.length());
        int[] origin = new int[content.length() + 1];
        int n = 0;
        for (int j = 0; j < content.length(); j++) {
            char c = content.charAt(j);
            origin[n++] = token.contentStart() + j;
            text.append(c);
            boolean escaped = doubled && c == quote && j + 1 < content.length() && content.charAt(j + 1) == quote
                    || token.kind() == SqlToken.Kind.ESCAPE_STRING && c == '\\' && j + 1 < content.length();
            if (escaped) {
                if (c == '\\') {
                    text.setCharAt(text.length() - 1, content.charAt(j + 1));
                }
                j++;
            }
        }
        origin[n++] = token.contentEnd();
        return new Unescaped(text.toString(), Arrays.copyOf(origin, n));
    }

    private record Unescaped(String text, int[] origin) {
    }
}
