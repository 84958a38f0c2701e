package dev.retort.dialect;

import dev.retort.RetortException;

/**
 * An SQL script that cannot be divided into statements, such as one with an unterminated string.
 *
 * <p>The message names the problem and its line, for example "unterminated dollar-quoted string
 * starting at line 12"; the caller adds the file's name.
 */
public class SqlSyntaxException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public SqlSyntaxException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line where the faulty construct starts. */
    public int line() {
        return line;
    }
}
