package dev.retort.script;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionMap;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The migration files of a project ({@code migrations/versions/}) and the revision graph they form.
 *
 * <p>Loading reads every file's header but compiles nothing; {@link MigrationLoader} turns the scripts
 * a plan needs into operations. Files that are neither {@code .sql} nor {@code .java} are ignored.
 */
public final class ScriptDirectory {
    /** Below this many files a second thread costs more to start than it saves. */
    static final int TWO_THREADS_FROM = 2000;

    private final Path versionsDir;
    private final Map<String, Script> scripts;
    private final RevisionMap map;
    /** How many files were read, rather than taken from the script cache. */
    final int filesRead;
    /** The script cache as this load left it, or null without one. */
    private final Cache cache;

    /** Where the script cache is, for which directory, and its entries by file name. */
    private record Cache(Path file, Path dir, Map<String, ScriptCache.Entry> entries) {
    }

    private ScriptDirectory(Path versionsDir, Map<String, Script> scripts, RevisionMap map, int filesRead,
            Cache cache) {
        this.versionsDir = versionsDir;
        this.scripts = scripts;
        this.map = map;
        this.filesRead = filesRead;
        this.cache = cache;
    }

    /** Reads the headers of all migration files under {@code versionsDir}. */
    public static ScriptDirectory load(Path versionsDir) {
        return load(versionsDir, null);
    }

    /**
     * Reads the headers of all migration files under {@code versionsDir}, taking those of the files unchanged
     * since they were read last from the script cache at {@code cacheFile} (none when null), and brings the cache
     * up to date. See {@link ScriptCache}.
     */
    public static ScriptDirectory load(Path versionsDir, Path cacheFile) {
        Path dir = versionsDir.toAbsolutePath().normalize();
        boolean caching = cacheFile != null && ScriptCache.SUPPORTED;
        Map<String, ScriptCache.Entry> cached = caching ? ScriptCache.read(cacheFile, dir) : null;
        Reading reading = new Reading(list(versionsDir), cached);
        reading.readAll();
        ScriptDirectory scripts = of(versionsDir, reading.scripts(), reading.filesRead(),
                caching ? new Cache(cacheFile, dir, reading.entries()) : null);
        if (caching && reading.changedFromCache()) {
            ScriptCache.write(cacheFile, dir, scripts.cache.entries());
        }
        return scripts;
    }

    /**
     * Reads the headers of the migrations that are class path resources under {@code resourceDir} (such as
     * {@code db/retort/versions}) of {@code loader}: the files of a versions directory packed into an application's
     * jar, or its build's output directory. See {@link ScriptResources}.
     */
    public static ScriptDirectory fromResources(ClassLoader loader, String resourceDir) {
        List<Script> parsed = new ArrayList<>();
        ScriptResources.read(loader, resourceDir, (name, text, modified) ->
                parsed.add(parse(Path.of(resourceDir, name), text, modified).asResource()));
        return of(Path.of(resourceDir), parsed, parsed.size(), null);
    }

    private static ScriptDirectory of(Path versionsDir, List<Script> parsed, int filesRead, Cache cache) {
        Map<String, Script> byId = new HashMap<>();
        List<Revision> revisions = new ArrayList<>(parsed.size());
        for (Script script : parsed) {
            Script other = byId.putIfAbsent(script.id(), script);
            if (other != null) {
                throw new ScriptException("Revision " + script.id() + " is defined twice: " + other.shownName()
                        + " and " + script.shownName() + "; give one of them a new id.");
            }
            revisions.add(script.revision());
        }
        return new ScriptDirectory(versionsDir, byId, RevisionMap.of(revisions), filesRead, cache);
    }

    /**
     * Adds to the script cache the checksums and compile keys computed since loading for files it holds without
     * them, so that the next run's drift check and loading of compiled Java migrations open none of the files.
     * Writes only when something was added. Threads that share one {@code Retort} call it in turn.
     */
    public synchronized void saveComputed() {
        if (cache == null) {
            return;
        }
        boolean added = false;
        for (Script script : scripts.values()) {
            ScriptCache.Entry entry = cache.entries().get(script.fileName());
            if (entry == null) {
                continue;
            }
            boolean newChecksum = entry.checksum() == null && script.knownChecksum() != null;
            boolean newCompileKey = entry.compileKey() == null && script.knownCompileKey() != null;
            if (newChecksum || newCompileKey) {
                cache.entries().put(script.fileName(), entry.withComputed(
                        newChecksum ? script.knownChecksum() : entry.checksum(),
                        newCompileKey ? script.knownCompileKey() : entry.compileKey()));
                added = true;
            }
        }
        if (added) {
            ScriptCache.write(cache.file(), cache.dir(), cache.entries());
        }
    }

    public Path versionsDir() {
        return versionsDir;
    }

    public RevisionMap map() {
        return map;
    }

    public Script script(String id) {
        Script script = scripts.get(id);
        if (script == null) {
            throw new ScriptException("No migration file has revision " + id + ".");
        }
        return script;
    }

    /**
     * The reading of a directory's files, in name order, skipping entries that are not regular files; with a cache,
     * each file's entry as read or as found there.
     */
    private static final class Reading {
        private final List<Path> files;
        /** The trusted cache entries by file name, or null when there is no cache. */
        private final Map<String, ScriptCache.Entry> cached;
        private final Script[] scripts;
        private final ScriptCache.Entry[] entries;
        /** How many files each half took from the cache, and how many it read: {@code [half][0 or 1]}. */
        private final int[][] counts = new int[2][2];

        Reading(List<Path> files, Map<String, ScriptCache.Entry> cached) {
            this.files = files;
            this.cached = cached;
            this.scripts = new Script[files.size()];
            this.entries = new ScriptCache.Entry[files.size()];
        }

        /**
         * Reads the files. A long history is read by two threads, each half of it: reading is mostly waiting on
         * system calls (stat, open, read, close: 20 microseconds a file on a virtual machine). A failure is that of
         * the first file that failed, as a read in one thread would report it.
         */
        void readAll() {
            int split = files.size() < TWO_THREADS_FROM ? files.size() : files.size() / 2;
            Throwable[] laterFailure = new Throwable[1];
            Thread later = null;
            if (split < files.size()) {
                later = new Thread(() -> {
                    try {
                        readRange(split, files.size(), counts[1]);
                    } catch (Throwable e) {
                        laterFailure[0] = e;
                    }
                }, "retort-read");
                later.start();
            }
            try {
                readRange(0, split, counts[0]);
            } finally {
                join(later);
            }
            if (laterFailure[0] instanceof RuntimeException e) {
                throw e;
            }
            if (laterFailure[0] instanceof Error e) {
                throw e;
            }
        }

        private void readRange(int from, int to, int[] count) {
            for (int i = from; i < to; i++) {
                // One stat tells both that the entry is a file (a directory or a pipe named *.sql is not read) and
                // how much to read. It is made here rather than in the listing, so that two threads share it too.
                Path file = files.get(i);
                if (cached == null) {
                    BasicFileAttributes attributes = attributesOrNull(file);
                    if (attributes != null && attributes.isRegularFile()) {
                        scripts[i] = read(file, attributes.size(),
                                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                    } else {
                        refuseBrokenLink(file);
                    }
                    continue;
                }
                ScriptCache.Stat stat = ScriptCache.stat(file);
                if (stat == null) {
                    refuseBrokenLink(file);
                    continue;
                }
                ScriptCache.Entry entry = cached.get(file.getFileName().toString());
                if (entry == null || !entry.stat().same(stat)) {
                    Script script = read(file, stat.size(), stat.modified()).withStat(stat);
                    entry = new ScriptCache.Entry(stat, script.kind(), script.revision(), script.created(), null,
                            script.knownJavaClass(), null);
                    scripts[i] = script;
                    count[1]++;
                } else {
                    scripts[i] = Script.cached(entry, file);
                    count[0]++;
                }
                entries[i] = entry;
            }
        }

        List<Script> scripts() {
            List<Script> read = new ArrayList<>(scripts.length);
            for (Script script : scripts) {
                if (script != null) {
                    read.add(script);
                }
            }
            return read;
        }

        int filesRead() {
            return cached == null ? scripts().size() : counts[0][1] + counts[1][1];
        }

        /** Whether a file was read rather than found in the cache, or a cached file is gone. */
        boolean changedFromCache() {
            return counts[0][1] + counts[1][1] > 0 || counts[0][0] + counts[1][0] != cached.size();
        }

        /** The entry of each file, by name in name order. */
        Map<String, ScriptCache.Entry> entries() {
            Map<String, ScriptCache.Entry> byName = new LinkedHashMap<>();
            for (int i = 0; i < entries.length; i++) {
                if (entries[i] != null) {
                    byName.put(files.get(i).getFileName().toString(), entries[i]);
                }
            }
            return byName;
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The directory's entries named like migrations, in name order. */
    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ScriptException("The migrations directory " + dir + " does not exist; run `retort init .` to "
                    + "create a project, or set script_location in retort.toml.");
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && (name.endsWith(".sql") || name.endsWith(".java"))) {
                    names.add(name);
                } else {
                    refuseMisplaced(dir, name);
                }
            }
        } catch (AccessDeniedException e) {
            throw new ScriptException("The migrations directory " + dir + " cannot be read (permission denied).", e);
        } catch (IOException e) {
            throw new ScriptException("The migrations directory " + dir + " cannot be read: " + e.getMessage(), e);
        }
        // Sorted by name rather than by path, whose comparison goes over the directory's part again each time.
        names.sort(null);
        List<Path> files = new ArrayList<>(names.size());
        for (String name : names) {
            Path file;
            try {
                file = dir.resolve(name);
            } catch (InvalidPathException e) {
                throw new ScriptException(unnameable(dir, name), e);
            }
            // A byte the locale cannot decode is read as U+FFFD, and the path made from that names no file.
            if (name.indexOf('\uFFFD') >= 0 && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ScriptException(unnameable(dir, name));
            }
            files.add(file);
        }
        return files;
    }

    /**
     * Stops at a file that would have been taken for a migration and is not read as one, whose revision would
     * otherwise be missing from the graph without a word: an Alembic revision ({@code .py}) copied in from the
     * project Retort replaces, or a migration whose extension is not in lower case ({@code .SQL}).
     */
    private static void refuseMisplaced(Path dir, String name) {
        if (name.startsWith(".")) {
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py") && !name.equals("__init__.py")) {
            throw new ScriptException(dir.resolve(name) + " is a Python migration (Alembic's), which Retort does not "
                    + "run; port it to a .sql or .java migration under the same revision id (see \"Moving an Alembic "
                    + "project\" in the docs), and move the .py file out of " + dir + ".");
        }
        for (ScriptKind kind : ScriptKind.values()) {
            if (lower.endsWith(kind.extension())) {
                throw new ScriptException(dir.resolve(name) + " is not read as a migration: Retort reads *.sql and "
                        + "*.java in lower case; rename it to " + name.substring(0, name.length()
                        - kind.extension().length()) + kind.extension() + ".");
            }
        }
    }

    /**
     * Why a file whose name Java read as {@code name} cannot be opened: a name in UTF-8 (a00000000001_café.sql) in a
     * locale whose file names are ASCII, as the C locale of a container or a CI job is. The listing gave the name
     * with a {@code ?} for each character it could not decode, and no path can be made from that. Or a name in
     * Latin-1 (café with one byte for é) in a UTF-8 locale: each byte that is not UTF-8 is read as U+FFFD, and the
     * path made from that names no file.
     */
    static String unnameable(Path dir, String name) {
        String locale = "this locale";
        for (String variable : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                locale = "the locale " + variable + "=" + value;
                break;
            }
        }
        String encoding = System.getProperty("sun.jnu.encoding");
        if ("UTF-8".equalsIgnoreCase(encoding)) {
            return dir + File.separator + name + ": the file's name is not UTF-8 text, which " + locale + " reads ("
                    + "it was likely named on a system with another encoding, such as Latin-1); rename the file.";
        }
        return dir + File.separator + name + ": the file's name has characters that "
                + locale + " cannot name (its file names are " + encoding + "); run "
                + "Retort in a UTF-8 locale that the system has, such as LC_ALL=C.UTF-8, or rename the file.";
    }

    /**
     * Stops at {@code entry}, which is no regular file, if it is a link that cannot be followed: one into a shared
     * directory that is not mounted. Skipped, its revision was missing from the graph without a word, and
     * {@code upgrade head} reported success with nothing done. A directory or a pipe named like a migration is
     * skipped, as is a file removed since the listing. Only entries that are not regular files come here, so the
     * listing of a normal directory makes no extra system call.
     */
    private static void refuseBrokenLink(Path entry) {
        if (!Files.isSymbolicLink(entry)) {
            return;
        }
        String link = entry + " is a link to " + linkTarget(entry);
        try {
            Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ScriptException(link + ", which does not exist; mount or restore what it points to, or remove "
                    + "the link.", e);
        } catch (AccessDeniedException e) {
            throw new ScriptException(link + ", which cannot be reached (permission denied); let the user running "
                    + "Retort read it, or remove the link.", e);
        } catch (FileSystemException e) {
            throw new ScriptException(link + ", which cannot be read (" + e.getReason() + "); fix the link or remove "
                    + "it.", e);
        } catch (IOException e) {
            throw new ScriptException(link + ", which cannot be read (" + e.getMessage() + "); fix the link or remove "
                    + "it.", e);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a missing file";
        }
    }

    /** The entry's attributes, following links; null for one that cannot be read, such as a dangling link. */
    private static BasicFileAttributes attributesOrNull(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static Script read(Path file, long size, long modified) {
        return parse(file, ScriptText.read(file, size), modified);
    }

    /**
     * The script of a migration's text; {@code file} is where it is, as messages name it, and {@code modified} when
     * it was last modified (nanoseconds since the epoch).
     */
    static Script parse(Path file, String text, long modified) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sql")) {
            SqlMigrationParser.Header header = SqlMigrationParser.header(name, text);
            return new Script(header.revision(), file, ScriptKind.SQL, header.created(), text, modified);
        }
        JavaMigrationHeader.Parsed header = JavaMigrationHeader.parse(name, text);
        return new Script(header.revision(), file, header.created(), text, header.className(), modified);
    }
}
