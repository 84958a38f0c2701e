package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.fk;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.DropColumn;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A change to a parent ({@code INHERITS}) that PostgreSQL passes down to its children is planned on the parent alone,
 * at every level, and a child's own part of it (what it declares itself) after the parent's.
 */
class ParentChangesTest {
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    /**
     * {@code table} as the child of {@code parent}, with the columns and checks of {@code parent} first; those named in
     * {@code declared} the child declares too, the others it has from the parent alone.
     */
    private static Table child(Table table, Table parent, String... declared) {
        List<ColumnDef> columns = new ArrayList<>(parent.columns());
        columns.addAll(table.columns());
        List<CheckDef> checks = new ArrayList<>(parent.checks());
        checks.addAll(table.checks());
        Set<String> own = Set.of(declared);
        return new Table(table.name(), columns, null, List.of(), table.foreignKeys(), checks, List.of(), null,
                List.of(parent.name()),
                parent.columns().stream().map(ColumnDef::name).filter(c -> !own.contains(c))
                        .collect(Collectors.toSet()),
                parent.checks().stream().map(CheckDef::name).filter(c -> !own.contains(c))
                        .collect(Collectors.toSet()));
    }

    @Test
    void aColumnAddedToOrDroppedFromATopParentIsOneStepOnIt() {
        Table things = table("things").column("id", "integer").build();
        Table parts = child(table("parts").column("weight", "integer").build(), things);
        Table bolts = child(table("bolts").column("thread", "text").build(), parts);
        Table tagged = table("things").column("id", "integer").column("tag", "text").build();
        Table taggedParts = child(table("parts").column("weight", "integer").build(), tagged);

        SchemaDiff diff = differ.diff(schema(things, parts, bolts),
                schema(tagged, taggedParts, child(table("bolts").column("thread", "text").build(), taggedParts)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly("add column things.tag text");
        assertThat(diff.downgrade()).extracting(Change::description)
                .containsExactly("drop column things.tag");
    }

    @Test
    void aChildKeepsAColumnItDeclaresTooWhenTheParentDropsItSoDropsItAfter() {
        Table vehicles = table("vehicles").column("id", "integer").column("name", "text").build();
        Table cars = child(table("cars").build(), vehicles, "name");
        Table nameless = table("vehicles").column("id", "integer").build();

        SchemaDiff diff = differ.diff(schema(vehicles, cars), schema(nameless, child(table("cars").build(), nameless)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop column vehicles.name", "drop column cars.name");
        // Back, the parent's new column reaches the child: it has it from the parent alone from then on.
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly("add column vehicles.name text");
    }

    @Test
    void aColumnAParentDropsThatAChildKeepsIsDroppedFromTheParentAloneSoTheChildKeepsItsValues() {
        // Neither child declares name: a plain drop on the parent would drop theirs too, and their rows' names.
        Table vehicles = table("vehicles").column("id", "integer").column("name", "text").build();
        Table nameless = table("vehicles").column("id", "integer").build();
        Table named = table("cars").column("name", "text").build();

        SchemaDiff diff = differ.diff(
                schema(vehicles, child(table("cars").build(), vehicles), child(table("trucks").build(), vehicles)),
                schema(nameless, child(named, nameless), child(table("trucks").build(), nameless)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop column vehicles.name, keeping it in the tables that inherit it", "drop column trucks.name");
        assertThat(diff.upgrade().get(0).operation())
                .isEqualTo(new DropColumn(vehicles.name(), "name", false, false, true, false));
        // Back, cars merges its own column with the parent's new one, and trucks gets it from the parent.
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly("add column vehicles.name text");
    }

    @Test
    void aNotNullColumnAParentDropsThatAChildKeepsLosesItsNotNullFromTheParentAloneFirst() {
        Table vehicles = table("vehicles").column("id", "integer").column(ColumnDef.of("name", "text").notNull())
                .build();
        Table nameless = table("vehicles").column("id", "integer").build();
        Table named = table("cars").column(ColumnDef.of("name", "text").notNull()).build();

        SchemaDiff diff = differ.diff(schema(vehicles, child(table("cars").build(), vehicles)),
                schema(nameless, child(named, nameless)));

        assertThat(diff.upgradeOperations()).containsExactly(
                new DropColumn(vehicles.name(), "name", false, false, true, true));
    }

    @Test
    void aColumnAGrandchildKeepsIsDroppedAloneAtEachLevelAbove() {
        Table things = table("things").column("id", "integer").column("tag", "text").build();
        Table untagged = table("things").column("id", "integer").build();

        SchemaDiff diff = differ.diff(
                schema(things, child(table("parts").build(), things),
                        child(table("bolts").build(), child(table("parts").build(), things))),
                schema(untagged, child(table("parts").build(), untagged),
                        child(table("bolts").column("tag", "text").build(), child(table("parts").build(), untagged))));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop column things.tag, keeping it in the tables that inherit it",
                "drop column parts.tag, keeping it in the tables that inherit it");
    }

    @Test
    void aForeignKeyOverColumnsRetypedThroughTheParentIsRebuiltAroundTheRetypes() {
        // Cars tow cars: the parent's retype of either column reaches both ends of the key, one at a time.
        ForeignKeyDef fk = fk("cars_towed_by_fkey", "towed_by", "cars");
        Table vehicles = table("vehicles").column("id", "integer").column("towed_by", "integer").build();
        Table text = table("vehicles").column("id", "text").column("towed_by", "text").build();

        SchemaDiff diff = differ.diff(schema(vehicles, child(table("cars").foreignKey(fk).build(), vehicles)),
                schema(text, child(table("cars").foreignKey(fk).build(), text)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop foreign key cars_towed_by_fkey on cars (towed_by) -> cars (id)",
                "alter column vehicles.id: type integer -> text",
                "alter column vehicles.towed_by: type integer -> text",
                "add foreign key cars_towed_by_fkey on cars (towed_by) -> cars (id)");
    }

    @Test
    void aChildsOwnColumnTakesTheTypeOfTheColumnItsParentAddsUnderItsNameFirst() {
        Table vehicles = table("vehicles").column("id", "integer").build();
        Table colored = table("vehicles").column("id", "integer").column("color", "text").build();

        Table cars = child(table("cars").column("color", "integer").build(), vehicles);

        SchemaDiff diff = differ.diff(schema(vehicles, cars), schema(colored, child(table("cars").build(), colored)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "alter column cars.color: type integer -> text", "add column vehicles.color text");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "drop column vehicles.color, keeping it in the tables that inherit it",
                "alter column cars.color: type text -> integer");
    }

    @Test
    void aTypeDefaultOrNotNullSetOnAParentReachesItsChildWhoseOwnDefaultIsSetAgainAfter() {
        Table vehicles = table("vehicles").column("id", "integer")
                .column(ColumnDef.of("name", "text").defaultExpression("'x'::text")).build();
        Table trucks = child(table("trucks").build(), vehicles, "name");
        Table ownDefault = new Table(trucks.name(), List.of(trucks.columns().get(0),
                ColumnDef.of("name", "text").defaultExpression("'truck'::text")), null, List.of(), List.of(),
                List.of(), List.of(), null, trucks.inherits(), trucks.inheritedColumns(), Set.of());
        Table changed = table("vehicles").column(ColumnDef.of("id", "bigint").notNull())
                .column(ColumnDef.of("name", "text").defaultExpression("'unnamed'::text")).build();
        Table changedTrucks = new Table(trucks.name(), List.of(ColumnDef.of("id", "bigint").notNull(),
                ColumnDef.of("name", "text").defaultExpression("'truck'::text")), null, List.of(), List.of(),
                List.of(), List.of(), null, trucks.inherits(), trucks.inheritedColumns(), Set.of());

        SchemaDiff diff = differ.diff(schema(vehicles, ownDefault), schema(changed, changedTrucks));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "alter column vehicles.id: type integer -> bigint, set not null",
                "alter column vehicles.name: default 'unnamed'::text",
                "alter column trucks.name: default 'truck'::text");
    }

    @Test
    void aCheckAddedToRenamedOnOrDroppedFromAParentIsOneStepOnIt() {
        Table vehicles = table("vehicles").column("wheels", "integer").check("few", "(wheels < 20)")
                .check("some", "(wheels > 0)").build();
        Table cars = child(table("cars").build(), vehicles);
        Table checked = table("vehicles").column("wheels", "integer").check("many", "(wheels > 1)")
                .check("positive", "(wheels > 0)").build();

        SchemaDiff diff = differ.diff(schema(vehicles, cars), schema(checked, child(table("cars").build(), checked)));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop check constraint few on vehicles ((wheels < 20))",
                "rename constraint some on vehicles to positive",
                "add check constraint many on vehicles ((wheels > 1))");
    }

    @Test
    void aChildThatLeavesItsParentKeepsWhatTheParentDropsMeanwhile() {
        // A child whose name sorts after its parent's, so that name order alone would have the parent drop first.
        Table vehicles = table("vehicles").column("id", "integer").column("name", "text").build();
        Table wagons = child(table("wagons").build(), vehicles);
        Table nameless = table("vehicles").column("id", "integer").build();
        Table alone = table("wagons").column("id", "integer").column("name", "text").build();

        SchemaDiff diff = differ.diff(schema(vehicles, wagons), schema(nameless, alone));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "stop wagons inheriting from vehicles", "drop column vehicles.name");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "add column vehicles.name text", "make wagons inherit from vehicles");
    }

    @Test
    void theRestIsTheChildsOwn() {
        Table vehicles = table("vehicles").column("id", "integer").build();
        Table cars = child(table("cars").column("seats", "integer").build(), vehicles);
        Table roomier = child(table("cars").column("seats", "bigint").column("doors", "integer").build(), vehicles);

        SchemaDiff diff = differ.diff(schema(vehicles, cars), schema(vehicles, roomier));

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "alter column cars.seats: type integer -> bigint", "add column cars.doors integer");
    }
}
