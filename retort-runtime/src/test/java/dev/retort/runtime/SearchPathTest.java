package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchPathTest {
    @Test
    void readsTheSchemasAsPostgresqlDoes() {
        assertThat(SearchPath.schemas("\"$user\", public", "app")).containsExactly("app", "public");
        assertThat(SearchPath.schemas("tenant_acme,public", "app")).containsExactly("tenant_acme", "public");
        assertThat(SearchPath.schemas(" Tenant_Acme ,  \"Mixed Case\",\"a\"\"b\"", "app"))
                .containsExactly("tenant_acme", "Mixed Case", "a\"b");
        assertThat(SearchPath.schemas("", "app")).isEmpty();
        assertThat(SearchPath.schemas("a, \"unclosed", "app")).containsExactly("a");
    }
}
