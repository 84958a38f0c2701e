package dev.retort.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of a project's server: its superuser's, kept in the state directory in files only their owner may
 * read.
 *
 * <p>{@code postgres.password} holds it for Retort. {@code pgpass}, in the format of libpq's password file, holds it
 * for the user's own tools: {@code PGPASSFILE=.retort/pgpass psql -h 127.0.0.1 -p PORT -U postgres retort}. The server
 * listens on {@code 127.0.0.1}, where every user of the machine may connect, and its superuser may run programs as
 * the account that runs it ({@code COPY ... TO PROGRAM}), so it takes no connection without the password.
 */
final class ProjectPassword {
    static final String FILE_NAME = "postgres.password";
    static final String PASS_FILE_NAME = "pgpass";
    /** 24 random bytes: 32 characters of base64url, which need no quoting in SQL, a URL or a pgpass file. */
    private static final int BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProjectPassword() {
    }

    /** Returns a new random password. */
    static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Reads the password kept in {@code stateDirectory}; empty when there is none, or the file is empty. */
    static Optional<String> read(Path stateDirectory) throws IOException {
        String text;
        try {
            text = Files.readString(stateDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String password = text.strip();
        if (password.isEmpty()) {
            return Optional.empty();
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new EmbeddedPostgresException(stateDirectory.resolve(FILE_NAME) + " holds more than one line. "
                    + "Delete it: the next command sets a new password for the embedded PostgreSQL.");
        }
        return Optional.of(password);
    }

    /** Keeps {@code password} in {@code stateDirectory}, readable by its owner only. */
    static void write(Path stateDirectory, String password) throws IOException {
        replace(stateDirectory, FILE_NAME, password + "\n");
    }

    /**
     * Writes {@code pgpass} for the server on {@code port}, unless it holds that already. The port is the file's:
     * a password file naming any port would hand the password to whatever else listens on {@code 127.0.0.1}.
     */
    static void writePassFile(Path stateDirectory, int port, String password) throws IOException {
        String content = "# The embedded PostgreSQL of this project, written by Retort: "
                + "PGPASSFILE=.retort/" + PASS_FILE_NAME + " psql -h 127.0.0.1 -p " + port + " -U "
                + ServerControl.SUPERUSER + " " + ProjectServer.DEFAULT_DATABASE + "\n"
                + "127.0.0.1:" + port + ":*:" + ServerControl.SUPERUSER + ":" + escaped(password) + "\n";
        Path file = stateDirectory.resolve(PASS_FILE_NAME);
        try {
            if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return;
            }
        } catch (IOException e) {
            // Absent or unreadable: written anew.
        }
        replace(stateDirectory, PASS_FILE_NAME, content);
    }

    /** Deletes both files. */
    static void delete(Path stateDirectory) throws IOException {
        Files.deleteIfExists(stateDirectory.resolve(FILE_NAME));
        Files.deleteIfExists(stateDirectory.resolve(PASS_FILE_NAME));
    }

    /** A pgpass field: {@code :} and {@code \} are escaped with {@code \}. */
    private static String escaped(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }

    /**
     * Replaces {@code name} in {@code directory} with {@code content} in a single rename, the file never readable by
     * others: created with mode 600 (libpq ignores a password file that others may read).
     */
    private static void replace(Path directory, String name, String content) throws IOException {
        Path temporary = Files.createTempFile(directory, name, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
