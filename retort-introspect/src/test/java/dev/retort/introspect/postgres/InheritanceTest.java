package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import org.junit.jupiter.api.Test;

/** Table inheritance ({@code INHERITS}): which columns and checks a child has from its parents alone. */
class InheritanceTest {
    private static final String FLEET = """
            create table vehicles (id int primary key, wheels int not null, name text default 'x',
                                   constraint wheels_positive check (wheels > 0));
            create table cars (seats int) inherits (vehicles);
            create table trucks (payload int, name text default 'truck', constraint wheels_positive check (wheels > 0))
                inherits (vehicles);
            alter table vehicles add column color text;
            """;

    @Test
    void aChildsColumnsAndChecksFromItsParentsAloneAreMarkedAndThoseItDeclaresTooAreNot() {
        DatabaseSchema schema = Catalog.introspect(FLEET);

        Table cars = schema.table(QualifiedName.of("cars")).orElseThrow();
        assertThat(cars.inherits()).containsExactly(QualifiedName.of("vehicles"));
        assertThat(cars.inheritedColumns()).containsExactlyInAnyOrder("id", "wheels", "name", "color");
        assertThat(cars.inheritedChecks()).containsExactly("wheels_positive");
        // Merged: declared by the child as well as inherited.
        Table trucks = schema.table(QualifiedName.of("trucks")).orElseThrow();
        assertThat(trucks.inheritedColumns()).containsExactlyInAnyOrder("id", "wheels", "color");
        assertThat(trucks.inheritedChecks()).isEmpty();
        Table vehicles = schema.table(QualifiedName.of("vehicles")).orElseThrow();
        assertThat(vehicles.inheritedColumns()).isEmpty();
        assertThat(vehicles.inheritedChecks()).isEmpty();
    }
}
