package dev.retort.autogenerate;

import java.util.Objects;
import java.util.Optional;

/**
 * How Hibernate names what the entities do not name and turns names into the database's: {@code naming} of
 * {@code [models]}, whose halves a class of the application's may take the place of, as Spring Boot's
 * {@code spring.jpa.hibernate.naming.physical-strategy} and {@code implicit-strategy} do.
 *
 * @param rule     {@code snake_case} (Spring Boot's defaults) or {@code jpa} (Hibernate's)
 * @param physical the class name of a {@code PhysicalNamingStrategy} in place of the rule's
 * @param implicit the class name of an {@code ImplicitNamingStrategy} in place of the rule's
 * @param ruleGiven whether the configuration sets the rule, rather than the rule being the default: a persistence
 *                  unit's own naming counts only when it is not set
 */
public record JpaNaming(String rule, Optional<String> physical, Optional<String> implicit, boolean ruleGiven) {
    public JpaNaming {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(physical, "physical");
        Objects.requireNonNull(implicit, "implicit");
    }

    /** A rule the configuration sets, with the classes that take the place of its halves. */
    public JpaNaming(String rule, Optional<String> physical, Optional<String> implicit) {
        this(rule, physical, implicit, true);
    }

    /** The rule alone, without classes of the application's. */
    public static JpaNaming of(String rule) {
        return new JpaNaming(rule, Optional.empty(), Optional.empty());
    }
}
