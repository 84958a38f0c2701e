package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table inheritance ({@code INHERITS}): PostgreSQL drops no parent before its children and creates no child before
 * its parents, and a child recreated without {@code INHERITS} would be a plain table that no longer shares its rows
 * with the parent's queries.
 */
class InheritedTablesTest {
    // Children whose names sort before the parent's, so that name order alone would get both directions wrong.
    private static final String FLEET = "CREATE TABLE vehicles (id int PRIMARY KEY, wheels int NOT NULL, name text);\n"
            + "CREATE TABLE cars (seats int) INHERITS (vehicles);\n"
            + "CREATE TABLE trucks (payload int CHECK (payload > 0)) INHERITS (vehicles);\n";

    @TempDir
    Path dir;

    @Test
    void childrenAreDroppedBeforeTheirParentAndTheDowngradeMakesThemChildrenAgain() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute(FLEET + "INSERT INTO cars VALUES (1, 4, 'mini', 4);\nCREATE TABLE depots (id int PRIMARY KEY);");
        cli.write("schema.sql", "CREATE TABLE depots (id int PRIMARY KEY);\n");

        String source = Files.readString(cli.autogenerate("retire the fleet"));

        assertThat(source.substring(source.indexOf("upgrade("), source.indexOf("downgrade(")))
                .containsSubsequence("dropTable(\"cars\")", "dropTable(\"vehicles\")")
                .containsSubsequence("dropTable(\"trucks\")", "dropTable(\"vehicles\")");
        assertThat(source.substring(source.indexOf("downgrade(")))
                .containsSubsequence("createTable(\"vehicles\"", "createTable(\"cars\"")
                .contains(".inherits(\"vehicles\")");
        cli.ok("upgrade", "head");
        assertThat(cli.tableExists("vehicles")).isFalse();
        cli.ok("downgrade", "-1");
        assertThat(cli.column("select inhrelid::regclass || ' ' || inhparent::regclass from pg_inherits order by 1"))
                .containsExactly("cars vehicles", "trucks vehicles");
    }

    @Test
    void aModelsChildIsCreatedAfterItsParentAndItsInheritanceIsCompared() {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", FLEET);

        Path file = cli.autogenerate("fleet", "--sql-file");

        assertThat(file).content().containsSubsequence("CREATE TABLE vehicles", "CREATE TABLE cars")
                .contains(") INHERITS (vehicles);");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");

        // The same columns without INHERITS: only the inheritance differs, and a migration ends it and back.
        cli.write("schema.sql", FLEET.replace("CREATE TABLE cars (seats int) INHERITS (vehicles)",
                "CREATE TABLE cars (id int NOT NULL, wheels int NOT NULL, name text, seats int)"));
        Cli.Result differs = cli.run("check");
        assertThat(differs.out()).as(differs.toString()).contains("stop cars inheriting from vehicles")
                .doesNotContain("trucks");
        cli.autogenerate("cars on their own");
        cli.ok("upgrade", "head");
        assertThat(cli.column("select inhrelid::regclass::text from pg_inherits")).containsExactly("trucks");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("select inhrelid::regclass::text from pg_inherits order by 1"))
                .containsExactly("cars", "trucks");
    }
}
