package dev.retort.script;

import java.io.PrintStream;
import java.util.List;

/**
 * What a thread printed while {@link ThreadOutput#capture its output was captured}, kept to be printed later, where
 * it belongs: a Java migration's messages, written while Retort recorded the section's operations before the run,
 * are printed when the section's step runs.
 */
public final class CapturedOutput {
    /** Nothing was printed. */
    public static final CapturedOutput NONE = new CapturedOutput(List.of());

    private final List<Piece> pieces;
    /** What System.out and System.err were while the output was captured; null when not known (nothing was). */
    private final PrintStream out;
    private final PrintStream err;

    CapturedOutput(List<Piece> pieces) {
        this(pieces, null, null);
    }

    private CapturedOutput(List<Piece> pieces, PrintStream out, PrintStream err) {
        this.pieces = List.copyOf(pieces);
        this.out = out;
        this.err = err;
    }

    /** This output, knowing that {@code out} and {@code err} were System.out and System.err while it was written. */
    CapturedOutput writtenWith(PrintStream out, PrintStream err) {
        return isEmpty() ? this : new CapturedOutput(pieces, out, err);
    }

    /**
     * This output with what was written to System.out printed on System.err instead: a SQL script printed on
     * System.out must hold nothing but SQL, so a Java migration's messages go with the log lines, as the command
     * line's {@code --sql} sends them.
     */
    public CapturedOutput outOnErr() {
        if (out == null || out == err) {
            return this;
        }
        return new CapturedOutput(pieces.stream()
                .map(p -> p.stream() == out ? new Piece(err, p.text(), p.bytes()) : p).toList(), err, err);
    }

    public boolean isEmpty() {
        return pieces.isEmpty();
    }

    /**
     * Prints what was captured, in the order it was written, each piece to the stream it was written to (which passes
     * it on, or captures it again if this thread's output is captured now). Output that does not end its line has it
     * ended, so that what is printed next, such as the next step's progress line, starts on a line of its own.
     */
    public void print() {
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (piece.text() != null) {
                piece.stream().print(piece.text());
            } else {
                piece.stream().write(piece.bytes(), 0, piece.bytes().length);
            }
            boolean last = i == pieces.size() - 1;
            if (last && !piece.endsLine()) {
                piece.stream().println();
            }
            if (last || pieces.get(i + 1).stream() != piece.stream()) {
                // The other stream's next piece must not overtake what waits in this one's buffer.
                piece.stream().flush();
            }
        }
    }

    /** Text or bytes written in one go, or one after the other, to one stream. */
    record Piece(PrintStream stream, String text, byte[] bytes) {
        boolean endsLine() {
            return text != null ? text.endsWith("\n") : bytes.length > 0 && bytes[bytes.length - 1] == '\n';
        }
    }
}
