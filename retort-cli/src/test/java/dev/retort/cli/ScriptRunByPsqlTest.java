package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script of {@code upgrade --sql} run as a DBA runs it: by psql, with or without {@code ON_ERROR_STOP}, in whatever
 * client encoding psql chose. It must leave the database as a live run of the same migrations does.
 */
class ScriptRunByPsqlTest {
    private static final Path PSQL = Path.of("/usr/lib/postgresql/15/bin/psql");

    @TempDir
    Path dir;

    /**
     * psql sends a script as written in the database's encoding, its terminal's, or PGCLIENTENCODING's; the script
     * says it is UTF-8, as a live run's driver talks, so 'café' is stored as a live run stores it, not as 'cafÃ©'.
     * Its second migration comes after the first one's reset of the session (for its INSERT), which would take the
     * encoding back to psql's.
     */
    @Test
    void theScriptIsReadAsUtf8WhateverPsqlsEncoding() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql 15 is not installed");
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "words", "CREATE TABLE words (w text);\nINSERT INTO words VALUES ('café');",
                "DROP TABLE words;");
        cli.sql("c00000000002", "c00000000001", "more", "INSERT INTO words VALUES ('naïve');", "");
        String script = cli.ok("upgrade", "--sql", "head").out();
        assertThat(script).startsWith("-- Run with: psql -v ON_ERROR_STOP=1 -f FILE")
                .contains("\n\nSET client_encoding = 'UTF8';\n");
        Path file = Files.write(dir.resolve("upgrade.sql"), script.getBytes(StandardCharsets.UTF_8));
        psql(cli, file, List.of("-v", "ON_ERROR_STOP=1"), "WIN1252");
        assertThat(cli.column("SELECT w || ' ' || length(w) FROM words ORDER BY w"))
                .containsExactly("café 4", "naïve 5");
    }

    private static void psql(Cli cli, Path script, List<String> options, String clientEncoding)
            throws IOException, InterruptedException {
        URI uri = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-q", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort()), "-U", "postgres", "-d", uri.getPath().substring(1)));
        command.addAll(options);
        command.addAll(List.of("-f", script.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (clientEncoding != null) {
            builder.environment().put("PGCLIENTENCODING", clientEncoding);
        }
        Process p = builder.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
}
