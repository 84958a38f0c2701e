package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.autogenerate.JpaEntities;
import dev.retort.autogenerate.JpaNaming;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** retort-jpa registers its model source for {@link JpaEntities#find()}, which commands use to read entities. */
class JpaEntitiesProviderTest {
    @Test
    void isFoundOnTheClassPath() {
        assertThat(JpaEntities.find()).isInstanceOf(JpaEntitiesProvider.class);
    }

    @Test
    void takesTheNamingRulesOfRetortToml() {
        JpaEntitiesProvider provider = new JpaEntitiesProvider();

        JpaEntitySource jpa = (JpaEntitySource) provider.source(List.of(Path.of("src")), List.of(Path.of("lib")),
                List.of("com.example"), JpaNaming.of("jpa"), Path.of("cache"));
        JpaEntitySource snakeCase = (JpaEntitySource) provider.source(List.of(), List.of(), List.of(), JpaNaming.of("snake_case"),
                Path.of("cache"));

        assertThat(jpa.settings()).isEqualTo(new JpaSettings(List.of(Path.of("src")), List.of(Path.of("lib")),
                List.of("com.example"), JpaSettings.Naming.JPA, Path.of("cache")));
        assertThat(snakeCase.settings().naming()).isEqualTo(JpaSettings.Naming.SNAKE_CASE);
        assertThatThrownBy(() -> provider.source(List.of(), List.of(), List.of(), JpaNaming.of("camel"), Path.of("cache")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("naming must be snake_case or jpa: camel");
    }
}
