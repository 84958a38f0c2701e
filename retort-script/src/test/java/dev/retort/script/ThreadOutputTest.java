package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Muted code prints nothing, captured code's output comes when asked for, other threads print as before, and the
 * process's streams come back.
 */
class ThreadOutputTest {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void capture() {
        System.setOut(out);
        System.setErr(err);
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String printed() {
        return outBytes.toString(StandardCharsets.UTF_8) + errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whatAMutedThreadPrintsIsDroppedAndTheStreamsComeBack() {
        String result = ThreadOutput.muted(() -> {
            System.out.println("on stdout");
            System.out.printf("formatted %d%n", 1);
            System.out.write('x');
            System.err.print("on stderr");
            System.err.append("appended");
            System.err.write("bytes".getBytes(StandardCharsets.UTF_8), 0, 5);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(printed()).isEmpty();
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
        System.out.println("after");
        assertThat(printed()).isEqualTo("after\n");
    }

    @Test
    void theStreamsComeBackWhenTheMutedCodeThrows() {
        assertThatThrownBy(() -> ThreadOutput.muted(() -> {
            System.out.println("before the failure");
            throw new IllegalStateException("failed");
        })).hasMessage("failed");

        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
        assertThat(printed()).isEmpty();
    }

    @Test
    void anotherThreadPrintsWhileOneIsMuted() {
        ThreadOutput.muted(() -> {
            Thread other = new Thread(() -> {
                System.err.println("from another thread");
                System.out.println("also from it");
            });
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            System.err.println("muted");
            return null;
        });

        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("from another thread\n");
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("also from it\n");
    }

    @Test
    void aNestedMutedCallLeavesTheOuterOneMuted() {
        ThreadOutput.muted(() -> {
            ThreadOutput.muted(() -> null);
            System.out.println("still muted");
            return null;
        });

        assertThat(printed()).isEmpty();
        assertThat(System.out).isSameAs(out);
    }

    /** A stream taken before the call, as a logger's console handler takes System.err, is muted when mutable. */
    @Test
    void aMutableStreamHeldEarlierIsMutedToo() {
        PrintStream held = ThreadOutput.mutable(err);
        PrintStream unprepared = err;

        ThreadOutput.muted(() -> {
            held.println("through the mutable stream");
            unprepared.println("through the stream itself");
            return null;
        });
        held.println("after");

        assertThat(printed()).isEqualTo("through the stream itself\nafter\n");
        assertThat(ThreadOutput.mutable(held)).isSameAs(held);
    }

    @Test
    void aMutableStreamPassesTextOnInItsTargetsCharset() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream latin1 = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1);

        ThreadOutput.mutable(latin1).print("café");

        assertThat(bytes.toByteArray()).isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void whatACapturedThreadPrintsComesWhenPrintedInOrderOnItsStreams() {
        ByteArrayOutputStream bothBytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bothBytes, true, StandardCharsets.UTF_8);
        PrintStream toOut = ThreadOutput.mutable(both);
        PrintStream toErr = ThreadOutput.mutable(err);
        CapturedOutput first;
        CapturedOutput second;
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            System.out.println("on stdout");
            System.err.printf("formatted %d%n", 1);
            toOut.print("held ");
            toOut.println(42);
            toErr.append("appended\n");
            toOut.write("bytes\n".getBytes(StandardCharsets.UTF_8), 0, 6);
            first = capture.take();
            System.out.println("second section");
            second = capture.take();
            assertThat(capture.take()).isSameAs(CapturedOutput.NONE);
        }
        assertThat(printed()).isEmpty();
        assertThat(bothBytes.size()).isZero();
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);

        second.print();
        assertThat(printed()).isEqualTo("second section\n");
        first.print();

        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("second section\non stdout\n");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("formatted 1\nappended\n");
        assertThat(bothBytes.toString(StandardCharsets.UTF_8)).isEqualTo("held 42\nbytes\n");
    }

    @Test
    void aSectionThatPrintsNothingTakesNothing() {
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            PrintStream swapped = System.out;
            assertThat(capture.take()).isSameAs(CapturedOutput.NONE);
            System.out.print("");
            assertThat(capture.take().isEmpty()).isTrue();
            // One swap for every section.
            assertThat(System.out).isSameAs(swapped);
        }
        assertThat(printed()).isEmpty();
    }

    /** Printed later, a line left open is ended: the next progress line must not start after it. */
    @Test
    void capturedOutputThatLeavesItsLineOpenHasItEnded() {
        CapturedOutput taken;
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            System.err.print("no line end");
            taken = capture.take();
        }

        taken.print();

        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("no line end" + System.lineSeparator());
    }

    /** Code that throws before its output is taken has it printed when the capture ends, before its error. */
    @Test
    void whatIsNotTakenIsPrintedWhenTheCaptureEnds() {
        assertThatThrownBy(() -> {
            try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
                System.out.println("taken");
                capture.take();
                System.out.println("before the failure");
                throw new IllegalStateException("failed");
            }
        }).hasMessage("failed");

        assertThat(printed()).isEqualTo("before the failure\n");
        assertThat(System.out).isSameAs(out);
    }

    @Test
    void aMutedCallInACaptureDropsItsOutputAndTheCaptureGoesOn() {
        CapturedOutput taken;
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            System.out.println("kept");
            ThreadOutput.muted(() -> {
                System.out.println("dropped");
                return null;
            });
            System.out.println("kept too");
            taken = capture.take();
        }
        assertThat(printed()).isEmpty();

        taken.print();

        assertThat(printed()).isEqualTo("kept\nkept too\n");
    }

    @Test
    void aCaptureInAMutedCallKeepsNothing() {
        ThreadOutput.muted(() -> {
            try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
                System.out.println("muted");
                assertThat(capture.take()).isSameAs(CapturedOutput.NONE);
            }
            System.out.println("still muted");
            return null;
        });

        assertThat(printed()).isEmpty();
    }

    @Test
    void anotherThreadPrintsWhileOneIsCaptured() throws InterruptedException {
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            Thread other = new Thread(() -> System.err.println("from another thread"));
            other.start();
            other.join();
            System.err.println("captured");
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("from another thread\n");
            capture.take();
        }

        assertThat(printed()).isEqualTo("from another thread\n");
    }

    @Test
    void capturedTextIsPrintedInTheTargetsCharset() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream latin1 = ThreadOutput.mutable(new PrintStream(bytes, true, StandardCharsets.ISO_8859_1));
        CapturedOutput taken;
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            latin1.println("café");
            taken = capture.take();
        }

        taken.print();

        assertThat(bytes.toByteArray()).isEqualTo("café\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
