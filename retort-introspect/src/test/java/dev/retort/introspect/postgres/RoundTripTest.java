package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Operation;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.TableConstraint;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Index;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.testkit.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same schema reads the same however it was built, and what was read builds that schema again. */
class RoundTripTest {

    @Test
    void readsTheSameSchemaBuiltInAnotherOrderAndSpellingAsEqual() {
        DatabaseSchema plain = Catalog.read(Catalog.databaseWith(RichSchema.PLAIN), RichSchema.FILTER);
        DatabaseSchema reordered = Catalog.read(Catalog.databaseWith(RichSchema.REORDERED), RichSchema.FILTER);

        assertThat(plain.tables()).hasSize(4);
        assertThat(plain.sequences()).hasSize(3);
        assertThat(plain.enums()).hasSize(2);
        assertThat(reordered).isEqualTo(plain);
    }

    @Test
    void rebuildsAnEqualSchemaFromWhatItRead() {
        DatabaseSchema original = Catalog.read(Catalog.databaseWith(RichSchema.PLAIN), RichSchema.FILTER);

        PostgresDialect dialect = new PostgresDialect();
        List<String> statements = new ArrayList<>();
        for (Operation operation : operations(original)) {
            statements.addAll(dialect.render(operation));
        }
        String rebuilt = TestPostgres.freshDatabase();
        Catalog.execute(rebuilt, String.join(";\n", statements));

        assertThat(Catalog.read(rebuilt, RichSchema.FILTER)).isEqualTo(original);
    }

    /**
     * The operations that create {@code schema} in an empty database: sequences before the tables whose defaults
     * use them and owned by their columns after; foreign keys once every table exists.
     */
    private static List<Operation> operations(DatabaseSchema schema) {
        List<Operation> operations = new ArrayList<>();
        schema.schemas().forEach(name -> operations.add(new CreateSchema(name, false)));
        for (EnumType type : schema.enums()) {
            operations.add(new CreateEnum(type.name(), type.values()));
        }
        for (Sequence sequence : schema.sequences()) {
            operations.add(new CreateSequence(sequence.name(), sequence.options().ownedBy(null), false));
        }
        for (Table table : schema.tables()) {
            List<TableConstraint> constraints = new ArrayList<>();
            if (table.primaryKey() != null) {
                constraints.add(table.primaryKey());
            }
            constraints.addAll(table.uniques());
            constraints.addAll(table.checks());
            operations.add(new CreateTable(table.name(), table.columns(), constraints, table.comment(), false));
        }
        for (Table table : schema.tables()) {
            for (ForeignKeyDef foreignKey : table.foreignKeys()) {
                operations.add(new AddConstraint(table.name(), foreignKey));
            }
            for (Index index : table.indexes()) {
                operations.add(new CreateIndex(index.name(), table.name(), index.elements(), index.unique(),
                        index.method(), index.include(), index.predicate(), false, false));
            }
        }
        for (Sequence sequence : schema.sequences()) {
            if (!sequence.options().ownedBy().isNone()) {
                operations.add(new AlterSequence(sequence.name(),
                        SequenceOptions.UNSPECIFIED.ownedBy(sequence.options().ownedBy()), null));
            }
        }
        return operations;
    }
}
