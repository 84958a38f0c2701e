package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * The application a project's entities belong to, as Hibernate itself runs it: the entity sources of the project
 * compiled, and a session factory on a database, which builds the schema with Hibernate's own schema tool when told
 * to ({@code ddl-auto}), as a Spring Boot application does at start.
 */
final class HibernateApplication {
    private final URLClassLoader loader;
    private final List<Class<?>> entities = new ArrayList<>();

    /** Compiles the {@code .java} files under the project's {@code src/main/java}, as they are now. */
    HibernateApplication(Path project) {
        Path classes = project.resolve("target/classes");
        List<String> names = compile(project, System.getProperty("java.class.path"));
        try {
            loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
            for (String name : names) {
                Class<?> type = loader.loadClass(name);
                if (type.isAnnotationPresent(Entity.class)) {
                    entities.add(type);
                }
            }
        } catch (MalformedURLException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles the {@code .java} files under {@code project}'s {@code src/main/java} into its {@code target/classes},
     * against {@code classPath}; returns their classes' names.
     */
    static List<String> compile(Path project, String classPath) {
        Path sources = project.resolve("src/main/java");
        List<String> args = new ArrayList<>(List.of("-d", project.resolve("target/classes").toString(), "-proc:none",
                "-cp", classPath));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                args.add(file.toString());
                names.add(sources.relativize(file).toString().replace(".java", "").replace('/', '.'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        return names;
    }

    /**
     * Starts the application: a session factory on the database with {@code ddl-auto} (Hibernate's
     * {@code hibernate.hbm2ddl.auto}: {@code create}, {@code update} or {@code validate}) and Spring Boot's physical
     * naming when {@code snakeCase}, Hibernate's defaults otherwise. Spring Boot's implicit naming differs from JPA's
     * only for join tables, which the tests' entities do without.
     */
    SessionFactory start(String jdbcUrl, String ddlAuto, boolean snakeCase) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl);
        settings.put(AvailableSettings.JAKARTA_JDBC_USER, "postgres");
        settings.put(AvailableSettings.HBM2DDL_AUTO, ddlAuto);
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(settings)
                .build();
        MetadataSources sources = new MetadataSources(registry);
        entities.forEach(sources::addAnnotatedClass);
        MetadataBuilder metadata = sources.getMetadataBuilder();
        if (snakeCase) {
            metadata.applyPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy());
        }
        return metadata.build().buildSessionFactory();
    }

    /** Creates or updates the schema as the application does at start with {@code ddl-auto}, and stops. */
    void buildSchema(String jdbcUrl, String ddlAuto, boolean snakeCase) {
        start(jdbcUrl, ddlAuto, snakeCase).close();
    }

    /** An instance of the entity class of this simple name, made with its no-argument constructor. */
    Object newEntity(String simpleName) {
        Class<?> type = entities.stream().filter(e -> e.getSimpleName().equals(simpleName)).findFirst().orElseThrow();
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
