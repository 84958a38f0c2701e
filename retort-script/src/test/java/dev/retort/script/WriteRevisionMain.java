package dev.retort.script;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/** Writes one SQL migration with a long message into the directory given, for a test that limits file sizes. */
public final class WriteRevisionMain {
    private WriteRevisionMain() {
    }

    public static void main(String[] args) {
        NewRevision revision = new NewRevision("1a2b3c4d5e6f", "word ".repeat(400), List.of(), List.of(), List.of(),
                LocalDateTime.of(2026, 12, 4, 10, 0), ScriptKind.SQL, "", "");
        try {
            ScriptWriter.write(Path.of(args[0]), revision);
        } catch (ScriptException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
