package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A project for hostile-input tests: its database URL carries the guide's password (which contains an
 * {@code @}), and every run is checked for that password in stdout, stderr and every file the run left in
 * the project. {@link #fails} also checks that a failed command left the database exactly as it was.
 *
 * <p>The test server trusts local connections, so the password is sent nowhere; it only has to stay secret.
 */
final class HostileProject {
    static final String PASSWORD = "StrongPassw@rd123";
    /** The same password percent-escaped, with an escape that is not needed ({@code %50} is 'P'). */
    static final String ESCAPED_PASSWORD = "Strong%50assw%40rd123";

    final Cli cli;
    final URI server;

    HostileProject(Path dir) {
        this(dir, PASSWORD);
    }

    /** @param password the password as written in the URL: {@link #PASSWORD} or {@link #ESCAPED_PASSWORD} */
    HostileProject(Path dir, String password) {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        server = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.environment.put("DATABASE_URL", url(password));
    }

    /** The guide's URL form, pointing at this project's test database. */
    String url(String password) {
        return "postgresql+asyncpg://postgres:" + password + "@" + server.getHost() + ":" + server.getPort()
                + server.getPath();
    }

    /** Runs and checks that the password appears nowhere. */
    Cli.Result run(String... args) {
        Cli.Result r = cli.run(args);
        assertNoSecret(r);
        return r;
    }

    /** Runs and expects exit 0, with the password nowhere. */
    Cli.Result ok(String... args) {
        Cli.Result r = run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    /**
     * Runs a command that must fail: exit 1, exactly one error line ({@code retort: ...}) and it the last
     * one, no stack trace, the password nowhere, and the database as it was before.
     */
    Cli.Result fails(String... args) {
        return fails(1, args);
    }

    /** {@link #fails(String...)} with another exit code: 2 for a usage error. */
    Cli.Result fails(int exitCode, String... args) {
        String before = cli.snapshot();
        Cli.Result r = rejects(exitCode, args);
        assertThat(cli.snapshot()).as("the database after " + String.join(" ", args)).isEqualTo(before);
        return r;
    }

    /**
     * {@link #fails(int, String...)} without comparing the database before and after, for loops of many
     * runs that compare it once around the loop.
     */
    Cli.Result rejects(int exitCode, String... args) {
        Cli.Result r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(exitCode);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("retort:")).toList();
        assertThat(errors).as(r.toString()).hasSize(1);
        if (exitCode == 1) {
            assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse("")).as(r.toString()).isEqualTo(errors.get(0));
        }
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("unexpected error");
        return r;
    }

    /** The error line of a failed run, without the {@code retort: } prefix. */
    static String error(Cli.Result r) {
        return r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow()
                .substring("retort: ".length());
    }

    private void assertNoSecret(Cli.Result r) {
        for (String secret : List.of("StrongPassw", "Strong%50assw", "assw@rd", "assw%40rd")) {
            assertThat(r.out()).as(r.toString()).doesNotContain(secret);
            assertThat(r.err()).as(r.toString()).doesNotContain(secret);
        }
        try (Stream<Path> files = Files.walk(cli.project)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.equals(".env") || name.equals("retort.toml")) {
                    continue; // where the user put it
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain("StrongPassw").doesNotContain("Strong%50assw");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
