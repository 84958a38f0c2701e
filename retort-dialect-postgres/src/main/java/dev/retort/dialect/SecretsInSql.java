package dev.retort.dialect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the passwords a migration's statements may carry ({@code CREATE ROLE app PASSWORD '...'}, a foreign
 * server's {@code OPTIONS (password '...')}, a {@code dblink} connection string's {@code password=...}) where
 * Retort shows a statement: its error messages, the statements {@code --debug} logs and its stack traces. The
 * migration itself keeps them (the lint rule for secrets says to move them out); a terminal, a CI log or a bug
 * report should not.
 *
 * <p>The value after the word {@code password} is hidden in every form PostgreSQL reads it in: a string, an
 * escape string ({@code E'...'}), a string with Unicode escapes ({@code U&'...'}), a dollar-quoted string, a string
 * quoted inside another ({@code ''...''} in a {@code DO} block's {@code EXECUTE}), with comments before it, or
 * after {@code =} in a connection string. The word may have a prefix ({@code sslpassword=}, {@code DB_PASSWORD=}).
 * A URL's password ({@code postgresql://app:***@db}, as {@code dblink} and {@code postgres_fdw} also take a
 * connection string) is hidden wherever it appears, since an error message may quote a URL given in the wrong place
 * on the command line. Where a statement's structure rather than a word before it makes a value secret (a password
 * column's, in every row of an {@code INSERT}), {@link SecretPlaces} finds it. The values of a key a server's error
 * quotes ({@code Key (password_hash)=(***) is duplicated}) are hidden where a password column is part of it.
 */
public final class SecretsInSql {
    /**
     * A name that holds a password, or its hash (a leaked hash can be cracked): it ends in {@code password} or
     * {@code passwd}, maybe with a number and {@code _hash}, {@code _hashed} or {@code _digest} after it
     * ({@code db_password2}, {@code password_hash}), after any prefix ({@code user2_password}, {@code sslpassword},
     * {@code encrypted_password}). What follows the word otherwise ({@code password_reset_at}, {@code
     * password_expires}) is something about a password, a date most often, and no secret.
     */
    private static final String PASSWORD_NAME = "[a-z0-9_]*(?:password|passwd)\\d*(?:_(?:hash|hashed|digest)\\d*)?";
    private static final Pattern PASSWORD = Pattern.compile("(?i)\\b" + PASSWORD_NAME + "\\b");
    /** A key or setting named for a secret other than a password, whose value is hidden where it is a key's. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i)\\b[a-z_]*(?:passwd|secret|token|api_?key|private_?key|secret_?key)\\b");
    /**
     * What stands after the word password where no password does: a function's call ({@code crypt(}), a name's
     * ({@code EXCLUDED.password}), {@code NULL}, a parameter, or a specifier of {@code format} ({@code %L}).
     */
    private static final Pattern NO_PASSWORD = Pattern.compile("(?i)null|default|[a-z_][a-z_0-9]*\\(.*"
            + "|[a-z_][a-z_0-9]*\\." + PASSWORD_NAME + "|\\$\\d+|%(?:\\d+\\$)?-?\\d*[sil]");
    /**
     * A value hidden before, with the punctuation of the sentence that quotes it: {@code password=***)} in
     * {@code DATABASE_URL in .env (jdbc:...&password=***) has ...}, whose parenthesis is no password's.
     */
    private static final Pattern ALREADY_HIDDEN = Pattern.compile("\\*\\*\\*[).,;:]*");
    /** The text between a string's closing quote and what is appended to it: {@code ' || quote_literal(}. */
    private static final Pattern CONCATENATION = Pattern.compile("'?\\s*\\|\\|");
    /**
     * The user part of a URL, {@code //user:password@}: the password may hold an unescaped {@code @} (the user part
     * ends at the last one before the host, as Retort reads URLs) or a quote, but no space or {@code /}.
     */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("//([^\\s/?#@:'\"`]*):([^\\s/?#`]*)@");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");
    /**
     * A key that a server's error quotes with its values, up to the values: {@code Key (email, password_hash)=(}, of
     * {@code Key (email, password_hash)=(a@example.com, x) already exists}, and {@code key (...)=(} of an exclusion's
     * {@code conflicts with existing key (...)=(...)}.
     */
    private static final Pattern QUOTED_KEY = Pattern.compile("\\b[Kk]ey \\(([^\\n]+?)\\)=\\(");
    /** What the server writes after a key's values, whose closing parenthesis ends them. */
    private static final Pattern AFTER_KEY_VALUES = Pattern.compile("\\) (?:already exists|is duplicated|is not "
            + "present|is still referenced|conflicts with)");
    private static final Pattern ROLE_STATEMENT = Pattern.compile("(?i)\\b(?:CREATE|ALTER)\\s+(?:ROLE|USER|GROUP)\\b");
    private static final String HIDDEN = "***";
    /**
     * A password of letters, digits and {@code _} shorter than this is hidden only where it stands as a password (a
     * URL's, or after the word password): sought in a message's prose, {@code the}, {@code app} or {@code step}
     * would be hidden wherever the word is written.
     */
    private static final int SHORTEST_WORD_SOUGHT = 6;

    private SecretsInSql() {
    }

    /**
     * {@code text} with every password value replaced by {@code ***}. The values of an {@code INSERT} that lists no
     * columns are left as they are, as nothing here says which of them is a password: Retort's messages quote such a
     * statement masked by the columns of its table already ({@link #masked(String, TableColumns)}).
     */
    public static String masked(String text) {
        return masked(text, null, new ArrayList<>());
    }

    /**
     * {@code sql} with every password value replaced by {@code ***}, those of the password columns of an {@code INSERT}
     * that lists no columns too, by {@code columns}.
     */
    public static String masked(String sql, TableColumns columns) {
        return masked(sql, columns, new ArrayList<>());
    }

    /**
     * The password values {@link #masked} hides in {@code sql}, as written: for hiding them where a server's message
     * quotes them ({@code syntax error at or near "S3cret"}, for a password written without its quotes).
     */
    public static List<String> values(String sql) {
        return values(sql, null);
    }

    /** The password values {@link #masked(String, TableColumns)} hides in {@code sql}, as written. */
    public static List<String> values(String sql, TableColumns columns) {
        List<String> found = new ArrayList<>();
        masked(sql, columns, found);
        return found;
    }

    /**
     * {@code message} with the passwords of {@code sql} hidden where it quotes them, as the server's do
     * ({@code syntax error at or near "S3cret"}). One shorter than four characters is left, as it would hide parts of
     * other words.
     */
    public static String hiddenIn(String message, String sql) {
        return sql == null ? message : hiddenIn(message, List.of(sql));
    }

    /** {@code message} with the passwords of every one of {@code statements} hidden, as {@link #hiddenIn} does. */
    public static String hiddenIn(String message, List<String> statements) {
        List<String> found = new ArrayList<>();
        for (String sql : statements) {
            found.addAll(values(sql));
        }
        return hiddenValues(message, found);
    }

    /**
     * {@code message} with {@code values}, passwords {@link #values} found, hidden where it quotes them; one shorter
     * than four characters is left, as it would hide parts of other words.
     */
    public static String hiddenValues(String message, List<String> values) {
        if (message == null) {
            return message;
        }
        String shown = message;
        for (String value : values) {
            if (value.length() >= 4 && !value.equals(HIDDEN)) {
                shown = hiddenAsToken(shown, value);
            }
        }
        return shown;
    }

    /**
     * {@code text} with {@code secret} made {@code ***} where it stands as a token of its own: not where a letter,
     * digit or {@code _} joins it to a longer word ({@code orders_total}), as hiding it there garbles the message
     * ({@code ***ort} for the {@code p} of {@code port}) and shows what the secret is made of. An end of the secret
     * that is none of those, as {@code p@ss!}'s, joins to nothing, so such a secret is hidden wherever it stands.
     */
    public static String hiddenAsToken(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
            int end = at + secret.length();
            if (at < copied || joined(text, at - 1, secret.charAt(0))
                    || joined(text, end, secret.charAt(secret.length() - 1))) {
                continue;
            }
            out.append(text, copied, at).append(HIDDEN);
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * {@code text} with a connection's {@code password} hidden where it stands as a token ({@link #hiddenAsToken}); one
     * short enough to be an ordinary word and made of word characters only is left to where it stands as a password.
     */
    public static String hiddenPassword(String text, String password) {
        boolean word = password != null && password.chars().allMatch(c -> partOfWord((char) c));
        return word && password.length() < SHORTEST_WORD_SOUGHT ? text : hiddenAsToken(text, password);
    }

    /** Whether the character of {@code text} at {@code i} continues the word that a secret's {@code edge} ends. */
    private static boolean joined(String text, int i, char edge) {
        return i >= 0 && i < text.length() && partOfWord(edge) && partOfWord(text.charAt(i));
    }

    private static boolean partOfWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String masked(String text, TableColumns columns, List<String> found) {
        if (text != null && text.contains("//")) {
            Matcher url = URL_CREDENTIALS.matcher(text);
            if (url.find()) {
                // The example URL of Retort's hints, postgresql://user:password@host:port/database, stays as it is.
                text = url.replaceAll(match -> {
                    if (match.group(2).equalsIgnoreCase("password")) {
                        return Matcher.quoteReplacement(match.group());
                    }
                    found.add(match.group(2));
                    return Matcher.quoteReplacement("//" + match.group(1) + ":" + HIDDEN + "@");
                });
            }
        }
        if (text != null && text.contains(")=(")) {
            text = keyValuesHidden(text, found);
        }
        if (text == null || !SecretPlaces.mayHold(text, columns != null)) {
            return text;
        }
        List<int[]> hidden = new ArrayList<>();
        afterWords(text, PASSWORD, true, hidden);
        afterWords(text, SECRET_NAME, false, hidden);
        hidden.addAll(SecretPlaces.in(text, columns));
        hidden.sort(Comparator.comparingInt((int[] range) -> range[0]).thenComparingInt(range -> -range[1]));
        StringBuilder out = new StringBuilder(text.length());
        int copied = -1;
        for (int[] range : hidden) {
            if (range[0] < copied) {
                continue;
            }
            // Keep the quotes, so the statement still reads as what it was.
            found.add(text.substring(range[0], range[1]));
            out.append(text, Math.max(copied, 0), range[0]).append(HIDDEN);
            copied = range[1];
        }
        return copied < 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * {@code text} with the values hidden of each key it quotes as the server's errors do that a password column
     * (or an expression of one) is part of: {@code Key (email, password_hash)=(***) already exists}, {@code Key
     * (lower(password_hash))=(***) is duplicated}. The server writes such a detail to a unique index built over rows
     * that share a password's hash, and the driver's exception, which {@code --debug} shows, quotes it.
     */
    private static String keyValuesHidden(String text, List<String> found) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        Matcher key = QUOTED_KEY.matcher(text);
        while (key.find()) {
            int lineEnd = text.indexOf('\n', key.end());
            lineEnd = lineEnd < 0 ? text.length() : lineEnd;
            Matcher after = AFTER_KEY_VALUES.matcher(text).region(key.end(), lineEnd);
            int end = after.find() ? after.start() : text.lastIndexOf(')', lineEnd - 1);
            if (!readsPassword(key.group(1).replace("\"", ""))) {
                continue;
            }
            // Values cut short, with no parenthesis after them: hidden up to the end of their line.
            end = end < key.end() ? lineEnd : end;
            found.add(text.substring(key.end(), end));
            out.append(text, copied, key.end()).append(HIDDEN);
            copied = end;
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * Adds where the values after each match of {@code words} in {@code text} are: after the keyword ({@code PASSWORD
     * 'x'}, {@code password=x}) when {@code keyword}, and after a name in quotes ({@code ('smtp_password', 'x')}).
     */
    private static void afterWords(String text, Pattern words, boolean keyword, List<int[]> hidden) {
        Matcher word = words.matcher(text);
        int from = 0;
        while (from < text.length() && word.find(from)) {
            int[] value = keyword ? hiddenAfter(text, word.start(), word.end())
                    : endsAString(text, word.start(), word.end()) ? keyedValue(text, word.start(), word.end()) : null;
            if (value == null) {
                from = word.end();
                continue;
            }
            hidden.add(new int[] {value[0], value[1]});
            from = Math.max(value[2], word.end());
        }
    }

    /**
     * Whether a column or a setting named {@code name} holds a password or its hash: {@code password},
     * {@code db_password2}, {@code sslpassword}, {@code password_hash}, {@code passwd_digest}, in any case; not
     * {@code password_reset_at} or {@code password_expires}.
     */
    static boolean passwordName(String name) {
        return PASSWORD.matcher(name).matches();
    }

    /** Whether {@code expression} reads a password column: {@code lower(password_hash)}, {@code password || ''}. */
    public static boolean readsPassword(String expression) {
        return PASSWORD.matcher(expression).find();
    }

    /**
     * The password that the word from {@code start} to {@code end} names: where it starts, where it ends and where to
     * look for the next word; null when none follows the word.
     */
    private static int[] hiddenAfter(String text, int start, int end) {
        if (endsAString(text, start, end)) {
            // A setting's name, not the keyword: ('smtp_password', 'x'), {"password": "x"}. Its value is hidden
            // when one follows; the quote after the word is no password's opening quote.
            return keyedValue(text, start, end);
        }
        int value = skipSpaceAndComments(text, end);
        boolean assigned = value < text.length() && text.charAt(value) == '=';
        if (assigned) {
            value = skipSpaceAndComments(text, value + 1);
        }
        int[] literal = literal(text, value);
        if (literal != null) {
            // PASSWORD ' || quote_literal(...): the quote closes a string that ends with the word, and SecretPlaces
            // finds what is appended to it.
            return CONCATENATION.matcher(text).region(literal[0], literal[1]).lookingAt() ? null : literal;
        }
        if (!assigned && !inRoleStatement(text, start)) {
            return null;
        }
        // password=x in a connection string; or a role's password written without its quotes, which the server
        // refuses and quotes back (syntax error at or near "x"): a mistake that should not show the password.
        // In a URL's query (?user=app&password=x&sslmode=require) the value ends at the next parameter.
        boolean inQuery = start > 0 && "?&".indexOf(text.charAt(start - 1)) >= 0;
        String stops = !assigned ? "'\";,()`" : inQuery ? "'\"&#" : "'\"";
        int after = value;
        while (after < text.length() && !Character.isWhitespace(text.charAt(after))
                && stops.indexOf(text.charAt(after)) < 0) {
            after++;
        }
        String token = text.substring(value, after);
        if (token.isEmpty() || NO_PASSWORD.matcher(token).matches() || ALREADY_HIDDEN.matcher(token).matches()) {
            return null;
        }
        return new int[] {value, after, after};
    }

    /**
     * Whether the word at {@code start} is in a statement that creates or alters a role ({@code CREATE ROLE},
     * {@code ALTER USER}, ...), which starts after the last {@code ;} or backtick before it (Retort's messages quote
     * a statement in backticks). Elsewhere a bare word after {@code password} is a column's type or name.
     */
    private static boolean inRoleStatement(String text, int start) {
        // Back to the nearer of the two, not to each: a text with no backtick would be read back to its start for
        // every word, which made a data migration of many statements take seconds to mask.
        int from = start;
        while (from > 0 && text.charAt(from - 1) != ';' && text.charAt(from - 1) != '`') {
            from--;
        }
        return ROLE_STATEMENT.matcher(text).region(from, start).find();
    }

    /**
     * Whether the word from {@code start} to {@code end} ends a string ({@code 'smtp_password'}, {@code 'reset your
     * password'}, {@code "password"}) rather than being the keyword before one ({@code PASSWORD'x'}, which PostgreSQL
     * reads too): a quote follows it at once, and either one comes right before it, or what the quote after it would
     * open reads as what stands between two strings (it has a space, a comma, a parenthesis or a semicolon). A
     * password with a space written with no space after the keyword is taken for such a string and shown.
     */
    private static boolean endsAString(String text, int start, int end) {
        if (end >= text.length() || "'\"".indexOf(text.charAt(end)) < 0) {
            return false;
        }
        if (text.charAt(end) == '"' || nameStart(text, start) >= 0) {
            return true;
        }
        int[] literal = literal(text, end);
        if (literal == null) {
            return true;
        }
        String between = text.substring(literal[0], literal[1]);
        return between.isEmpty() || between.chars().anyMatch(c -> Character.isWhitespace(c) || ",();".indexOf(c) >= 0);
    }

    /**
     * Where the quote that opens a name holding the word at {@code start} is ({@code 'smtp_password'},
     * {@code 'app.password'}, {@code ''db_password''} inside a string, {@code "password"}), or -1 when the word is no
     * name's end: some other text stands between it and the quote before it.
     */
    private static int nameStart(String text, int start) {
        int i = start - 1;
        while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || "_.-".indexOf(text.charAt(i)) >= 0)) {
            i--;
        }
        return i >= 0 && "'\"".indexOf(text.charAt(i)) >= 0 ? i : -1;
    }

    /**
     * The value given to a name that ends with the word from {@code start} to {@code end}, as a key and its value
     * are written: {@code ('smtp_password', 'x')}, {@code set_config('app.password', 'x', false)},
     * {@code {"password": "x"}}, {@code "password" = 'x'}. Where its content starts, where its closing quote starts
     * and where it ends; null when the word is no such name or no literal follows it.
     */
    private static int[] keyedValue(String text, int start, int end) {
        int open = nameStart(text, start);
        if (open < 0) {
            return null;
        }
        char quote = text.charAt(open);
        // Quoted inside a string, the name closes with a doubled quote, as it opened.
        boolean doubled = quote == '\'' && open > 0 && text.charAt(open - 1) == '\'' && text.startsWith("''", end);
        int i = skipSpaceAndComments(text, end + (doubled ? 2 : 1));
        if (text.startsWith("=>", i)) {
            i += 2;
        } else if (i < text.length() && ",:=".indexOf(text.charAt(i)) >= 0) {
            i++;
        } else {
            return null;
        }
        i = skipSpaceAndComments(text, i);
        if (quote == '"' && i < text.length() && text.charAt(i) == '"') {
            // A JSON string: closed by the next quote that no backslash escapes.
            for (int j = i + 1; j < text.length(); j++) {
                if (text.charAt(j) == '\\') {
                    j++;
                } else if (text.charAt(j) == '"') {
                    return new int[] {i + 1, j, j + 1};
                }
            }
            return null;
        }
        return literal(text, i);
    }

    private static int skipSpaceAndComments(String text, int i) {
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("/*", i)) {
                i = SqlLexer.blockCommentEnd(text, i);
            } else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * The literal starting at {@code i}: where its content starts, where its closing quote starts and where it ends;
     * null when none starts there.
     */
    private static int[] literal(String text, int i) {
        if (i >= text.length()) {
            return null;
        }
        if (text.startsWith("''", i)) {
            // Quoted inside a string: closed by the next doubled quote.
            int close = text.indexOf("''", i + 2);
            return close < 0 ? null : new int[] {i + 2, close, close + 2};
        }
        char c = text.charAt(i);
        if (c == '\'') {
            int close = closingQuote(text, i + 1, false);
            return close < 0 ? null : new int[] {i + 1, close, close + 1};
        }
        if ((c == 'E' || c == 'e') && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
            int close = closingQuote(text, i + 2, true);
            return close < 0 ? null : new int[] {i + 2, close, close + 1};
        }
        if ((c == 'U' || c == 'u') && text.startsWith("&'", i + 1)) {
            // A string with Unicode escapes (U&'d\0061t', maybe followed by UESCAPE '!'): its backslash or other
            // escape character starts a code point, never a quote, so it closes as a plain string does.
            int close = closingQuote(text, i + 3, false);
            return close < 0 ? null : new int[] {i + 3, close, close + 1};
        }
        Matcher tag = DOLLAR_TAG.matcher(text).region(i, text.length());
        if (c == '$' && tag.lookingAt()) {
            int close = text.indexOf(tag.group(), tag.end());
            return close < 0 ? null : new int[] {tag.end(), close, close + tag.group().length()};
        }
        return null;
    }

    /** The closing quote of a string whose text starts at {@code i}: {@code ''} is a quote, and so is {@code \'}. */
    private static int closingQuote(String text, int i, boolean backslashEscapes) {
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (backslashEscapes && c == '\\') {
                j++;
            } else if (c == '\'') {
                if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                    j++;
                } else {
                    return j;
                }
            }
        }
        return -1;
    }
}
