package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search path as PostgreSQL reads it, which decides where a migration's unqualified names land. */
class HomeSchemaTest {
    @Test
    void readsTheSchemasOfASearchPathAsPostgresqlFoldsThem() {
        assertThat(HomeSchema.entries("\"$user\", public")).containsExactly("$user", "public");
        assertThat(HomeSchema.entries("billing,public")).containsExactly("billing", "public");
        assertThat(HomeSchema.entries("Billing , \"Tenant \"\"A\"\", x\"")).containsExactly("billing", "Tenant \"A\", x");
        assertThat(HomeSchema.entries("")).isEmpty();
    }
}
