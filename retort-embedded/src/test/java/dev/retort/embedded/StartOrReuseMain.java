package dev.retort.embedded;

import java.nio.file.Path;

/** Starts a project's server for the state directory given as the argument, prints its port, and exits. */
public final class StartOrReuseMain {
    private StartOrReuseMain() {
    }

    public static void main(String[] args) {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startOrReuse(Path.of(args[0]))) {
            System.out.println(postgres.port());
        }
    }
}
