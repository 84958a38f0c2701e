package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.fk;
import static dev.retort.autogenerate.diff.TestSchemas.index;
import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropIndex;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.Execute;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names one side frees and the other gives to an object of another kind in the same namespace: an enum type and a
 * table's row type; a table, a sequence and an index. What takes the name comes after what frees it, both ways.
 */
class NameClashesTest {
    private static final QualifiedName MOOD = QualifiedName.of("mood");
    private static final EnumType MOOD_TYPE = new EnumType(MOOD, List.of("sad", "happy"));
    private static final QualifiedName COUNTER = QualifiedName.of("counter");
    private static final SequenceOptions OPTIONS = new SequenceOptions("bigint", 1L, 1L, 1L, Long.MAX_VALUE, 1L,
            false, SequenceOwner.NONE);

    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void anEnumTypeNoColumnUsesIsDroppedBeforeATableOfItsNameIsCreated() {
        DatabaseSchema current = schema(List.of(), List.of(), List.of(MOOD_TYPE), List.of());
        DatabaseSchema desired = schema(keyed("mood").column("label", "text").build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade().get(0)).isEqualTo(new Change(new DropEnum(MOOD, false, false),
                "drop enum type mood, before table mood takes its name", false, null));
        assertThat(diff.upgradeOperations().get(1)).isInstanceOf(CreateTable.class);
        assertThat(diff.downgrade().get(0)).isEqualTo(new Change(new DropTable(MOOD, false, false),
                "drop table mood, before enum type mood takes its name", true, null));
        assertThat(diff.downgradeOperations().get(1)).isEqualTo(new CreateEnum(MOOD, List.of("sad", "happy")));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void anEnumTypeAColumnStillUsesStepsAsideForATableOfItsName() {
        // The column that uses it goes only with the other column changes, after the new tables: the type is
        // renamed out of the way first and dropped at the end. The way back drops the table first (its foreign key
        // goes before) and creates the type in time for the column.
        DatabaseSchema current = schema(List.of(), List.of(keyed("t").column("m", "mood").build()),
                List.of(MOOD_TYPE), List.of());
        DatabaseSchema desired = schema(keyed("mood").column("label", "text").build(), keyed("t")
                .column("mood_id", "integer").foreignKey(fk("fk_mood", "mood_id", "mood")).build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade().get(0)).isEqualTo(new Change(new Execute("ALTER TYPE mood RENAME TO mood_old"),
                "rename enum type mood to mood_old, as table mood takes its name; it is dropped once no column uses "
                        + "it", false, null));
        assertThat(diff.upgradeOperations()).last().isEqualTo(new DropEnum(QualifiedName.of("mood_old"), false,
                false));
        assertThat(diff.downgradeOperations()).startsWith(
                new DropConstraint(QualifiedName.of("t"), "fk_mood", false, false),
                new DropTable(MOOD, false, false), new CreateEnum(MOOD, List.of("sad", "happy")));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void anEnumTypeOfADroppedTableStepsAsideForATableOfItsName() {
        DatabaseSchema current = schema(List.of(), List.of(keyed("t").column("m", "mood").build()),
                List.of(MOOD_TYPE), List.of());
        DatabaseSchema desired = schema(keyed("mood").column("label", "text").build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(new Execute("ALTER TYPE mood RENAME TO mood_old"),
                diff.upgradeOperations().get(1), new DropTable(QualifiedName.of("t"), false, false),
                new DropEnum(QualifiedName.of("mood_old"), false, false));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void aTableRenamedToTheNameOfADroppedEnumTypeAndAnEnumTypeOfItsOldNameSwapTheirNames() {
        DatabaseSchema current = schema(List.of(), List.of(keyed("feeling").column("note", "text").build(),
                keyed("log").column("m", "mood").build()), List.of(MOOD_TYPE), List.of());
        QualifiedName feeling = QualifiedName.of("feeling");
        DatabaseSchema desired = schema(List.of(), List.of(table("mood").column(ColumnDef.of("id", "integer")
                        .notNull()).primaryKey("feeling_pkey", "id").column("note", "text").build(),
                keyed("log").column("m", "feeling").build()),
                List.of(new EnumType(feeling, List.of("sad", "happy"))), List.of());

        SchemaDiff diff = new SchemaDiffer(new AllRenames()).diff(current, desired);

        assertThat(diff.upgradeOperations()).startsWith(new Execute("ALTER TYPE mood RENAME TO mood_old"),
                new RenameTable(feeling, "mood"), new CreateEnum(feeling, List.of("sad", "happy")));
        assertThat(diff.downgradeOperations()).startsWith(new Execute("ALTER TYPE feeling RENAME TO feeling_old"),
                new RenameTable(MOOD, "feeling"), new CreateEnum(MOOD, List.of("sad", "happy")));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void aSequenceADefaultCallsStepsAsideForATableOfItsName() {
        DatabaseSchema current = schema(List.of(), List.of(keyed("t").column(ColumnDef.of("n", "bigint")
                .defaultExpression("nextval('counter'::regclass)")).build()), List.of(),
                List.of(new Sequence(COUNTER, OPTIONS)));
        DatabaseSchema desired = schema(keyed("counter").build(), keyed("t").column("n", "bigint").build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade().get(0)).isEqualTo(new Change(
                new Execute("ALTER SEQUENCE counter RENAME TO counter_old"), "rename sequence counter to counter_old, "
                        + "as a table or index takes its name; it is dropped once no default calls it", false, null));
        assertThat(diff.upgradeOperations()).last().isEqualTo(new DropSequence(QualifiedName.of("counter_old"), false,
                false));
        assertThat(diff.downgradeOperations()).startsWith(new DropTable(COUNTER, false, false),
                new CreateSequence(COUNTER, OPTIONS.ownedBy(null), false));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void aSequenceNoDefaultCallsIsDroppedBeforeAnIndexOfItsNameIsCreated() {
        DatabaseSchema current = schema(List.of(), List.of(keyed("t").column("n", "bigint").build()), List.of(),
                List.of(new Sequence(COUNTER, OPTIONS)));
        DatabaseSchema desired = schema(keyed("t").column("n", "bigint").index(index("counter", "n")).build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade().get(0)).isEqualTo(new Change(new DropSequence(COUNTER, false, false),
                "drop sequence counter, before a table or index takes its name", false, null));
        assertThat(diff.upgradeOperations().get(1)).isInstanceOf(CreateIndex.class);
        // The index goes with the other drops on tables that stay, before the sequence is created.
        assertThat(diff.downgradeOperations()).containsExactly(new DropIndex(COUNTER, false, false, false),
                new CreateSequence(COUNTER, OPTIONS.ownedBy(null), false));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void aTableGoesFirstWhenASequenceTakesItsNameWithTheDroppedTablesThatReferenceIt() {
        DatabaseSchema current = schema(keyed("counter").build(), keyed("ticks").column("counter_id", "integer")
                .foreignKey(fk("fk_counter", "counter_id", "counter")).build(), keyed("other").build(),
                keyed("t").column("n", "bigint").build());
        DatabaseSchema desired = schema(List.of(), List.of(keyed("t").column("n", "bigint").build()), List.of(),
                List.of(new Sequence(COUNTER, OPTIONS)));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).extracting(Change::operation, Change::description).startsWith(
                tuple(new DropTable(QualifiedName.of("ticks"), false, false), "drop table ticks"),
                tuple(new DropTable(COUNTER, false, false),
                        "drop table counter, before sequence counter takes its name"),
                tuple(new CreateSequence(COUNTER, OPTIONS.ownedBy(null), false),
                        "create sequence counter"));
        assertThat(diff.upgradeOperations()).last().isEqualTo(new DropTable(QualifiedName.of("other"), false, false));
        assertRoundTrip(current, desired, diff);
    }

    @Test
    void aSequenceIsCreatedOnceAnIndexOfItsNameIsDropped() {
        DatabaseSchema current = schema(keyed("t").column("n", "bigint").index(index("counter", "n")).build());
        DatabaseSchema desired = schema(List.of(), List.of(keyed("t").column("n", "bigint").build()), List.of(),
                List.of(new Sequence(COUNTER, OPTIONS)));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(new DropIndex(COUNTER, false, false, false),
                new CreateSequence(COUNTER, OPTIONS.ownedBy(null), false));
        assertRoundTrip(current, desired, diff);
    }

    private static void assertRoundTrip(DatabaseSchema current, DatabaseSchema desired, SchemaDiff diff) {
        DatabaseSchema upgraded = SchemaInterpreter.apply(current, diff.upgradeOperations());
        assertThat(TestSchemas.normalized(upgraded)).isEqualTo(TestSchemas.normalized(desired));
        assertThat(TestSchemas.normalized(SchemaInterpreter.apply(upgraded, diff.downgradeOperations())))
                .isEqualTo(TestSchemas.normalized(current));
    }

    /** Confirms every rename candidate. */
    private static final class AllRenames implements Renames {
        @Override
        public boolean tableRenamed(QualifiedName from, QualifiedName to) {
            return true;
        }

        @Override
        public boolean columnRenamed(QualifiedName table, String from, String to) {
            return true;
        }
    }
}
