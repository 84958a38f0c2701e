package dev.retort.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads what a log file gained since an offset, so an error can quote what the server just said. */
final class LogTail {
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Returns the size of {@code file}, or 0 when it does not exist yet. */
    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Returns at most the last {@code lines} lines written to {@code file} after {@code offset}. */
    static String since(Path file, long offset, int lines) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(offset, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return String.join("\n", last).strip();
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
