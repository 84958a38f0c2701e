package dev.retort.cli;

import java.nio.file.Path;

/** Paths as a user wants to read them: relative to the working directory when inside it. */
final class Display {
    private Display() {
    }

    static String path(Path workingDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
