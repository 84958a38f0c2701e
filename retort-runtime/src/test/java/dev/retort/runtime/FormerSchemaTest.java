package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a found schema of Retort's tables is told to be another target's of the same layout by its name. */
class FormerSchemaTest {
    @Test
    void aSchemaNamedAfterTheSchemaItsRevisionsMadeTablesInAsTheChosenOneIsAnotherTenants() {
        List<String> path = List.of("globex", "public");
        assertThat(FormerSchema.namedAlike("globex_meta", path, "acme_meta", Set.of("acme"))).isTrue();
        assertThat(FormerSchema.namedAlike("meta_globex", path, "meta_acme", Set.of("acme", "public"))).isTrue();
        // The tenant's own schema, its revisions' objects beside Retort's tables.
        assertThat(FormerSchema.namedAlike("globex", path, "acme", Set.of("acme"))).isTrue();
    }

    @Test
    void anyOtherSchemaIsNot() {
        List<String> path = List.of("postgres", "public");
        // The key changed from meta to retort_meta: its revisions made public's tables, which this run's are too.
        assertThat(FormerSchema.namedAlike("retort_meta", path, "meta", Set.of("public"))).isFalse();
        assertThat(FormerSchema.namedAlike(null, path, "meta", Set.of("public"))).isFalse();
        // Named alike, but its revisions made their tables elsewhere than the schema its name stands for.
        assertThat(FormerSchema.namedAlike("globex_meta", List.of("globex"), "acme_meta", Set.of("shop"))).isFalse();
        assertThat(FormerSchema.namedAlike("globex_meta", List.of("", "globex"), "_meta", Set.of(""))).isFalse();
    }
}
