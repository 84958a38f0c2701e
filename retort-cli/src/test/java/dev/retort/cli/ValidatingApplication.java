package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * A Spring Boot application with a Bean Validation provider on its class path (spring-boot-starter-validation), as
 * it builds its schema at start with {@code ddl-auto=create}: the project's entities, Hibernate and the provider's
 * jars in one class loader, as in the packaged application, where Hibernate's {@code BeanValidationIntegrator} finds
 * them all. The tests' own class loader holds no provider, so the application gets a loader of its own.
 */
public final class ValidatingApplication {
    private ValidatingApplication() {
    }

    /** Compiles the project's {@code src/main/java} against the jars and creates its schema on the database. */
    static void buildSchema(Path project, List<Path> jars, String jdbcUrl) {
        Path classes = project.resolve("target/classes");
        List<String> classPath =
                new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        jars.forEach(jar -> classPath.add(jar.toString()));
        List<String> names = HibernateApplication.compile(project, String.join(File.pathSeparator, classPath));
        List<URL> urls = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            urls.add(classes.toUri().toURL());
            for (String entry : classPath) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            try (URLClassLoader application = new URLClassLoader(urls.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader())) {
                thread.setContextClassLoader(application);
                application.loadClass(ValidatingApplication.class.getName())
                        .getMethod("start", List.class, String.class).invoke(null, names, jdbcUrl);
            }
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException(e instanceof InvocationTargetException i ? i.getCause() : e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs in the application's class loader: starts Hibernate with Spring Boot's naming, and stops. */
    public static void start(List<String> names, String jdbcUrl) throws ClassNotFoundException {
        ClassLoader loader = ValidatingApplication.class.getClassLoader();
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl);
        settings.put(AvailableSettings.JAKARTA_JDBC_USER, "postgres");
        settings.put(AvailableSettings.HBM2DDL_AUTO, "create");
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(settings)
                .build();
        MetadataSources sources = new MetadataSources(registry);
        for (String name : names) {
            sources.addAnnotatedClass(loader.loadClass(name));
        }
        sources.getMetadataBuilder().applyPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy()).build()
                .buildSessionFactory().close();
    }
}
