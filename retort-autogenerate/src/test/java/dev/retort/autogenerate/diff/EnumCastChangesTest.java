package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.CastContext;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateCast;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.DropCast;
import dev.retort.operation.DropEnum;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Cast;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The casts kept with enum types: Hibernate's {@code WITH INOUT} casts from and to {@code varchar}. */
class EnumCastChangesTest {
    private static final QualifiedName STATUS = QualifiedName.of("status");
    private static final Cast FROM_VARCHAR = new Cast("character varying", "status", CastContext.IMPLICIT);
    private static final Cast TO_VARCHAR = new Cast("status", "character varying", CastContext.IMPLICIT);
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    private static DatabaseSchema withStatus(List<String> values, Cast... casts) {
        Table users = table("users").column(ColumnDef.of("id", "integer").notNull()).column("status", "status").build();
        return schema(List.of(), List.of(users), List.of(new EnumType(STATUS, values, List.of(casts))), List.of());
    }

    @Test
    void castsAreCreatedAfterTheirTypeAndDroppedBeforeIt() {
        DatabaseSchema desired = schema(List.of(), List.of(), List.of(new EnumType(STATUS, List.of("NEW"),
                List.of(FROM_VARCHAR, TO_VARCHAR))), List.of());

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgradeOperations()).containsExactly(new CreateEnum(STATUS, List.of("NEW")),
                new CreateCast("character varying", "status", CastContext.IMPLICIT),
                new CreateCast("status", "character varying", CastContext.IMPLICIT));
        assertThat(diff.upgrade()).extracting(Change::description)
                .contains("create cast character varying as status with inout as implicit");
        assertThat(diff.downgradeOperations()).containsExactly(
                new DropCast("character varying", "status", false),
                new DropCast("status", "character varying", false),
                new DropEnum(STATUS, false, false));
        DatabaseSchema upgraded = SchemaInterpreter.apply(DatabaseSchema.EMPTY, diff.upgradeOperations());
        assertThat(upgraded).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(upgraded, diff.downgradeOperations())).isEqualTo(DatabaseSchema.EMPTY);
    }

    @Test
    void aCastOfAKeptTypeComesGoesOrChangesItsContext() {
        DatabaseSchema current = withStatus(List.of("NEW"), FROM_VARCHAR);
        DatabaseSchema desired = withStatus(List.of("NEW"),
                new Cast("character varying", "status", CastContext.ASSIGNMENT), TO_VARCHAR);

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(new DropCast("character varying", "status", false),
                new CreateCast("character varying", "status", CastContext.ASSIGNMENT),
                new CreateCast("status", "character varying", CastContext.IMPLICIT));
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(desired, diff.downgradeOperations())).isEqualTo(current);
    }

    @Test
    void aRecreatedTypeGetsItsCastsAndTheOldOneLosesItsBeforeItIsDropped() {
        DatabaseSchema current = withStatus(List.of("ACTIVE", "CLOSED", "NEW"), FROM_VARCHAR, TO_VARCHAR);
        DatabaseSchema desired = withStatus(List.of("ACTIVE", "NEW"), FROM_VARCHAR, TO_VARCHAR);

        SchemaDiff diff = differ.diff(current, desired);

        List<Operation> upgrade = diff.upgradeOperations();
        assertThat(upgrade.subList(1, 4)).containsExactly(new CreateEnum(STATUS, List.of("ACTIVE", "NEW")),
                new CreateCast("character varying", "status", CastContext.IMPLICIT),
                new CreateCast("status", "character varying", CastContext.IMPLICIT));
        assertThat(upgrade.subList(upgrade.size() - 3, upgrade.size())).containsExactly(
                new DropCast("character varying", "status_old", false),
                new DropCast("status_old", "character varying", false),
                new DropEnum(QualifiedName.of("status_old"), false, false));
        assertThat(SchemaInterpreter.apply(current, upgrade)).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(desired, diff.downgradeOperations())).isEqualTo(current);
    }

    @Test
    void theCastsOfTheTypesThatGoAreDroppedBeforeAnyOfThem() {
        // Kept with its source, status: mood, which comes first, could not go while it is there.
        DatabaseSchema current = schema(List.of(), List.of(), List.of(new EnumType(QualifiedName.of("mood"),
                List.of("ok")), new EnumType(STATUS, List.of("NEW"),
                        List.of(new Cast("status", "mood", CastContext.EXPLICIT)))), List.of());

        SchemaDiff diff = differ.diff(current, DatabaseSchema.EMPTY);

        assertThat(diff.upgradeOperations()).containsExactly(new DropCast("status", "mood", false),
                new DropEnum(QualifiedName.of("mood"), false, false), new DropEnum(STATUS, false, false));
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(DatabaseSchema.EMPTY);
        assertThat(SchemaInterpreter.apply(DatabaseSchema.EMPTY, diff.downgradeOperations())).isEqualTo(current);
    }

    @Test
    void aTypeThatMakesWayForATableTakesItsCastsAlongUntilItIsDropped() {
        Table users = table("users").column(ColumnDef.of("id", "integer").notNull()).column("state", "status").build();
        DatabaseSchema current = schema(List.of(), List.of(users),
                List.of(new EnumType(STATUS, List.of("NEW"), List.of(FROM_VARCHAR))), List.of());
        Table status = table("status").column(ColumnDef.of("id", "integer").notNull()).build();
        Table usersAfter = table("users").column(ColumnDef.of("id", "integer").notNull()).build();
        DatabaseSchema desired = schema(List.of(), List.of(status, usersAfter), List.of(), List.of());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsSubsequence(
                new DropCast("character varying", "status_old", false),
                new DropEnum(QualifiedName.of("status_old"), false, false));
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(desired, diff.downgradeOperations())).isEqualTo(current);
    }
}
