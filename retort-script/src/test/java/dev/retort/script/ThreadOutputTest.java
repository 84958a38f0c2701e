package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Muted code prints nothing, other threads print as before, and the process's streams come back. */
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
}
