package dev.retort.embedded;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Does what three commands in a row do to a project's server, and prints each answer on a line: starts it, reuses it,
 * asks its status, stops it. The project is the directory named {@code args[1]} (its name's bytes in hex, taken as
 * this JVM takes file names, so that any bytes can be given whatever the locale) in {@code args[0]}. Prints first
 * the charset this JVM takes file names in, and stops there when it is not {@code args[2]}: a locale that is not
 * installed leaves the JVM with ASCII file names, which cannot hold the project's name.
 */
public final class ProjectCommandsMain {
    private ProjectCommandsMain() {
    }

    public static void main(String[] args) {
        String charset = System.getProperty("sun.jnu.encoding");
        System.out.println("file names: " + charset);
        if (!charset.equals(args[2])) {
            return;
        }
        byte[] name = HexFormat.of().parseHex(args[1]);
        Path stateDir = Path.of(args[0]).resolve(new String(name, Charset.forName(charset))).resolve(".retort");
        try (EmbeddedPostgres first = EmbeddedPostgres.startOrReuse(stateDir)) {
            System.out.println("started: " + first.port());
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.startOrReuse(stateDir)) {
            System.out.println("reused: " + second.port());
        } catch (EmbeddedPostgresException e) {
            System.out.println("reused: " + e.getMessage().lines().findFirst().orElse(""));
        }
        System.out.println("status: " + EmbeddedPostgres.status(stateDir).getClass().getSimpleName());
        System.out.println("stopped: " + EmbeddedPostgres.stopProject(stateDir).isPresent());
    }
}
