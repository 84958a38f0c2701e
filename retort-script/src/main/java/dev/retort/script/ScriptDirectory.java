package dev.retort.script;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private ScriptDirectory(Path versionsDir, Map<String, Script> scripts, RevisionMap map) {
        this.versionsDir = versionsDir;
        this.scripts = scripts;
        this.map = map;
    }

    /** Reads the headers of all migration files under {@code versionsDir}. */
    public static ScriptDirectory load(Path versionsDir) {
        List<Script> parsed = readAll(list(versionsDir));
        Map<String, Script> byId = new HashMap<>();
        List<Revision> revisions = new ArrayList<>(parsed.size());
        for (Script script : parsed) {
            Script other = byId.putIfAbsent(script.id(), script);
            if (other != null) {
                throw new ScriptException("Revision " + script.id() + " is defined twice: " + other.fileName() + " and "
                        + script.fileName() + "; give one of them a new id.");
            }
            revisions.add(script.revision());
        }
        return new ScriptDirectory(versionsDir, byId, RevisionMap.of(revisions));
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
     * Reads the files in order, skipping entries that are not regular files. A long history is read by two threads,
     * each half of it: reading is mostly waiting on system calls (stat, open, read, close: 20 microseconds a file
     * on a virtual machine). A failure is that of the first file that failed, as a read in one thread would report it.
     */
    private static List<Script> readAll(List<Path> files) {
        Script[] scripts = new Script[files.size()];
        int split = files.size() < TWO_THREADS_FROM ? files.size() : files.size() / 2;
        Throwable[] laterFailure = new Throwable[1];
        Thread later = null;
        if (split < files.size()) {
            later = new Thread(() -> {
                try {
                    readRange(files, split, files.size(), scripts);
                } catch (Throwable e) {
                    laterFailure[0] = e;
                }
            }, "retort-read");
            later.start();
        }
        try {
            readRange(files, 0, split, scripts);
        } finally {
            join(later);
        }
        if (laterFailure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (laterFailure[0] instanceof Error e) {
            throw e;
        }
        List<Script> read = new ArrayList<>(scripts.length);
        for (Script script : scripts) {
            if (script != null) {
                read.add(script);
            }
        }
        return read;
    }

    /** Reads files {@code from} to {@code to} into {@code into}, leaving null where an entry is not a regular file. */
    private static void readRange(List<Path> files, int from, int to, Script[] into) {
        for (int i = from; i < to; i++) {
            // One stat tells both that the entry is a file (a directory or a pipe named *.sql is not read) and how
            // much to read. It is made here rather than in the listing, so that two threads share it too.
            BasicFileAttributes attributes = attributesOrNull(files.get(i));
            if (attributes != null && attributes.isRegularFile()) {
                into[i] = read(files.get(i), attributes.size());
            }
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
            throw new ScriptException("The migrations directory " + dir + " does not exist; run `retort init` to create "
                    + "a project, or set script_location in retort.toml.");
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && (name.endsWith(".sql") || name.endsWith(".java"))) {
                    names.add(name);
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
            files.add(dir.resolve(name));
        }
        return files;
    }

    /** The entry's attributes, following links; null for one that cannot be read, such as a dangling link. */
    private static BasicFileAttributes attributesOrNull(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static Script read(Path file, long size) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = readText(file, size).replace("\r\n", "\n");
        } catch (MalformedInputException e) {
            throw new ScriptException(name + " is not valid UTF-8 text; save it as UTF-8.", e);
        } catch (AccessDeniedException e) {
            throw new ScriptException(name + " cannot be read (permission denied).", e);
        } catch (NoSuchFileException e) {
            throw new ScriptException(name + " disappeared while it was being read.", e);
        } catch (IOException e) {
            throw new ScriptException(name + " cannot be read: " + e.getMessage(), e);
        }
        if (name.endsWith(".sql")) {
            SqlMigrationParser.Header header = SqlMigrationParser.header(name, text);
            return new Script(header.revision(), file, ScriptKind.SQL, header.created(), text);
        }
        JavaMigrationHeader.Parsed header = JavaMigrationHeader.parse(name, text);
        return new Script(header.revision(), file, ScriptKind.JAVA, header.created(), text);
    }

    /**
     * The file's text, strictly decoded as UTF-8. The size from the file's stat spares two of the system calls of
     * {@code Files.readString} (a second stat, and a last read that finds the end), a tenth of a second on a
     * history of 10,000 files: the read asks for a byte more than that size, and a regular file that returns
     * fewer bytes than asked is at its end. A file that grew since it was listed is read on to its end.
     */
    static String readText(Path file, long size) throws IOException {
        if (size >= Integer.MAX_VALUE - 8) {
            throw new IOException("the file is too large (" + size + " bytes)");
        }
        byte[] bytes = new byte[(int) size + 1];
        int length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(bytes, length, bytes.length - length)) > 0; ) {
                length += n;
                if (length == size) {
                    break;
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
            }
        }
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // The file holds U+FFFD, or bytes that are not UTF-8 and that new String replaced: tell which.
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
        }
        return text;
    }
}
