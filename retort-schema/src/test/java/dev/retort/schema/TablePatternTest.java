package dev.retort.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import org.junit.jupiter.api.Test;

/** Globs over table names: a schema part or none, the default schema's tables carrying no schema. */
class TablePatternTest {
    private static boolean matches(String pattern, String home, String schema, String table) {
        return TablePattern.of(pattern, home).matches(QualifiedName.of(schema, table));
    }

    @Test
    void starAndQuestionMarkAreTheOnlyWildcards() {
        assertThat(matches("legacy_*", "public", null, "legacy_orders")).isTrue();
        assertThat(matches("legacy_*", "public", null, "legacy_")).isTrue();
        assertThat(matches("legacy_*", "public", null, "legacy")).isFalse();
        assertThat(matches("*_old", "public", null, "customers_old")).isTrue();
        assertThat(matches("*_old", "public", null, "customers_old2")).isFalse();
        assertThat(matches("t?", "public", null, "t1")).isTrue();
        assertThat(matches("t?", "public", null, "t12")).isFalse();
        // Everything else is itself, regular-expression characters too.
        assertThat(matches("a+b*", "public", null, "a+bc")).isTrue();
        assertThat(matches("a+b*", "public", null, "aab")).isFalse();
        assertThat(matches("[ab]*", "public", null, "a")).isFalse();
    }

    @Test
    void withoutASchemaOnlyTheDefaultSchemasTablesMatch() {
        assertThat(matches("legacy_*", "public", "audit", "legacy_orders")).isFalse();
        assertThat(matches("audit.*", "public", "audit", "log")).isTrue();
        assertThat(matches("audit.*", "public", "sales", "log")).isFalse();
        assertThat(matches("audit.*", "public", null, "log")).isFalse();
    }

    @Test
    void aSchemaPartThatNamesTheDefaultSchemaMatchesItsUnqualifiedTables() {
        assertThat(matches("public.*_old", "public", null, "customers_old")).isTrue();
        assertThat(matches("tenant_a.*_old", "tenant_a", null, "customers_old")).isTrue();
        // As for an exact name, public.x is the default schema's x.
        assertThat(matches("public.*_old", "tenant_a", null, "customers_old")).isTrue();
        assertThat(matches("*.legacy_*", "public", null, "legacy_orders")).isTrue();
        assertThat(matches("*.legacy_*", "public", "audit", "legacy_orders")).isTrue();
        assertThat(matches("aud?t.*", "public", null, "log")).isFalse();
    }

    @Test
    void aNameWithoutWildcardsIsNoGlob() {
        assertThat(TablePattern.isGlob("audit.log")).isFalse();
        assertThat(TablePattern.isGlob("audit.*")).isTrue();
        assertThat(TablePattern.isGlob("log?")).isTrue();
    }
}
