package dev.retort.script;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A print stream that passes everything on to another, except what a thread in {@link ThreadOutput#muted} writes.
 * Each method hands its arguments on whole, so that the text is encoded in the other stream's charset and a line
 * printed by one call stays one line among other threads' lines.
 */
final class MutableStream extends PrintStream {
    private final PrintStream target;

    MutableStream(PrintStream target) {
        // The superclass's own output is never used: every method that writes is overridden below.
        super(OutputStream.nullOutputStream());
        this.target = target;
    }

    private static boolean open() {
        return !ThreadOutput.isMuted();
    }

    @Override
    public void flush() {
        target.flush();
    }

    /** Closes the other stream, unless a muted thread asks: it is not the muted code's to close. */
    @Override
    public void close() {
        if (open()) {
            target.close();
        }
    }

    @Override
    public boolean checkError() {
        return target.checkError();
    }

    @Override
    public void write(int b) {
        if (open()) {
            target.write(b);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        if (open()) {
            target.write(buf, off, len);
        }
    }

    @Override
    public void write(byte[] buf) throws IOException {
        if (open()) {
            target.write(buf);
        }
    }

    @Override
    public void writeBytes(byte[] buf) {
        if (open()) {
            target.writeBytes(buf);
        }
    }

    @Override
    public void print(boolean b) {
        if (open()) {
            target.print(b);
        }
    }

    @Override
    public void print(char c) {
        if (open()) {
            target.print(c);
        }
    }

    @Override
    public void print(int i) {
        if (open()) {
            target.print(i);
        }
    }

    @Override
    public void print(long l) {
        if (open()) {
            target.print(l);
        }
    }

    @Override
    public void print(float f) {
        if (open()) {
            target.print(f);
        }
    }

    @Override
    public void print(double d) {
        if (open()) {
            target.print(d);
        }
    }

    @Override
    public void print(char[] s) {
        if (open()) {
            target.print(s);
        }
    }

    @Override
    public void print(String s) {
        if (open()) {
            target.print(s);
        }
    }

    @Override
    public void print(Object obj) {
        if (open()) {
            target.print(obj);
        }
    }

    @Override
    public void println() {
        if (open()) {
            target.println();
        }
    }

    @Override
    public void println(boolean b) {
        if (open()) {
            target.println(b);
        }
    }

    @Override
    public void println(char c) {
        if (open()) {
            target.println(c);
        }
    }

    @Override
    public void println(int i) {
        if (open()) {
            target.println(i);
        }
    }

    @Override
    public void println(long l) {
        if (open()) {
            target.println(l);
        }
    }

    @Override
    public void println(float f) {
        if (open()) {
            target.println(f);
        }
    }

    @Override
    public void println(double d) {
        if (open()) {
            target.println(d);
        }
    }

    @Override
    public void println(char[] s) {
        if (open()) {
            target.println(s);
        }
    }

    @Override
    public void println(String s) {
        if (open()) {
            target.println(s);
        }
    }

    @Override
    public void println(Object obj) {
        if (open()) {
            target.println(obj);
        }
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        if (open()) {
            target.printf(format, args);
        }
        return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        if (open()) {
            target.printf(l, format, args);
        }
        return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
        if (open()) {
            target.format(format, args);
        }
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        if (open()) {
            target.format(l, format, args);
        }
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        if (open()) {
            target.append(csq);
        }
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        if (open()) {
            target.append(csq, start, end);
        }
        return this;
    }

    @Override
    public PrintStream append(char c) {
        if (open()) {
            target.append(c);
        }
        return this;
    }
}
