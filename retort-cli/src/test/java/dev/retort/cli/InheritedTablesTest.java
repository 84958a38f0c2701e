package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    // An old database's fleet: the children declare their own columns alone (trucks a default of its own), and inherit
    // the rest. Then the same fleet with changes to the parent alone.
    private static final String OLD_FLEET = "CREATE TABLE vehicles (id int PRIMARY KEY, wheels int NOT NULL, "
            + "name text DEFAULT 'x', old text, CONSTRAINT wheels_positive CHECK (wheels > 0));\n"
            + "CREATE TABLE cars (seats int) INHERITS (vehicles);\n"
            + "CREATE TABLE trucks (payload int, name text DEFAULT 'truck') INHERITS (vehicles);\n";
    private static final String NEW_FLEET = OLD_FLEET.replace("wheels int NOT NULL, name text DEFAULT 'x', old text, "
            + "CONSTRAINT wheels_positive CHECK (wheels > 0)", "wheels bigint NOT NULL, name text DEFAULT 'unnamed', "
            + "color text NOT NULL DEFAULT 'red', CONSTRAINT wheels_many CHECK (wheels > 1)");

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

    @Test
    void aParentsChangesAreMadeOnTheParentAloneAndReachItsChildrenBothWays() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.sql("aaaaaaaaaaa1", "none", "fleet", OLD_FLEET + "INSERT INTO trucks VALUES (1, 6, 'big', 'o', 9);",
                "DROP TABLE cars, trucks, vehicles;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", NEW_FLEET);

        // PostgreSQL adds, drops, retypes and sets the default of the parent's columns in its children too, and so
        // with its checks; trucks sets its own default again after the parent's reached it.
        Cli.Result differs = cli.run("check");
        assertThat(differs.out().lines().filter(line -> line.startsWith("  - "))).as(differs.toString())
                .containsExactly("  - drop check constraint wheels_positive on vehicles ((wheels > 0))",
                        "  - drop column vehicles.old (can lose data)",
                        "  - alter column vehicles.wheels: type integer -> bigint",
                        "  - alter column vehicles.name: default 'unnamed'::text",
                        "  - add column vehicles.color text not null default 'red'::text",
                        "  - add check constraint wheels_many on vehicles ((wheels > 1))",
                        "  - alter column trucks.name: default 'truck'::text");
        Path changes = cli.autogenerate("parent changes");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT wheels || ' ' || name || ' ' || color FROM trucks")).containsExactly("6 big red");
        assertThat(cli.column("SELECT pg_typeof(wheels)::text FROM ONLY trucks")).containsExactly("bigint");

        // Back at the first revision, as a checkout of that revision has it.
        cli.ok("downgrade", "-1");
        Files.delete(changes);
        cli.write("schema.sql", OLD_FLEET);
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void childrenThatDeclareTheirParentsColumnsKeepThemWhenTheParentDropsThemAndLoseThemAfter() throws Exception {
        // Created by autogenerate, each child lists the columns it inherits, which PostgreSQL merges: they are the
        // child's own as well, and stay when the parent drops its own.
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", FLEET);
        cli.autogenerate("fleet");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", FLEET.replace("name text)", "label text)"));

        Cli.Result differs = cli.run("check");
        assertThat(differs.out().lines().filter(line -> line.startsWith("  - "))).as(differs.toString())
                .containsExactly("  - drop column vehicles.name (can lose data)",
                        "  - add column vehicles.label text",
                        "  - drop column cars.name (can lose data)",
                        "  - drop column trucks.name (can lose data)");
        Path label = cli.autogenerate("label");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        Files.delete(label);
        cli.write("schema.sql", FLEET);
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aColumnTheParentDropsStaysWithItsValuesInTheChildThatKeepsIt() throws Exception {
        // Neither child declares name: dropped from vehicles as PostgreSQL does by default, it would go from both.
        String fleet = "CREATE TABLE vehicles (id int PRIMARY KEY, name text);\n"
                + "CREATE TABLE cars (seats int) INHERITS (vehicles);\n"
                + "CREATE TABLE trucks (payload int) INHERITS (vehicles);\n";
        Cli cli = Cli.withSchemaFile(dir);
        cli.sql("aaaaaaaaaaa1", "none", "fleet", fleet + "INSERT INTO cars VALUES (1, 'mini', 4);\n"
                + "INSERT INTO trucks VALUES (2, 'big', 9);", "DROP TABLE cars, trucks, vehicles;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE vehicles (id int PRIMARY KEY);\n"
                + "CREATE TABLE cars (name text, seats int) INHERITS (vehicles);\n"
                + "CREATE TABLE trucks (payload int) INHERITS (vehicles);\n");

        Cli.Result differs = cli.run("check");
        assertThat(differs.out().lines().filter(line -> line.startsWith("  - "))).as(differs.toString())
                .containsExactly("  - drop column vehicles.name, keeping it in the tables that inherit it "
                        + "(can lose data)", "  - drop column trucks.name (can lose data)");
        // A SQL migration says it in SQL, as before the drop had an operation of its own.
        Path sqlFile = cli.autogenerate("nameless vehicles", "--sql-file");
        assertThat(sqlFile).content().contains("ALTER TABLE ONLY vehicles DROP COLUMN name;");
        Files.delete(sqlFile);
        Path nameless = cli.autogenerate("nameless vehicles");
        assertThat(nameless).content().contains("op.dropColumn(\"vehicles\", \"name\").only();")
                .doesNotContain("op.execute");
        assertThat(cli.ok("upgrade", "head", "--sql").out()).contains("ALTER TABLE ONLY vehicles DROP COLUMN name;");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT name FROM cars")).containsExactly("mini");

        cli.ok("downgrade", "-1");
        Files.delete(nameless);
        cli.write("schema.sql", fleet);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT id || ' ' || coalesce(name, '-') FROM vehicles ORDER BY id"))
                .containsExactly("1 mini", "2 -");
    }

    @Test
    void aForeignKeyOverColumnsRetypedThroughTheParentIsRebuiltAroundTheRetypes() throws Exception {
        // Cars tow cars, and trucks tow cars: retyped one at a time, each column passes the parent's new type down
        // to one end of a key whose other end has the old one, which PostgreSQL refuses ("cannot be implemented").
        String fleet = "CREATE TABLE vehicles (id int, towed_by int);\n"
                + "CREATE TABLE cars (PRIMARY KEY (id), FOREIGN KEY (towed_by) REFERENCES cars) INHERITS (vehicles);\n"
                + "CREATE TABLE trucks (FOREIGN KEY (towed_by) REFERENCES cars) INHERITS (vehicles);\n";
        Cli cli = Cli.withSchemaFile(dir);
        cli.sql("aaaaaaaaaaa1", "none", "fleet", fleet + "INSERT INTO cars VALUES (1, NULL), (2, 1);\n"
                + "INSERT INTO trucks VALUES (3, 2);", "DROP TABLE trucks, cars, vehicles;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", fleet.replace(" int", " text"));

        Path text = cli.autogenerate("text ids");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT pg_typeof(towed_by)::text || ' ' || towed_by FROM ONLY trucks"))
                .containsExactly("text 2");

        cli.ok("downgrade", "-1");
        Files.delete(text);
        cli.write("schema.sql", fleet);
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aChildsOwnColumnTakesTheTypeOfTheColumnItsParentGainsBeforeTheParentDoes() throws Exception {
        String fleet = "CREATE TABLE vehicles (id int PRIMARY KEY);\n"
                + "CREATE TABLE cars (color int) INHERITS (vehicles);\n";
        Cli cli = Cli.withSchemaFile(dir);
        cli.sql("aaaaaaaaaaa1", "none", "fleet", fleet + "INSERT INTO cars VALUES (1, 3);",
                "DROP TABLE cars, vehicles;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE vehicles (id int PRIMARY KEY, color text);\n"
                + "CREATE TABLE cars () INHERITS (vehicles);\n");

        Cli.Result differs = cli.run("check");
        assertThat(differs.out().lines().filter(line -> line.startsWith("  - "))).as(differs.toString())
                .containsExactly("  - alter column cars.color: type integer -> text (can lose data)",
                        "  - add column vehicles.color text");
        Path colors = cli.autogenerate("colored vehicles");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT color FROM vehicles")).containsExactly("3");

        cli.ok("downgrade", "-1");
        Files.delete(colors);
        cli.write("schema.sql", fleet);
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT pg_typeof(color)::text || ' ' || color FROM cars")).containsExactly("integer 3");
    }

    @Test
    void aColumnRenamedOnAParentIsAskedAboutAndRenamedThereAlone() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        String family = OLD_FLEET + "CREATE INDEX cars_by_name ON cars (name);\n"
                + "CREATE TABLE minis (doors int) INHERITS (cars);\n";
        cli.sql("aaaaaaaaaaa1", "none", "fleet", family + "INSERT INTO minis VALUES (1, 4, 'mini', 'o', 4, 3);",
                "DROP TABLE minis, cars, trucks, vehicles;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", family.replace("name text DEFAULT 'x'", "label text DEFAULT 'x'")
                .replace("name text DEFAULT 'truck'", "label text DEFAULT 'truck'").replace("(name)", "(label)"));

        Cli.Result r = cli.runAnswering("y\n", "revision", "--autogenerate", "-m", "label");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Did you rename vehicles.name to vehicles.label? [y/N]")
                .doesNotContain("cars.name").doesNotContain("trucks.name").doesNotContain("minis.name");
        String upgrade = Files.readString(generatedFile(cli, r));
        assertThat(upgrade.substring(upgrade.indexOf("upgrade("), upgrade.indexOf("downgrade(")))
                .containsOnlyOnce("op.").contains("op.alterColumn(\"vehicles\", \"name\").rename(\"label\")");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT label FROM minis")).containsExactly("mini");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT name FROM minis")).containsExactly("mini");
    }

    private static Path generatedFile(Cli cli, Cli.Result generated) {
        Matcher file = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(generated.out());
        assertThat(file.find()).as(generated.toString()).isTrue();
        return cli.project.resolve(file.group(1));
    }
}
