package dev.retort.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Warns when {@code .env} holds a password and every user of the machine can read it, as {@code cp .env.example
 * .env} leaves it under the usual umask (mode 644).
 *
 * <p>Once per file and mode, not on every command: the warning names the fix ({@code chmod 600}), and a user who
 * chose the mode on purpose should not read it again on each run. Which file was warned about is kept in
 * {@code .retort/cache}. Readable by its group only is no warning, since most systems give each user a group of
 * their own; nor is a file that others cannot reach, in a directory they may not enter (a home directory of mode
 * 750 or 700). A CI job ({@code CI} set, as GitHub Actions, GitLab CI and most others set it) gets none: it runs
 * on a machine of its own, where files are 644 by design.
 */
final class DotEnvPermissions {
    private static final String MARKER = "dotenv-readable";

    private DotEnvPermissions() {
    }

    /** The warning for {@code dotEnv} read from {@code file}, if one is due; notes that it was given. */
    static Optional<String> check(Path file, DotEnv dotEnv, Map<String, String> environment, Path stateDir) {
        Optional<String> key = dotEnv.passwordKey();
        if (key.isEmpty() || inCi(environment)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!permissions.contains(PosixFilePermission.OTHERS_READ) || !othersReach(file)) {
                return Optional.empty();
            }
            String mode = octal(permissions);
            Path marker = stateDir.resolve("cache").resolve(MARKER);
            String seen = Files.readAttributes(file, BasicFileAttributes.class).fileKey() + " " + mode;
            if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(seen)) {
                return Optional.empty();
            }
            remember(marker, seen);
            return Optional.of(dotEnv.name() + " holds a password (" + key.get() + ") and every user of this machine "
                    + "can read it (mode " + mode + "); run chmod 600 " + dotEnv.name());
        } catch (IOException | UnsupportedOperationException e) {
            // No POSIX permissions here (Windows), or nothing to tell them by: no warning.
            return Optional.empty();
        }
    }

    private static boolean inCi(Map<String, String> environment) {
        String ci = environment.get("CI");
        return ci != null && !ci.isBlank() && !Set.of("false", "0", "no").contains(ci.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether every directory above {@code file} lets other users through to it. */
    private static boolean othersReach(Path file) throws IOException {
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** {@code 644} for {@code rw-r--r--}. */
    private static String octal(Set<PosixFilePermission> permissions) {
        String text = PosixFilePermissions.toString(permissions);
        int mode = 0;
        for (int i = 0; i < text.length(); i++) {
            mode = mode * 2 + (text.charAt(i) == '-' ? 0 : 1);
        }
        return Integer.toOctalString(mode);
    }

    private static void remember(Path marker, String seen) {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, seen, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Not kept: the warning comes again next time, which is no harm.
        }
    }
}
