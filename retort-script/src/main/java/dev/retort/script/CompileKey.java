package dev.retort.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Names a Java migration's entry in the compile cache ({@link JavaMigrationCompiler}): a hash of its exact text and
 * of the compiler. A class of its own, so that the script cache, which keeps these keys, does not load the
 * compiler's classes for commands that compile nothing.
 */
final class CompileKey {
    /**
     * Changes whenever compiled classes from an older Retort or JDK must not be reused. The script cache keeps
     * compile keys only while it is the same.
     */
    static final String COMPILER = "retort-2|java-" + Runtime.version().feature();

    private CompileKey() {
    }

    /** The key of the classes compiled from {@code source}. */
    static String of(String source) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(COMPILER.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(source.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
