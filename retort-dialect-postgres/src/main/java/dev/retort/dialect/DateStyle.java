package dev.retort.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the statements that take the session's {@code DateStyle} output format away from ISO: {@code SET DateStyle =
 * 'German'}, {@code SET datestyle TO SQL, DMY}, {@code set_config('DateStyle', 'Postgres', false)}.
 *
 * <p>The JDBC driver a live run uses reads dates and times in ISO format only: when the server reports another
 * DateStyle it drops the connection. The run then failed with a message that named the statement before and blamed a
 * server restart. Changing only the field order ({@code SET DateStyle = 'DMY'}, {@code 'ISO, DMY'}) keeps ISO output,
 * and so does {@code RESET DateStyle}, which goes back to the ISO the driver asked for when it connected.
 */
public final class DateStyle {
    /** {@code SET [SESSION | LOCAL] DateStyle {= | TO} value [, ...]}: group 1 the values. */
    private static final Pattern SET = Pattern.compile(
            "(?is)SET\\s+(?:(?:SESSION|LOCAL)\\s+)?(?:datestyle|\"datestyle\")\\s*(?:=|\\bTO\\b)\\s*(.*?)\\s*;?\\s*");
    private static final Pattern SET_CONFIG = Pattern.compile(
            "(?i)\\bset_config\\s*\\(\\s*'datestyle'\\s*,\\s*'([^']*)'");
    /** The output formats other than ISO, which PostgreSQL takes in any case. */
    private static final Pattern NOT_ISO = Pattern.compile("(?i)(?:^|[\\s,'\"])(SQL|Postgres|German)(?=$|[\\s,'\"])");

    private DateStyle() {
    }

    /**
     * The DateStyle other than ISO that {@code sql} sets, without quotes ({@code SQL, DMY}); null when it sets none,
     * or only the field order.
     */
    public static String notIso(String sql) {
        int start = TransactionControl.codeStart(sql);
        Matcher set = SET.matcher(sql).region(start, sql.length());
        if (set.matches()) {
            return NOT_ISO.matcher(set.group(1)).find() ? set.group(1).replaceAll("['\"]", "") : null;
        }
        // A value that is not a literal cannot be told; the driver of a live run still refuses it when it runs.
        Matcher config = SET_CONFIG.matcher(sql);
        while (!ClientEncoding.definesRoutine(sql) && config.find()) {
            if (NOT_ISO.matcher(config.group(1)).find()) {
                return config.group(1);
            }
        }
        return null;
    }
}
