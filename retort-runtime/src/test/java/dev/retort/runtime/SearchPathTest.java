package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void findsTheSchemaNamedInAnotherCase() {
        assertThat(SearchPath.inOtherCase(SearchPath.schemas("Tenant_Globex,public", "app"), "Tenant_Globex"))
                .contains("tenant_globex");
        assertThat(SearchPath.inOtherCase(SearchPath.schemas("\"Tenant_Globex\",public", "app"), "tenant_globex"))
                .contains("Tenant_Globex");
        assertThat(SearchPath.inOtherCase(SearchPath.schemas("\"Tenant_Globex\",public", "app"), "Tenant_Globex"))
                .isEmpty();
        assertThat(SearchPath.inOtherCase(List.of("tenant_globex", "Tenant_Globex"), "Tenant_Globex")).isEmpty();
        assertThat(SearchPath.inOtherCase(List.of("public"), "Meta")).isEmpty();
    }
}
