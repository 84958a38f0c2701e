package dev.retort.command;

import dev.retort.RetortException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@code pg_dump} of the whole database to a file before a run changes it ({@code --backup=dump}).
 *
 * <p>The dump is in pg_dump's custom format, restored with {@code pg_restore}. It is written under a temporary name
 * and renamed when pg_dump succeeds, so a file with the final name is always a complete dump. The password reaches
 * pg_dump through its environment, never its command line, where other users of the machine could read it.
 * pg_dump refuses a server newer than itself, so its version is checked first and a mismatch is explained before
 * anything runs.
 */
final class DumpBackup {
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.\\d+)*");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long DUMP_TIMEOUT_HOURS = 24;
    /** The other backup, in the words of the command line and of the Java API, which both reach this class. */
    private static final String OR_TABLES =
            "back up the tables instead (--backup=tables; from Java, BackupMode.TABLES)";
    /**
     * The server's refusal of a dump that row-level security would cut short (pg_dump sets {@code row_security} off,
     * so a policy that hides rows from its role fails the dump instead of thinning it), with the table's name.
     */
    private static final Pattern ROW_SECURITY =
            Pattern.compile("query would be affected by row-level security policy for table (\"(?:[^\"]|\"\")*\")");

    private final Optional<Path> configuredProgram;
    private final Path directory;
    private final Database database;
    /** Told when the process is stopped (SIGTERM) while pg_dump runs. */
    private final Consumer<String> stopped;

    /**
     * @param configuredProgram {@code pg_dump} from retort.toml; empty means the {@code pg_dump} on the PATH
     * @param directory         where dump files go (the project's {@code .retort/backups})
     * @param database          the database to dump
     * @param stopped           told, as the process stops, when it is stopped while pg_dump runs
     */
    DumpBackup(Optional<Path> configuredProgram, Path directory, Database database, Consumer<String> stopped) {
        this.configuredProgram = configuredProgram;
        this.directory = directory;
        this.database = database;
        this.stopped = stopped;
    }

    /** What was written: the file and its size in bytes. */
    record Dump(Path file, long bytes) {
        /** The size for people: {@code 12 kB}, {@code 3.4 MB}. */
        String size() {
            return bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " kB"
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
        }
    }

    /**
     * Dumps the database, which is at {@code heads} (empty: base). Throws, naming what to do, when pg_dump is
     * missing, older than the server or fails.
     */
    Dump write(Set<String> heads) {
        Database.Libpq target = database.libpq();
        int serverMajor = serverMajor();
        Path program = program();
        String version = version(program);
        int dumpMajor = major(version, program);
        if (dumpMajor < serverMajor) {
            throw new RetortException("pg_dump " + version + " (" + program + ") cannot dump this PostgreSQL "
                    + serverMajor + " server: pg_dump must be at least as new as the server. Install the PostgreSQL "
                    + serverMajor + " client tools and set pg_dump in retort.toml to their pg_dump, or " + OR_TABLES
                    + ". Nothing was changed.");
        }
        String name = target.database() + "-" + STAMP.format(Instant.now()) + "-at-"
                + (heads.isEmpty() ? "base" : String.join("+", heads.stream().sorted().toList())) + ".dump";
        Path file = directory.resolve(name);
        Path partial = directory.resolve(name + ".partial");
        try {
            createPrivately(directory, true);
            // pg_dump writes into the file as it finds it, so the dump is never readable by others, not even while
            // it is being written: it holds the whole database.
            Files.deleteIfExists(partial);
            createPrivately(partial, false);
            ProcessBuilder builder = new ProcessBuilder(program.toString(), "--format=custom", "--no-password",
                    "--file=" + partial);
            builder.environment().putAll(target.environment());
            Path errors = Files.createTempFile(directory, "pg_dump-", ".log");
            builder.redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            int exit = run(builder, program, partial, errors);
            String reason = Files.readString(errors, StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).findFirst().orElse("no message").strip();
            Files.deleteIfExists(errors);
            if (exit != 0) {
                Files.deleteIfExists(partial);
                Matcher hidden = ROW_SECURITY.matcher(reason);
                if (hidden.find()) {
                    throw new RetortException("pg_dump could not dump " + target.described() + ": row-level security "
                            + "hides rows of table " + hidden.group(1) + " from role "
                            + target.environment().getOrDefault("PGUSER", "the dump runs as") + ", and pg_dump refuses "
                            + "to leave them out. Run it as the table's owner without FORCE ROW LEVEL SECURITY (ALTER "
                            + "TABLE " + hidden.group(1) + " NO FORCE ROW LEVEL SECURITY) or as a role with BYPASSRLS. "
                            + "Nothing was changed.");
                }
                boolean wantsPassword = target.noPassword() != null && reason.contains("password");
                throw new RetortException("pg_dump could not dump " + target.described() + ": "
                        + target.redact(reason.replaceFirst("^pg_dump: (error: )?", ""))
                        + ". Nothing was changed; " + (wantsPassword ? target.noPassword()
                        : "fix that, or " + OR_TABLES) + ".");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return new Dump(file, Files.size(file));
        } catch (IOException e) {
            throw new RetortException("Could not write the dump " + file + ": " + e.getMessage()
                    + ". Check that the directory is writable and has space. Nothing was changed.", e);
        }
    }

    /** Creates a directory (when missing) or a file that only its owner can read, where the file system allows. */
    private static void createPrivately(Path path, boolean directory) throws IOException {
        if (directory && Files.isDirectory(path)) {
            return;
        }
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
            if (directory) {
                Files.createDirectories(path, ownerOnly);
            } else {
                Files.createFile(path, ownerOnly);
            }
        } catch (UnsupportedOperationException e) {
            // No Unix permissions (Windows): the directory's rights apply.
            if (directory) {
                Files.createDirectories(path);
            } else {
                Files.createFile(path);
            }
        }
    }

    private int serverMajor() {
        try {
            return database.serverMajor();
        } catch (SQLException e) {
            throw new RetortException("Could not read the server version of " + database.describe() + ": "
                    + Database.firstLine(e) + ". Nothing was changed.", e);
        }
    }

    /**
     * Runs pg_dump and waits for it. A stop of Retort meanwhile (SIGTERM: a pod's end, a cancelled job) stops pg_dump
     * too, whose session would otherwise go on holding a lock on every table, and removes the half-written
     * {@code partial} dump and pg_dump's {@code errors}.
     */
    private int run(ProcessBuilder builder, Path program, Path partial, Path errors) throws IOException {
        Process process = builder.start();
        Thread stop = new Thread(() -> {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                Files.deleteIfExists(partial);
                Files.deleteIfExists(errors);
            } catch (IOException | InterruptedException e) {
                // Stopping: what is left is a .partial file, never taken for a dump.
            }
            stopped.accept("stopped during the pg_dump backup, before the first step: nothing was changed; run the "
                    + "command again.");
        }, "retort-stop-notice");
        try {
            Runtime.getRuntime().addShutdownHook(stop);
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw new RetortException("Stopped before the pg_dump backup. Nothing was changed.", e);
        }
        try {
            if (!process.waitFor(DUMP_TIMEOUT_HOURS, TimeUnit.HOURS)) {
                process.destroyForcibly();
                throw new RetortException(program + " did not finish within " + DUMP_TIMEOUT_HOURS
                        + " hours. Nothing was changed.");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RetortException("Interrupted while pg_dump was running. Nothing was changed.", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // The process is stopping: the hook runs now.
            }
        }
    }

    /** The configured program, or the first executable {@code pg_dump} on the PATH. */
    private Path program() {
        if (configuredProgram.isPresent()) {
            Path program = configuredProgram.get();
            if (!Files.isExecutable(program) || Files.isDirectory(program)) {
                throw new RetortException("pg_dump in retort.toml is " + program + ", which is not an executable "
                        + "file. Fix the path, or " + OR_TABLES + ". Nothing was changed.");
            }
            return program;
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "pg_dump");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new RetortException("--backup=dump needs pg_dump, which is not on the PATH. Install the PostgreSQL "
                + "client tools (Debian and Ubuntu: postgresql-client) or set pg_dump in retort.toml to its path, "
                + "or " + OR_TABLES + ". Nothing was changed.");
    }

    /** What {@code pg_dump --version} says, such as {@code 15.18}. */
    private static String version(Path program) {
        try {
            Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new RetortException(program + " --version failed: " + output.strip()
                        + ". Check the pg_dump installation. Nothing was changed.");
            }
            // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)": the first number after the program's name.
            Matcher matcher = VERSION.matcher(output.substring(Math.max(0, output.indexOf(')'))));
            return matcher.find() ? matcher.group() : output.strip();
        } catch (IOException e) {
            throw new RetortException("Could not run " + program + ": " + e.getMessage() + ". Nothing was changed.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetortException("Interrupted while asking pg_dump for its version. Nothing was changed.", e);
        }
    }

    private static int major(String version, Path program) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.lookingAt()) {
            throw new RetortException(program + " --version printed '" + version + "', which names no version. "
                    + "Check that it is PostgreSQL's pg_dump. Nothing was changed.");
        }
        return Integer.parseInt(matcher.group(1));
    }
}
