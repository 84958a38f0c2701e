package dev.retort.script;

import dev.retort.revision.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        byte[] digest = Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
