package dev.retort.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random operations, with awkward names and values, render to Java that records them again.
 *
 * <p>Each try checks what it can alone and keeps its operations; after the last try, all of them are
 * written as migration files and compiled in one compiler task (a compile per try would take minutes),
 * and each file must record exactly the operations it was rendered from.
 */
class RoundTripPropertyTest {
    private static final List<List<Operation>> TRIED = new CopyOnWriteArrayList<>();

    @Property(tries = 200)
    void statementsAreStableAndFreeOfInvisibleCharacters(@ForAll("migrations") List<Operation> operations) {
        JavaRenderer renderer = new JavaRenderer();
        for (Operation operation : operations) {
            String statement = renderer.render(operation);
            assertThat(statement).startsWith("op.").endsWith(";").isEqualTo(renderer.render(operation));
            assertThat(statement.chars()).allMatch(c -> c >= 0x20 && c != 0x7f || c == '\n' || c == '\t');
            assertThat(statement.lines()).noneMatch(line -> !line.isEmpty() && Character.isWhitespace(
                    line.charAt(line.length() - 1)));
        }
        renderer.imports(operations);
        TRIED.add(operations);
    }

    @Provide
    Arbitrary<List<Operation>> migrations() {
        return RandomOperations.migrations();
    }

    @AfterContainer
    static void everyTriedMigrationRecordsItsOperationsAgain() throws IOException {
        List<List<Operation>> tried = new ArrayList<>(TRIED);
        TRIED.clear();
        assertThat(tried).isNotEmpty();
        Path project = Files.createTempDirectory("retort-render-round-trip");
        try {
            List<List<Operation>> loaded = MigrationFiles.roundTrip(project, tried);
            JavaRenderer renderer = new JavaRenderer();
            for (int i = 0; i < tried.size(); i++) {
                SameOperations.assertSame(loaded.get(i), tried.get(i), MigrationFiles.body(renderer, tried.get(i)));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(project)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
