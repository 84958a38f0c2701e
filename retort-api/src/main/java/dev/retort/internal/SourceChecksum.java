package dev.retort.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a migration file's text, as the history table records it: the SHA-256 of the text with line
 * endings and trailing white space normalised, so a Windows checkout or an editor that trims spaces is not a change,
 * while any real edit is. A byte-order mark before the text is not part of it.
 *
 * <p>Here rather than with the scripts, because {@link RevisionChecksumProcessor} computes the same checksum inside
 * an application's build, where only this module may be on the class path.
 */
public final class SourceChecksum {
    /** Cloned for each checksum: the provider lookup costs more than hashing a file. */
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private SourceChecksum() {
    }

    /** The checksum of {@code text}, 64 lowercase hex digits. */
    public static String of(String text) {
        String source = text.startsWith("\uFEFF") ? text.substring(1) : text;
        StringBuilder normalised = new StringBuilder(source.length());
        source.replace("\r\n", "\n").replace('\r', '\n').lines()
                .forEach(line -> normalised.append(line.stripTrailing()).append('\n'));
        byte[] bytes = normalised.toString().stripTrailing().getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(((MessageDigest) PROTOTYPE.clone()).digest(bytes));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned", e);
        }
    }
}
