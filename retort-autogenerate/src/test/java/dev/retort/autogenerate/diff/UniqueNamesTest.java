package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A unique constraint that the model leaves unnamed is the same under a name the model's own tool gives it
 * (Hibernate's {@code ddl-auto=update}: {@code uk} and a hash), and only under such a name.
 */
class UniqueNamesTest {
    private static final Map<String, String> HIBERNATES = Map.of(
            "uk9jki9o7lwg04bx6y5784w6ufi", "users unique (email)",
            "uk_9jki9o7lwg04bx6y5784w6ufi", "users unique (email)",
            "uki4t7rpvwfsm852jbvr4a39g68", "users unique (city, street)");

    private static SchemaDiff diff(Table current, Table desired) {
        return new SchemaDiffer(Renames.NONE, Map.of(), true, true, HIBERNATES).diff(schema(current),
                schema(desired));
    }

    private static Table users(String emailKey, String addressKey) {
        return keyed("users").column("email", "text").column("city", "text").column("street", "text")
                .unique(emailKey, "email").unique(addressKey, "city", "street").build();
    }

    @Test
    void theNamesHibernateGivesAreTheModelsUnnamedConstraints() {
        Table desired = users("users_email_key", "users_city_street_key");

        assertThat(diff(users("uk9jki9o7lwg04bx6y5784w6ufi", "uki4t7rpvwfsm852jbvr4a39g68"), desired).isEmpty())
                .isTrue();
        assertThat(diff(users("uk_9jki9o7lwg04bx6y5784w6ufi", "users_city_street_key"), desired).isEmpty()).isTrue();
        // Hibernate's names kept as it writes them, where it quotes every identifier.
        assertThat(diff(users("UK9jki9o7lwg04bx6y5784w6ufi", "UKi4t7rpvwfsm852jbvr4a39g68"), desired).isEmpty())
                .isTrue();
    }

    @Test
    void anotherNameIsARename() {
        SchemaDiff diff = diff(users("users_email_unique", "users_city_street_key"),
                users("users_email_key", "users_city_street_key"));

        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("rename constraint users_email_unique on users to users_email_key");
    }

    @Test
    void aNameHibernateGivesOtherColumnsIsARename() {
        // uki4t7... is Hibernate's name for the constraint over (city, street), not over email.
        SchemaDiff diff = diff(users("uki4t7rpvwfsm852jbvr4a39g68", "users_city_street_key"),
                users("users_email_key", "users_city_street_key"));

        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("rename constraint uki4t7rpvwfsm852jbvr4a39g68 on users to users_email_key");
    }

    @Test
    void withoutTheModelsNamesHibernatesNameIsARename() {
        SchemaDiff diff = new SchemaDiffer(Renames.NONE).diff(
                schema(users("uk9jki9o7lwg04bx6y5784w6ufi", "users_city_street_key")),
                schema(users("users_email_key", "users_city_street_key")));

        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("rename constraint uk9jki9o7lwg04bx6y5784w6ufi on users to users_email_key");
    }
}
