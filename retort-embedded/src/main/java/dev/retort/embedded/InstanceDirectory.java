package dev.retort.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a project's server keeps its files, and whether files found there are the project's.
 *
 * <p>The instance directory is {@code <state>/postgres/}, which goes when the state directory is deleted. When the
 * server account cannot reach the state directory (a project under root's home, run as root), or its path holds a
 * character {@code pg_ctl} cannot pass on (see {@link #startableByPgCtl}), it is a directory of {@code /var/tmp}
 * named after the state directory's path, which outlives it. So that deleting {@code .retort/} still
 * forgets the server there, such a directory belongs to the state directory only while both hold the same random id:
 * {@code <state>/postgres.id} and {@code <instance>/project.id}, written when the instance directory is made. A
 * directory whose id the state directory lacks is stale, left by a state directory deleted since: the next start
 * stops its server and deletes it. The path in its name keeps projects apart; the id tells the state directories at
 * one path apart.
 */
final class InstanceDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceDirectory.class);
    static final String STATE_ID_FILE_NAME = "postgres.id";
    static final String INSTANCE_ID_FILE_NAME = "project.id";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The characters {@code /bin/sh} interprets inside double quotes. */
    private static final String SHELL_SPECIAL = "\"$`\\";

    private InstanceDirectory() {
    }

    /**
     * Returns the project's instance directory: where its record says, if that is still there and is this state
     * directory's (a copied {@code .retort/} names the original's), or else where a new one goes. Creates nothing;
     * see {@link #belongs} for whether the one outside the state directory is the project's.
     */
    static Path locate(Path state, Optional<ServerRecord> record, ServerAccount account) throws IOException {
        if (record.isPresent()) {
            Path recorded = record.get().dataDirectory().toAbsolutePath().normalize().getParent();
            // A Retort from before names were taken from the real path named it after the path as spelled.
            boolean thisStates = recorded != null && (recorded.equals(inside(state))
                    || recorded.getFileName().toString().equals(outsideName(state))
                    || recorded.getFileName().toString().equals(nameOf(state)));
            if (thisStates && Files.isDirectory(recorded)) {
                return recorded;
            }
        }
        return account.canReach(state) && startableByPgCtl(state) ? inside(state) : outside(state, account);
    }

    /**
     * Tells whether {@code pg_ctl start} can be given a data directory in {@code state}: it runs {@code postgres -D
     * "<data directory>" >> "<log>"} through {@code /bin/sh}, where inside the double quotes {@code "} ends the
     * word, {@code $} and {@code `} substitute, and {@code \} escapes. A project named {@code proj"x} could not start
     * its server (an unterminated quoted string), and one named {@code cost$HOME} had it look for its data elsewhere.
     */
    static boolean startableByPgCtl(Path state) {
        return state.toString().chars().noneMatch(c -> SHELL_SPECIAL.indexOf(c) >= 0);
    }

    /** Tells whether {@code instance} lies outside the state directory, where deleting that leaves it. */
    static boolean isOutside(Path state, Path instance) {
        return !instance.equals(inside(state));
    }

    /**
     * Tells whether {@code instance} is the project's: it lies in the state directory, or it holds the state
     * directory's id. One made before there were ids is the project's when neither has one and the record names it.
     */
    static boolean belongs(Path state, Path instance, Optional<ServerRecord> record) throws IOException {
        if (!isOutside(state, instance)) {
            return true;
        }
        Optional<String> stateId = readId(state.resolve(STATE_ID_FILE_NAME));
        Optional<String> instanceId = readId(instance.resolve(INSTANCE_ID_FILE_NAME));
        if (stateId.isPresent() || instanceId.isPresent()) {
            return stateId.equals(instanceId);
        }
        return record.isPresent() && instance.equals(record.get().dataDirectory().toAbsolutePath().normalize()
                .getParent());
    }

    /**
     * Makes {@code instance} the project's before its server is started or made: a stale one is stopped and deleted
     * (its data is another state directory's, deleted since), and one outside the state directory is tied to it by
     * their id.
     */
    static void claim(Path state, Path instance, Optional<ServerRecord> record, ServerAccount account)
            throws IOException {
        if (!isOutside(state, instance)) {
            return;
        }
        if (Files.exists(instance, LinkOption.NOFOLLOW_LINKS) && !belongs(state, instance, record)) {
            LOG.debug("{} belongs to no state directory of {} any more; deleting it", instance, state);
            new ServerControl(PostgresBinaries.unpacked(account), account, instance).stop();
            FileTree.delete(instance);
        }
        Path stateIdFile = state.resolve(STATE_ID_FILE_NAME);
        Optional<String> known = readId(stateIdFile);
        String id = known.orElseGet(InstanceDirectory::generateId);
        if (known.isEmpty()) {
            writeId(stateIdFile, id);
        }
        if (!Files.isDirectory(instance)) {
            Files.createDirectories(instance);
            account.own(instance);
        }
        Path instanceIdFile = instance.resolve(INSTANCE_ID_FILE_NAME);
        if (readId(instanceIdFile).isEmpty()) {
            writeId(instanceIdFile, id);
        }
    }

    /** Deletes the state directory's id, as the project's server is discarded. */
    static void forget(Path state) throws IOException {
        Files.deleteIfExists(state.resolve(STATE_ID_FILE_NAME));
    }

    private static Path inside(Path state) {
        return state.resolve("postgres");
    }

    /**
     * A directory of {@code /var/tmp} (or the temporary directory) named after the state directory's path, which the
     * server account can reach.
     */
    private static Path outside(Path state, ServerAccount account) throws IOException {
        List<Path> candidates = List.of(Path.of("/var/tmp"), Path.of(System.getProperty("java.io.tmpdir")),
                Path.of("/tmp"));
        Path parent = account.firstReachable(candidates).orElseThrow(() -> new EmbeddedPostgresException(
                "The account that runs PostgreSQL can reach neither " + state + " nor any of " + candidates
                        + ". Let every user enter one of them (chmod o+x), or configure a database URL."));
        Path instance = parent.resolve(outsideName(state));
        if (Files.isSymbolicLink(instance)) {
            throw new EmbeddedPostgresException(instance + " is a symbolic link, which Retort will not follow "
                    + "for the embedded PostgreSQL of " + state + ". Remove it and try again.");
        }
        LOG.debug("{} is not reachable by {}, or not by pg_ctl; keeping the embedded PostgreSQL in {}", state,
                account, instance);
        return instance;
    }

    /**
     * The name of the directory outside for {@code state}, taken from its real path, so that a project reached through
     * a symbolic link finds the server its own path made.
     */
    private static String outsideName(Path state) {
        return nameOf(realPath(state));
    }

    private static String nameOf(Path state) {
        return "retort-" + hash(state.toString());
    }

    /** {@code path} with its links resolved, as far as it exists: the state directory may not be made yet. */
    private static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException e) {
                // Not there (yet): resolve the links of its parent.
            }
        }
        return absolute;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String generateId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The id in {@code file}; empty when there is none, or it is empty. */
    private static Optional<String> readId(Path file) throws IOException {
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code id} into the new {@code file}, readable by its owner only. */
    private static void writeId(Path file, String id) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), id + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.WRITE);
    }
}
