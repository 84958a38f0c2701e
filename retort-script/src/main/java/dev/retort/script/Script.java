package dev.retort.script;

import dev.retort.revision.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One migration file: its place in the graph as read from its header, without running or compiling it.
 *
 * @param revision the graph value (id, parents, labels, dependencies, message; origin = file name)
 * @param path the file
 * @param kind SQL or Java
 * @param created creation time as written in the file, or empty
 * @param source the file's text, kept so that loading and checksums do not read it again
 */
public record Script(Revision revision, Path path, ScriptKind kind, String created, String source) {
    public String id() {
        return revision.id();
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /**
     * The SHA-256 of the file's text with line endings and trailing white space normalised, so a Windows
     * checkout or an editor that trims spaces is not a change, while any real edit is.
     */
    public String checksum() {
        StringBuilder normalised = new StringBuilder(source.length());
        source.replace("\r\n", "\n").replace('\r', '\n').lines().forEach(l -> normalised.append(l.stripTrailing()).append('\n'));
        String text = normalised.toString().stripTrailing();
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** A new SHA-256 digest, cloned from one looked up once: the provider lookup costs more than hashing a file. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) Sha256.PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Sha256 {
        static final MessageDigest PROTOTYPE;

        static {
            try {
                PROTOTYPE = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
