package dev.retort.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.beanvalidation.BeanValidationIntegrator;
import org.hibernate.boot.beanvalidation.ValidationMode;
import org.hibernate.boot.internal.ClassLoaderAccessImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.ClassLoaderAccess;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the entities' Bean Validation constraints to their columns ({@code @NotNull} → not null, {@code @Size} →
 * length, {@code @Min}/{@code @Max} → check, {@code @Digits} → precision and scale), as the application's session
 * factory does at start when a Bean Validation provider is on its class path.
 *
 * <p>Hibernate does this in its {@code BeanValidationIntegrator}, which runs only when a session factory is built;
 * Retort builds the metadata alone, so it runs the integrator's work itself, with Hibernate's own code
 * ({@code TypeSafeActivator.applyRelationalConstraints}) and the same conditions: validation mode {@code AUTO} (the
 * default) or {@code DDL}, {@code hibernate.validator.apply_to_ddl} not false, and a provider whose default
 * {@code ValidatorFactory} builds. Without the Bean Validation API on the entities' class path nothing changes.
 *
 * <p>The API and the provider are on the entities' class path, which Hibernate's own class loader does not see, and
 * {@code TypeSafeActivator} links against the API. So the classes of Hibernate's {@code beanvalidation} package are
 * defined again, from Hibernate's jar, in a loader whose parent is the entities' loader; everything else they use,
 * the mapping above all, still comes from the one Hibernate that built the metadata.
 */
final class BeanValidationDdl {
    private static final Logger LOG = LoggerFactory.getLogger(BeanValidationDdl.class);
    private static final String PACKAGE = "org.hibernate.boot.beanvalidation.";
    private static final String MODE = "jakarta.persistence.validation.mode";
    private static final String LEGACY_MODE = "javax.persistence.validation.mode";

    private BeanValidationDdl() {
    }

    /** Applies the constraints to the metadata's entity bindings, when the application's Hibernate would. */
    static void apply(MetadataImplementor metadata, StandardServiceRegistry registry, ClassLoader loader) {
        Map<String, Object> settings = registry.requireService(ConfigurationService.class).getSettings();
        Object mode = settings.get(MODE) != null ? settings.get(MODE) : settings.get(LEGACY_MODE);
        Set<ValidationMode> modes = ValidationMode.getModes(mode);
        if (!modes.contains(ValidationMode.DDL) && !modes.contains(ValidationMode.AUTO)
                || "false".equalsIgnoreCase(String.valueOf(settings.get(BeanValidationIntegrator.APPLY_CONSTRAINTS)))) {
            return;
        }
        boolean required = modes.contains(ValidationMode.DDL);
        Class<?> validation;
        Class<?> factoryType;
        try {
            validation = Class.forName("jakarta.validation.Validation", false, loader);
            factoryType = Class.forName("jakarta.validation.ValidatorFactory", false, loader);
        } catch (ClassNotFoundException e) {
            if (required) {
                throw unavailable(mode, "the Bean Validation API (jakarta.validation) is not on the class path", e);
            }
            return;
        }
        AutoCloseable factory;
        try {
            factory = (AutoCloseable) validation.getMethod("buildDefaultValidatorFactory").invoke(null);
        } catch (InvocationTargetException e) {
            // With AUTO, an application whose provider does not start (no Jakarta EL, say) starts without it.
            if (required) {
                String why = String.valueOf(e.getCause().getMessage()).strip().replaceAll("\\.$", "");
                throw unavailable(mode, "the default ValidatorFactory cannot be built (" + why + ")", e);
            }
            LOG.debug("No Bean Validation constraints applied: the default ValidatorFactory cannot be built",
                    e.getCause());
            return;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The Bean Validation API has no buildDefaultValidatorFactory()", e);
        }
        try (factory) {
            Dialect dialect = registry.requireService(JdbcEnvironment.class).getDialect();
            ClassLoaderAccess classes = new ClassLoaderAccessImpl(null,
                    registry.requireService(ClassLoaderService.class));
            Method activator = new ActivatorLoader(loader).loadClass(PACKAGE + "TypeSafeActivator").getMethod(
                    "applyRelationalConstraints", factoryType, Collection.class, Map.class, Dialect.class,
                    ClassLoaderAccess.class);
            // The method is public, its class package-private.
            activator.setAccessible(true);
            activator.invoke(null, factory, metadata.getEntityBindings(), settings, dialect, classes);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Hibernate could not apply the Bean Validation constraints", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("Hibernate's TypeSafeActivator cannot be run: " + e, e);
        }
    }

    private static JpaModelException unavailable(Object mode, String why, Exception cause) {
        return new JpaModelException("The validation mode is " + mode + ", which makes Hibernate apply Bean "
                + "Validation constraints to the schema, but " + why + "; add the provider's jars (hibernate-validator "
                + "and its dependencies) to [models] classpath in retort.toml, or set the mode to AUTO or NONE.",
                cause);
    }

    /**
     * Defines Hibernate's {@code beanvalidation} classes itself, from the jar that holds Hibernate, and leaves every
     * other class to the entities' loader, which sees the Bean Validation API and, through its parent, Hibernate.
     */
    private static final class ActivatorLoader extends ClassLoader {
        private final ClassLoader hibernate = Metadata.class.getClassLoader();

        ActivatorLoader(ClassLoader entities) {
            super("retort-bean-validation", entities);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = define(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = hibernate.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
