package dev.retort.runtime;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Where in a failed statement the server's error is, so that the error can name the line of the file rather than
 * the line the statement starts on: a typo in the twentieth line of a function body is then found at once. The
 * server says it two ways: a syntax error (in SQL, or in a PL/pgSQL body as it compiles) has a position in the
 * statement, and a PL/pgSQL error at run time has a context, {@code PL/pgSQL function inline_code_block line 8 at
 * SQL statement}, that counts lines from the start of a {@code DO} block's body.
 */
final class ErrorPosition {
    /** The outermost context line of a {@code DO} block, the block the statement is: its line in the body. */
    private static final Pattern DO_BLOCK_LINE =
            Pattern.compile("PL/pgSQL function inline_code_block line (\\d+)");
    /** A {@code DO} statement up to the quote that opens its body ({@code $$}, {@code $do$} or {@code '}). */
    private static final Pattern DO_BODY = Pattern.compile(
            "(?is)\\s*DO\\s+(?:LANGUAGE\\s+\\w+\\s+)?(?:\\$(?:[a-z_][a-z_0-9]*)?\\$|E?')");
    private static final String FUNCTION = "PL/pgSQL function ";

    private ErrorPosition() {
    }

    /**
     * How many lines below the first line of {@code sql} the error {@code e} is, when the server says; 0 when it
     * does not. {@code offset} is where {@code sql} starts in the query that was sent, in characters: 0 for a
     * statement sent alone.
     */
    static int linesInto(String sql, int offset, SQLException e) {
        ServerErrorMessage error = serverError(e);
        if (error == null) {
            return 0;
        }
        int position = error.getPosition() - 1 - offset;
        if (error.getPosition() > 0 && position >= 0 && position <= sql.codePointCount(0, sql.length())) {
            return newlines(sql, sql.offsetByCodePoints(0, position));
        }
        Matcher body = DO_BODY.matcher(sql);
        Matcher line = DO_BLOCK_LINE.matcher(error.getWhere() == null ? "" : error.getWhere());
        int bodyLine = 0;
        while (line.find()) {
            bodyLine = Integer.parseInt(line.group(1)); // the last: a block may call one that ran another
        }
        if (bodyLine > 0 && body.lookingAt()) {
            return newlines(sql, body.end()) + bodyLine - 1;
        }
        return 0;
    }

    /**
     * The function the error {@code e} happened in, when it is one the statement called rather than a {@code DO}
     * block: {@code " (in PL/pgSQL function backfill() line 8 at PERFORM)"}; empty otherwise.
     */
    static String inFunction(SQLException e) {
        ServerErrorMessage error = serverError(e);
        String where = error == null || error.getWhere() == null ? "" : error.getWhere();
        for (String line : where.split("\n")) {
            if (line.startsWith(FUNCTION)) {
                return line.startsWith(FUNCTION + "inline_code_block ") ? "" : " (in " + line.strip() + ")";
            }
        }
        return "";
    }

    /** The server's own error behind {@code e}, or null when it comes from elsewhere (the driver, the network). */
    static ServerErrorMessage serverError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }

    private static int newlines(String sql, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
