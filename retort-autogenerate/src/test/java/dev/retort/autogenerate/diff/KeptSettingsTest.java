package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.Deferral;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.Identity;
import dev.retort.operation.SequenceOptions;
import dev.retort.schema.Table;
import dev.retort.schema.TableSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Row-level security and replica identity are set by hand in migrations, and no model says them: autogenerate leaves
 * them as the database has them. {@code UNLOGGED}, and the storage parameters of tables and indexes, are compared only
 * for a model that can say them (a schema file).
 */
class KeptSettingsTest {
    private static final Table PLAIN = keyed("cache").column("v", "text").build();
    private static final Table GUARDED = PLAIN.withSettings(new TableSettings(true, true, true, "FULL"));

    private static SchemaDiff diff(Table current, Table desired, boolean modelWritesItsDdl) {
        return new SchemaDiffer(Renames.NONE, Map.of(), true, modelWritesItsDdl).diff(schema(current), schema(desired));
    }

    @Test
    void entitiesLeaveEveryoneOfTheSettingsAlone() {
        assertThat(diff(GUARDED, PLAIN, false).isEmpty()).isTrue();
    }

    @Test
    void aSchemaFileLeavesRowLevelSecurityAndReplicaIdentityAloneButSaysUnlogged() {
        SchemaDiff diff = diff(GUARDED, PLAIN, true);
        assertThat(diff.upgrade()).extracting(Change::description).containsExactly("set table cache logged");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly("set table cache unlogged");
        assertThat(diff(PLAIN, PLAIN.withSettings(TableSettings.PLAIN.withUnlogged(true)), true).upgrade())
                .extracting(Change::description).containsExactly("set table cache unlogged");
    }

    @Test
    void entitiesLeaveTheStorageParametersOfIndexesAloneASchemaFileSaysThem() {
        Table plain = keyed("events").column("at", "date").index(TestSchemas.index("events_at_idx", "at")).build();
        Table tuned = keyed("events").column("at", "date")
                .index(TestSchemas.index("events_at_idx", "at").withStorage(Map.of("fillfactor", "70"))).build();
        assertThat(diff(tuned, plain, false).isEmpty()).isTrue();
        SchemaDiff diff = diff(tuned, plain, true);
        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("reset storage parameters of index events_at_idx on events: fillfactor");
        assertThat(diff.downgrade()).extracting(Change::description)
                .containsExactly("set storage parameters of index events_at_idx on events: fillfactor = 70");
    }

    @Test
    void entitiesLeaveTheStorageParametersOfTablesAloneASchemaFileSaysThem() {
        Table tuned = PLAIN.withSettings(TableSettings.PLAIN.withStorage(Map.of("fillfactor", "70",
                "autovacuum_enabled", "false")));
        Table retuned = PLAIN.withSettings(TableSettings.PLAIN.withStorage(Map.of("fillfactor", "90")));
        assertThat(diff(tuned, retuned, false).isEmpty()).isTrue();
        SchemaDiff diff = diff(tuned, retuned, true);
        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "set storage parameters of table cache: fillfactor = 90",
                "reset storage parameters of table cache: autovacuum_enabled");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "set storage parameters of table cache: autovacuum_enabled = false, fillfactor = 70");
    }

    @Test
    void aNewTableIsCreatedWithTheStorageParametersTheModelGives() {
        SchemaDiff diff = new SchemaDiffer(Renames.NONE).diff(schema(),
                schema(PLAIN.withSettings(TableSettings.PLAIN.withStorage(Map.of("fillfactor", "70")))));
        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("create table cache with (fillfactor = 70)");
    }

    @Test
    void entitiesLeaveTheOptionsOfIdentitiesAloneASchemaFileSaysThem() {
        ColumnDef number = ColumnDef.of("number", "bigint").notNull().identity(Identity.BY_DEFAULT);
        Table plain = keyed("orders").column(number).build();
        Table tuned = keyed("orders")
                .column(number.identity(Identity.BY_DEFAULT, SequenceOptions.UNSPECIFIED.start(1000))).build();
        assertThat(diff(tuned, plain, false).isEmpty()).isTrue();
        SchemaDiff diff = diff(tuned, plain, true);
        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("set identity options of orders.number: defaults");
        assertThat(diff.downgrade()).extracting(Change::description)
                .containsExactly("set identity options of orders.number: start with 1000");
    }

    @Test
    void entitiesKeepAnExclusionConstraintBesideTheIndexStorageAndIdentityOptionsTheyKeep() {
        // Keeping the index's parameters or the identity's options copied the table without it: it was dropped.
        ColumnDef number = ColumnDef.of("number", "bigint").notNull().identity(Identity.BY_DEFAULT);
        Table plain = keyed("orders").column(number).column("at", "date")
                .index(TestSchemas.index("orders_at_idx", "at")).build();
        Table tuned = keyed("orders")
                .column(number.identity(Identity.BY_DEFAULT, SequenceOptions.UNSPECIFIED.start(1000)))
                .column("at", "date")
                .index(TestSchemas.index("orders_at_idx", "at").withStorage(Map.of("fillfactor", "70"))).build()
                .withExclusions(List.of(new ExcludeDef("no_overlap", "USING gist (at WITH =)",
                        Deferral.NOT_DEFERRABLE)));

        assertThat(diff(tuned, plain, false).upgrade()).isEmpty();
    }

    @Test
    void aNewTableIsCreatedUnloggedWhenTheModelSaysSo() {
        SchemaDiff diff = new SchemaDiffer(Renames.NONE).diff(schema(),
                schema(PLAIN.withSettings(TableSettings.PLAIN.withUnlogged(true))));
        assertThat(diff.upgrade()).extracting(Change::description).containsExactly("create unlogged table cache");
    }
}
