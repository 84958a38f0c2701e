package dev.retort.script;

import dev.retort.RetortException;

/** A migration file that cannot be read, parsed, compiled or written; the message names the file. */
public class ScriptException extends RetortException {
    private static final long serialVersionUID = 1L;

    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
