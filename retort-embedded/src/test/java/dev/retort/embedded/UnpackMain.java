package dev.retort.embedded;

import java.nio.file.Path;

/** Unpacks the binaries into the cache root given as the argument and prints where, for {@link PostgresBinariesTest}. */
public final class UnpackMain {
    private UnpackMain() {
    }

    public static void main(String[] args) {
        System.out.println(PostgresBinaries.unpacked(Path.of(args[0])).home());
    }
}
