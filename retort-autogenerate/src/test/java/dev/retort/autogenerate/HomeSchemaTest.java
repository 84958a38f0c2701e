package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/** The search path as PostgreSQL reads it, which decides where a migration's unqualified names land. */
class HomeSchemaTest {
    @Test
    void readsTheSchemasOfASearchPathAsPostgresqlFoldsThem() {
        assertThat(HomeSchema.entries("\"$user\", public")).containsExactly("$user", "public");
        assertThat(HomeSchema.entries("billing,public")).containsExactly("billing", "public");
        assertThat(HomeSchema.entries("Billing , \"Tenant \"\"A\"\", x\"")).containsExactly("billing", "Tenant \"A\", x");
        assertThat(HomeSchema.entries("")).isEmpty();
    }

    private static Connection withSearchPath(String path) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.USER);
        Connection connection = new Driver().connect(TestPostgres.freshDatabase(), properties);
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + path);
        }
        return connection;
    }

    @Test
    void theVersionTablesSchemaThatARunCreatesIsWhereNamesLandWhileItIsMissing() throws SQLException {
        // current_schema() passes over the missing schema to public; the run creates it before the first migration.
        try (Connection target = withSearchPath("tenant_a, public")) {
            assertThat(HomeSchema.of(target, List.of(), Optional.of("tenant_a")))
                    .isEqualTo(new HomeSchema("tenant_a", false));
        }
        try (Connection target = withSearchPath("app")) {
            assertThat(HomeSchema.of(target, List.of(), Optional.of("app"))).isEqualTo(new HomeSchema("app", false));
        }
    }

    @Test
    void aMissingSchemaNamedFirstThatNoRunCreatesIsRefused() throws SQLException {
        try (Connection target = withSearchPath("tenant_a, public")) {
            assertThatThrownBy(() -> HomeSchema.of(target, List.of(), Optional.empty()))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("names schema tenant_a first, which does not exist");
            assertThatThrownBy(() -> HomeSchema.of(target, List.of(), Optional.of("tenant_a_meta")))
                    .isInstanceOf(RetortException.class);
        }
        // The default path's missing "$user" is passed over, as PostgreSQL does.
        try (Connection target = withSearchPath("\"$user\", public")) {
            assertThat(HomeSchema.of(target, List.of(), Optional.empty())).isEqualTo(new HomeSchema("public", false));
        }
        // So is a public dropped (or closed to the user) where the model qualifies what it makes.
        try (Connection target = withSearchPath("\"$user\", public"); Statement s = target.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            assertThat(HomeSchema.of(target, List.of("app"), Optional.of("app")))
                    .isEqualTo(new HomeSchema("public", false));
        }
    }
}
