package dev.retort.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The migration files among an application's class path resources: a versions directory that its build packed into
 * its jar (Maven copies {@code src/main/resources/db/retort/versions/} to {@code db/retort/versions/}), so that the
 * application upgrades its database at start from the files it was built with, and needs no directory beside it.
 *
 * <p>A class loader can load a resource by name but not list a directory, so each place that holds the directory is
 * listed as what it is: a directory (a build's output, an IDE's class path) or a jar, through
 * {@link JarURLConnection}, which is also how Spring Boot's launcher opens the jars nested in its own. A name found in
 * two places is read from the first, as a class is loaded from the first place that has it.
 */
final class ScriptResources {
    private ScriptResources() {
    }

    /** What a migration resource is handed on as. */
    interface Each {
        /**
         * @param modified when the file was last modified (nanoseconds since the epoch): the file's time, or the time
         *                 the jar records for it
         */
        void accept(String name, String text, long modified);
    }

    /** A resource's bytes and time. */
    private record Found(byte[] bytes, long modified) {
    }

    /** Hands {@code each} the name, text and time of every migration in {@code dir}, in name order. */
    static void read(ClassLoader loader, String dir, Each each) {
        Map<String, Found> files = new TreeMap<>();
        int places = 0;
        try {
            for (Enumeration<URL> urls = loader.getResources(dir); urls.hasMoreElements(); places++) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    readDirectory(Path.of(url.toURI()), files);
                } else {
                    URLConnection connection = url.openConnection();
                    if (!(connection instanceof JarURLConnection jar)) {
                        throw new ScriptException("Cannot list the migrations at " + url + " (class path resources "
                                + "under " + dir + "): Retort lists a directory or a jar; put the migrations in one.");
                    }
                    readJar(jar, files);
                }
            }
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            throw new ScriptException("Cannot read the migrations under " + dir + " on the class path: "
                    + e.getMessage(), e);
        }
        if (places == 0) {
            // A jar built without directory entries (some tools leave them out) has the files but not the directory.
            throw new ScriptException("No migrations on the class path under " + dir + ": no resource directory of "
                    + "that name. Put the migration files in src/main/resources/" + dir + " (or wherever the build "
                    + "copies resources from), and check that the jar has the directory: jar tf app.jar | grep " + dir
                    + "/");
        }
        files.forEach((name, found) -> each.accept(name, ScriptText.decode(name, found.bytes()), found.modified()));
    }

    private static boolean isMigration(String name) {
        return !name.startsWith(".") && (name.endsWith(".sql") || name.endsWith(".java"));
    }

    private static void readDirectory(Path dir, Map<String, Found> files) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isMigration(name) && Files.isRegularFile(entry) && !files.containsKey(name)) {
                    files.put(name, new Found(Files.readAllBytes(entry),
                            Files.getLastModifiedTime(entry).to(TimeUnit.NANOSECONDS)));
                }
            }
        }
    }

    private static void readJar(JarURLConnection connection, Map<String, Found> files) throws IOException {
        // A jar file of its own, closed here: the cached one is shared with the class loader.
        connection.setUseCaches(false);
        String prefix = connection.getEntryName() + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String entryName = entry.getName();
                if (entry.isDirectory() || !entryName.startsWith(prefix)) {
                    continue;
                }
                String name = entryName.substring(prefix.length());
                if (isMigration(name) && name.indexOf('/') < 0 && !files.containsKey(name)) {
                    FileTime modified = entry.getLastModifiedTime();
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(name, new Found(in.readAllBytes(),
                                modified == null ? 0 : modified.to(TimeUnit.NANOSECONDS)));
                    }
                }
            }
        }
    }
}
