package dev.retort.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value a migration gave a timeout ({@code lock_timeout}, {@code statement_timeout}) before the statement that
 * ran out of it, read from the statements it wrote: the one in force then, over the run's from retort.toml, which
 * a failure would otherwise name. Read only once a statement has failed on a timeout, never on a run's way.
 */
final class TimeoutInForce {
    /** {@code SET [SESSION | LOCAL] name {= | TO} value}; group 1 is the value, to the end of the statement. */
    private static final String SET = "(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*SET\\s+(?:(?:SESSION|LOCAL)\\s+)?"
            + "\"?%s\"?\\s*(?:=|\\bTO\\b)\\s*(.*?)\\s*;?\\s*$";
    /** {@code RESET name}, which gives back the default of the server, the database or the role. */
    private static final String RESET = "(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*RESET\\s+\"?%s\"?\\s*;?\\s*$";
    /** {@code set_config('name', 'value', ...)}; group 1 is the value. */
    private static final String SET_CONFIG = "(?i)\\bset_config\\s*\\(\\s*'%s'\\s*,\\s*'([^']*)'";
    /** How a value that is the default reads: what {@code RESET} and {@code SET ... TO DEFAULT} give back. */
    static final String DEFAULT = "the default of the server, the database or the role";

    private TimeoutInForce() {
    }

    /**
     * What the last of {@code statements} before {@code failed} set {@code name} to: {@code 200ms}, {@code 0}, or
     * {@link #DEFAULT}; empty when none of them sets it. When {@code failed} is null or not among them (a step sent
     * to the server as one query, whose failed statement is not known), the last of all of them.
     */
    static Optional<String> setBefore(List<String> statements, String failed, String name) {
        Pattern set = Pattern.compile(String.format(SET, name));
        Pattern reset = Pattern.compile(String.format(RESET, name));
        Pattern setConfig = Pattern.compile(String.format(SET_CONFIG, name));
        Optional<String> value = Optional.empty();
        for (String statement : statements) {
            if (failed != null && statement.strip().equals(failed.strip())) {
                return value;
            }
            Matcher m = set.matcher(statement);
            if (m.find()) {
                value = Optional.of(unquoted(m.group(1)));
            } else if (reset.matcher(statement).find()) {
                value = Optional.of(DEFAULT);
            } else {
                Matcher config = setConfig.matcher(statement);
                while (config.find()) {
                    value = Optional.of(config.group(1));
                }
            }
        }
        return value;
    }

    private static String unquoted(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && !v.equals("0")) {
            return v + "ms"; // as PostgreSQL reads a bare number
        }
        return v.toLowerCase(Locale.ROOT).equals("default") ? DEFAULT : v;
    }
}
