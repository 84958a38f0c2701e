package dev.retort.embedded;

import java.util.List;
import java.util.stream.Stream;

/** How much a server trades crash safety for speed: a project's database keeps it, a test server does not. */
enum Durability {
    /** PostgreSQL's normal settings: what is committed survives a crash of the machine. */
    CRASH_SAFE(List.of(), List.of()),

    /**
     * No flushes to disk: a test server is thrown away with its data, and skipping {@code fsync}
     * makes creating databases and committing several times faster.
     */
    THROWAWAY(List.of("--no-sync"), List.of("fsync = off", "synchronous_commit = off", "full_page_writes = off"));

    /** What every embedded server needs: TCP on loopback only, no Unix socket, no locale surprises. */
    private static final List<String> COMMON = List.of(
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "lc_messages = 'C'");

    private final List<String> initdbOptions;
    private final List<String> settings;

    Durability(List<String> initdbOptions, List<String> settings) {
        this.initdbOptions = initdbOptions;
        this.settings = settings;
    }

    /** Extra options for {@code initdb}. */
    List<String> initdbOptions() {
        return initdbOptions;
    }

    /** Lines appended to {@code postgresql.conf}. */
    List<String> configuration() {
        return Stream.concat(COMMON.stream(), settings.stream()).toList();
    }
}
