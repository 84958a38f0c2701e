package dev.retort.command;

import dev.retort.RetortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code retort init DIR}: a new project with its configuration, migrations directory and ignore rules. */
public final class ProjectInit {
    static final String CONFIG = """
            # Retort configuration: the alembic.ini of Retort. Every key is optional.
            # Paths are relative to this file.

            # Where migrations live: <script_location>/versions/
            script_location = "migrations"

            # The database. When this is not set, Retort uses DATABASE_URL (or DB_HOST, DB_PORT, DB_NAME,
            # DB_USER, DB_PASSWORD) from the environment or from .env next to this file, and when none of
            # those is set either, an embedded PostgreSQL kept under .retort/.
            # database_url = "${DATABASE_URL}"

            # The table that records which revisions are applied.
            version_table = "retort_version"
            # The schema that keeps it and retort_history, created when missing; not set: the connection's
            # current schema (usually public).
            # version_table_schema = "retort"

            # true: each migration runs in its own transaction; false: one transaction for the whole run.
            transaction_per_migration = true

            [models]
            # What `revision --autogenerate` compares the database against.
            # sources = ["src/main/java"]
            # packages = ["com.example.model"]
            # naming = "snake_case"
            # schema_file = "schema.sql"
            """;

    static final String ENV_EXAMPLE = """
            # Copy to .env, readable by you only, and fill in; .env is not committed:
            #   cp .env.example .env && chmod 600 .env
            DATABASE_URL=postgresql://postgres:change-me@localhost:5432/app_db
            # or, instead of DATABASE_URL:
            # DB_HOST=localhost
            # DB_PORT=5432
            # DB_NAME=app_db
            # DB_USER=postgres
            # DB_PASSWORD=change-me
            """;

    private ProjectInit() {
    }

    /** Creates the project in {@code dir}, reporting each file to {@code progress}; refuses to overwrite a project. */
    public static List<Path> create(Path dir, Consumer<String> progress) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(dir + " is a file; give `retort init` a directory (one that does not exist yet "
                    + "is created).");
        }
        Path config = dir.resolve("retort.toml");
        if (Files.exists(config)) {
            throw new UsageException(config + " already exists; this directory already holds a Retort project.");
        }
        List<Path> created = new ArrayList<>();
        try {
            Path versions = dir.resolve("migrations").resolve("versions");
            if (!Files.isDirectory(versions)) {
                Files.createDirectories(versions);
                // Git keeps no empty directory: without a file in it, a clone of the project before its first
                // revision has no versions/, and every command stops there. Hidden files are not read as migrations.
                Files.writeString(versions.resolve(".gitkeep"), "", StandardCharsets.UTF_8);
                progress.accept("Creating directory " + versions + " ... done");
                created.add(versions);
            }
            Files.writeString(config, CONFIG, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            progress.accept("Generating " + config + " ... done");
            created.add(config);
            Path env = dir.resolve(".env.example");
            if (!Files.exists(env)) {
                Files.writeString(env, ENV_EXAMPLE, StandardCharsets.UTF_8);
                progress.accept("Generating " + env + " ... done");
                created.add(env);
            }
            Path ignore = dir.resolve(".gitignore");
            String existing = Files.exists(ignore) ? Files.readString(ignore, StandardCharsets.UTF_8) : "";
            StringBuilder add = new StringBuilder();
            for (String entry : List.of(".retort/", ".env")) {
                if (existing.lines().noneMatch(l -> l.strip().equals(entry))) {
                    add.append(entry).append('\n');
                }
            }
            if (add.length() > 0) {
                String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
                Files.writeString(ignore, existing + sep + add, StandardCharsets.UTF_8);
                progress.accept((existing.isEmpty() ? "Generating " : "Updating ") + ignore + " ... done");
                created.add(ignore);
            }
        } catch (IOException e) {
            throw new RetortException("Cannot create the project in " + dir + ": " + e.getMessage(), e);
        }
        return created;
    }
}
