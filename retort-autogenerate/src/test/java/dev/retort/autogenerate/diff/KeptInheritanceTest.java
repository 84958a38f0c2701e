package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model that cannot say {@code INHERITS} (JPA entities) leaves a table's inheritance in the database alone; a model
 * that can (a schema file) changes it.
 */
class KeptInheritanceTest {
    private static final Table PARENT = keyed("measurements").column("at", "date").build();

    private static Table child(List<QualifiedName> parents) {
        Table plain = keyed("measurements_2015").column("at", "date").build();
        return new Table(plain.name(), plain.columns(), plain.primaryKey(), plain.uniques(), plain.foreignKeys(),
                plain.checks(), plain.indexes(), plain.comment(), parents);
    }

    private static SchemaDiff diff(boolean modelWritesItsDdl) {
        return new SchemaDiffer(Renames.NONE, Map.of(), true, modelWritesItsDdl).diff(
                schema(PARENT, child(List.of(PARENT.name()))), schema(PARENT, child(List.of())));
    }

    @Test
    void entitiesLeaveATableInheritingAsItDoes() {
        assertThat(diff(false).isEmpty()).isTrue();
    }

    @Test
    void aSchemaFileThatWritesNoInheritsEndsIt() {
        assertThat(diff(true).upgrade()).extracting(Change::description)
                .containsExactly("stop measurements_2015 inheriting from measurements");
        assertThat(diff(true).downgrade()).extracting(Change::description)
                .containsExactly("make measurements_2015 inherit from measurements");
    }
}
