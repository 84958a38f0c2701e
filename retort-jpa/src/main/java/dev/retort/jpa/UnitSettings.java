package dev.retort.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyComponentPathImpl;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyLegacyHbmImpl;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyLegacyJpaImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;

/**
 * The properties of a persistence unit that shape the schema, as Hibernate reads them when the application starts.
 *
 * <p>Every {@code hibernate.*} property is handed to Hibernate ({@code hibernate.default_schema},
 * {@code hibernate.id.db_structure_naming_strategy}, {@code hibernate.type.preferred_uuid_jdbc_type}, ...), except
 * those that belong to a running application rather than to its mapping (connections, caches, transactions, logging)
 * and those Retort sets itself to write the create script (dialect, {@code hbm2ddl}). The naming strategies are
 * made here, so that a class that is missing is named with the unit.
 */
final class UnitSettings {
    /**
     * Prefixes of the JPA properties that are handed on: those that decide whether and how Bean Validation
     * constraints shape the columns ({@link BeanValidationDdl}).
     */
    private static final List<String> JPA_HANDED_ON =
            List.of("jakarta.persistence.validation.", "javax.persistence.validation.");
    /** Prefixes of the properties that are not handed on. */
    private static final List<String> LEFT_OUT = List.of(
            "hibernate.connection.", "hibernate.dialect", "hibernate.hbm2ddl.auto", "hibernate.hbm2ddl.import_files",
            "hibernate.hbm2ddl.create_namespaces", "hibernate.hbm2ddl.schema-generation.", "hibernate.format_sql",
            "hibernate.show_sql", "hibernate.highlight_sql", "hibernate.use_sql_comments", "hibernate.cache.",
            "hibernate.transaction.", "hibernate.jndi.", "hibernate.session_factory", "hibernate.generate_statistics",
            "hibernate.jdbc.", "hibernate.c3p0.", "hibernate.hikari.", "hibernate.agroal.", "hibernate.archive.",
            "hibernate.current_session_context_class", "hibernate.boot.allow_jdbc_metadata_access",
            "hibernate.temp.use_jdbc_metadata_defaults", "hibernate.integration.", "hibernate.event.",
            PersistenceUnit.PHYSICAL_NAMING, PersistenceUnit.IMPLICIT_NAMING);
    /** The short names Hibernate takes for its implicit naming strategies. */
    private static final Map<String, Class<? extends ImplicitNamingStrategy>> IMPLICIT_SHORT_NAMES = Map.of(
            "default", ImplicitNamingStrategyJpaCompliantImpl.class,
            "jpa", ImplicitNamingStrategyJpaCompliantImpl.class,
            "legacy-jpa", ImplicitNamingStrategyLegacyJpaImpl.class,
            "legacy-hbm", ImplicitNamingStrategyLegacyHbmImpl.class,
            "component-path", ImplicitNamingStrategyComponentPathImpl.class);

    private UnitSettings() {
    }

    /** The unit's properties that Hibernate reads when it maps the entities, by name. */
    static Map<String, Object> mapping(PersistenceUnit unit) {
        return mapping(unit.properties());
    }

    /** Those of {@code properties} ({@code [models.properties]}, a unit's) that are handed to Hibernate, by name. */
    static Map<String, Object> mapping(Map<String, String> properties) {
        Map<String, Object> settings = new TreeMap<>();
        properties.forEach((name, value) -> {
            if (handedOn(name)) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /**
     * A warning for each of {@code [models.properties]} that is not handed to Hibernate: written there on purpose, or
     * copied with the rest of an application's {@code spring.jpa.properties.*}, it does nothing, and is told so.
     */
    static List<String> ignored(Map<String, String> properties) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeMap<>(properties).keySet()) {
            if (!handedOn(name) && !name.startsWith("hibernate.")) {
                warnings.add("[models.properties] " + name + " in retort.toml is ignored: Retort hands Hibernate "
                        + "only hibernate.* properties and the Bean Validation mode "
                        + "(jakarta.persistence.validation.mode); remove it.");
            } else if (!handedOn(name)) {
                warnings.add("[models.properties] " + name + " in retort.toml is ignored: it belongs to the running "
                        + "application (connections, caches, logging) or to the schema export Retort runs itself "
                        + "for PostgreSQL, and does not change the mapping; remove it.");
            }
        }
        return warnings;
    }

    /** Whether Hibernate is handed the property {@code name} when it maps the entities. */
    static boolean handedOn(String name) {
        return name.startsWith("hibernate.") && LEFT_OUT.stream().noneMatch(name::startsWith)
                || JPA_HANDED_ON.stream().anyMatch(name::startsWith);
    }

    static Optional<PhysicalNamingStrategy> physical(PersistenceUnit unit, ClassLoader loader) {
        return Optional.ofNullable(unit.properties().get(PersistenceUnit.PHYSICAL_NAMING)).filter(n -> !n.isEmpty())
                .map(name -> NamingStrategies.physical(name, loader, unit.describe(PersistenceUnit.PHYSICAL_NAMING)));
    }

    static Optional<ImplicitNamingStrategy> implicit(PersistenceUnit unit, ClassLoader loader) {
        return Optional.ofNullable(unit.properties().get(PersistenceUnit.IMPLICIT_NAMING)).filter(n -> !n.isEmpty())
                .map(name -> NamingStrategies.implicit(
                        IMPLICIT_SHORT_NAMES.containsKey(name) ? IMPLICIT_SHORT_NAMES.get(name).getName() : name,
                        loader, unit.describe(PersistenceUnit.IMPLICIT_NAMING)));
    }
}
