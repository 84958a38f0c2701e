package dev.retort.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values {@code retort.toml} sets, type-checked and with {@code ${VAR}} expanded, before
 * defaults are applied and paths resolved. Empty means "not set".
 *
 * <p>{@code databaseUrl}, {@code devUrl} and {@code testUrl} are also empty when they refer to a variable that is
 * not set, so that the next source in the precedence chain is tried; {@code databaseUrl} is empty too when the
 * command line gives the database, which outranks it.
 */
record FileSettings(
        Optional<String> scriptLocation,
        Optional<String> databaseUrl,
        Optional<String> versionTable,
        Optional<String> versionTableSchema,
        Optional<Boolean> transactionPerMigration,
        Optional<Boolean> ignoreOtherTools,
        List<String> sources,
        List<String> classpath,
        List<String> packages,
        Optional<String> naming,
        Optional<String> physicalNamingStrategy,
        Optional<String> implicitNamingStrategy,
        Optional<String> schemaFile,
        Optional<String> devUrl,
        List<String> schemas,
        List<String> excludeTables,
        Map<String, String> lintSeverities,
        Optional<String> lockTimeout,
        Optional<String> statementTimeout,
        Optional<Integer> lockTimeoutRetries,
        Optional<String> queueTimeout,
        Optional<Boolean> safeAutogenerate,
        Optional<BackupMode> backup,
        Optional<String> pgDump,
        Optional<String> testUrl,
        List<String> migrationClasspath,
        Optional<String> persistenceUnit,
        List<String> mappingFiles,
        Map<String, String> hibernateProperties,
        List<String> excludeSequences,
        List<String> excludeTypes) {

    static final FileSettings NONE = new FileSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(), Map.of(), List.of(), List.of());

    FileSettings {
        hibernateProperties = Map.copyOf(hibernateProperties);
        sources = List.copyOf(sources);
        schemas = List.copyOf(schemas);
        lintSeverities = Map.copyOf(lintSeverities);
        excludeTables = List.copyOf(excludeTables);
        excludeSequences = List.copyOf(excludeSequences);
        excludeTypes = List.copyOf(excludeTypes);
        classpath = List.copyOf(classpath);
        packages = List.copyOf(packages);
        migrationClasspath = List.copyOf(migrationClasspath);
    }
}
