package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> xArguments = new LinkedHashMap<>();
    private Optional<String> urlFlag = Optional.empty();

    /**
     * Loads the configuration twice, first parsing the file and then from the parse kept in {@code .retort/cache}, and
     * checks that both give the same configuration, or fail with the same message: every test here covers both.
     */
    private RetortConfig load() {
        return loadTwice(Optional.empty());
    }

    private RetortConfig loadTwice(Optional<Path> configFile) {
        Path projectDir = configFile.map(f -> dir.resolve(f).getParent()).orElse(dir);
        deleteRecursively(projectDir.resolve(".retort/cache/config"));
        Object parsed = loadOrFailure(configFile);
        Object cached = loadOrFailure(configFile);
        if (parsed instanceof RuntimeException failure) {
            assertThat(cached).isInstanceOf(failure.getClass());
            assertThat(((RuntimeException) cached).getMessage()).isEqualTo(failure.getMessage());
            throw failure;
        }
        assertThat(cached).isEqualTo(parsed);
        return (RetortConfig) parsed;
    }

    private Object loadOrFailure(Optional<Path> configFile) {
        try {
            return ConfigLoader.load(configFile, dir, environment, xArguments, urlFlag, ArgumentNames.COMMAND_LINE);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void deleteRecursively(Path path) {
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Nothing there yet.
        }
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aByteOrderMarkBeforeEitherFileIsIgnored() throws IOException {
        // Notepad and PowerShell write one; it made the first line of each file unreadable.
        write("retort.toml", "\uFEFFversion_table = \"schema_history\"\n");
        write(".env", "\uFEFFDATABASE_URL=postgresql://app@db.internal/shop\n");

        RetortConfig config = load();

        assertThat(config.versionTable()).isEqualTo("schema_history");
        assertThat(config.databaseUrl()).contains(DatabaseUrl.parse("postgresql://app@db.internal/shop"));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void aDotEnvFileInAnotherEncodingIsRefused() throws IOException {
        Files.write(dir.resolve(".env"), "DATABASE_URL=postgresql://app@db/shop\n".getBytes(StandardCharsets.UTF_16));

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(".env is not UTF-8 text; save it as UTF-8. Retort looked in it for DATABASE_URL, which the "
                        + "environment does not set.");
    }

    /**
     * A .env that cannot be read does not stop a command that needs nothing from it: one given its database, password
     * and all, on the command line, with the scaffold's database_url = "${DATABASE_URL}" left in retort.toml.
     */
    @Test
    void anUnreadableDotEnvIsNotNeededWhenTheCommandLineGivesTheWholeUrl() throws IOException {
        Files.write(dir.resolve(".env"), "DATABASE_URL=postgresql://app@db/shop\n".getBytes(StandardCharsets.UTF_16));
        write("retort.toml", "database_url = \"${DATABASE_URL}\"\nversion_table = \"${TABLE}\"\n");
        environment.put("TABLE", "schema_history");

        urlFlag = Optional.of("postgresql://app:s3cret@flag-host/shop");
        assertThat(chosenHost()).isEqualTo("flag-host");
        assertThat(load().versionTable()).isEqualTo("schema_history");

        urlFlag = Optional.empty();
        xArguments.put("URL", "postgresql://app:s3cret@x-host/shop");
        assertThat(chosenHost()).isEqualTo("x-host");

        // DATABASE_URL in the environment outranks the one in .env, which could not change the URL either.
        xArguments.clear();
        environment.put("DATABASE_URL", "postgresql://app:s3cret@env-host/shop");
        assertThat(chosenHost()).isEqualTo("env-host");
    }

    /** What would come from an unreadable .env still stops the command, naming what was looked for. */
    @Test
    void anUnreadableDotEnvStopsWhatWouldTakeAValueFromIt() throws IOException {
        Files.write(dir.resolve(".env"), new byte[] {'X', '=', (byte) 0xff, '\n'});
        urlFlag = Optional.of("postgresql://app@flag-host/shop");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(".env is not UTF-8 text; save it as UTF-8. Retort looked in it for PGPASSWORD, which the "
                        + "environment does not set.");
        environment.put("PGPASSWORD", "from-env");
        assertThat(load().databaseUrl().orElseThrow().password()).isEqualTo("from-env");

        write("retort.toml", "version_table = \"${TABLE}\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(".env is not UTF-8 text; save it as UTF-8. Retort looked in it for TABLE, which the "
                        + "environment does not set.");
    }

    /**
     * dev_url and [test]'s URL without a password looked for PGPASSWORD in an unreadable .env as the configuration
     * loaded, which stopped every command; now only one that uses that server stops, naming the setting.
     */
    @Test
    void anUnreadableDotEnvStopsOnlyWhatUsesTheTestOrDevServer() throws IOException {
        Files.write(dir.resolve(".env"), new byte[] {'X', '=', (byte) 0xff, '\n'});
        urlFlag = Optional.of("postgresql://app:s3cret@flag-host/shop");
        write("retort.toml", """
                [test]
                database_url = "postgresql://ci@ci-db/postgres"
                [models]
                schema_file = "schema.sql"
                dev_url = "postgresql://dev@dev-db/scratch"
                """);

        RetortConfig config = load();

        assertThat(config.databaseUrl().orElseThrow().host()).isEqualTo("flag-host");
        assertThat(config.urls()).extracting(DatabaseUrl::host).containsExactly("flag-host", "dev-db", "ci-db");
        assertThatThrownBy(() -> config.models().devUrl()).isInstanceOf(ConfigException.class)
                .hasMessage(".env is not UTF-8 text; save it as UTF-8. Retort looked in it for PGPASSWORD "
                        + "(models.dev_url in retort.toml holds no password), which the environment does not set.");
        assertThatThrownBy(config::testUrl).isInstanceOf(ConfigException.class)
                .hasMessage(".env is not UTF-8 text; save it as UTF-8. Retort looked in it for PGPASSWORD "
                        + "(test.database_url in retort.toml holds no password), which the environment does not set.");

        environment.put("PGPASSWORD", "from-env");
        assertThat(load().models().devUrl().orElseThrow().password()).isEqualTo("from-env");
        assertThat(load().testUrl().orElseThrow().password()).isEqualTo("from-env");
    }

    /**
     * A DATABASE_URL whose quote is left open was skipped with a warning, and the command ran on the embedded
     * database with exit 0; so was any DB_* key Retort looks for.
     */
    @Test
    void aDatabaseKeyOfDotEnvThatCannotBeReadStopsTheCommand() throws IOException {
        write(".env", "DATABASE_URL=\"postgresql+asyncpg://postgres:StrongPassw@rd123@localhost:5433/equipment_db\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(".env line 1: the quoted value of DATABASE_URL has no closing quote; close it. Retort "
                        + "looked in .env for DATABASE_URL, which the environment does not set.");

        write(".env", "# the guide's\nDB_HOST=localhost\nDB_PASSWORD='StrongPassw@rd123\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(".env line 3: the quoted value of DB_PASSWORD has no closing quote; close it. Retort "
                        + "looked in .env for DB_PASSWORD, which the environment does not set.");

        write(".env", "DATABASE_URL: postgresql://app:StrongPassw@rd123@db/shop?sslmode=require\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(".env line 1: DATABASE_URL is not written KEY=VALUE; write DATABASE_URL=value. Retort "
                        + "looked in .env for DATABASE_URL, which the environment does not set.");
    }

    @Test
    void aDotEnvLineThatCannotBeReadIsOnlyAWarningWhereNothingLooksForItsKey() throws IOException {
        environment.put("DATABASE_URL", "postgresql://app@db/shop");
        write(".env", "DATABASE_URL=\"postgresql://other@db/shop\nREDIS_URL='redis://cache\n");

        RetortConfig config = load();

        assertThat(config.databaseUrlSource()).isEqualTo("DATABASE_URL in the environment");
        assertThat(config.warnings()).containsExactly(
                ".env line 1: ignored DATABASE_URL, its quoted value has no closing quote",
                ".env line 2: ignored REDIS_URL, its quoted value has no closing quote");
    }

    /** A later line that sets the key as it should is the one python-dotenv takes too. */
    @Test
    void aKeySetAgainBelowTheLineThatCannotBeReadIsRead() throws IOException {
        write(".env", "DATABASE_URL=\"postgresql://app@db/shop\nDATABASE_URL=postgresql://app@db/shop\n");

        assertThat(load().databaseUrlSource()).isEqualTo("DATABASE_URL in .env");
    }

    /** DATABSE_URL, database_url and DATABASE-URL gave the embedded database without a word. */
    @Test
    void aMisspeltDatabaseKeyOfDotEnvStopsACommandBoundForTheEmbeddedDatabase() throws IOException {
        Map<String, String> meant = new LinkedHashMap<>();
        meant.put("DATABSE_URL", "DATABASE_URL");
        meant.put("database_url", "DATABASE_URL");
        meant.put("DATABASE-URL", "DATABASE_URL");
        meant.put("Database.Url", "DATABASE_URL");
        meant.put("DATABASEURL", "DATABASE_URL");
        meant.put("DATABASE_ULR", "DATABASE_URL");
        meant.put("DB_HSOT", "DB_HOST");
        meant.put("db_name", "DB_NAME");
        meant.put("DB_NAM", "DB_NAME");
        for (Map.Entry<String, String> key : meant.entrySet()) {
            write(".env", "REDIS_URL=redis://cache\n" + key.getKey() + "=x\n");

            RetortConfig config = load();

            assertThat(config.embedded()).isTrue();
            assertThatThrownBy(config::embeddedReason).isInstanceOf(ConfigException.class)
                    .hasMessage(".env line 2: " + key.getKey() + " is not a key Retort reads; did you mean "
                            + key.getValue() + "? No database is configured, so the command would run on the embedded "
                            + "PostgreSQL: rename the key.");
        }
    }

    /**
     * A CI job whose secret did not arrive sets DATABASE_URL to nothing: the embedded database took the deploy's
     * migrations and the command exited 0.
     */
    @Test
    void anEmptyDatabaseUrlStopsACommandBoundForTheEmbeddedDatabase() throws IOException {
        environment.put("DATABASE_URL", "");

        RetortConfig fromEnvironment = load();

        assertThat(fromEnvironment.embedded()).isTrue();
        assertThatThrownBy(fromEnvironment::embeddedReason).isInstanceOf(ConfigException.class)
                .hasMessage("DATABASE_URL in the environment is empty, and no other setting names a database, so the "
                        + "command would run on the embedded PostgreSQL; give the database's URL (a CI secret or "
                        + "variable that did not arrive?), or unset DATABASE_URL to use the embedded PostgreSQL.");

        environment.clear();
        write(".env", "REDIS_URL=redis://cache\nDATABASE_URL=  \n");

        assertThatThrownBy(load()::embeddedReason).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(".env line 2: DATABASE_URL is empty, and no other setting names a database");
    }

    /** The guide's DB_* settings beside an empty DATABASE_URL name the database, as do the other sources. */
    @Test
    void anEmptyDatabaseUrlIsNoErrorWhenAnotherSettingNamesTheDatabase() throws IOException {
        write(".env", "DATABASE_URL=\nDB_HOST=db\nDB_NAME=shop\n");
        environment.put("DATABASE_URL", " ");

        RetortConfig config = load();

        assertThat(config.embedded()).isFalse();
        assertThat(config.databaseUrlSource()).isEqualTo("DB_* variables in .env");
    }

    /** DB_NAME beside a misspelt DB_HSOT gave the database of that name on localhost, without a word. */
    @Test
    void aMisspeltDbPartBesideTheOthersStops() throws IOException {
        write(".env", "DB_HSOT=db.internal\nDB_NAME=shop\nDB_USER=app\nDB_POOL=5\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage(".env line 1: DB_HSOT is not "
                + "a key Retort reads; did you mean DB_HOST? The database would be taken from the other DB_* "
                + "variables (DB_* variables in .env) without it: rename the key.");

        write(".env", "DB_HOST=db.internal\nDB_NAME=shop\nDB_POOL=5\nDB_HOSTS=a,b\n");
        assertThat(load().databaseUrlSource()).isEqualTo("DB_* variables in .env");
    }

    /** A .env also holds the application's own settings; those near a database key are not taken for typos. */
    @Test
    void theApplicationsOwnSettingsInDotEnvAreNoMisspellings() throws IOException {
        write(".env", String.join("\n", "DATABASE_POOL_SIZE=10", "DB_POOL=5", "REDIS_URL=redis://cache",
                "DB_HOSTS=a,b", "DATABASE_URL_REPLICA=", "DB_ROOT=/var/db", "DB_TYPE=postgres", "DB_SSL=true",
                "DB_URL=x", "DATABASE=app", "DB_SCHEMA=app", "PGPASSWORD=x", "DATABASE_URI=sqlite:///app.db", "")
                + "\n");

        RetortConfig config = load();

        assertThat(config.embedded()).isTrue();
        assertThat(config.embeddedReason())
                .isEqualTo("no database configured; set DATABASE_URL in .env to use yours");
    }

    @Test
    void aMisspeltKeyDoesNotMatterWhenADatabaseIsConfigured() throws IOException {
        write(".env", "DATABSE_URL=x\nDATABASE_URL=postgresql://app@db/shop\n");

        assertThat(load().databaseUrlSource()).isEqualTo("DATABASE_URL in .env");
    }

    /**
     * The migrations guide keeps .env at the repository's root and retort.toml in src/infrastructure/database: the
     * embedded database's announcement names the .env Retort does not read.
     */
    @Test
    void theEmbeddedDatabaseNamesADotEnvAboveTheProject() throws IOException {
        write("repo/.git/HEAD", "ref: refs/heads/main\n");
        write("repo/.env", "DATABASE_URL=postgresql://app@db/shop\n");
        write("repo/src/infrastructure/database/retort.toml", "script_location = \"migrations\"\n");

        RetortConfig config = loadTwice(Optional.of(Path.of("repo/src/infrastructure/database/retort.toml")));

        assertThat(config.embedded()).isTrue();
        assertThat(config.embeddedReason()).isEqualTo("no database configured; found repo/.env, which Retort does "
                + "not read: it reads .env only next to repo/src/infrastructure/database/retort.toml. Link it there "
                + "(ln -s ../../../.env repo/src/infrastructure/database/.env), or set DATABASE_URL in the "
                + "environment, to use that database");
    }

    @Test
    void noDotEnvAboveTheGitRootIsNamed() throws IOException {
        write(".env", "DATABASE_URL=postgresql://app@db/shop\n");
        write("repo/.git/HEAD", "ref: refs/heads/main\n");
        write("repo/db/retort.toml", "script_location = \"migrations\"\n");

        RetortConfig config = loadTwice(Optional.of(Path.of("repo/db/retort.toml")));

        assertThat(config.embeddedReason())
                .isEqualTo("no database configured; set DATABASE_URL in .env to use yours");
    }

    @Test
    void withNoFileEveryValueIsItsDefault() {
        RetortConfig config = load();

        assertThat(config.projectDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(config.configFile()).isEmpty();
        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("migrations"));
        assertThat(config.versionsDir()).isEqualTo(dir.resolve("migrations/versions"));
        assertThat(config.stateDir()).isEqualTo(dir.resolve(".retort"));
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.databaseUrlSource()).isEqualTo(RetortConfig.NOT_CONFIGURED);
        assertThat(config.versionTable()).isEqualTo("retort_version");
        assertThat(config.transactionPerMigration()).isTrue();
        assertThat(config.backup()).isEqualTo(BackupMode.NONE);
        assertThat(config.pgDump()).isEmpty();
        assertThat(config.models()).isEqualTo(RetortConfig.Models.NONE);
        assertThat(config.warnings()).isEmpty();
        assertThat(config).isEqualTo(RetortConfig.defaults(dir));
    }

    @Test
    void readsEveryKeyOfTheDesignsExample() throws IOException {
        write("retort.toml", """
                script_location = "db/migrations"
                database_url = "postgresql://app@db.internal/shop"
                version_table = "schema_history"
                transaction_per_migration = false
                lock_timeout = "2s"
                statement_timeout = "10min"
                lock_timeout_retries = 5
                queue_timeout = "15min"
                backup = true

                [models]
                sources = ["src/main/java"]
                classpath = ["target/classes", "lib/entities.jar"]
                packages = ["com.example.equipment"]
                naming = "jpa"
                physical_naming_strategy = "com.example.orm.PrefixedNaming"
                implicit_naming_strategy = "org.hibernate.boot.model.naming.ImplicitNamingStrategyLegacyJpaImpl"
                schema_file = "schema.sql"
                dev_url = "postgresql://dev@localhost:5499/scratch"
                schemas = ["public", "billing"]
                exclude_tables = ["audit_log"]
                exclude_sequences = ["legacy_seq"]
                exclude_types = ["legacy_*"]
                persistence_unit = "equipment"
                mapping_files = ["mappings/equipment.xml"]

                [lint]
                RT101 = "error"
                RT110 = "OFF"

                [autogenerate]
                safe = true
                [test]
                database_url = "postgresql://ci@ci-db:5432/postgres"
                """);
        xArguments.put("tenant", "acme");

        RetortConfig config = load();

        assertThat(config.configFile()).contains(dir.resolve("retort.toml"));
        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("db/migrations"));
        assertThat(config.versionsDir()).isEqualTo(dir.resolve("db/migrations/versions"));
        assertThat(config.databaseUrl()).contains(DatabaseUrl.parse("postgresql://app@db.internal/shop"));
        assertThat(config.databaseUrlSource()).isEqualTo("database_url in retort.toml");
        assertThat(config.versionTable()).isEqualTo("schema_history");
        assertThat(config.transactionPerMigration()).isFalse();
        assertThat(config.backup()).isEqualTo(BackupMode.TABLES);
        assertThat(config.xArguments()).containsExactly(Map.entry("tenant", "acme"));
        assertThat(config.models()).isEqualTo(new RetortConfig.Models(
                List.of(dir.resolve("src/main/java")),
                List.of(dir.resolve("target/classes"), dir.resolve("lib/entities.jar")),
                List.of("com.example.equipment"), "jpa", Optional.of(dir.resolve("schema.sql")),
                Optional.of(DatabaseUrl.parse("postgresql://dev@localhost:5499/scratch")), List.of("public", "billing"),
                List.of("audit_log"), Optional.of("com.example.orm.PrefixedNaming"),
                Optional.of("org.hibernate.boot.model.naming.ImplicitNamingStrategyLegacyJpaImpl"), Optional.empty(),
                true, Optional.of("equipment"), List.of("mappings/equipment.xml"), Map.of(), List.of("legacy_seq"),
                List.of("legacy_*")));
        assertThat(config.timeouts()).isEqualTo(new RetortConfig.Timeouts("2s", "10min", 5, "15min"));
        assertThat(config.testUrl()).contains(DatabaseUrl.parse("postgresql://ci@ci-db:5432/postgres"));
        assertThat(config.lintSeverities()).containsOnly(Map.entry("RT101", "error"), Map.entry("RT110", "off"));
        assertThat(config.safeAutogenerate()).isTrue();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void modelsPropertiesAreHibernatePropertiesByTheirDottedNames() throws IOException {
        write("retort.toml", """
                [models]
                sources = ["src/main/java"]

                [models.properties]
                hibernate.globally_quoted_identifiers = "true"
                "hibernate.default_schema" = "${SCHEMA}"
                hibernate.type.preferred_uuid_jdbc_type = "CHAR"
                """);
        environment.put("SCHEMA", "crm");

        RetortConfig config = load();

        assertThat(config.models().hibernateProperties()).containsExactly(
                Map.entry("hibernate.default_schema", "crm"),
                Map.entry("hibernate.globally_quoted_identifiers", "true"),
                Map.entry("hibernate.type.preferred_uuid_jdbc_type", "CHAR"));
        assertThat(config.warnings()).isEmpty();
    }

    /** TOML keeps a quoted dotted key apart from the bare one's tables, and one of the two values was dropped. */
    @Test
    void aModelsPropertyWrittenBareAndQuotedStops() throws IOException {
        write("retort.toml", """
                [models.properties]
                hibernate.default_schema = "crm"
                "hibernate.default_schema" = "sales"
                """);

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageEndingWith(
                "models.properties.hibernate.default_schema is set twice, its name written once with bare dots and "
                        + "once quoted; keep one of the two.");
    }

    @Test
    void aModelsPropertyTakesAStringOnly() throws IOException {
        write("retort.toml", "[models]\nsources = [\"src\"]\n[models.properties]\n"
                + "hibernate.globally_quoted_identifiers = true\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage("retort.toml line 4: "
                + "models.properties.hibernate.globally_quoted_identifiers must be a string, not true/false.");
    }

    @Test
    void modelsPropertiesIsATable() throws IOException {
        write("retort.toml", "[models]\nproperties = [\"hibernate.default_schema=crm\"]\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage("retort.toml line 2: "
                + "models.properties must be a table, written [models.properties], not an array.");
    }

    @Test
    void aModelsPropertyWithSpringsPrefixIsToldToDropIt() throws IOException {
        write("retort.toml", "[models.properties]\n"
                + "\"spring.jpa.properties.hibernate.globally_quoted_identifiers\" = \"true\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage("retort.toml line 2: "
                + "models.properties.spring.jpa.properties.hibernate.globally_quoted_identifiers keeps Spring's "
                + "prefix; name the Hibernate property without it: \"hibernate.globally_quoted_identifiers\".");
    }

    @Test
    void aNamingStrategyPropertyIsToldToUseItsModelsKey() throws IOException {
        write("retort.toml", "[models.properties]\n"
                + "hibernate.physical_naming_strategy = \"com.acme.Naming\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage("retort.toml line 2: "
                + "models.properties.hibernate.physical_naming_strategy sets a naming strategy, which [models] sets "
                + "with its own key; write physical_naming_strategy = \"...\" under [models] instead.");
    }

    @Test
    void backupNamesItsKindAndPgDumpIsAPathInTheProject() throws IOException {
        write("retort.toml", "backup = \"dump\"\npg_dump = \"tools/pg_dump\"\n");

        RetortConfig config = load();

        assertThat(config.backup()).isEqualTo(BackupMode.DUMP);
        assertThat(config.pgDump()).contains(dir.resolve("tools/pg_dump"));
    }

    @Test
    void backupNoneIsSpelledAsOnTheCommandLine() throws IOException {
        write("retort.toml", "backup = \"None\"\n");

        assertThat(load().backup()).isEqualTo(BackupMode.NONE);
    }

    @Test
    void backupOfAnUnknownKindNamesTheChoices() throws IOException {
        write("retort.toml", "backup = \"snapshot\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: backup must be true, false, \"tables\", \"dump\" or \"none\".");
    }

    @Test
    void autogenerateIsNotSafeUnlessAsked() throws IOException {
        write("retort.toml", "[autogenerate]\n");

        assertThat(load().safeAutogenerate()).isFalse();
    }

    @Test
    void unknownKeysOfTheAutogenerateSectionAreWarnings() throws IOException {
        write("retort.toml", "[autogenerate]\nsafe = false\nconcurrently = true\n");

        RetortConfig config = load();

        assertThat(config.safeAutogenerate()).isFalse();
        assertThat(config.warnings())
                .containsExactly("retort.toml: unknown key 'autogenerate.concurrently' (ignored)");
    }

    @Test
    void autogenerateSafeMustBeABoolean() throws IOException {
        write("retort.toml", "[autogenerate]\nsafe = \"yes\"\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("autogenerate.safe")
                .hasMessageContaining("true or false");
    }

    // --- Where the database URL comes from: each level beats the ones below it.

    private void configureEveryLevel() throws IOException {
        urlFlag = Optional.of("postgresql://flag/db");
        xArguments.put("url", "postgresql://xarg/db");
        write("retort.toml", "database_url = \"postgresql://toml/db\"\n");
        environment.put("DATABASE_URL", "postgresql://env/db");
        write(".env", "DATABASE_URL=postgresql://dotenv/db\nDB_HOST=parts\nDB_NAME=db\n");
    }

    private String chosenHost() {
        return load().databaseUrl().map(DatabaseUrl::host).orElse("embedded");
    }

    @Test
    void theUrlFlagWinsOverEverything() throws IOException {
        configureEveryLevel();

        assertThat(chosenHost()).isEqualTo("flag");
        assertThat(load().databaseUrlSource()).isEqualTo("--url");
    }

    @Test
    void theConfigurationShowsNoPasswordWhenPrinted() throws IOException {
        // An application that logs the configuration it loaded, with -x url= given as its arguments say.
        xArguments.put("URL", "postgresql://app:S3cr3t-Pa55@xarg/db");
        xArguments.put("tenant", "acme");
        write("retort.toml", "[models]\ndev_url = \"postgresql://dev:S3cr3t-Pa55@localhost/scratch\"\n");
        RetortConfig config = load();
        assertThat(config.toString()).doesNotContain("S3cr3t").contains("postgresql://app:***@xarg:5432/db");
        assertThat(config.xArguments()).containsExactly(Map.entry("tenant", "acme"));
        assertThat(config.passwords()).containsExactly("S3cr3t-Pa55");
    }

    /**
     * A DataSource whose {@code toString} shows its password, as some do; loading never calls it, since the
     * configuration only holds it.
     */
    private static DataSource dataSource() {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(ConfigLoaderTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "pool of jdbc:postgresql://db/shop?password=S3cr3t-Pa55";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * An application that hands Retort its DataSource configures no URL, and finds none of the places one comes from
     * read: a database_url that requires its variable, or half of the DB_* variables, would otherwise stop it.
     */
    @Test
    void aDataSourceIsTheDatabaseAndNoUrlIsLookedFor() throws IOException {
        write("retort.toml", "version_table = \"app_version\"\n"
                + "database_url = \"${DATABASE_URL:?the deployment sets it}\"\n");
        write(".env", "DB_USER=app\n");
        environment.put("DB_PASSWORD", "S3cr3t-Pa55");
        DataSource dataSource = dataSource();

        RetortConfig config = ConfigLoader.load(Optional.empty(), dir, environment, xArguments, dataSource);

        assertThat(config.dataSource().map(GivenDataSource::dataSource)).containsSame(dataSource);
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.embedded()).isFalse();
        assertThat(config.databaseUrlSource()).isEqualTo("the DataSource given to ConfigLoader.load");
        assertThat(config.versionTable()).isEqualTo("app_version");
        assertThat(config.passwords()).isEmpty();
        assertThat(config.toString()).doesNotContain("S3cr3t")
                .contains("DataSource jdk.proxy");
        assertThat(RetortConfig.defaults(dir).embedded()).isTrue();

        xArguments.put("tenant", "acme");
        xArguments.put("Url", "postgresql://app@other/shop");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), dir, environment, xArguments, dataSource))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Url in the arguments given to ConfigLoader.load names a database, but the DataSource "
                        + "given to ConfigLoader.load is the database; leave Url out of the arguments.");
    }

    @Test
    void xUrlComesSecond() throws IOException {
        configureEveryLevel();
        urlFlag = Optional.empty();

        assertThat(chosenHost()).isEqualTo("xarg");
        assertThat(load().databaseUrlSource()).isEqualTo("-x url");
    }

    @Test
    void xUrlIsTheKeyInAnyCaseAndTheLastGivenWins() throws IOException {
        configureEveryLevel();
        urlFlag = Optional.empty();
        xArguments.clear();
        xArguments.put("tenant", "acme");
        xArguments.put("URL", "postgresql://upper/db");

        assertThat(chosenHost()).isEqualTo("upper");
        assertThat(load().databaseUrlSource()).isEqualTo("-x URL");

        xArguments.put("Url", "postgresql://mixed/db");
        assertThat(chosenHost()).isEqualTo("mixed");

        xArguments.put("uRL", "");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageStartingWith("-x uRL is empty");
    }

    @Test
    void theConfigFileComesThird() throws IOException {
        configureEveryLevel();
        urlFlag = Optional.empty();
        xArguments.clear();

        assertThat(chosenHost()).isEqualTo("toml");
    }

    @Test
    void theEnvironmentsDatabaseUrlComesFourth() throws IOException {
        configureEveryLevel();
        urlFlag = Optional.empty();
        xArguments.clear();
        write("retort.toml", "version_table = \"v\"\n");

        assertThat(chosenHost()).isEqualTo("env");
        assertThat(load().databaseUrlSource()).isEqualTo("DATABASE_URL in the environment");
    }

    @Test
    void dotEnvsDatabaseUrlComesFifth() throws IOException {
        configureEveryLevel();
        urlFlag = Optional.empty();
        xArguments.clear();
        write("retort.toml", "version_table = \"v\"\n");
        environment.remove("DATABASE_URL");

        assertThat(chosenHost()).isEqualTo("dotenv");
        assertThat(load().databaseUrlSource()).isEqualTo("DATABASE_URL in .env");
    }

    @Test
    void dbVariablesComeSixthWithTheEnvironmentWinningPerVariable() throws IOException {
        write(".env", "DB_HOST=localhost\nDB_PORT=5433\nDB_NAME=equipment_db\nDB_USER=postgres\nDB_PASSWORD=StrongPassw@rd123\n");
        environment.put("DB_NAME", "from_env");

        RetortConfig config = load();

        assertThat(config.databaseUrl()).contains(
                DatabaseUrl.fromParts("localhost", 5433, "from_env", "postgres", "StrongPassw@rd123"));
        assertThat(config.databaseUrlSource()).isEqualTo("DB_* variables in the environment and .env");
    }

    @Test
    void dbVariablesNeedAHostOrADatabaseName() {
        environment.put("DB_USER", "postgres");
        environment.put("DB_PASSWORD", "secret");

        // Without them, the embedded PostgreSQL would take the migrations meant for that database.
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("DB_USER, DB_PASSWORD (DB_* variables in the environment) are set, but neither DB_HOST "
                        + "nor DB_NAME is; set them too (or DATABASE_URL), or unset them to use the embedded "
                        + "PostgreSQL.");

        environment.put("DB_HOST", "db.internal");
        assertThat(load().databaseUrl()).contains(DatabaseUrl.fromParts("db.internal", 5432, "", "postgres", "secret"));
        assertThat(load().databaseUrlSource()).isEqualTo("DB_* variables in the environment");
    }

    @Test
    void theGuidesEnvFileGivesTheSameDatabaseEitherWay() throws IOException {
        write(".env", """
                DATABASE_URL=postgresql+asyncpg://postgres:StrongPassw@rd123@localhost:5433/equipment_db
                DB_HOST=localhost
                DB_PORT=5433
                DB_NAME=equipment_db
                DB_USER=postgres
                DB_PASSWORD=StrongPassw@rd123
                """);
        RetortConfig fromUrl = load();
        environment.put("DATABASE_URL", " ");
        write(".env", Files.readString(dir.resolve(".env")).replaceFirst("DATABASE_URL=.*\n", ""));
        RetortConfig fromParts = load();

        assertThat(fromUrl.databaseUrlSource()).isEqualTo("DATABASE_URL in .env");
        assertThat(fromParts.databaseUrlSource()).isEqualTo("DB_* variables in .env");
        assertThat(fromUrl.databaseUrl()).isPresent().isEqualTo(fromParts.databaseUrl());
    }

    @Test
    void aUrlWithoutAPasswordTakesPgPasswordAsPsqlDoes() throws IOException {
        environment.put("DATABASE_URL", "postgresql://app@db.internal/shop");
        environment.put("PGPASSWORD", "Hunter2Secret");

        RetortConfig config = load();

        assertThat(config.databaseUrl()).contains(DatabaseUrl.parse("postgresql://app:Hunter2Secret@db.internal/shop"));
        assertThat(config.databaseUrlSource()).isEqualTo("DATABASE_URL in the environment and PGPASSWORD");

        // The URL's own password wins, as in libpq; .env's PGPASSWORD counts when the environment has none.
        environment.put("DATABASE_URL", "postgresql://app:own@db.internal/shop");
        assertThat(load().databaseUrl().get().password()).isEqualTo("own");
        environment.remove("PGPASSWORD");
        write(".env", "PGPASSWORD=fromDotEnv\nDB_HOST=db.internal\nDB_USER=app\n");
        environment.remove("DATABASE_URL");
        assertThat(load().databaseUrl().get().password()).isEqualTo("fromDotEnv");
        assertThat(load().databaseUrlSource()).isEqualTo("DB_* variables in .env and PGPASSWORD in .env");
    }

    /** A login kept apart from the URL, as Flyway's url, user and password are, is the one used. */
    @Test
    void aUrlWithoutALoginTakesDbUserAndDbPassword() throws IOException {
        write(".env", "DATABASE_URL=jdbc:postgresql://db.internal/shop\nDB_USER=app\nDB_PASSWORD=Hunter2Secret\n");
        environment.put("PGPASSWORD", "other");

        RetortConfig config = load();

        assertThat(config.databaseUrl()).contains(DatabaseUrl.parse("postgresql://app:Hunter2Secret@db.internal/shop"));
        assertThat(config.databaseUrlSource())
                .isEqualTo("DATABASE_URL in .env and DB_USER in .env and DB_PASSWORD in .env");

        // A URL that names its user keeps it, and its password comes from where psql looks; the environment's
        // variables count before .env's.
        environment.put("DATABASE_URL", "postgresql://reader@db.internal/shop");
        environment.put("DB_USER", "owner");
        assertThat(load().databaseUrl()).contains(DatabaseUrl.parse("postgresql://reader:other@db.internal/shop"));
        environment.put("DATABASE_URL", "postgresql://db.internal/shop");
        assertThat(load().databaseUrl())
                .contains(DatabaseUrl.parse("postgresql://owner:Hunter2Secret@db.internal/shop"));
        assertThat(load().databaseUrlSource())
                .isEqualTo("DATABASE_URL in the environment and DB_USER and DB_PASSWORD in .env");
    }

    /**
     * The servers of `retort test` and of autogenerate's dev database take PGPASSWORD too: a CI job that sets it
     * for its service could upgrade its database, and then not create the scratch database of `retort test`.
     */
    @Test
    void theTestAndDevUrlsWithoutAPasswordTakePgPasswordToo() throws IOException {
        write("retort.toml", """
                [test]
                database_url = "postgresql://ci@ci-db/postgres"
                [models]
                schema_file = "schema.sql"
                dev_url = "postgresql://dev@dev-db/scratch"
                """);
        environment.put("PGPASSWORD", "Hunter2Secret");

        RetortConfig config = load();

        assertThat(config.testUrl()).contains(DatabaseUrl.parse("postgresql://ci:Hunter2Secret@ci-db/postgres"));
        assertThat(config.models().devUrl())
                .contains(DatabaseUrl.parse("postgresql://dev:Hunter2Secret@dev-db/scratch"));
    }

    @Test
    void anEmptyUrlFlagIsAnError() {
        urlFlag = Optional.of("");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageStartingWith("--url is empty");
    }

    @Test
    void aBadUrlIsReportedWithItsSourceAndWithoutItsPassword() throws IOException {
        write(".env", "DATABASE_URL=mysql://root:Hunter2Secret@localhost/app\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL in .env uses the scheme 'mysql'")
                .message().doesNotContain("Hunter2Secret");
    }

    @Test
    void aBadDbPortIsReported() {
        environment.put("DB_NAME", "app");
        environment.put("DB_PORT", "fifty");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("DB_PORT (DB_* variables in the environment) is 'fifty', which is not a port;"
                        + " give a number from 1 to 65535.");
    }

    // --- ${VAR} expansion

    @Test
    void expandsVariablesFromTheEnvironmentThenFromDotEnv() throws IOException {
        write("retort.toml", """
                database_url = "postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST:-localhost}/${DB_NAME}"
                script_location = "${MIGRATIONS:-migrations}"
                version_table = "${TABLE}"
                """);
        write(".env", "DB_USER=app\nDB_PASSWORD=p@ss\nDB_NAME=from_dotenv\nTABLE=from_dotenv\n");
        environment.put("DB_NAME", "from_env");

        RetortConfig config = load();

        assertThat(config.databaseUrl()).contains(DatabaseUrl.fromParts("localhost", 5432, "from_env", "app", "p@ss"));
        assertThat(config.databaseUrlSource()).isEqualTo("database_url in retort.toml");
        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("migrations"));
        assertThat(config.versionTable()).isEqualTo("from_dotenv");
    }

    @Test
    void anUnsetVariableInTheDatabaseUrlFallsThroughToTheNextSource() throws IOException {
        write("retort.toml", "database_url = \"${DATABASE_URL}\"\n");
        environment.put("DB_HOST", "parts");

        RetortConfig config = load();

        assertThat(config.databaseUrl().map(DatabaseUrl::host)).contains("parts");
        assertThat(config.warnings()).isEmpty();
    }

    /** A deploy whose secret did not arrive must not fall through to the embedded server and succeed. */
    @Test
    void aDatabaseUrlThatRequiresItsVariableStopsInsteadOfFallingThrough() throws IOException {
        write("retort.toml", "database_url = \"${DATABASE_URL:?the deploy passes it}\"\n");
        environment.put("DB_HOST", "parts");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: database_url needs ${DATABASE_URL}, which is not given with -x, nor "
                        + "set in the environment or .env: the deploy passes it.");
        environment.put("DATABASE_URL", "postgresql://app@db/shop");
        assertThat(load().databaseUrl().map(DatabaseUrl::host)).contains("db");
    }

    @Test
    void aUrlWithAnUnsetVariableInsideItFallsThroughWithAWarning() throws IOException {
        write("retort.toml", "database_url = \"postgresql://app:${APP_PASSWORD}@db/app\"\n");

        RetortConfig config = load();

        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.warnings()).containsExactly(
                "retort.toml: database_url ignored, because ${APP_PASSWORD} is not given with -x, nor set in the "
                        + "environment or .env");
    }

    @Test
    void anUnsetVariableElsewhereIsAnErrorNamingKeyAndVariable() throws IOException {
        write("retort.toml", "\nscript_location = \"${MIGRATIONS_DIR}/sql\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: script_location refers to ${MIGRATIONS_DIR}, which is not given with"
                        + " -x, nor set in the environment or .env; set it, or give a default as"
                        + " ${MIGRATIONS_DIR:-value}.");
    }

    /** A loop over tenants gives each command its tenant once, with -x, for retort.toml and the migrations alike. */
    @Test
    void anXArgumentExpandsInTheFileBeforeTheEnvironmentButUrlDoesNot() throws IOException {
        write("retort.toml", """
                database_url = "postgresql://app@db/shop?currentSchema=${tenant},public"
                version_table_schema = "${tenant}"
                version_table = "${TABLE}_${url:-none}"
                """);
        environment.put("tenant", "from_the_environment");
        environment.put("TABLE", "from_the_environment");
        xArguments.put("tenant", "tenant_acme");
        xArguments.put("TABLE", "versions");
        xArguments.put("URL", "postgresql://app@db/shop");

        RetortConfig config = load();

        assertThat(config.versionTableSchema()).contains("tenant_acme");
        assertThat(config.versionTable()).isEqualTo("versions_none");
        assertThat(config.xArguments()).containsExactly(Map.entry("tenant", "tenant_acme"),
                Map.entry("TABLE", "versions"));

        xArguments.remove("URL");
        assertThat(load().databaseUrl()).contains(
                DatabaseUrl.parse("postgresql://app@db/shop?currentSchema=tenant_acme,public"));
    }

    // --- The config file itself

    /**
     * A ConfigMap mounted at retort.toml is a directory holding the file, and a link whose target is not mounted points
     * at nothing: taken as "no config file", the default version table made the applied history look empty.
     */
    @Test
    void aRetortTomlThatIsADirectoryOrALinkToNothingIsAnError() throws IOException {
        write("retort.toml/retort.toml", "version_table = \"schema_history\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("retort.toml") + " is a directory, not the config file; put the file itself "
                        + "at that path (a Kubernetes ConfigMap volume needs subPath: retort.toml), or remove the "
                        + "directory.");

        deleteRecursively(dir.resolve("retort.toml"));
        Files.createSymbolicLink(dir.resolve("retort.toml"), dir.resolve("shared/retort.toml"));
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("retort.toml") + " is a link to " + dir.resolve("shared/retort.toml")
                        + ", which does not exist; fix the link or remove it.");
        assertThatThrownBy(() -> loadTwice(Optional.of(Path.of("retort.toml")))).isInstanceOf(ConfigException.class)
                .hasMessage("The config file retort.toml given with -c is a link to "
                        + dir.resolve("shared/retort.toml") + ", which does not exist; fix the link or remove it.");

        write("shared/retort.toml", "version_table = \"schema_history\"\n");
        assertThat(load().versionTable()).isEqualTo("schema_history");
    }

    /** The reason a file could not be read came after the file's path a second time, and nothing said what to do. */
    @Test
    void aFileThatCannotBeReadIsNamedOnceWithTheReason() throws IOException {
        Files.createSymbolicLink(dir.resolve("retort.toml"), dir.resolve("retort.toml"));
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot read retort.toml: Too many levels of symbolic links")
                .hasMessageNotContaining(dir.toString());
        Files.delete(dir.resolve("retort.toml"));

        Files.createSymbolicLink(dir.resolve(".env"), dir.resolve(".env"));
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot read .env: Too many levels of symbolic links")
                .hasMessageEndingWith(". Retort looked in it for DATABASE_URL, which the environment does not set.")
                .hasMessageNotContaining(dir.toString());

        assertThat(ConfigFileReader.unreadable("retort.toml",
                new AccessDeniedException(dir.resolve("retort.toml").toString())))
                .hasMessage("Cannot read retort.toml: permission denied; let the user running Retort read it.");
    }

    /** What the test above gives the reading, for a user that permissions apply to (root reads through them). */
    @Test
    void aRetortTomlWithoutReadPermissionSaysSo() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: permissions do not apply");
        write("retort.toml", "version_table = \"schema_history\"\n");
        Files.setPosixFilePermissions(dir.resolve("retort.toml"), PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read retort.toml: permission denied; let the user running Retort read it.");
    }

    @Test
    void dashCReadsAnotherFileAndItsDirectoryIsTheProject() throws IOException {
        write("deploy/prod.toml", "script_location = \"m\"\ndatabase_url = \"${DATABASE_URL}\"\n");
        write("deploy/.env", "DATABASE_URL=postgresql://prod-db/app\n");
        write(".env", "DATABASE_URL=postgresql://wrong/app\n");

        RetortConfig config = loadTwice(Optional.of(Path.of("deploy/prod.toml")));

        assertThat(config.projectDir()).isEqualTo(dir.resolve("deploy"));
        assertThat(config.configFile()).contains(dir.resolve("deploy/prod.toml"));
        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("deploy/m"));
        assertThat(config.stateDir()).isEqualTo(dir.resolve("deploy/.retort"));
        assertThat(config.databaseUrl().map(DatabaseUrl::host)).contains("prod-db");
        assertThat(config.databaseUrlSource()).isEqualTo("database_url in deploy/prod.toml");
    }

    @Test
    void aMissingDashCFileIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(Path.of("conf/retort.toml")), dir, environment,
                xArguments, urlFlag, ArgumentNames.COMMAND_LINE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The config file conf/retort.toml given with -c does not exist;"
                        + " check the path, or create one with 'retort init'.");
    }

    @Test
    void anEmptyConfigFilePathIsRefusedAsEmpty() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(Path.of("")), dir, environment, xArguments, urlFlag))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("The config file given to ConfigLoader.load is empty; give the path of a "
                        + "retort.toml, or leave it out");
    }

    /** An application never had a -c, a --url or a -x: its messages name the arguments of the call it made. */
    @Test
    void aJavaCallersMessagesNameWhatItPassedRatherThanFlags() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(Path.of("conf/retort.toml")), dir, environment,
                xArguments, urlFlag))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The config file conf/retort.toml given to ConfigLoader.load does not exist; check the "
                        + "path, which starts from the working directory given to ConfigLoader.load (" + dir + ").");
        Files.createDirectories(dir.resolve("conf"));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(Path.of("conf")), dir, environment, xArguments,
                urlFlag))
                .hasMessage("The config file conf given to ConfigLoader.load is a directory; give the path of its "
                        + "retort.toml.");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), dir, environment, xArguments, Optional.of(" ")))
                .hasMessageStartingWith("the URL given to ConfigLoader.load is empty;");
        RetortConfig config = ConfigLoader.load(Optional.empty(), dir, environment, xArguments,
                Optional.of("postgresql://app@db/shop"));
        assertThat(config.databaseUrlSource()).isEqualTo("the URL given to ConfigLoader.load");
        xArguments.put("URL", "postgresql://app@other/shop");
        assertThat(ConfigLoader.load(Optional.empty(), dir, environment, xArguments, Optional.empty())
                .databaseUrlSource()).isEqualTo("URL in the arguments given to ConfigLoader.load");
        xArguments.clear();

        write("retort.toml", "version_table_schema = \"${tenant}\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), dir, environment, xArguments, urlFlag))
                .hasMessage("retort.toml line 1: version_table_schema refers to ${tenant}, which is not in the "
                        + "arguments given to ConfigLoader.load, nor set in the environment or .env; set it, or give "
                        + "a default as ${tenant:-value}.");
    }

    @Test
    void malformedTomlNamesFileLineColumnAndReason() throws IOException {
        write("retort.toml", "version_table = \"v\"\nscript_location = \n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2, column 19: Unexpected end of line, expected a value;"
                        + " fix the TOML syntax there.");
    }

    @Test
    void malformedTomlOnALineWithCredentialsDoesNotQuoteThem() throws IOException {
        write("retort.toml", "database_url = \"postgresql://u:Hunter\"2Secret@h/db\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("retort.toml line 1, column ")
                .message().doesNotContain("2Secret").doesNotContain("Hunter");
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyAndExpectedType() throws IOException {
        write("retort.toml", "transaction_per_migration = \"yes\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: transaction_per_migration must be true or false, not a string.");

        write("retort.toml", "backup = 1\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "retort.toml line 1: backup must be true, false, \"tables\", \"dump\" or \"none\"");

        // A value of the right type out of range names the value, not its type.
        write("retort.toml", "lock_timeout_retries = -1\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: lock_timeout_retries must be a whole number from 0 to 100, not -1.");
        // PostgreSQL takes at most 2147483647ms; a longer one failed only once a run set it, naming no file.
        write("retort.toml", "\nstatement_timeout = \"600h\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: statement_timeout is '600h', longer than PostgreSQL allows "
                        + "(2147483647ms, about 24 days); write a shorter duration, or \"0\" for none.");
        write("retort.toml", "lock_timeout = \"99999999999999999999999s\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("longer than");
        write("retort.toml", "lock_timeout = \"2147483647ms\"\nstatement_timeout = \"596h\"\n");
        assertThat(load().timeouts().statementTimeout()).isEqualTo("596h");
        write("retort.toml", "queue_timeout = \"forever\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: queue_timeout is 'forever'; write a duration with its unit, such as "
                        + "\"30s\", \"10min\" or \"1h\", or \"0\" to wait as long as the other run takes.");
        // A number alone would be milliseconds, as PostgreSQL reads its timeouts: "30" is more likely meant otherwise.
        write("retort.toml", "queue_timeout = \"30\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("with its unit");
        // Retort waits itself: PostgreSQL's longest timeout is no limit here.
        write("retort.toml", "queue_timeout = \"30d\"\n");
        assertThat(load().timeouts().queueTimeout()).isEqualTo("30d");
        write("retort.toml", "lock_timeout = \"1s\"\n");
        assertThat(load().timeouts().queueTimeout()).as("waits as long as the other run takes").isEqualTo("0");
        write("retort.toml", "lock_timeout_retries = \"3\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: lock_timeout_retries must be a whole number from 0 to 100, not a "
                        + "string.");

        write("retort.toml", "[models]\nsources = \"src/main/java\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: models.sources must be an array of strings, like [\"src/main/java\"],"
                        + " not a string.");

        write("retort.toml", "[models]\npackages = [\"a\", 2]\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.packages must be an array of strings")
                .hasMessageEndingWith("but item 2 is an integer.");

        write("retort.toml", "models = 3\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 1: models must be a table, written [models], not an integer.");
    }

    /**
     * An entry of exclude_tables, exclude_sequences or exclude_types that can name nothing (an empty name or schema)
     * is refused where the file is read, rather than failing the comparison without naming the file.
     */
    @Test
    void anExcludedNameWithAnEmptyPartIsRefusedNamingTheFileAndTheSetting() throws IOException {
        write("retort.toml", "[models]\nexclude_sequences = [\"legacy_seq\", \"\"]\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: models.exclude_sequences item 2 is '', which names no sequence; "
                        + "write its name (\"legacy_seq\"), with its schema (\"billing.legacy_seq\"), or a pattern "
                        + "(\"legacy_*\").");
        write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_types = [\".mood\"]\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("retort.toml line 3: models.exclude_types item 1 is '.mood', which names no "
                        + "type; write its name (\"legacy_mood\"), with its schema");
        write("retort.toml", "[models]\nexclude_tables = [\"audit.\"]\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("retort.toml line 2: models.exclude_tables item 1 is 'audit.', which names no "
                        + "table; write its name (\"audit_log\"), with its schema (\"audit.audit_log\"), or a pattern "
                        + "(\"audit.*\").");
        write("retort.toml", "[models]\nexclude_types = \"legacy_mood\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: models.exclude_types must be an array of strings, like "
                        + "[\"legacy_mood\"], not a string.");
        write("retort.toml", "[models]\nexclude_sequences = [\"*\", \"billing.*\", \"*.audit_?\"]\n");
        assertThat(load().models().excludeSequences()).containsExactly("*", "billing.*", "*.audit_?");
    }

    /**
     * PostgreSQL reads a timeout without a unit as milliseconds: "5" was a 5 ms lock_timeout, which fails nearly every
     * step that waits for a lock, where 5 seconds was meant. As queue_timeout, such a number is refused.
     */
    @Test
    void aTimeoutWithoutItsUnitIsRefused() throws IOException {
        for (String key : List.of("lock_timeout", "statement_timeout")) {
            write("retort.toml", "\n" + key + " = \"5\"\n");
            assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                    .hasMessage("retort.toml line 2: " + key + " is '5', a number without a unit, which PostgreSQL "
                            + "would read as milliseconds; write the unit, such as \"5s\" or \"500ms\", or \"0\" "
                            + "for none.");
            // A number that -x gives the file is read the same.
            xArguments.put("T", "30");
            write("retort.toml", key + " = \"${T}\"\n");
            assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("retort.toml line 1: " + key + " is '30', a number without a unit");
            xArguments.clear();
            write("retort.toml", key + " = \"0\"\n");
            assertThat(load().timeouts()).extracting(key.equals("lock_timeout")
                    ? RetortConfig.Timeouts::lockTimeout : RetortConfig.Timeouts::statementTimeout).isEqualTo("0");
            write("retort.toml", key + " = \"500 ms\"\n");
            load();
        }
    }

    @Test
    void unknownKeysAndSectionsAreWarningsWithSuggestions() throws IOException {
        write("retort.toml", """
                databse_url = "postgresql://h/d"
                colour = "blue"
                [modles]
                [models]
                source = ["src"]
                """);

        RetortConfig config = load();

        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.warnings()).containsExactlyInAnyOrder(
                "retort.toml: unknown key 'databse_url' (ignored); did you mean 'database_url'?",
                "retort.toml: unknown key 'colour' (ignored)",
                "retort.toml: unknown section [modles] (ignored); did you mean [models]?",
                "retort.toml: unknown key 'models.source' (ignored); did you mean 'models.sources'?");
    }

    /**
     * A key known in another section is named with the place it belongs; TOML puts every key below a [section] header
     * into that section, so a top-level key written after [models] is the usual way to get there.
     */
    @Test
    void aKeyInTheWrongSectionIsAWarningThatNamesItsSection() throws IOException {
        write("retort.toml", """
                naming = "jpa"
                RT101 = "off"
                [models]
                sources = ["src"]
                database_url = "postgresql://h/d"
                [autogenerate]
                dev_url = "postgresql://h/dev"
                """);

        RetortConfig config = load();

        assertThat(config.models().naming()).isEqualTo(RetortConfig.Models.SNAKE_CASE);
        // Not set where it counts: a persistence unit's own naming may apply.
        assertThat(config.models().namingGiven()).isFalse();
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.warnings()).containsExactlyInAnyOrder(
                "retort.toml line 1: key 'naming' is ignored at the top level; it belongs under [models].",
                "retort.toml line 2: key 'RT101' is ignored at the top level; it belongs under [lint].",
                "retort.toml line 5: key 'database_url' is ignored under [models]; it belongs at the top level (above "
                        + "the first [section] header), or under [test].",
                "retort.toml line 7: key 'dev_url' is ignored under [autogenerate]; it belongs under [models].");
    }

    /** Under [lint] every key is a rule code, and one that is not is an error: so is a key of another section. */
    @Test
    void aKeyOfAnotherSectionUnderLintIsAnErrorThatNamesItsSection() throws IOException {
        write("retort.toml", "[lint]\nRT101 = \"off\"\nlock_timeout = \"10s\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 3: key 'lock_timeout' is under [lint], whose keys are rule codes; it "
                        + "belongs at the top level (above the first [section] header).");
    }

    @Test
    void versionTableMustBeAnIdentifier() throws IOException {
        for (String bad : List.of("retort-version", "1table", "", "a".repeat(64))) {
            write("retort.toml", "version_table = \"" + bad + "\"\n");
            assertThatThrownBy(this::load).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("retort.toml line 1: version_table is '" + bad + "', which is not a valid table name");
        }
        write("retort.toml", "version_table = \"_Retort_v2\"\n");
        assertThat(load().versionTable()).isEqualTo("_Retort_v2");
    }

    @Test
    void versionTableSchemaIsReadAndEmptyByDefault() throws IOException {
        write("retort.toml", "version_table_schema = \"${META:-retort_meta}\"\n");
        RetortConfig config = load();
        assertThat(config.versionTableSchema()).contains("retort_meta");
        assertThat(config.warnings()).isEmpty();
        write("retort.toml", "version_table = \"v\"\n");
        assertThat(load().versionTableSchema()).isEmpty();
    }

    @Test
    void versionTableSchemaMustBeAnIdentifierOfTheUser() throws IOException {
        for (String bad : List.of("my-app", "app; DROP SCHEMA public", "", "a".repeat(64))) {
            write("retort.toml", "version_table_schema = \"" + bad + "\"\n");
            assertThatThrownBy(this::load).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(
                    "retort.toml line 1: version_table_schema is '" + bad + "', which is not a valid schema name");
        }
        for (String reserved : List.of("pg_catalog", "PG_meta", "information_schema")) {
            write("retort.toml", "version_table_schema = \"" + reserved + "\"\n");
            assertThatThrownBy(this::load).as(reserved).isInstanceOf(ConfigException.class).hasMessage(
                    "retort.toml line 1: version_table_schema is '" + reserved + "', a schema PostgreSQL keeps for "
                            + "itself; choose a schema of your own, such as \"retort\".");
        }
    }

    @Test
    void aSchemaQualifiedVersionTableSaysWhereTheSchemaGoes() throws IOException {
        write("retort.toml", "version_table = \"meta.retort_version\"\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage("retort.toml line 1: "
                + "version_table is 'meta.retort_version', but a table name takes no schema here; write "
                + "version_table = \"retort_version\" and version_table_schema = \"meta\".");
    }

    @Test
    void namingMustBeSnakeCaseOrJpa() throws IOException {
        write("retort.toml", "[models]\nnaming = \"camel\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("retort.toml line 2: models.naming is 'camel'; expected \"snake_case\"");
    }

    @Test
    void aNamingStrategyMustBeAClassName() throws IOException {
        write("retort.toml", "[models]\nnaming = \"jpa\"\nphysical_naming_strategy = \"snake case please\"\n");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage("retort.toml line 3: "
                + "models.physical_naming_strategy is 'snake case please'; expected the fully qualified name of a "
                + "class, such as \"org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy\".");
    }

    @Test
    void dotEnvWarningsAreCollected() throws IOException {
        write(".env", "not a setting\n");

        assertThat(load().warnings()).containsExactly(".env line 1: ignored, expected KEY=VALUE");
    }

    @Test
    void aLintSeverityMustBeErrorWarningOrOff() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), "[lint]\nRT101 = \"loud\"\n");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class).hasMessageContaining("lint.RT101").hasMessageContaining("\"off\"");
    }
}
