package dev.retort.script;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a thread's writes to a {@link MutableStream} go while they are not passed on: kept, in order and with the
 * stream each went to, until {@link #take} hands them over, or dropped by {@link #MUTED}. Used by one thread only.
 *
 * <p>Nothing is allocated until something is written, so that recording a section that prints nothing costs nothing.
 * Consecutive text (or bytes) to one stream is kept as one piece.
 */
final class Recorder {
    /** Drops everything: the recorder of a thread in {@link ThreadOutput#muted}. */
    static final Recorder MUTED = new Recorder(false);

    private final boolean keeps;
    /** The pieces written before the current one; null until there is one. */
    private List<CapturedOutput.Piece> pieces;
    /** The stream of the piece being written, and its text or its bytes; all null when there is none. */
    private PrintStream stream;
    private StringBuilder text;
    private ByteArrayOutputStream bytes;

    private Recorder(boolean keeps) {
        this.keeps = keeps;
    }

    /** A recorder that keeps what it is given. */
    static Recorder keeping() {
        return new Recorder(true);
    }

    /** Keeps {@code written} as text written to {@code to}, to be printed with {@link PrintStream#print(String)}. */
    void text(PrintStream to, String written) {
        if (!keeps || written.isEmpty()) {
            return;
        }
        if (to != stream || text == null) {
            seal();
            stream = to;
            text = new StringBuilder();
        }
        text.append(written);
    }

    /** Keeps {@code len} bytes of {@code buf} from {@code off} as written to {@code to}. */
    void bytes(PrintStream to, byte[] buf, int off, int len) {
        if (!keeps || len == 0) {
            return;
        }
        if (to != stream || bytes == null) {
            seal();
            stream = to;
            bytes = new ByteArrayOutputStream();
        }
        bytes.write(buf, off, len);
    }

    /** What was kept since the last call, which starts over. */
    CapturedOutput take() {
        seal();
        if (pieces == null) {
            return CapturedOutput.NONE;
        }
        CapturedOutput taken = new CapturedOutput(pieces);
        pieces = null;
        return taken;
    }

    private void seal() {
        if (stream == null) {
            return;
        }
        if (pieces == null) {
            pieces = new ArrayList<>();
        }
        pieces.add(text != null ? new CapturedOutput.Piece(stream, text.toString(), null)
                : new CapturedOutput.Piece(stream, null, bytes.toByteArray()));
        stream = null;
        text = null;
        bytes = null;
    }
}
