package dev.retort.script;

import dev.retort.revision.Revision;
import java.nio.file.Path;

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
}
