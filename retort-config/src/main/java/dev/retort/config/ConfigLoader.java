package dev.retort.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds the {@link RetortConfig} for a command from {@code retort.toml}, {@code .env}, the
 * environment and the command line. This is the only place configuration is assembled.
 */
public final class ConfigLoader {
    /** The config file looked for in the working directory when {@code -c} is not given. */
    public static final String CONFIG_FILE_NAME = "retort.toml";
    /** The {@link RetortConfig#databaseUrlSource()} of a configuration whose target is a DataSource. */
    public static final String DATA_SOURCE = "the DataSource given to ConfigLoader.load";
    /** How many directories above the project one a {@code .env} is looked for, to be named, not read. */
    private static final int LEVELS_ABOVE = 4;

    private ConfigLoader() {}

    /**
     * Loads the configuration, as an application calls it: messages name what it gave this call, such as {@code the
     * URL given to ConfigLoader.load}.
     *
     * <p>The config file is {@code configFile} if given, else {@code retort.toml} in {@code workingDir} if present;
     * without one every value takes its default. {@code ${VAR}} references in the file expand from
     * {@code xArguments} (but {@code url}), then from {@code environment}, then from the {@code .env} next to the
     * file. The database URL is the first of: {@code url}, {@code url} in {@code xArguments}, {@code database_url} in
     * the file, {@code DATABASE_URL} in the environment, then in {@code .env}, then the {@code DB_*} variables; with
     * none of them it is empty and the embedded PostgreSQL is meant.
     *
     * @param configFile  the config file, relative to {@code workingDir}: what {@code -c} gives the command line
     * @param workingDir  the directory relative paths start from
     * @param environment the process environment ({@code System.getenv()})
     * @param xArguments  what {@code -x KEY=VALUE} gives the command line: {@code url} sets the database, the others
     *                    reach Java migrations ({@code op.argument(KEY)}) and {@code ${KEY}} in the file
     * @param url         the database URL, before every other source: what {@code --url} gives the command line
     * @throws ConfigException if the given file is missing, the file is malformed or holds a value
     *                         of the wrong type, a variable it needs is unset, or a URL is bad
     */
    public static RetortConfig load(Optional<Path> configFile, Path workingDir, Map<String, String> environment,
                                    Map<String, String> xArguments, Optional<String> url) {
        return load(configFile, workingDir, environment, xArguments, url, ArgumentNames.JAVA);
    }

    /**
     * Loads the configuration, naming in messages what the caller gave as {@code names} says: the command line passes
     * {@link ArgumentNames#COMMAND_LINE}, so that its messages name {@code -c}, {@code --url} and {@code -x}.
     *
     * @see #load(Optional, Path, Map, Map, Optional)
     */
    public static RetortConfig load(Optional<Path> configFile, Path workingDir, Map<String, String> environment,
                                    Map<String, String> xArguments, Optional<String> url, ArgumentNames names) {
        return load(configFile, workingDir, environment, xArguments, url, Optional.empty(), names);
    }

    /**
     * Loads the configuration of an application that hands Retort its {@link DataSource} (a pool, such as HikariCP)
     * for the target database: no URL is looked for, so {@code database_url}, {@code DATABASE_URL} and the
     * {@code DB_*} variables are not read, and nothing of the application's database needs to be configured twice.
     * Retort borrows its connections from {@code dataSource} and gives them back as it found them; it never closes
     * {@code dataSource} itself.
     *
     * @param xArguments the arguments Java migrations read; one named {@code url} is refused, as it would name a
     *                   second database
     * @throws ConfigException as {@link #load(Optional, Path, Map, Map, Optional)} does
     */
    public static RetortConfig load(Optional<Path> configFile, Path workingDir, Map<String, String> environment,
                                    Map<String, String> xArguments, DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        DatabaseUrlResolver.urlArgument(xArguments).ifPresent(url -> {
            throw new ConfigException(ArgumentNames.JAVA.argument(url.getKey()) + " names a database, but the "
                    + "DataSource given to ConfigLoader.load is the database; leave " + url.getKey() + " out of the "
                    + "arguments.");
        });
        return load(configFile, workingDir, environment, xArguments, Optional.empty(),
                Optional.of(new GivenDataSource(dataSource)), ArgumentNames.JAVA);
    }

    private static RetortConfig load(Optional<Path> configFile, Path workingDir, Map<String, String> environment,
                                     Map<String, String> xArguments, Optional<String> urlFlag,
                                     Optional<GivenDataSource> dataSource, ArgumentNames names) {
        Path cwd = workingDir.toAbsolutePath().normalize();
        Optional<Path> file = locate(configFile, cwd, names);
        Path projectDir = file.map(Path::getParent).orElse(cwd);
        String fileName = file.map(f -> shown(cwd, f)).orElse(CONFIG_FILE_NAME);
        List<String> warnings = new ArrayList<>();

        Path dotEnvFile = projectDir.resolve(".env");
        DotEnv dotEnv = DotEnv.load(dotEnvFile, shown(cwd, dotEnvFile), environment, warnings);
        DotEnvPermissions.check(dotEnvFile, dotEnv, environment, RetortConfig.stateDir(projectDir))
                .ifPresent(warnings::add);
        Map<String, String> arguments = new LinkedHashMap<>(xArguments);
        arguments.keySet().removeIf(key -> key.equalsIgnoreCase("url"));
        VariableExpander variables = new VariableExpander(arguments, environment, dotEnv, names);
        boolean urlGiven = dataSource.isPresent() || DatabaseUrlResolver.givenOnCommandLine(urlFlag, xArguments);
        FileSettings settings = file.map(f -> ConfigFileReader.read(f, fileName,
                        RetortConfig.stateDir(projectDir).resolve("cache").resolve("config").resolve(f.getFileName()),
                        variables, urlGiven, warnings))
                .orElse(FileSettings.NONE);

        DatabaseUrlResolver.Resolved database = dataSource.isPresent()
                ? new DatabaseUrlResolver.Resolved(Optional.empty(), DATA_SOURCE)
                : DatabaseUrlResolver.resolve(urlFlag, xArguments, settings.databaseUrl(), fileName, environment,
                        dotEnv, names);
        Path scriptLocation = resolve(projectDir,
                settings.scriptLocation().orElse(RetortConfig.DEFAULT_SCRIPT_LOCATION), "script_location", fileName);
        return new RetortConfig(
                projectDir,
                file,
                scriptLocation,
                scriptLocation.resolve("versions"),
                Optional.empty(),
                database.url(),
                database.source(),
                dataSource,
                settings.versionTable().orElse(RetortConfig.DEFAULT_VERSION_TABLE),
                settings.versionTableSchema(),
                settings.transactionPerMigration().orElse(true),
                settings.ignoreOtherTools().orElse(false),
                xArguments,
                models(settings, projectDir, fileName, environment, dotEnv),
                settings.safeAutogenerate().orElse(false),
                settings.lintSeverities(),
                new RetortConfig.Timeouts(
                        settings.lockTimeout().orElse(RetortConfig.Timeouts.DEFAULT.lockTimeout()),
                        settings.statementTimeout().orElse(RetortConfig.Timeouts.DEFAULT.statementTimeout()),
                        settings.lockTimeoutRetries().orElse(RetortConfig.Timeouts.DEFAULT.lockTimeoutRetries()),
                        settings.queueTimeout().orElse(RetortConfig.Timeouts.DEFAULT.queueTimeout())),
                settings.backup().orElse(BackupMode.NONE),
                settings.pgDump().map(p -> resolve(projectDir, p, "pg_dump", fileName)),
                settings.testUrl().map(url -> server(url, "test.database_url in " + fileName, environment, dotEnv)),
                settings.testUrl().flatMap(url -> unreadable(url, "test.database_url in " + fileName, environment,
                        dotEnv)),
                settings.migrationClasspath().stream()
                        .map(p -> resolve(projectDir, p, "migration_classpath", fileName)).toList(),
                database.url().isPresent() || dataSource.isPresent() ? RetortConfig.Unconfigured.DEFAULT
                        : unconfigured(environment, dotEnv, dotEnvFile, cwd, file.isPresent() ? fileName : null),
                warnings);
    }

    /**
     * What a command that runs on the embedded PostgreSQL says of {@code .env}: that {@code DATABASE_URL} is there but
     * empty, or that a key of it is probably a misspelling of one Retort reads, or, when there is neither, where a
     * {@code .env} above the project directory is.
     * That one is named and not read: the migrations guide keeps {@code .env} at the repository's root and
     * {@code retort.toml} deeper, and a command that silently took a database from a file outside the project could
     * migrate one its user never meant.
     *
     * @param configName how messages name the config file, or null when there is none
     */
    private static RetortConfig.Unconfigured unconfigured(Map<String, String> environment, DotEnv dotEnv,
                                                          Path dotEnvFile, Path cwd, String configName) {
        Optional<String> stop = DatabaseUrlResolver.emptyUrl(environment, dotEnv)
                .or(() -> DatabaseUrlResolver.misspelt(dotEnv));
        if (stop.isPresent() || Files.exists(dotEnvFile, LinkOption.NOFOLLOW_LINKS)) {
            return new RetortConfig.Unconfigured(stop, RetortConfig.Unconfigured.DEFAULT.hint());
        }
        Optional<Path> above = dotEnvAbove(dotEnvFile.getParent());
        if (above.isEmpty()) {
            return RetortConfig.Unconfigured.DEFAULT;
        }
        String link = dotEnvFile.getParent().relativize(above.get()).toString();
        String where = configName == null ? "in the working directory" : "next to " + configName;
        return new RetortConfig.Unconfigured(Optional.empty(), "found " + cwd.relativize(above.get())
                + ", which Retort does not read: it reads .env only " + where + ". Link it there (ln -s " + link
                + " " + shown(cwd, dotEnvFile) + "), or set DATABASE_URL in the environment, to use that database");
    }

    /**
     * The nearest {@code .env} in a directory above {@code projectDir}, up to the root of its git repository and at
     * most {@value #LEVELS_ABOVE} levels up.
     */
    private static Optional<Path> dotEnvAbove(Path projectDir) {
        return above(projectDir, ".env");
    }

    /**
     * The nearest {@code retort.toml} in a directory above {@code dir}, searched as for a {@code .env}: a command run
     * in a subdirectory of a project (its {@code src/}) finds none where it runs, and says where the project is.
     */
    public static Optional<Path> configAbove(Path dir) {
        return above(dir.toAbsolutePath().normalize(), CONFIG_FILE_NAME);
    }

    /** The nearest {@code name} above {@code start}, up to its git repository's root and {@value #LEVELS_ABOVE} up. */
    private static Optional<Path> above(Path start, String name) {
        Path dir = start;
        for (int level = 0; level < LEVELS_ABOVE; level++) {
            if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS) || dir.getParent() == null) {
                return Optional.empty();
            }
            dir = dir.getParent();
            if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(dir.resolve(name));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> locate(Optional<Path> configFile, Path cwd, ArgumentNames names) {
        if (configFile.isPresent()) {
            if (configFile.get().toString().isBlank()) {
                // An empty path is the working directory, which would be called a directory: -c= is a typo.
                throw new ConfigException("The config file " + names.configFile() + " is empty; give the path of a "
                        + CONFIG_FILE_NAME + ", or leave it out to use the one in the working directory.");
            }
            Path file = cwd.resolve(configFile.get()).normalize();
            if (Files.isDirectory(file)) {
                throw new ConfigException("The config file " + configFile.get() + " " + names.configFile()
                        + " is a directory; give the path of its " + CONFIG_FILE_NAME + ".");
            }
            if (isLinkToNothing(file)) {
                throw new ConfigException("The config file " + configFile.get() + " " + names.configFile()
                        + " is a link to " + DotEnv.linkTarget(file) + ", which does not exist; fix the link or "
                        + "remove it.");
            }
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("The config file " + configFile.get() + " " + names.configFile()
                        + " does not exist; " + String.format(names.missingConfigFile(), cwd));
            }
            return Optional.of(file);
        }
        Path file = cwd.resolve(CONFIG_FILE_NAME);
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // Taken for "no config file", what is there left every setting at its default: a ConfigMap mounted as a
        // directory at that path, or a link to a volume not mounted, sent upgrade head to an empty version table of
        // the default name, to apply the whole history again.
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + " is a directory, not the config file; put the file itself at that path "
                    + "(a Kubernetes ConfigMap volume needs subPath: " + CONFIG_FILE_NAME + "), or remove the "
                    + "directory.");
        }
        if (isLinkToNothing(file)) {
            throw new ConfigException(file + " is a link to " + DotEnv.linkTarget(file) + ", which does not exist; fix "
                    + "the link or remove it.");
        }
        // A named pipe is read, as a .env is; what cannot be read at all (a loop of links) the reading names.
        return Optional.of(file);
    }

    /** Whether {@code file} is a symbolic link to a path where nothing is (rather than one that cannot be followed). */
    private static boolean isLinkToNothing(Path file) {
        return Files.isSymbolicLink(file) && Files.notExists(file);
    }

    private static RetortConfig.Models models(FileSettings settings, Path projectDir, String fileName,
            Map<String, String> environment, DotEnv dotEnv) {
        return new RetortConfig.Models(
                settings.sources().stream().map(p -> resolve(projectDir, p, "models.sources", fileName)).toList(),
                settings.classpath().stream().map(p -> resolve(projectDir, p, "models.classpath", fileName)).toList(),
                settings.packages(),
                settings.naming().orElse(RetortConfig.Models.SNAKE_CASE),
                settings.schemaFile().map(p -> resolve(projectDir, p, "models.schema_file", fileName)),
                settings.devUrl().map(url -> server(url, "models.dev_url in " + fileName, environment, dotEnv)),
                settings.schemas(),
                settings.excludeTables(),
                settings.physicalNamingStrategy(),
                settings.implicitNamingStrategy(),
                settings.devUrl().flatMap(url -> unreadable(url, "models.dev_url in " + fileName, environment,
                        dotEnv)),
                settings.naming().isPresent(),
                settings.persistenceUnit(),
                settings.mappingFiles(),
                settings.hibernateProperties(),
                settings.excludeSequences(),
                settings.excludeTypes());
    }

    /**
     * The URL of a server besides the target ({@code dev_url}, {@code [test]}'s), with the password of
     * {@code PGPASSWORD} when it has none; without it when that was to come from a {@code .env} that cannot be read.
     */
    private static DatabaseUrl server(String url, String key, Map<String, String> environment, DotEnv dotEnv) {
        DatabaseUrl parsed = DatabaseUrl.parse(url, key);
        try {
            return DatabaseUrlResolver.withPgPassword(parsed, environment, dotEnv);
        } catch (ConfigException e) {
            return parsed;
        }
    }

    /**
     * Why the password of such a URL is not known: the {@code .env} it was to come from cannot be read. Only a
     * command that uses that server stops for it, as only one that uses the target stops for the target's.
     */
    private static Optional<String> unreadable(String url, String key, Map<String, String> environment,
            DotEnv dotEnv) {
        try {
            DatabaseUrlResolver.withPgPassword(DatabaseUrl.parse(url, key), environment, dotEnv);
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage().replace("for PGPASSWORD,", "for PGPASSWORD (" + key
                    + " holds no password),"));
        }
    }

    /** Resolves a path from the config file against the project directory. */
    private static Path resolve(Path projectDir, String path, String key, String fileName) {
        try {
            return projectDir.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(fileName + ": " + key + " is not a valid path (" + e.getReason() + ").", e);
        }
    }

    /** Names a file for messages: relative to the working directory when inside it. */
    private static String shown(Path cwd, Path file) {
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
