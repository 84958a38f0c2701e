package dev.retort.jpa;

import dev.retort.autogenerate.JpaEntities;
import dev.retort.autogenerate.JpaNaming;
import dev.retort.autogenerate.ModelSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@link JpaEntities#find()} finds: {@link JpaEntitySource} for the settings of {@code [models]}. */
public final class JpaEntitiesProvider implements JpaEntities {
    @Override
    public ModelSource source(List<Path> sources, List<Path> classpath, List<String> packages, JpaNaming naming,
            Optional<String> persistenceUnit, List<String> mappingFiles, Map<String, String> properties,
            Path cacheDir) {
        JpaSettings.Naming rule = switch (naming.rule()) {
            case "jpa" -> JpaSettings.Naming.JPA;
            case "snake_case" -> JpaSettings.Naming.SNAKE_CASE;
            default -> throw new IllegalArgumentException("naming must be snake_case or jpa: " + naming.rule());
        };
        return new JpaEntitySource(new JpaSettings(sources, classpath, packages, rule, cacheDir, naming.physical(),
                naming.implicit(), naming.ruleGiven(), persistenceUnit, mappingFiles, properties));
    }
}
