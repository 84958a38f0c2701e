package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void aNotNullAParentAndADeclaringChildLoseIsDroppedFromTheParentFirst() {
        // PostgreSQL 18 refuses a child's drop of a NOT NULL it inherits, and keeps the one the child declared when
        // the parent's goes: the parent's drop comes first, then the child's own.
        Table vehicles = table("vehicles").column(ColumnDef.of("name", "text").notNull()).build();
        Table cars = table("cars").column(ColumnDef.of("name", "text").notNull()).build();
        Table nullableVehicles = table("vehicles").column(ColumnDef.of("name", "text")).build();
        Table nullableCars = table("cars").column(ColumnDef.of("name", "text")).build();
        List<QualifiedName> parent = List.of(vehicles.name());

        SchemaDiff diff = new SchemaDiffer(Renames.NONE).diff(schema(vehicles, inheriting(cars, parent)),
                schema(nullableVehicles, inheriting(nullableCars, parent)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "alter column vehicles.name: drop not null", "alter column cars.name: drop not null");
        assertThat(diff.downgrade()).extracting(Change::description)
                .containsExactly("alter column vehicles.name: set not null");
    }

    private static Table inheriting(Table table, List<QualifiedName> parents) {
        return new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(), table.foreignKeys(),
                table.checks(), table.indexes(), table.comment(), parents);
    }

    @Test
    void aSchemaFileThatWritesNoInheritsEndsIt() {
        assertThat(diff(true).upgrade()).extracting(Change::description)
                .containsExactly("stop measurements_2015 inheriting from measurements");
        assertThat(diff(true).downgrade()).extracting(Change::description)
                .containsExactly("make measurements_2015 inherit from measurements");
    }

    @Test
    void aColumnEntitiesAddToAParentAndItsChildIsAddedToTheParentAlone() {
        // As the database has them: the child's columns come from the parent, but for its own key.
        Table child = child(List.of(PARENT.name()));
        Table current = new Table(child.name(), child.columns(), child.primaryKey(), child.uniques(),
                child.foreignKeys(), child.checks(), child.indexes(), child.comment(), child.inherits(),
                Set.of("at"), Set.of());
        Table tagged = keyed("measurements").column("at", "date").column("tag", "text").build();
        Table taggedChild = keyed("measurements_2015").column("at", "date").column("tag", "text").build();

        SchemaDiff diff = new SchemaDiffer(Renames.NONE, Map.of(), true, false)
                .diff(schema(PARENT, current), schema(tagged, taggedChild));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly("add column measurements.tag text");
        assertThat(diff.downgrade()).extracting(Change::description)
                .containsExactly("drop column measurements.tag");
    }
}
