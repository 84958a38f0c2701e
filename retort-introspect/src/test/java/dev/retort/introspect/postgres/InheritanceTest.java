package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Table inheritance ({@code INHERITS}): which columns and checks a child has from its parents alone, and excluding a
 * parent excludes its children.
 */
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

    @Test
    void excludingAParentExcludesItsChildrenAtEveryLevelWithTheirSequencesUnlessClaimed() {
        String url = Catalog.databaseWith("""
                create table measurements (id int, at date);
                create table measurements_2015 (n serial) inherits (measurements);
                create table measurements_2016 () inherits (measurements);
                create table measurements_2016_q1 () inherits (measurements_2016);
                create table notes (id int);
                create table remarks () inherits (notes);
                """);
        SchemaFilter filter = new SchemaFilter(List.of(), Set.of(QualifiedName.of("measurements")));

        assertThat(names(Catalog.read(url, filter))).containsExactly("notes", "remarks");
        assertThat(Catalog.read(url, filter).sequences()).isEmpty();

        DatabaseSchema claimed = Catalog.read(url, filter.claiming(Set.of(QualifiedName.of("measurements_2016"))));
        assertThat(names(claimed)).containsExactly("measurements_2016", "measurements_2016_q1", "notes", "remarks");
        assertThat(claimed.sequences()).extracting(Sequence::name).isEmpty();
    }

    private static List<String> names(DatabaseSchema schema) {
        return schema.tables().stream().map(Table::name).map(QualifiedName::toString).toList();
    }
}
