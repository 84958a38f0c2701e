package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code revision --autogenerate --rename}: each form the docs give renames, and a rename that matches no dropped and
 * added pair stops the command instead of leaving the drop, and the data loss, it was meant to prevent.
 */
class RenameOptionTest {
    @TempDir
    Path dir;
    Cli cli;

    /** The database has equipment_items.location, with data; the model calls the column storage_location. */
    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.execute("CREATE TABLE equipment_items (id int PRIMARY KEY, location varchar(100))");
        cli.execute("INSERT INTO equipment_items VALUES (1, 'shelf 3')");
        cli.write("schema.sql", "CREATE TABLE equipment_items (id int PRIMARY KEY, storage_location varchar(100));");
    }

    static Stream<Arguments> renamesThatMatchNothing() {
        return Stream.of(
                Arguments.of("equipment_items.nope=storage_location",
                        "table equipment_items of the database has no column nope"),
                Arguments.of("equipment_items.location=nope", "table equipment_items of the model has no column nope"),
                Arguments.of("equipment_items.location=storageLocation", "table equipment_items of the model has no "
                        + "column storageLocation; its column is named storage_location (write the names as the "
                        + "database spells them: PostgreSQL folds unquoted names to lower case)."),
                Arguments.of("equipment_items.Location=storage_location",
                        "table equipment_items of the database has no column Location; its column is named location"),
                Arguments.of("equipment_items.id=storage_location",
                        "table equipment_items of the model still has column id, so it is not dropped"),
                Arguments.of("equipment_itemz.location=storage_location",
                        "neither the database nor the model has a table equipment_itemz"),
                Arguments.of("equipment_items.location=users.storage_location", "a renamed column stays in its table"),
                Arguments.of("equipment=items", "the database has no table equipment"),
                Arguments.of("equipment_items=items",
                        "the model still has table equipment_items, so it is not dropped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renamesThatMatchNothing")
    void aRenameThatMatchesNothingIsAUsageErrorAndWritesNothing(String rename, String reason) throws IOException {
        for (List<String> extra : List.of(List.<String>of(), List.of("--sql"))) {
            List<String> args = new ArrayList<>(List.of("revision", "--autogenerate", "-m", "x", "--rename", rename));
            args.addAll(extra);
            Cli.Result r = cli.run(args.toArray(String[]::new));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.err().strip()).as(r.toString())
                    .startsWith("retort: --rename " + rename + " renames nothing: " + reason)
                    .endsWith(" Correct or remove it (`retort check` lists what the models drop and add); "
                            + "nothing was written.");
            assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(cli.project.resolve("migrations/versions"))) {
            assertThat(files).isEmpty();
        }
        assertThat(cli.column("SELECT location FROM equipment_items")).containsExactly("shelf 3");
    }

    @Test
    void everyDocumentedFormRenamesAndKeepsTheData() {
        for (String rename : List.of("equipment_items.location=storage_location",
                "equipment_items.location=equipment_items.storage_location",
                "public.equipment_items.location=storage_location")) {
            Cli.Result preview = cli.ok("revision", "--autogenerate", "-m", "x", "--rename", rename, "--sql");
            assertThat(preview.out()).as(rename).isEqualTo(
                    "ALTER TABLE equipment_items RENAME COLUMN location TO storage_location;\n");
        }
        cli.ok("revision", "--autogenerate", "-m", "rename location", "--rename",
                "equipment_items.location=storage_location");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT storage_location FROM equipment_items")).containsExactly("shelf 3");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aTableMovedToAnotherSchemaKeepsItsRows() {
        cli.write("schema.sql", "CREATE SCHEMA inventory;\n"
                + "CREATE TABLE inventory.equipment_items (id int PRIMARY KEY, location varchar(100));");
        Cli.Result declined = cli.ok("revision", "--autogenerate", "-m", "x", "--sql");
        assertThat(declined.err()).contains("pass --rename equipment_items=inventory.equipment_items");

        cli.ok("revision", "--autogenerate", "-m", "move items", "--rename",
                "equipment_items=inventory.equipment_items");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT location FROM inventory.equipment_items")).containsExactly("shelf 3");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT location FROM equipment_items")).containsExactly("shelf 3");
    }

    @Test
    void aMoveItsDowngradeCouldNotUndoIsRefusedAndTwoRevisionsMakeIt() {
        // PostgreSQL moves a table's indexes with it. Once sites takes ix_location in public, the downgrade could not
        // move equipment_items back there: it drops sites only after the move.
        cli.execute("CREATE INDEX ix_location ON equipment_items (location)");
        String moved = "CREATE SCHEMA inventory;\n"
                + "CREATE TABLE inventory.equipment_items (id int PRIMARY KEY, location varchar(100));\n"
                + "CREATE INDEX ix_location ON inventory.equipment_items (location);\n";
        String sites = "CREATE TABLE sites (id int PRIMARY KEY, name text);\nCREATE INDEX ix_location ON sites (name);";
        cli.write("schema.sql", moved + sites);
        assertThat(cli.ok("revision", "--autogenerate", "-m", "x", "--sql").err())
                .contains("equipment_items disappears and inventory.equipment_items (same columns) appears, but cannot "
                        + "be moved there in one revision");

        Cli.Result refused = cli.run("revision", "--autogenerate", "-m", "move items", "--rename",
                "equipment_items=inventory.equipment_items");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("do not pair as a move", "must be free in schema inventory, and the "
                + "model's in schema public, where the downgrade moves it back");

        cli.write("schema.sql", moved);
        cli.ok("revision", "--autogenerate", "-m", "move items", "--rename",
                "equipment_items=inventory.equipment_items");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", moved + sites);
        cli.ok("revision", "--autogenerate", "-m", "add sites");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT location FROM equipment_items")).containsExactly("shelf 3");
    }

    @Test
    void aTableMovedAndRenamedTakesItsSerialSequenceAlongWithItsValue() {
        cli.execute("CREATE TABLE orders (id serial PRIMARY KEY, total int)");
        cli.execute("INSERT INTO orders (total) VALUES (10), (20)");
        cli.write("schema.sql", "CREATE TABLE equipment_items (id int PRIMARY KEY, location varchar(100));\n"
                + "CREATE SCHEMA sales;\n"
                + "CREATE TABLE sales.purchases (id serial PRIMARY KEY, total int);");

        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "move orders", "--rename", "orders=sales.purchases");
        assertThat(r.err()).contains("rename sequence sales.orders_id_seq to purchases_id_seq")
                .doesNotContain("drop sequence", "create sequence");
        assertRowsAndIdsKeptBothWays("sales.purchases");
    }

    @Test
    void aSerialSequenceIsRenamedWhereItsTableMovesNotWhereItsNewNameIsStillTaken() {
        // In public, purchases_id_seq belongs to the old purchases table, which goes only at the end: the sequence
        // is renamed in sales, once its table's move took it there.
        cli.execute("CREATE TABLE orders (id serial PRIMARY KEY, total int)");
        cli.execute("INSERT INTO orders (total) VALUES (10), (20)");
        cli.execute("CREATE TABLE purchases (id serial PRIMARY KEY, note text)");
        cli.write("schema.sql", "CREATE TABLE equipment_items (id int PRIMARY KEY, location varchar(100));\n"
                + "CREATE SCHEMA sales;\n"
                + "CREATE TABLE sales.purchases (id serial PRIMARY KEY, total int);");

        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "move orders", "--rename", "orders=sales.purchases");
        assertThat(r.err()).contains("rename sequence sales.orders_id_seq to purchases_id_seq")
                .doesNotContain("create sequence");
        assertRowsAndIdsKeptBothWays("sales.purchases");
    }

    @Test
    void aSerialSequenceIsRenamedBackWhereTheDowngradeMovesItsTableNotWhereItsOldNameIsStillTaken() {
        // The new sales.orders keeps orders_id_seq until the downgrade's end: the downgrade renames the sequence
        // back in public, once the table's move took it there.
        cli.execute("CREATE TABLE orders (id serial PRIMARY KEY, total int)");
        cli.execute("INSERT INTO orders (total) VALUES (10), (20)");
        cli.write("schema.sql", "CREATE TABLE equipment_items (id int PRIMARY KEY, location varchar(100));\n"
                + "CREATE SCHEMA sales;\n"
                + "CREATE TABLE sales.purchases (id serial PRIMARY KEY, total int);\n"
                + "CREATE TABLE sales.orders (id serial PRIMARY KEY, placed date);");

        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "move orders", "--rename", "orders=sales.purchases");
        assertThat(r.err()).contains("rename sequence sales.orders_id_seq to purchases_id_seq");
        assertRowsAndIdsKeptBothWays("sales.purchases");
    }

    /** Upgrades, downgrades and upgrades again; orders keeps its rows, and its sequence numbers the next one. */
    private void assertRowsAndIdsKeptBothWays(String moved) {
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO " + moved + " (total) VALUES (30)");
        assertThat(cli.column("SELECT id || ':' || total FROM " + moved + " ORDER BY id"))
                .containsExactly("1:10", "2:20", "3:30");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        cli.execute("INSERT INTO orders (total) VALUES (40)");
        assertThat(cli.column("SELECT id || ':' || total FROM orders ORDER BY id"))
                .containsExactly("1:10", "2:20", "3:30", "4:40");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aSequenceWhoseNewNameIsTakenKeepsItsNameWithAWarning() {
        // Hibernate's sequence of a deleted entity has the name the renamed one's takes: PostgreSQL could not rename
        // orders_seq to it, and the model's purchases_seq numbers the ids from now on.
        cli.execute("CREATE SEQUENCE orders_seq");
        cli.execute("CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('orders_seq'), total int)");
        cli.execute("INSERT INTO orders (total) VALUES (10), (20)");
        cli.execute("CREATE SEQUENCE purchases_seq");
        String purchases = "CREATE SEQUENCE purchases_seq;\n"
                + "CREATE TABLE purchases (id bigint PRIMARY KEY DEFAULT nextval('purchases_seq'), total int);\n";
        cli.write("schema.sql", "CREATE TABLE equipment_items (id int PRIMARY KEY, location varchar(100));\n"
                + purchases);

        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "rename orders", "--rename", "orders=purchases");
        assertThat(r.err()).doesNotContain("rename sequence")
                .contains("sequence orders_seq is not renamed to purchases_seq with table orders: schema public has "
                        + "a relation purchases_seq already. As written, purchases_seq numbers the rows from now on");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT id || ':' || total FROM purchases ORDER BY id")).containsExactly("1:10", "2:20");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT id || ':' || total FROM orders ORDER BY id")).containsExactly("1:10", "2:20");
    }

    @Test
    void aTableMovedUnderItsOwnNameTakesItsSerialSequenceAlong() {
        // The sequence keeps its name: the move carries it, and renaming it to its own name would fail.
        cli.execute("CREATE TABLE orders (id serial PRIMARY KEY, total int)");
        cli.execute("INSERT INTO orders (total) VALUES (10), (20)");
        cli.write("schema.sql", "CREATE TABLE equipment_items (id int PRIMARY KEY, location varchar(100));\n"
                + "CREATE SCHEMA sales;\n"
                + "CREATE TABLE sales.orders (id serial PRIMARY KEY, total int);");

        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "move orders", "--rename", "orders=sales.orders");
        assertThat(r.err()).contains("move table orders to schema sales")
                .doesNotContain("rename sequence", "drop sequence", "create sequence");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO sales.orders (total) VALUES (30)");
        assertThat(cli.column("SELECT id || ':' || total FROM sales.orders ORDER BY id"))
                .containsExactly("1:10", "2:20", "3:30");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        cli.execute("INSERT INTO orders (total) VALUES (40)");
        assertThat(cli.column("SELECT id || ':' || total FROM orders ORDER BY id"))
                .containsExactly("1:10", "2:20", "3:30", "4:40");
    }

    @Test
    void aRenameOntoTheNameOfAnIndexTheRevisionDropsIsRefusedAndTwoRevisionsMakeIt() {
        // Tables are renamed before indexes are dropped: PostgreSQL would refuse the rename while the index exists.
        cli.execute("CREATE TABLE sites (id int PRIMARY KEY, name text)");
        cli.execute("CREATE INDEX items ON sites (name)");
        String sites = "CREATE TABLE sites (id int PRIMARY KEY, name text);\n";
        String items = "CREATE TABLE items (id int PRIMARY KEY, location varchar(100));\n";
        cli.write("schema.sql", sites + items);
        assertThat(cli.ok("revision", "--autogenerate", "-m", "x", "--sql").err())
                .contains("equipment_items disappears and items (same columns) appears, but cannot be renamed to it "
                        + "in one revision");

        Cli.Result refused = cli.run("revision", "--autogenerate", "-m", "x", "--rename", "equipment_items=items");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("do not pair as a rename", "no index or key of schema public may have "
                + "its new name");

        cli.write("schema.sql", sites + items.replace("items", "equipment_items"));
        cli.ok("revision", "--autogenerate", "-m", "drop index");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", sites + items);
        cli.ok("revision", "--autogenerate", "-m", "rename items", "--rename", "equipment_items=items");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT location FROM items")).containsExactly("shelf 3");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT location FROM equipment_items")).containsExactly("shelf 3");
    }

    @Test
    void aTableRenameAndARenameOfOneOfItsColumnsGoTogether() {
        cli.write("schema.sql", "CREATE TABLE items (id int PRIMARY KEY, location varchar(100));");
        assertThat(cli.ok("revision", "--autogenerate", "-m", "x", "--rename", "equipment_items=items", "--sql").out())
                .startsWith("ALTER TABLE equipment_items RENAME TO items;\n");

        Cli.Result unknown = cli.run("revision", "--autogenerate", "-m", "x", "--rename", "equipment_items=items",
                "--rename", "items.place=where", "--sql");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("--rename items.place=where renames nothing: "
                + "table equipment_items of the database has no column place.");
    }

    @Test
    void aTableAndOneOfItsColumnsRenamedTogetherKeepTheRowsBothWays() {
        cli.write("schema.sql", "CREATE TABLE items (id int PRIMARY KEY, storage_location varchar(100));");
        Cli.Result preview = cli.ok("revision", "--autogenerate", "-m", "x", "--rename", "equipment_items=items",
                "--rename", "items.location=storage_location", "--sql");
        assertThat(preview.out()).contains("ALTER TABLE equipment_items RENAME TO items;\n",
                "ALTER TABLE items RENAME COLUMN location TO storage_location;\n").doesNotContain("DROP", "CREATE");

        cli.ok("revision", "--autogenerate", "-m", "items", "--rename", "equipment_items=items",
                "--rename", "items.location=items.storage_location");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT storage_location FROM items")).containsExactly("shelf 3");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT location FROM equipment_items")).containsExactly("shelf 3");
    }

    @Test
    void aColumnRenameUnderTheTablesOldNameIsRefusedWithTheNameToUse() {
        cli.write("schema.sql", "CREATE TABLE items (id int PRIMARY KEY, storage_location varchar(100));");
        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "x", "--rename", "equipment_items=items",
                "--rename", "equipment_items.location=storage_location");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains("--rename equipment_items=items renames nothing",
                "--rename equipment_items.location=storage_location renames nothing: the model has no table "
                        + "equipment_items (name the columns of a table renamed in the same revision by the table's "
                        + "new name)");
    }
}
