package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code -x} arguments of a run reach every call a loader makes to a Java migration, and only that run's. */
class MigrationArgumentsTest {
    private static final PostgresDialect DIALECT = new PostgresDialect();

    @TempDir
    Path project;

    private Script tenantMigration() {
        ScriptWriter.write(project.resolve("versions"), new NewRevision("aaaaaaaaaaaa", "orders", List.of(), List.of(),
                List.of(), LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, """
                String table = op.argument("tenant").orElse("shared") + "_orders";
                op.execute("CREATE TABLE " + table + " (id int)");
                op.execute("COMMENT ON TABLE " + table + " IS '" + op.arguments() + "'");
                op.argument("data").ifPresent(rows -> op.execute("INSERT INTO " + table + " VALUES (" + rows + ")"));
                """, """
                if (op.argument("keep").isPresent()) {
                    throw new UnsupportedOperationException("kept");
                }
                op.execute("DROP TABLE " + op.argument("tenant").orElse("shared") + "_orders");
                """));
        return ScriptDirectory.load(project.resolve("versions")).script("aaaaaaaaaaaa");
    }

    private MigrationLoader loader(Map<String, String> arguments) {
        return new MigrationLoader(DIALECT, project.resolve("cache"), arguments);
    }

    private static List<String> sql(List<Operation> operations) {
        return operations.stream().flatMap(operation -> DIALECT.render(operation).stream()).toList();
    }

    @Test
    void eachLoaderRecordsWithItsOwnArgumentsFromTheSameCompiledClass() throws IOException {
        Script script = tenantMigration();

        assertThat(sql(loader(Map.of("tenant", "acme")).operations(script, true)))
                .containsExactly("CREATE TABLE acme_orders (id int)", "COMMENT ON TABLE acme_orders IS '{tenant=acme}'");
        assertThat(sql(loader(Map.of("tenant", "globex")).operations(script, true))).containsExactly(
                "CREATE TABLE globex_orders (id int)", "COMMENT ON TABLE globex_orders IS '{tenant=globex}'");
        assertThat(sql(new MigrationLoader(DIALECT, project.resolve("cache")).operations(script, false)))
                .containsExactly("DROP TABLE shared_orders");
        try (Stream<Path> compiled = Files.list(project.resolve("cache"))) {
            assertThat(compiled.filter(p -> !p.getFileName().toString().startsWith("compiling-"))).hasSize(1);
        }
    }

    @Test
    void theDatabaseUrlIsNotAnArgumentAMigrationSees() {
        Script script = tenantMigration();

        List<String> up = sql(loader(Map.of("url", "postgresql://app:s3cret@db/app", "tenant", "acme"))
                .operations(script, true));

        assertThat(up).containsExactly("CREATE TABLE acme_orders (id int)",
                "COMMENT ON TABLE acme_orders IS '{tenant=acme}'");
        assertThat(sql(loader(Map.of("URL", "postgresql://app:s3cret@db/app", "tenant", "acme"))
                .operations(script, true))).isEqualTo(up);
    }

    @Test
    void theLooksAtAMigrationAreGivenTheRunsArgumentsToo() throws IOException {
        Script script = tenantMigration();
        MigrationLoader withData = loader(Map.of("tenant", "acme", "data", "7"));
        MigrationLoader without = loader(Map.of());

        // A statement that failed is traced by recording its section again: the INSERT is there with the arguments.
        withData.operations(script, true);
        without.operations(script, true);
        int line = withData.lineOf(script, true, "INSERT INTO acme_orders VALUES (7)", 0);
        assertThat(line).isPositive();
        assertThat(Files.readAllLines(script.path()).get(line - 1)).contains("op.execute(\"INSERT INTO \"");
        assertThat(without.lineOf(script, true, "INSERT INTO acme_orders VALUES (7)", 0)).isZero();

        assertThat(loader(Map.of("keep", "yes")).canRevert(script)).isFalse();
        assertThat(without.canRevert(script)).isTrue();
    }
}
