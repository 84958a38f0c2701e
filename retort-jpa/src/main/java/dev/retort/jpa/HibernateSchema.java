package dev.retort.jpa;

import dev.retort.jpa.JpaSettings.Naming;
import jakarta.persistence.PersistenceException;
import java.net.URL;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.tool.schema.SourceType;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptSourceInput;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;

/**
 * Boots Hibernate's metadata for a set of entity classes and has Hibernate's own schema tool write the create script.
 *
 * <p>Hibernate never touches a database here: the dialect and its version are given, and JDBC metadata access
 * is off. Only the boot metadata is built, not a session factory, which is the slow part of a real start-up.
 */
final class HibernateSchema {
    /** The PostgreSQL version the DDL is written for; Retort's embedded and test databases run this major version. */
    static final int POSTGRES_MAJOR = 17;

    /*
     * Hibernate logs through jboss-logging, which falls back to java.util.logging (stderr) unless log4j or logback
     * is present. Its INFO lines (version banner and the like) are noise for a command-line user; warnings stay.
     * Held in a field because java.util.logging keeps loggers only weakly, and a collected logger loses its level.
     */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    private HibernateSchema() {
    }

    /**
     * The schema of the classes, mapped by their annotations, those of the packages given ({@code package-info}:
     * generators, named queries, filters) and the mapping files given, with the settings of the persistence unit they
     * belong to, if any.
     *
     * <p>Each half of the naming comes from the first of: its {@code retort.toml} key
     * ({@code physical_naming_strategy}, {@code implicit_naming_strategy}); {@code naming}, when {@code retort.toml} sets it; the unit's property
     * ({@code hibernate.physical_naming_strategy}, {@code hibernate.implicit_naming_strategy}); and, with a unit,
     * Hibernate's defaults, as a plain JPA application gets them, else {@code naming}'s default (Spring Boot's).
     */
    static JpaModel generate(List<Class<?>> classes, List<String> packages, List<URL> mappingFiles,
            JpaSettings settings, Optional<PersistenceUnit> unit, ClassLoader loader) {
        if (HIBERNATE_LOG.getLevel() == null) {
            HIBERNATE_LOG.setLevel(Level.WARNING);
        }
        Naming naming = unit.isPresent() && !settings.namingGiven() ? Naming.JPA : settings.naming();
        Optional<PersistenceUnit> unitNaming = unit.filter(u -> !settings.namingGiven());
        PhysicalNamingStrategy physical = settings.physicalStrategy()
                .map(name -> NamingStrategies.physical(name, loader))
                .or(() -> unitNaming.flatMap(u -> UnitSettings.physical(u, loader)))
                .orElseGet(() -> switch (naming) {
                    case SNAKE_CASE -> new CamelCaseToUnderscoresNamingStrategy();
                    case JPA -> new PhysicalNamingStrategyStandardImpl();
                });
        ImplicitNamingStrategy implicit = settings.implicitStrategy()
                .map(name -> NamingStrategies.implicit(name, loader))
                .or(() -> unitNaming.flatMap(u -> UnitSettings.implicit(u, loader)))
                .orElseGet(() -> switch (naming) {
                    case SNAKE_CASE -> new SpringBootImplicitNaming();
                    case JPA -> new ImplicitNamingStrategyJpaCompliantImpl();
                });
        Map<String, Object> hibernateSettings = new HashMap<>(unit.map(UnitSettings::mapping).orElse(Map.of()));
        // [models.properties] over the unit's, as Spring Boot's spring.jpa.properties.* go over persistence.xml's.
        hibernateSettings.putAll(UnitSettings.mapping(settings.properties()));
        hibernateSettings.putAll(settings());
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry =
                new StandardServiceRegistryBuilder(bootstrap).applySettings(hibernateSettings).build();
        try {
            requirePostgres(registry);
            MappingNames.check(classes);
            MetadataSources sources = new MetadataSources(registry);
            // As the application's bootstrap registers them: a generator declared on a package serves any entity.
            packages.forEach(sources::addPackage);
            classes.forEach(sources::addAnnotatedClass);
            mappingFiles.forEach(sources::addURL);
            MetadataImplementor metadata = (MetadataImplementor) sources.getMetadataBuilder()
                    .applyImplicitNamingStrategy(implicit).applyPhysicalNamingStrategy(physical).build();
            // What the application's session factory does first, when a Bean Validation provider is on its class path.
            BeanValidationDdl.apply(metadata, registry, loader);
            // What the application's session factory checks at start (a column two properties write, a type that
            // does not fit its column): a mapping it refuses gets no migration.
            metadata.validate();
            /*
             * Hibernate 6.2+ orders the columns of tables, composite primary keys and the foreign keys that reference
             * them by its column ordering strategy (hibernate.column_ordering_strategy, standard by default: by size,
             * then name), but only when the session factory is told to create the schema (ddl-auto=create). Forced
             * here, so a table Retort creates is the one ddl-auto=create builds. With update, or on Hibernate 5, keys
             * keep the mapping's order; the diff takes either for the same key (see ModelDdl.choosesKeyOrder).
             */
            metadata.orderColumns(true);
            String ddl = createScript(metadata, registry);
            RenameHints hints = new RenameHints(physical, implicit instanceof SpringBootImplicitNaming,
                    registry.requireService(JdbcEnvironment.class));
            hints.collect(metadata);
            List<IdSequences.Use> sequences = IdSequences.of(metadata, registry,
                    registry.requireService(JdbcEnvironment.class).getDialect());
            Map<String, String> idSequences = new TreeMap<>();
            sequences.forEach(s -> idSequences.put(s.column(), s.sequence()));
            return new JpaModel(ddl, hints.tables(), hints.columns(), hints.warnings(),
                    MappingOwners.of(metadata, sequences), idSequences, UniqueKeyNames.of(metadata),
                    EnumColumns.of(metadata));
        } catch (PersistenceException | IllegalArgumentException | IllegalStateException e) {
            // Hibernate's exceptions (AnnotationException, MappingException, ...) are PersistenceExceptions.
            throw missingClass(e).orElseGet(() -> new JpaModelException("Hibernate cannot map the entities: "
                    + oneLine(e) + "; fix the mapping and run the command again.", e));
        } catch (LinkageError e) {
            // An entity uses a type that is in none of the jars given, found only when Hibernate inspects it.
            throw missingClass(e).orElseGet(() -> new JpaModelException("Cannot load a class the entities use: "
                    + oneLine(e) + "; add the jar that holds it to [models] classpath in retort.toml.", e));
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        /*
         * The dialect is chosen by Hibernate from the product name and version, which resolves to PostgreSQLDialect
         * (checked in dialectOf). Naming the class in hibernate.dialect gives the same dialect, plus a deprecation
         * warning (HHH90000025) on every run.
         */
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL");
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, String.valueOf(POSTGRES_MAJOR));
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, "0");
        settings.put(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false");
        settings.put(AvailableSettings.CONNECTION_PROVIDER, new NoConnections());
        // The script is applied to an empty scratch database, so schemas named in @Table must be created too.
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_CREATE_SCHEMAS, "true");
        settings.put(AvailableSettings.FORMAT_SQL, "false");
        // An import.sql among the user's classes holds data, not schema: it must not end up in the DDL.
        settings.put(AvailableSettings.HBM2DDL_SKIP_DEFAULT_IMPORT_FILE, "true");
        return settings;
    }

    private static void requirePostgres(StandardServiceRegistry registry) {
        Dialect dialect = registry.requireService(JdbcEnvironment.class).getDialect();
        if (dialect.getClass() != PostgreSQLDialect.class) {
            throw new IllegalStateException("Hibernate chose " + dialect.getClass().getName()
                    + " instead of PostgreSQLDialect");
        }
    }

    private static String createScript(Metadata metadata, StandardServiceRegistry registry) {
        Map<String, Object> config = new HashMap<>(registry.requireService(ConfigurationService.class).getSettings());
        ExecutionOptions options = SchemaManagementToolCoordinator.buildExecutionOptions(config, failure -> {
            throw failure;
        });
        StringBuilder ddl = new StringBuilder();
        Set<String> schemas = new HashSet<>();
        ScriptTargetOutput output = new ScriptTargetOutput() {
            @Override
            public void prepare() {
            }

            @Override
            public void accept(String command) {
                String statement = command.strip();
                while (statement.endsWith(";")) {
                    statement = statement.substring(0, statement.length() - 1).stripTrailing();
                }
                // A schema reached two ways (hibernate.default_schema and a @Table(schema) naming the same one, or
                // orm.xml's default) is created twice in Hibernate's script; the application, whose schema export
                // logs the second failure and goes on, starts with it.
                boolean again = statement.regionMatches(true, 0, "create schema ", 0, 14)
                        && !schemas.add(statement);
                if (!statement.isEmpty() && !again) {
                    ddl.append(CommentLiterals.repair(statement)).append(";\n");
                }
            }

            @Override
            public void release() {
            }
        };
        registry.requireService(SchemaManagementTool.class).getSchemaCreator(config)
                .doCreation(metadata, options, ContributableMatcher.ALL, fromMetadata(), toScript(output));
        return ddl.toString();
    }

    private static SourceDescriptor fromMetadata() {
        return new SourceDescriptor() {
            @Override
            public SourceType getSourceType() {
                return SourceType.METADATA;
            }

            @Override
            public ScriptSourceInput getScriptSourceInput() {
                return null;
            }
        };
    }

    private static TargetDescriptor toScript(ScriptTargetOutput output) {
        return new TargetDescriptor() {
            @Override
            public EnumSet<TargetType> getTargetTypes() {
                return EnumSet.of(TargetType.SCRIPT);
            }

            @Override
            public ScriptTargetOutput getScriptTargetOutput() {
                return output;
            }
        };
    }

    /** The error for a class the entities need that is missing, which Hibernate's own message may not name. */
    private static Optional<JpaModelException> missingClass(Throwable e) {
        return MissingClass.of(e).map(m -> new JpaModelException("Cannot load a class the entities use: "
                + m.neededBy().map(n -> n + " needs " + m.name() + ", which").orElse(m.name())
                + " is not on the class path; add " + m.jar() + " to [models] classpath in retort.toml.", e));
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
