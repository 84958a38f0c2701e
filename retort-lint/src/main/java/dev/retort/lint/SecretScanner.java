package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule RT116: finds what looks like a password, token or private key in a migration's text.
 *
 * <p>A migration is committed and reviewed by many people, so a credential in it is a leak. Each
 * finding names the line and shows a redacted form ({@code postgresql://app:***@db}); the secret
 * itself never appears in a message. Values that are obviously not secrets, such as {@code ${VAR}},
 * {@code :password} bind names, {@code change-me}, {@code ***}, {@code <password>} and empty strings,
 * are ignored. One finding per line is enough to send the reader there. The passwords that a statement's structure
 * rather than its text makes secret (a password column's value in an {@code INSERT}'s rows) are
 * {@link SecretStatements}'.
 */
final class SecretScanner {
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----");
    /** {@code PASSWORD 'x'} or {@code PASSWORD $$x$$} (any dollar tag): the value is group 1 or group 3. */
    private static final Pattern ROLE_PASSWORD = Pattern.compile(
            "\\bPASSWORD\\s+(?:'((?:[^']|'')*)'|\\$(\\w*)\\$(.*?)\\$\\2\\$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]*)://([^\\s:/@'\"]+):([^\\s'\"/]*)@([A-Za-z0-9.\\[\\]-]+)");
    private static final Pattern JDBC_PASSWORD = Pattern.compile(
            "\\b(jdbc:[^\\s'\"?]*[?;&][^\\s'\"]*?\\bpassword=)([^&;\\s'\"]*)", Pattern.CASE_INSENSITIVE);
    /**
     * libpq's keyword/value connection string, as {@code dblink} and {@code postgres_fdw} take it: an unquoted
     * {@code password=x} next to another of its keywords ({@code host=db user=app password=x}); the value is group 1
     * or group 2.
     */
    private static final Pattern LIBPQ_PASSWORD = Pattern.compile(
            "\\b(?:host|hostaddr|dbname|user|port)=[^\\s'\"].*?\\bpassword=([^\\s'\"]+)"
                    + "|\\bpassword=([^\\s'\"]+).*?\\b(?:host|hostaddr|dbname|user|port)=[^\\s'\"]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AWS_KEY = Pattern.compile("\\b((?:AKIA|ASIA)[0-9A-Z]{16})\\b");
    private static final Pattern GITHUB_TOKEN = Pattern.compile("\\b((?:gh[pousr]_[A-Za-z0-9]{20,})|(?:github_pat_[A-Za-z0-9_]{20,}))");
    private static final Pattern SLACK_TOKEN = Pattern.compile("\\b(xox[bpars]-[A-Za-z0-9-]{10,})");
    private static final Pattern JWT = Pattern.compile("\\b(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})");
    /**
     * {@code password = "x"}, {@code "api_key": "x"}, {@code dbPassword => 'x'}: a key ending in a secret's word. The
     * key starts where a run of its characters does: tried from every character of a long run (a 5 MB literal), the
     * run was read to its end from each, a time that grew with the square of its length.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey))[\"']?"
                    + "\\s*(?:=|:|=>)\\s*([\"'])((?:(?!\\2).)*)\\2", Pattern.CASE_INSENSITIVE);
    /** {@code signingKey = "..."} with a long, random-looking value. */
    private static final Pattern KEY_ASSIGNMENT = Pattern.compile(
            "(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*key)[\"']?\\s*(?:=|:|=>)\\s*([\"'])([A-Za-z0-9+/=_-]{32,})\\2",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\s*|\\$\\{[^}]*}|\\$[A-Z_][A-Z0-9_]*|\\{\\{.*}}|:[A-Za-z_]\\w*|<[^>]*>|\\*+|x+|\\.+|\\?|%s|"
                    + "(?i:change[-_ ]?me|changeit|placeholder|redacted|secret|password|your[-_ ]?\\w+|example|"
                    + "dummy|todo|none|null|env:\\w+)",
            Pattern.CASE_INSENSITIVE);

    private SecretScanner() {
    }

    /** The lines of {@code text} that hold something that looks like a secret. */
    static List<Hit> scan(String text) {
        List<Hit> hits = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String finding = inspect(lines.get(i));
            if (finding != null) {
                hits.add(new Hit(RuleCatalog.SECRET, finding + "; move it to the environment or a secret store and "
                        + "rotate it, since the file is in version control", i + 1));
            }
        }
        return hits;
    }

    /** What {@code line} holds, redacted, or null if it looks clean. */
    private static String inspect(String line) {
        Matcher m;
        if ((m = PRIVATE_KEY.matcher(line)).find()) {
            return "holds a private key (" + m.group() + ")";
        }
        if ((m = URL_PASSWORD.matcher(line)).find() && !isPlaceholder(m.group(3))) {
            return "holds a connection string with a password (" + m.group(1) + "://" + m.group(2) + ":***@"
                    + m.group(4) + ")";
        }
        if ((m = JDBC_PASSWORD.matcher(line)).find() && !isPlaceholder(m.group(2))) {
            return "holds a JDBC URL with a password (" + m.group(1) + "***)";
        }
        if ((m = LIBPQ_PASSWORD.matcher(line)).find() && !isPlaceholder(m.group(1) != null ? m.group(1) : m.group(2))) {
            return "holds a connection string with a password (password=***)";
        }
        if ((m = ROLE_PASSWORD.matcher(line)).find() && !isPlaceholder(m.group(1) != null ? m.group(1) : m.group(3))) {
            return "sets a role's password as a literal (PASSWORD '***')";
        }
        if ((m = AWS_KEY.matcher(line)).find()) {
            return "holds an AWS access key (" + m.group(1).substring(0, 4) + "****************)";
        }
        if ((m = GITHUB_TOKEN.matcher(line)).find()) {
            return "holds a GitHub token (" + m.group(1).substring(0, m.group(1).indexOf('_') + 1) + "***)";
        }
        if ((m = SLACK_TOKEN.matcher(line)).find()) {
            return "holds a Slack token (" + m.group(1).substring(0, 5) + "***)";
        }
        if ((m = JWT.matcher(line)).find()) {
            return "holds what looks like a JSON Web Token (eyJ***)";
        }
        m = ASSIGNMENT.matcher(line);
        while (m.find()) {
            if (!isPlaceholder(m.group(3))) {
                return "assigns a literal to " + m.group(1) + " (" + m.group(1) + " = " + m.group(2) + "***"
                        + m.group(2) + ")";
            }
        }
        m = KEY_ASSIGNMENT.matcher(line);
        while (m.find()) {
            if (entropy(m.group(3)) >= 3.5) {
                return "assigns a long random-looking literal to " + m.group(1) + " (" + m.group(1) + " = "
                        + m.group(2) + "***" + m.group(2) + ")";
            }
        }
        return null;
    }

    static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value.strip()).matches();
    }

    /** Shannon entropy in bits per character: about 4 to 6 for random keys, under 3 for words and repeats. */
    static double entropy(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : value.toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            bits += term(count, value.length());
        }
        return bits + term(other, value.length());
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return -p * Math.log(p) / Math.log(2);
    }
}
