package dev.retort.render;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.Operation;
import dev.retort.script.MigrationLoader;
import dev.retort.script.NewRevision;
import dev.retort.script.Script;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.ScriptKind;
import dev.retort.script.ScriptWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Round-trips operations through real migration files: renders each list into the upgrade of a Java
 * migration written by {@link ScriptWriter}, compiles all the files in one compiler task, and returns
 * the operations each file's {@code upgrade} records.
 */
final class MigrationFiles {
    private MigrationFiles() {
    }

    /** The operations recorded by migrations rendered from {@code migrations}, in the same order. */
    static List<List<Operation>> roundTrip(Path project, List<List<Operation>> migrations) {
        JavaRenderer renderer = new JavaRenderer();
        Path versions = project.resolve("versions");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < migrations.size(); i++) {
            String id = String.format("%012x", i + 1);
            List<String> down = ids.isEmpty() ? List.of() : List.of(ids.get(ids.size() - 1));
            ScriptWriter.write(versions, new NewRevision(id, "round trip " + (i + 1), down, List.of(), List.of(),
                    LocalDateTime.of(2026, 1, 1, 12, 0), ScriptKind.JAVA, body(renderer, migrations.get(i)), "",
                    List.copyOf(renderer.imports(migrations.get(i))), List.of(), ""));
            ids.add(id);
        }
        ScriptDirectory directory = ScriptDirectory.load(versions);
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        List<Script> scripts = ids.stream().map(directory::script).toList();
        loader.prepare(scripts);
        List<List<Operation>> loaded = new ArrayList<>();
        for (Script script : scripts) {
            loaded.add(loader.operations(script, true));
        }
        return loaded;
    }

    /** The statements of {@code operations}, one after another, as the body of a method. */
    static String body(JavaRenderer renderer, List<Operation> operations) {
        StringBuilder body = new StringBuilder();
        for (Operation operation : operations) {
            body.append(renderer.render(operation)).append('\n');
        }
        return body.toString();
    }
}
