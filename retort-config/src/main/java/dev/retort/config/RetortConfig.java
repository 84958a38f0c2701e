package dev.retort.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One command's whole configuration, from {@code retort.toml}, {@code .env}, the environment and
 * the command line; built by {@link ConfigLoader}. Every path is absolute.
 *
 * @param projectDir              the directory holding the config file, or the working directory
 *                                when there is none; relative paths are resolved against it
 * @param configFile              the config file read, if any
 * @param scriptLocation          {@code script_location}: where migrations live (default {@code migrations})
 * @param versionsDir             {@code scriptLocation/versions}: the migration files themselves
 * @param databaseUrl             the target database; empty means the embedded PostgreSQL under
 *                                {@link #stateDir()}
 * @param databaseUrlSource       where {@code databaseUrl} came from, for messages: {@code "--url"},
 *                                {@code "database_url in retort.toml"}, {@code "DATABASE_URL in .env"}, ...
 * @param versionTable            {@code version_table}: the table recording applied revisions
 * @param transactionPerMigration {@code transaction_per_migration}: one transaction per migration
 *                                (true) or one for the whole run (false)
 * @param xArguments              the {@code -x KEY=VALUE} arguments, for migrations to read
 * @param models                  the {@code [models]} section: what autogenerate compares against
 * @param lintSeverities          {@code [lint]}: rule code to "error", "warning" or "off"
 * @param timeouts                how long a statement may wait for a lock or run, and how often a step that
 *                                timed out on a lock is tried again
 * @param warnings                problems worth telling the user that did not stop loading, such as
 *                                unknown keys; one line each
 */
public record RetortConfig(
        Path projectDir,
        Optional<Path> configFile,
        Path scriptLocation,
        Path versionsDir,
        Optional<DatabaseUrl> databaseUrl,
        String databaseUrlSource,
        String versionTable,
        boolean transactionPerMigration,
        Map<String, String> xArguments,
        Models models,
        Map<String, String> lintSeverities,
        Timeouts timeouts,
        List<String> warnings) {

    public static final String DEFAULT_SCRIPT_LOCATION = "migrations";
    public static final String DEFAULT_VERSION_TABLE = "retort_version";
    /** The {@link #databaseUrlSource()} when no database is configured. */
    public static final String NOT_CONFIGURED = "no database configured";

    public RetortConfig {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(scriptLocation, "scriptLocation");
        Objects.requireNonNull(versionsDir, "versionsDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(databaseUrlSource, "databaseUrlSource");
        Objects.requireNonNull(versionTable, "versionTable");
        Objects.requireNonNull(models, "models");
        xArguments = Collections.unmodifiableMap(new LinkedHashMap<>(xArguments));
        lintSeverities = Map.copyOf(lintSeverities);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the configuration of a project with no config file, no database configured and no
     * warnings: every value at its default.
     */
    public static RetortConfig defaults(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path scripts = dir.resolve(DEFAULT_SCRIPT_LOCATION);
        return new RetortConfig(dir, Optional.empty(), scripts, scripts.resolve("versions"), Optional.empty(),
                NOT_CONFIGURED, DEFAULT_VERSION_TABLE, true, Map.of(), Models.NONE, Map.of(), Timeouts.DEFAULT, List.of());
    }

    /** Returns {@code projectDir/.retort}: the embedded database, compiled migrations and other local state. */
    public Path stateDir() {
        return projectDir.resolve(".retort");
    }

    /**
     * The {@code [models]} section: where the desired schema comes from. Paths are absolute.
     *
     * @param sources    JPA entity source directories, compiled on the fly
     * @param classpath  compiled classes or jars holding the entities
     * @param packages   the packages that hold the {@code @Entity} classes
     * @param naming     physical naming: {@link #SNAKE_CASE} (Spring Boot's) or {@link #JPA}
     * @param schemaFile the desired schema as plain SQL DDL, instead of entities
     * @param devUrl     {@code dev_url}: the scratch database desired schemas are normalised in;
     *                   empty means the embedded PostgreSQL
     * @param schemas    the schemas autogenerate compares (empty: public and the model's own)
     * @param excludeTables tables autogenerate leaves alone ({@code table} or {@code schema.table})
     */
    /**
     * Limits every run sets on its connection.
     *
     * @param lockTimeout PostgreSQL's {@code lock_timeout} ("5s" by default, "0" for none): a migration waiting
     *     longer for a lock gives up instead of queueing every query behind it
     * @param statementTimeout {@code statement_timeout} ("0", none, by default)
     * @param lockTimeoutRetries how often a step that hit the lock timeout is rolled back and tried again
     */
    public record Timeouts(String lockTimeout, String statementTimeout, int lockTimeoutRetries) {
        public static final Timeouts DEFAULT = new Timeouts("5s", "0", 3);
    }

    public record Models(List<Path> sources, List<Path> classpath, List<String> packages, String naming,
                         Optional<Path> schemaFile, Optional<DatabaseUrl> devUrl, List<String> schemas,
                         List<String> excludeTables) {
        public static final String SNAKE_CASE = "snake_case";
        public static final String JPA = "jpa";
        /** An empty {@code [models]} section. */
        public static final Models NONE =
                new Models(List.of(), List.of(), List.of(), SNAKE_CASE, Optional.empty(), Optional.empty(), List.of(),
                        List.of());

        public Models {
            sources = List.copyOf(sources);
            classpath = List.copyOf(classpath);
            packages = List.copyOf(packages);
            schemas = List.copyOf(schemas);
            excludeTables = List.copyOf(excludeTables);
            Objects.requireNonNull(schemaFile, "schemaFile");
            Objects.requireNonNull(devUrl, "devUrl");
            if (!Set.of(SNAKE_CASE, JPA).contains(naming)) {
                throw new IllegalArgumentException("naming must be snake_case or jpa: " + naming);
            }
        }
    }
}
