package dev.retort.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operating-system account that runs {@code initdb}, {@code pg_ctl} and {@code postgres}.
 *
 * <p>PostgreSQL refuses to run as root, and CI machines and containers often run everything as root.
 * So when this JVM is root the server runs as an unprivileged account ({@code nobody} by default,
 * overridable with the system properties {@code retort.embedded.user} and
 * {@code retort.embedded.group}) through util-linux's {@code setpriv}; otherwise it runs as this
 * JVM's own user.
 */
sealed interface ServerAccount {

    /** Returns the account for this JVM: {@link Unprivileged} when running as root, else {@link Current}. */
    static ServerAccount detect() {
        if (!isRoot()) {
            return new Current();
        }
        String user = System.getProperty("retort.embedded.user", "nobody");
        String group = System.getProperty("retort.embedded.group", defaultGroup());
        Path setpriv = findOnPath("setpriv").orElseThrow(() -> new EmbeddedPostgresException(
                "PostgreSQL refuses to run as root, and setpriv (util-linux) was not found to run it as user "
                        + user + ". Install util-linux, run as a non-root user, or configure a database URL."));
        return new Unprivileged(user, group, setpriv);
    }

    /** Returns {@code command} prefixed so that it runs as this account. */
    List<String> command(List<String> command);

    /** Makes this account the owner of {@code directory}, so the server can create its files there. */
    void own(Path directory) throws IOException;

    /** Tells whether this account can reach {@code path}: every directory from the root down may be entered (execute permission). */
    boolean canReach(Path path) throws IOException;

    /** Returns the first of {@code candidates} that this account can reach. */
    default Optional<Path> firstReachable(List<Path> candidates) throws IOException {
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate) && canReach(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** This JVM's own, unprivileged user: commands run unchanged and everything it creates is its own. */
    record Current() implements ServerAccount {
        @Override
        public List<String> command(List<String> command) {
            return List.copyOf(command);
        }

        @Override
        public void own(Path directory) {
        }

        @Override
        public boolean canReach(Path path) {
            return true;
        }
    }

    /** An unprivileged account that root switches to with {@code setpriv} for each command. */
    record Unprivileged(String user, String group, Path setpriv) implements ServerAccount {
        @Override
        public List<String> command(List<String> command) {
            List<String> full = new ArrayList<>(List.of(setpriv.toString(),
                    "--reuid=" + user, "--regid=" + group, "--clear-groups", "--"));
            full.addAll(command);
            return List.copyOf(full);
        }

        @Override
        public void own(Path directory) throws IOException {
            UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
            try {
                view.setOwner(lookup.lookupPrincipalByName(user));
                view.setGroup(lookup.lookupPrincipalByGroupName(group));
            } catch (UserPrincipalNotFoundException e) {
                throw new EmbeddedPostgresException("PostgreSQL refuses to run as root, and the account "
                        + user + ":" + group + " meant to run it does not exist. Set the system properties "
                        + "retort.embedded.user and retort.embedded.group to an unprivileged user and group.", e);
            }
        }

        /**
         * Checks the permission bits of every directory from the root down to {@code path}.
         *
         * <p>Bits rather than a trial run as the account: this runs on every start and must cost no
         * process. ACLs are not consulted; a directory they open up is merely passed over.
         */
        @Override
        public boolean canReach(Path path) throws IOException {
            List<Path> chain = new ArrayList<>();
            for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                chain.add(p);
            }
            for (Path directory : chain) {
                if (!Files.isDirectory(directory) || !enterable(directory)) {
                    return false;
                }
            }
            return true;
        }

        private boolean enterable(Path directory) throws IOException {
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
            PosixFilePermission needed;
            if (attributes.owner().getName().equals(user)) {
                needed = PosixFilePermission.OWNER_EXECUTE;
            } else if (attributes.group().getName().equals(group)) {
                needed = PosixFilePermission.GROUP_EXECUTE;
            } else {
                needed = PosixFilePermission.OTHERS_EXECUTE;
            }
            return attributes.permissions().contains(needed);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Debian names nobody's group {@code nogroup}; Red Hat and others name it {@code nobody}. */
    private static String defaultGroup() {
        try {
            GroupPrincipal group = Path.of("/").getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName("nogroup");
            return group.getName();
        } catch (UserPrincipalNotFoundException e) {
            return "nobody";
        } catch (IOException e) {
            return "nogroup";
        }
    }

    private static Optional<Path> findOnPath(String program) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
