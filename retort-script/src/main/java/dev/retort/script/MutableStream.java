package dev.retort.script;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A print stream that passes everything on to another, except what a thread in {@link ThreadOutput#muted} writes,
 * which it drops, and what a thread in a {@link ThreadOutput#capture} writes, which it keeps as text (or bytes) for
 * the capture. Each method hands its arguments on whole, so that the text is encoded in the other stream's charset
 * (also when kept text is printed later) and a line printed by one call stays one line among other threads' lines.
 */
final class MutableStream extends PrintStream {
    private final PrintStream target;

    MutableStream(PrintStream target) {
        // The superclass's own output is never used: every method that writes is overridden below.
        super(OutputStream.nullOutputStream());
        this.target = target;
    }

    @Override
    public void flush() {
        target.flush();
    }

    /** Closes the other stream, unless a muted or captured thread asks: it is not that code's to close. */
    @Override
    public void close() {
        if (ThreadOutput.recorder() == null) {
            target.close();
        }
    }

    @Override
    public boolean checkError() {
        return target.checkError();
    }

    @Override
    public void write(int b) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.write(b);
        } else {
            recorder.bytes(this, new byte[] {(byte) b}, 0, 1);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.write(buf, off, len);
        } else {
            recorder.bytes(this, buf, off, len);
        }
    }

    @Override
    public void write(byte[] buf) throws IOException {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.write(buf);
        } else {
            recorder.bytes(this, buf, 0, buf.length);
        }
    }

    @Override
    public void writeBytes(byte[] buf) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.writeBytes(buf);
        } else {
            recorder.bytes(this, buf, 0, buf.length);
        }
    }

    @Override
    public void print(boolean b) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(b);
        } else {
            recorder.text(this, String.valueOf(b));
        }
    }

    @Override
    public void print(char c) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(c);
        } else {
            recorder.text(this, String.valueOf(c));
        }
    }

    @Override
    public void print(int i) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(i);
        } else {
            recorder.text(this, String.valueOf(i));
        }
    }

    @Override
    public void print(long l) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(l);
        } else {
            recorder.text(this, String.valueOf(l));
        }
    }

    @Override
    public void print(float f) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(f);
        } else {
            recorder.text(this, String.valueOf(f));
        }
    }

    @Override
    public void print(double d) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(d);
        } else {
            recorder.text(this, String.valueOf(d));
        }
    }

    @Override
    public void print(char[] s) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(s);
        } else {
            recorder.text(this, new String(s));
        }
    }

    @Override
    public void print(String s) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(s);
        } else {
            recorder.text(this, String.valueOf(s));
        }
    }

    @Override
    public void print(Object obj) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.print(obj);
        } else {
            recorder.text(this, String.valueOf(obj));
        }
    }

    @Override
    public void println() {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println();
        } else {
            recorder.text(this, System.lineSeparator());
        }
    }

    @Override
    public void println(boolean b) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(b);
        } else {
            recorder.text(this, b + System.lineSeparator());
        }
    }

    @Override
    public void println(char c) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(c);
        } else {
            recorder.text(this, String.valueOf(c) + System.lineSeparator());
        }
    }

    @Override
    public void println(int i) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(i);
        } else {
            recorder.text(this, i + System.lineSeparator());
        }
    }

    @Override
    public void println(long l) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(l);
        } else {
            recorder.text(this, l + System.lineSeparator());
        }
    }

    @Override
    public void println(float f) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(f);
        } else {
            recorder.text(this, f + System.lineSeparator());
        }
    }

    @Override
    public void println(double d) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(d);
        } else {
            recorder.text(this, d + System.lineSeparator());
        }
    }

    @Override
    public void println(char[] s) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(s);
        } else {
            recorder.text(this, new String(s) + System.lineSeparator());
        }
    }

    @Override
    public void println(String s) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(s);
        } else {
            recorder.text(this, s + System.lineSeparator());
        }
    }

    @Override
    public void println(Object obj) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.println(obj);
        } else {
            recorder.text(this, obj + System.lineSeparator());
        }
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.printf(format, args);
        } else {
            recorder.text(this, String.format(format, args));
        }
        return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.printf(l, format, args);
        } else {
            recorder.text(this, String.format(l, format, args));
        }
        return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.format(format, args);
        } else {
            recorder.text(this, String.format(format, args));
        }
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.format(l, format, args);
        } else {
            recorder.text(this, String.format(l, format, args));
        }
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.append(csq);
        } else {
            recorder.text(this, String.valueOf(csq));
        }
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.append(csq, start, end);
        } else {
            recorder.text(this, (csq == null ? "null" : csq).subSequence(start, end).toString());
        }
        return this;
    }

    @Override
    public PrintStream append(char c) {
        Recorder recorder = ThreadOutput.recorder();
        if (recorder == null) {
            target.append(c);
        } else {
            recorder.text(this, String.valueOf(c));
        }
        return this;
    }
}
