package dev.retort.script;

import dev.retort.internal.SourceChecksum;
import dev.retort.revision.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One migration file: its place in the graph as read from its header, without running or compiling it.
 *
 * <p>A script whose header came from the script cache reads its text when first asked for it, after checking that
 * the file's stat is still the one the cache holds: a file edited since its header was read is reported, not run
 * with another file's header.
 */
public final class Script {
    private final Revision revision;
    private final Path path;
    private final ScriptKind kind;
    private final String created;
    /**
     * The file's stat when the cache read its header, or when its text was read with one; null for a script read
     * without (where the file system has no Unix attributes, or no script cache is kept) or from a resource.
     */
    private ScriptCache.Stat stat;
    private String source;
    private String checksum;
    /** The class a Java migration declares, once its header was read; null for SQL. */
    private String javaClass;
    /** The compile cache's entry for a Java migration's classes, once computed or kept by the script cache. */
    private String compileKey;
    /** Whether {@link #path} is a class path resource's name rather than a file's path. */
    private final boolean resource;
    /**
     * When the file was last modified, in nanoseconds since the epoch, as read with its text; null when not read yet.
     * The compile cache uses classes only for the file as last modified when they were compiled, and where a compiler
     * is, of the same ctime and inode ({@link #compileStat()}).
     */
    private Long modified;

    /**
     * A script read from its file.
     *
     * @param revision the graph value (id, parents, labels, dependencies, message; origin = file name)
     * @param path the file
     * @param kind SQL or Java
     * @param created creation time as written in the file, or empty
     * @param source the file's text, kept so that loading and checksums do not read it again
     */
    public Script(Revision revision, Path path, ScriptKind kind, String created, String source) {
        this(revision, path, kind, created, null, source, null, null, null, false, null);
    }

    /** A script read from its file, last modified at {@code modified} (nanoseconds since the epoch). */
    Script(Revision revision, Path path, ScriptKind kind, String created, String source, long modified) {
        this(revision, path, kind, created, null, source, null, null, null, false, modified);
    }

    /** A Java migration read from its file, whose header named {@code javaClass}. */
    Script(Revision revision, Path path, String created, String source, String javaClass, long modified) {
        this(revision, path, ScriptKind.JAVA, created, null, source, null, javaClass, null, false, modified);
    }

    private Script(Revision revision, Path path, ScriptKind kind, String created, ScriptCache.Stat stat,
            String source, String checksum, String javaClass, String compileKey, boolean resource, Long modified) {
        this.resource = resource;
        this.modified = modified;
        this.revision = revision;
        this.path = path;
        this.kind = kind;
        this.created = created;
        this.stat = stat;
        this.source = source;
        this.checksum = checksum;
        this.javaClass = javaClass;
        this.compileKey = compileKey;
    }

    /**
     * A script whose header the cache kept for a file of this stat: its text is read when first needed. The
     * checksum and compile key are null when the cache has none.
     */
    static Script cached(ScriptCache.Entry entry, Path path) {
        return new Script(entry.revision(), path, entry.kind(), entry.created(), entry.stat(), null, entry.checksum(),
                entry.javaClass(), entry.compileKey(), false, entry.stat().modified());
    }

    public Revision revision() {
        return revision;
    }

    public Path path() {
        return path;
    }

    public ScriptKind kind() {
        return kind;
    }

    /** Creation time as written in the file, or empty. */
    public String created() {
        return created;
    }

    public String id() {
        return revision.id();
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /**
     * How messages name the migration: a class path resource by its resource name
     * ({@code db/retort/versions/a1b2c3d4e5f6_add_users.sql}), which says where in the application it is; a file by
     * its name, the versions directory being the one the configuration names.
     */
    public String shownName() {
        return resource ? path.toString().replace('\\', '/') : fileName();
    }

    /** This script as read from the class path resource {@link #path} names. */
    Script asResource() {
        return new Script(revision, path, kind, created, stat, source, checksum, javaClass, compileKey, true, modified);
    }

    /** This script as read from its file of the stat {@code stat}, which names its entry in the compile cache. */
    Script withStat(ScriptCache.Stat stat) {
        return new Script(revision, path, kind, created, stat, source, checksum, javaClass, compileKey, resource,
                modified);
    }

    /** The file's text, with CRLF line ends read as LF and without a byte-order mark before it. */
    public synchronized String source() {
        if (source == null) {
            if (!stat.same(ScriptCache.stat(path))) {
                throw new ScriptException(fileName() + " changed while retort was running, after its header was read;"
                        + " run the command again.");
            }
            source = ScriptText.read(path, stat.size());
        }
        return source;
    }

    /**
     * The SHA-256 of the file's text with line endings and trailing white space normalised, so a Windows
     * checkout or an editor that trims spaces is not a change, while any real edit is. The text has no byte-order
     * mark: an editor that adds one does not change the checksum either.
     */
    public synchronized String checksum() {
        if (checksum == null) {
            checksum = checksumOf(source());
        }
        return checksum;
    }

    /** The checksum if it is known (kept by the cache, or computed), without reading or hashing; else null. */
    synchronized String knownChecksum() {
        return checksum;
    }

    /** The class a Java migration declares, from its header (read from the file if the cache did not keep it). */
    synchronized String javaClass() {
        if (javaClass == null) {
            javaClass = JavaMigrationHeader.parse(fileName(), source()).className();
        }
        return javaClass;
    }

    /** {@link #javaClass()} if it is known without reading the file; else null. */
    synchronized String knownJavaClass() {
        return javaClass;
    }

    /**
     * Where the compile cache keeps this Java migration's classes: a hash of its exact text and of the compiler
     * ({@link CompileKey}), computed once and then kept by the script cache with the file's stat.
     */
    synchronized String compileKey() {
        if (compileKey == null) {
            compileKey = CompileKey.of(source());
        }
        return compileKey;
    }

    /**
     * When the file was last modified, in nanoseconds since the epoch: as read with its header, or else (a script
     * made from its text alone) as the file says now.
     */
    synchronized long modified() {
        if (modified == null) {
            try {
                modified = Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS);
            } catch (IOException e) {
                throw new ScriptException("Cannot read when " + shownName() + " was last modified: " + e + ".", e);
            }
        }
        return modified;
    }

    /**
     * The file's stat, whose ctime and inode (with {@link #modified()}) name this Java migration's entry in the compile
     * cache, so that one that came with a copy of the file is not taken for this file's: as read with the header, or
     * else as the file says now. Null for a class path resource, or where the file system has no Unix attributes.
     */
    synchronized ScriptCache.Stat compileStat() {
        if (stat == null && !resource && ScriptCache.SUPPORTED) {
            stat = ScriptCache.stat(path);
        }
        return stat;
    }

    /** {@link #compileKey()} if it is known without reading or hashing; else null. */
    synchronized String knownCompileKey() {
        return compileKey;
    }

    private static String checksumOf(String source) {
        return SourceChecksum.of(source);
    }

    @Override
    public String toString() {
        return "Script[" + fileName() + ", " + revision.id() + "]";
    }
}
