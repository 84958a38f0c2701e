package dev.retort.jpa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a {@code persistence.xml} on {@code [models] classpath} of what looks like a Spring Boot
 * application, when {@code retort.toml} does not say how to name. Without {@code naming}, a persistence unit is
 * named as Hibernate names it for a plain JPA application, by Hibernate's defaults ({@code phoneNumber} stays
 * {@code phoneNumber}); Spring Boot reads no {@code persistence.xml} and names in snake case ({@code phone_number}).
 * A unit left on the class path of such an application (an old one, a test's) would have autogenerate propose to
 * recreate every table.
 *
 * <p>A Spring Boot application is told by what {@code [models]} shows of it: a source that uses
 * {@code org.springframework.boot} (its {@code @SpringBootApplication} class), a Spring Boot jar among the
 * classpath's, or an {@code application.properties} (or {@code .yml}) in a classpath directory.
 */
final class SpringBootUnit {
    private static final String SPRING_BOOT = "org.springframework.boot";
    private static final List<String> APPLICATION_FILES =
            List.of("application.properties", "application.yml", "application.yaml");

    private SpringBootUnit() {
    }

    /**
     * The warning, when the entities belong to {@code unit}, which sets no physical naming strategy, in what looks
     * like a Spring Boot application, and {@code retort.toml} sets neither {@code naming} nor a strategy.
     */
    static Optional<String> warning(JpaSettings settings, Optional<PersistenceUnit> unit, List<SourceFile> files) {
        if (unit.isEmpty() || settings.namingGiven() || !settings.strategyClasses().isEmpty()
                || unit.get().properties().containsKey(PersistenceUnit.PHYSICAL_NAMING)) {
            return Optional.empty();
        }
        return springBoot(settings, files).map(sign -> "Persistence unit " + unit.get().name() + " ("
                + unit.get().file() + ") on [models] classpath sets no hibernate.physical_naming_strategy, so Retort "
                + "names the entities by Hibernate's defaults (naming = \"jpa\": phoneNumber stays phoneNumber), as a "
                + "plain JPA application does; but this looks like a Spring Boot application (" + sign + "), which "
                + "reads no persistence.xml and names them in snake case (phone_number). Set naming = \"snake_case\" "
                + "in [models] of retort.toml for Spring Boot's names, or naming = \"jpa\" to keep Hibernate's.");
    }

    /** What shows a Spring Boot application, as a message names it; empty when nothing does. */
    private static Optional<String> springBoot(JpaSettings settings, List<SourceFile> files) {
        for (SourceFile file : files) {
            if (file.relative().endsWith(".java") && file.text().contains(SPRING_BOOT)) {
                return Optional.of(file.relative() + " uses " + SPRING_BOOT);
            }
        }
        List<Path> entries = settings.classpathEntries();
        for (Path entry : entries) {
            String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).startsWith("spring-boot") && name.endsWith(".jar")) {
                return Optional.of(name + " is on [models] classpath");
            }
        }
        for (Path entry : entries) {
            for (String application : APPLICATION_FILES) {
                if (Files.isDirectory(entry) && (Files.isRegularFile(entry.resolve(application))
                        || Files.isRegularFile(entry.resolve("config").resolve(application)))) {
                    return Optional.of(application + " is in " + entry.getFileName() + " on [models] classpath");
                }
            }
        }
        return Optional.empty();
    }
}
