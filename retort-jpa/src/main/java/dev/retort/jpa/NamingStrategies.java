package dev.retort.jpa;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.function.Supplier;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;

/**
 * The naming strategies {@code [models] physical_naming_strategy} and {@code implicit_naming_strategy} name: classes
 * of the application's (found among the entities' sources and class path) or Hibernate's, made as Hibernate makes
 * the class {@code hibernate.physical_naming_strategy} names, with their public constructor without arguments.
 *
 * <p>Spring Boot's own strategies are taken by name, without Spring on the class path: Boot 3's
 * {@code SpringImplicitNamingStrategy} is {@link SpringBootImplicitNaming}, and Boot 2's
 * {@code SpringPhysicalNamingStrategy} is what Hibernate 6 took over from it, {@link
 * CamelCaseToUnderscoresNamingStrategy}.
 */
final class NamingStrategies {
    private static final Map<String, Supplier<PhysicalNamingStrategy>> SPRING_PHYSICAL = Map.of(
            "org.springframework.boot.orm.jpa.hibernate.SpringPhysicalNamingStrategy",
            CamelCaseToUnderscoresNamingStrategy::new);
    private static final Map<String, Supplier<ImplicitNamingStrategy>> SPRING_IMPLICIT = Map.of(
            "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy",
            SpringBootImplicitNaming::new);

    private NamingStrategies() {
    }

    static PhysicalNamingStrategy physical(String name, ClassLoader loader) {
        return physical(name, loader, "[models] physical_naming_strategy in retort.toml");
    }

    /** The strategy that {@code where} (a key or property, as a message names it) names. */
    static PhysicalNamingStrategy physical(String name, ClassLoader loader, String where) {
        Supplier<PhysicalNamingStrategy> spring = SPRING_PHYSICAL.get(name);
        return spring != null ? spring.get() : made(name, PhysicalNamingStrategy.class, where, loader);
    }

    static ImplicitNamingStrategy implicit(String name, ClassLoader loader) {
        return implicit(name, loader, "[models] implicit_naming_strategy in retort.toml");
    }

    /** The strategy that {@code where} (a key or property, as a message names it) names. */
    static ImplicitNamingStrategy implicit(String name, ClassLoader loader, String where) {
        Supplier<ImplicitNamingStrategy> spring = SPRING_IMPLICIT.get(name);
        return spring != null ? spring.get() : made(name, ImplicitNamingStrategy.class, where, loader);
    }

    private static <T> T made(String name, Class<T> kind, String where, ClassLoader loader) {
        String setting = where + " names " + name;
        Class<?> found;
        try {
            found = Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new JpaModelException(setting + ", which is in none of the entities' sources or class path; add "
                    + "its source to [models] sources or its jar to [models] classpath.", e);
        } catch (LinkageError e) {
            throw new JpaModelException(setting + ", which cannot be loaded (" + e + "); add the jars it needs to "
                    + "[models] classpath.", e);
        }
        if (!kind.isAssignableFrom(found)) {
            throw new JpaModelException(setting + ", which is not a " + kind.getSimpleName() + " (Hibernate's "
                    + kind.getName() + "); name a class that implements it.");
        }
        try {
            return kind.cast(found.getConstructor().newInstance());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new JpaModelException(setting + ", which Hibernate could not make either: it needs a public "
                    + "constructor without arguments, in a public class that is not abstract.", e);
        } catch (InvocationTargetException e) {
            throw new JpaModelException(setting + ", whose constructor threw " + e.getCause() + ".", e);
        }
    }
}
