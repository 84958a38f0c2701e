package dev.retort.script;

import dev.retort.dialect.postgres.PostgresDialect;
import java.nio.file.Path;
import java.util.List;

/** Compiles the migrations of the project given into its cache, for a test that limits file sizes. */
public final class CompileMigrationMain {
    private CompileMigrationMain() {
    }

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        try {
            new MigrationLoader(new PostgresDialect(), project.resolve(".retort/cache/java"))
                    .prepare(List.of(dir.script(args[1])));
        } catch (ScriptException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
