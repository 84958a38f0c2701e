package dev.retort.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Who runs Retort, as {@code retort_history.os_user} records it. */
final class OsUser {
    /** The user of this process. */
    static final String NAME = of(System.getProperty("user.name"), System.getenv("USER"), OsUser::uid);

    private OsUser() {
    }

    /**
     * {@code userName} (Java's {@code user.name}), unless the system has no name for the user: a container run with
     * {@code --user 1000}, or OpenShift's random user id, has no entry in {@code /etc/passwd}, and Java then names
     * the user {@code ?}. That user is {@code userVariable} ({@code USER}) when set, else {@code uid N}, else
     * unknown (null).
     */
    static String of(String userName, String userVariable, Supplier<Integer> uid) {
        if (userName != null && !userName.isEmpty() && !userName.equals("?")) {
            return userName;
        }
        if (userVariable != null && !userVariable.isBlank()) {
            return userVariable;
        }
        Integer id = uid.get();
        return id == null ? null : "uid " + id;
    }

    /** This process's user id, where the system tells it (Linux's {@code /proc}), else null. */
    private static Integer uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }
}
