package dev.retort.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in configuration values, looking in the command line's
 * {@code -x VAR=value} arguments first, then in the environment and then in {@code .env}.
 *
 * <p>{@code -x} comes first, as Alembic's {@code -x} reaches {@code env.py}, where its configuration is made: one
 * command of a loop over tenants says {@code retort -x tenant=acme upgrade head}, and {@code retort.toml} takes the
 * tenant's schema from {@code ${tenant}}, while its Java migrations read the same argument. The command line is the
 * more particular of the sources, as {@code --url} comes before {@code DATABASE_URL}. {@code -x url=} is not among
 * the arguments: it sets the database, and its password stays out of every other value.
 *
 * <p>As in the shell, {@code :-} uses the default when the variable is unset or empty, and {@code ${VAR:?message}}
 * ({@code ${VAR?message}}: unset only) stops with the message when it is unset or empty: a deploy whose secret did
 * not arrive says so, where {@code database_url = "${DATABASE_URL}"} would fall through to the next source of a URL
 * (and, with none, to the embedded PostgreSQL). A {@code $} not followed by {@code {} is kept as it is, and a default
 * or a message is taken literally up to the first {@code }}.
 */
final class VariableExpander {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** What may follow a name: a default ({@code :-}) or a message for a variable that must be set. */
    private static final Pattern OPERATOR = Pattern.compile(":-|:\\?|\\?");

    private final Map<String, String> arguments;
    private final Map<String, String> environment;
    private final DotEnv dotEnv;
    /** How a message says where a variable was looked for, after "is not". */
    private final String sources;

    VariableExpander(Map<String, String> environment, DotEnv dotEnv) {
        this(Map.of(), environment, dotEnv, ArgumentNames.COMMAND_LINE);
    }

    /**
     * @param arguments the {@code -x} arguments, without {@code url}
     * @param names     how messages name the arguments
     */
    VariableExpander(Map<String, String> arguments, Map<String, String> environment, DotEnv dotEnv,
            ArgumentNames names) {
        this.arguments = arguments;
        this.environment = environment;
        this.dotEnv = dotEnv;
        this.sources = names.variableSources();
    }

    /** Where a variable was looked for, as a message says it after "is not". */
    String sources() {
        return sources;
    }

    /** What a value became: its expanded text, or the first variable that has no value. */
    sealed interface Result {
        record Expanded(String value) implements Result {}

        record Unset(String variable) implements Result {}
    }

    /**
     * Expands every reference in {@code text}.
     *
     * @param where names the value in errors, such as {@code "retort.toml line 2: database_url"}
     * @throws ConfigException if a reference is not closed or names no valid variable
     */
    Result expand(String text, String where) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new ConfigException(where + " has a '${' without a closing '}'.");
            }
            String reference = text.substring(start + 2, end);
            Matcher operator = OPERATOR.matcher(reference);
            int at = operator.find() ? operator.start() : reference.length();
            String name = reference.substring(0, at);
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(where + " refers to '${" + name + "}', which is not a variable name;"
                        + " use letters, digits and underscores, as in ${DATABASE_URL}.");
            }
            String value = lookup(name);
            String word = at < reference.length() ? reference.substring(operator.end()) : "";
            if (at < reference.length() && operator.group().equals(":-") && (value == null || value.isEmpty())) {
                value = word;
            } else if (at < reference.length() && operator.group().endsWith("?")
                    && (value == null || operator.group().equals(":?") && value.isEmpty())) {
                throw new ConfigException(where + " needs ${" + name + "}, which is " + (value == null
                        ? "not " + sources : "empty") + (word.isBlank() ? "." : ": " + word.strip()
                        + (word.strip().matches(".*[.!?]") ? "" : ".")));
            }
            if (value == null) {
                return new Result.Unset(name);
            }
            out.append(value);
            i = end + 1;
        }
        return new Result.Expanded(out.toString());
    }

    private String lookup(String name) {
        String argument = arguments.get(name);
        if (argument != null) {
            return argument;
        }
        String value = environment.get(name);
        return value != null ? value : dotEnv.get(name);
    }
}
