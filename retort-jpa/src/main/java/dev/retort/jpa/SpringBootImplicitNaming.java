package dev.retort.jpa;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/**
 * The implicit names Spring Boot gives by default: JPA's, except that a join table nobody names with
 * {@code @JoinTable} is named after the owning table and the association, {@code customers_favourite_categories}
 * for {@code Customer.favouriteCategories} in table {@code customers}, where JPA's rule gives
 * {@code customers_category} (owning table, then target table).
 *
 * <p>Spring Boot's own class ({@code SpringImplicitNamingStrategy}) has the same rule; this one saves entities
 * that do not use Spring a dependency on it. Element collections keep JPA's name (owning entity, then attribute),
 * as they do under Spring Boot: Hibernate names their tables through another method of the strategy.
 */
final class SpringBootImplicitNaming extends ImplicitNamingStrategyJpaCompliantImpl {
    private static final long serialVersionUID = 1L;

    @Override
    public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
        // The physical naming rule applies to the whole name afterwards: favouriteCategories becomes snake case.
        String name = source.getOwningPhysicalTableName() + "_"
                + source.getAssociationOwningAttributePath().getProperty();
        return toIdentifier(name, source.getBuildingContext());
    }
}
