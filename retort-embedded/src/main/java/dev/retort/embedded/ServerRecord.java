package dev.retort.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a project's state directory remembers about its embedded server: where the data lives, and
 * the port and process id it last ran with.
 *
 * <p>Kept in {@code postgres.properties} in the state directory. The data directory may lie outside
 * the state directory (see {@link EmbeddedPostgres#startOrReuse}), which is why it is recorded.
 *
 * @param dataDirectory the server's data directory
 * @param port the port the server listens on
 * @param pid the process id of the postmaster
 */
record ServerRecord(Path dataDirectory, int port, long pid) {
    static final String FILE_NAME = "postgres.properties";

    /** Reads the record in {@code stateDirectory}; empty when there is none or it cannot be read. */
    static Optional<ServerRecord> read(Path stateDirectory) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(stateDirectory.resolve(FILE_NAME))) {
            properties.load(in);
            return Optional.of(new ServerRecord(Path.of(properties.getProperty("data_directory")),
                    Integer.parseInt(properties.getProperty("port")),
                    Long.parseLong(properties.getProperty("pid"))));
        } catch (IOException | RuntimeException e) {
            // Absent or damaged, the record only costs a start: the data directory is found again in its
            // default place.
            return Optional.empty();
        }
    }

    /** Writes this record into {@code stateDirectory}, replacing the old one in a single rename. */
    void write(Path stateDirectory) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("data_directory", dataDirectory.toString());
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("pid", Long.toString(pid));
        Path temporary = Files.createTempFile(stateDirectory, FILE_NAME, ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "The embedded PostgreSQL of this project, written by Retort. Delete to forget it.");
        }
        Files.move(temporary, stateDirectory.resolve(FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
