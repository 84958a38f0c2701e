package dev.retort.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.Autocommit;
import dev.retort.operation.Operation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders operations into real migration files, compiles and runs them, and expects the same operations back. */
class RoundTripTest {
    @TempDir
    Path project;

    @Test
    void everyOperationAndOptionRecordsItselfAgain() {
        List<List<Operation>> migrations =
                List.of(Catalogue.schemaChanges(), Catalogue.dataAndSql(), Catalogue.awkwardText());
        List<List<Operation>> loaded = MigrationFiles.roundTrip(project, migrations); // one compiler task
        JavaRenderer renderer = new JavaRenderer();
        for (int i = 0; i < migrations.size(); i++) {
            SameOperations.assertSame(loaded.get(i), migrations.get(i),
                    MigrationFiles.body(renderer, migrations.get(i)));
        }
    }

    @Test
    void theCatalogueHoldsEveryKindOfOperation() {
        Set<Class<?>> used = new HashSet<>();
        for (List<Operation> migration : List.of(Catalogue.schemaChanges(), Catalogue.dataAndSql())) {
            for (Operation operation : migration) {
                used.add(operation.getClass());
                if (operation instanceof Autocommit block) {
                    block.operations().forEach(inner -> used.add(inner.getClass()));
                }
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(Arrays.asList(Operation.class.getPermittedSubclasses()));
    }
}
