package dev.retort.jpa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One {@code <persistence-unit>} of a {@code META-INF/persistence.xml}: what a plain JPA or Jakarta EE application
 * says its entities are and how Hibernate maps them.
 *
 * @param name            the unit's name
 * @param file            the {@code persistence.xml} it is in, as messages name it
 * @param root            the unit's root: the classpath entry (directory or jar) whose {@code META-INF} holds the file
 * @param classes         the classes {@code <class>} lists, which belong to the unit wherever they are
 * @param mappingFiles    the resources {@code <mapping-file>} names, read besides the root's {@code META-INF/orm.xml}
 * @param jarFiles        the jars {@code <jar-file>} names, resolved, whose entities belong to the unit too
 * @param excludeUnlisted {@code <exclude-unlisted-classes>}: whether the root's other entities are left out
 * @param properties      the unit's {@code <property>} values, by name
 * @param provider        {@code <provider>}, when given
 */
record PersistenceUnit(String name, String file, Path root, List<String> classes, List<String> mappingFiles,
        List<Path> jarFiles, boolean excludeUnlisted, Map<String, String> properties, Optional<String> provider) {
    static final String PHYSICAL_NAMING = "hibernate.physical_naming_strategy";
    static final String IMPLICIT_NAMING = "hibernate.implicit_naming_strategy";
    /** Set by {@code <validation-mode>} too, as Hibernate reads it. */
    static final String VALIDATION_MODE = "jakarta.persistence.validation.mode";

    PersistenceUnit {
        classes = List.copyOf(classes);
        mappingFiles = List.copyOf(mappingFiles);
        jarFiles = List.copyOf(jarFiles);
        properties = Map.copyOf(properties);
    }

    /** The classes the unit names: those it lists, and its naming strategies, which may be among the sources. */
    List<String> namedClasses() {
        List<String> named = new ArrayList<>(classes);
        Stream.of(PHYSICAL_NAMING, IMPLICIT_NAMING).map(properties::get).filter(Objects::nonNull).forEach(named::add);
        return named;
    }

    /** How a message names a setting of this unit: {@code hibernate.default_schema of persistence unit shop (...)}. */
    String describe(String property) {
        return property + " of persistence unit " + name + " (" + file + ")";
    }
}
