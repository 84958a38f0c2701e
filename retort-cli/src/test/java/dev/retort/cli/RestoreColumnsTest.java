package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code downgrade --restore} fills the columns a downgrade adds back to one table, one after the other, with one
 * {@code UPDATE}: each row is written once, not once per column, and every column ends as its own {@code UPDATE}
 * left it.
 */
class RestoreColumnsTest {
    /** Counts the updates of each row of customers, as an audit trigger would log them. */
    private static final String COUNTED = "CREATE TABLE hits (id int);\n"
            + "CREATE FUNCTION hit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO hits VALUES (NEW.id); "
            + "RETURN NEW; END $$;\n"
            + "CREATE TRIGGER customers_hit BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION hit();\n";

    /** Moves the primary key of acct from id to code, and back. */
    private static final String REKEY = "ALTER TABLE acct DROP CONSTRAINT acct_pkey, ADD PRIMARY KEY (code);\n";
    private static final String UNKEY = "ALTER TABLE acct DROP CONSTRAINT acct_pkey, ADD PRIMARY KEY (id);\n";

    @TempDir
    Path dir;

    /**
     * c00000000002 drops five columns of customers; its downgrade adds them back, with one the upgrade never dropped
     * (extra) in between, note {@code NOT NULL} and level with a default.
     */
    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, note text NOT NULL, score int, tags text[], born date,\n"
                        + "    level varchar(5));\n"
                        + "INSERT INTO customers VALUES (1, 'likes tea', 10, '{a,b}', '2000-01-02', 'gold'),\n"
                        + "    (2, 'VIP', NULL, NULL, NULL, NULL), (3, 'gone', 3, '{}', '1999-12-31', 'std');\n"
                        + COUNTED,
                "DROP TABLE customers;\nDROP TABLE hits;\nDROP FUNCTION hit();");
        cli.write("migrations/versions/c00000000002_lose.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "lose")
                class Lose_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        for (String column : new String[] {"note", "score", "tags", "born", "level"}) {
                            op.dropColumn("customers", column);
                        }
                    }
                    public void downgrade(Operations op) {
                        op.addColumn("customers", column("note", "text").notNull());
                        op.addColumn("customers", column("score", "int"));
                        op.addColumn("customers", column("extra", "text"));
                        op.addColumn("customers", column("tags", "text[]"));
                        op.addColumn("customers", column("born", "date"));
                        op.addColumn("customers", column("level", "varchar(5)").defaultExpression("'none'"));
                    }
                }
                """);
        return cli;
    }

    @Test
    void severalColumnsComeBackWithOneWriteOfEachRowAndEveryValueTheirOwnUpdatesGaveThem() {
        Cli cli = project();
        String script = cli.ok("downgrade", "--sql", "c00000000002:c00000000001", "--restore").out();
        cli.ok("upgrade", "head", "--backup");
        // Since the upgrade: a row deleted, a row written.
        cli.execute("DELETE FROM customers WHERE id = 3; INSERT INTO customers VALUES (4)");

        // Row 4 has no note saved, and the downgrade makes note NOT NULL: nothing is left half done.
        Cli.Result failed = cli.run("downgrade", "-1", "--restore");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("--restore: 1 row(s) of customers have no value of note saved by the latest "
                + "upgrade of revision c00000000002").contains("failed at statement `DO $retort_restore$ -- --restore "
                + "of customers.note, customers.score, customers.extra, customers.tags, customers.born, "
                + "customers.level as the latest upgrade o");
        assertThat(cli.versions()).containsExactly("c00000000002");
        assertThat(cli.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers'"))
                .containsExactly("1");
        assertThat(cli.column("SELECT count(*) FROM hits")).containsExactly("0");

        cli.execute("INSERT INTO retort_backup.c00000000002_customers_note VALUES (4, 'later')");
        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        // The column nothing was saved for is warned about once, without taking the copies of the others, which
        // the downgrade puts back beside it, for those of columns it does not name.
        assertThat(r.err().lines().filter(line -> line.startsWith("warning: ")).toList()).singleElement().asString()
                .isEqualTo("warning: the latest upgrade of revision c00000000002 saved nothing for customers.extra "
                        + "(it ran without --backup, or the copy was dropped since); the downgrade does what the "
                        + "migration says.");
        assertThat(cli.column("SELECT concat_ws(':', id, note, coalesce(score::text, '-'), coalesce(extra, '-'), "
                + "coalesce(tags::text, '-'), coalesce(born::text, '-'), coalesce(level, '-')) FROM customers "
                + "ORDER BY id")).containsExactly(
                        "1:likes tea:10:-:{a,b}:2000-01-02:gold",
                        // A null saved replaces the default, as the column's own UPDATE did.
                        "2:VIP:-:-:-:-:-",
                        // Written since: the note given in the copy, the rest as the downgrade made them.
                        "4:later:-:-:-:-:none");
        assertThat(cli.column("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' "
                + "AND column_name = 'note'")).containsExactly("NO");
        // Each restored row written once, where an UPDATE per column wrote it five times.
        assertThat(cli.column("SELECT id || ':' || count(*) FROM hits GROUP BY id ORDER BY id"))
                .containsExactly("1:1", "2:1", "4:1");

        // The printed script holds the one block, and does what the live run did.
        assertThat(script.split("DO \\$retort_restore\\$", -1)).hasSize(2);
        cli.ok("upgrade", "head", "--backup");
        // The upgrade does not drop extra, which the downgrade adds.
        cli.execute("TRUNCATE hits; ALTER TABLE customers DROP COLUMN extra");
        cli.execute(script);
        assertThat(cli.versions()).containsExactly("c00000000001");
        assertThat(cli.column("SELECT concat_ws(':', id, note, coalesce(score::text, '-'), coalesce(tags::text, '-'), "
                + "coalesce(born::text, '-'), coalesce(level, '-')) FROM customers ORDER BY id")).containsExactly(
                        "1:likes tea:10:{a,b}:2000-01-02:gold", "2:VIP:-:-:-:-", "4:later:-:-:-:none");
        assertThat(cli.column("SELECT count(*) FROM hits")).containsExactly("3");
    }

    @Test
    void theRowsOfATableThatInheritsTheColumnsGetTheirOwnValues() {
        // Each table's first row is at the same place of its own file: rows are told apart by table too.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE vehicles (id int PRIMARY KEY, name text, seats int);\n"
                        + "CREATE TABLE cars (wheels int) INHERITS (vehicles);\n"
                        + "INSERT INTO vehicles VALUES (1, 'bike', 1), (2, 'bus', 40);\n"
                        + "INSERT INTO cars VALUES (3, 'mini', 4, 4), (4, 'van', NULL, 4);",
                "DROP TABLE cars;\nDROP TABLE vehicles;");
        cli.sql("c00000000002", "c00000000001", "drop two",
                "ALTER TABLE vehicles DROP COLUMN name, DROP COLUMN seats;",
                "ALTER TABLE vehicles ADD COLUMN name text, ADD COLUMN seats int;");
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT tableoid::regclass || ':' || id || ':' || name || ':' || coalesce(seats::text, "
                + "'-') FROM vehicles ORDER BY id")).containsExactly("vehicles:1:bike:1", "vehicles:2:bus:40",
                        "cars:3:mini:4", "cars:4:van:-");
    }

    @Test
    void theColumnsOfOneRawStatementComeBackTogetherANullSavedKeepingTheDefaultOfANotNullColumn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, nickname text, age int);\n"
                        + "INSERT INTO customers VALUES (1, 'Bee', 30), (2, NULL, NULL);\n" + COUNTED,
                "DROP TABLE customers;\nDROP TABLE hits;\nDROP FUNCTION hit();");
        cli.sql("c00000000002", "c00000000001", "drop two",
                "ALTER TABLE customers DROP COLUMN nickname, DROP COLUMN age;",
                "ALTER TABLE customers ADD COLUMN nickname text NOT NULL DEFAULT 'none', ADD COLUMN age int;");
        cli.ok("upgrade", "head", "--backup");
        cli.execute("INSERT INTO customers VALUES (3)");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).doesNotContain("warning");
        assertThat(cli.column("SELECT id || ':' || nickname || ':' || coalesce(age::text, '-') FROM customers "
                + "ORDER BY id")).containsExactly("1:Bee:30", "2:none:-", "3:none:-");
        // Row 2 has no nickname saved but an age (a null, which age takes back): written once all the same.
        assertThat(cli.column("SELECT id || ':' || count(*) FROM hits GROUP BY id ORDER BY id"))
                .containsExactly("1:1", "2:1");
    }

    /**
     * The copy of x is keyed by id, which the same block puts back from a copy keyed by code: id is filled first, as
     * its own {@code UPDATE} did, then x by it. One {@code UPDATE} joined x's copy against the nulls id held before it.
     */
    @Test
    void aColumnWhoseCopyIsKeyedByAnotherOfTheColumnsComesBackAfterIt() {
        Cli cli = keyedByAnother();
        cli.sql("c00000000002", "c00000000001", "rekey",
                "ALTER TABLE acct DROP COLUMN x;\n" + REKEY + "ALTER TABLE acct DROP COLUMN id;",
                "ALTER TABLE acct ADD COLUMN id int, ADD COLUMN x text;\n" + UNKEY);

        assertFilledInOrder(cli);
    }

    /** A copy that is gone is warned of; the copy of the column beside it, put back, is not called another's. */
    @Test
    void aColumnWhoseCopyIsGoneIsWarnedOfWithoutNamingTheOtherColumnsCopy() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create", "CREATE TABLE t (id int PRIMARY KEY, a text, b text);\n"
                + "INSERT INTO t VALUES (1, 'a1', 'b1');", "DROP TABLE t;");
        cli.sql("c00000000002", "c00000000001", "drop two", "ALTER TABLE t DROP COLUMN a, DROP COLUMN b;",
                "ALTER TABLE t ADD COLUMN a text, ADD COLUMN b text;");
        cli.ok("upgrade", "head", "--backup");
        cli.execute("DROP TABLE retort_backup.c00000000002_t_b");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).contains("warning: ").contains("t.b").doesNotContain("does not name");
        assertThat(cli.column("SELECT a || ':' || coalesce(b, '-') FROM t")).containsExactly("a1:-");
    }

    /** Added back before its key, x still comes back after it. */
    @Test
    void aColumnAddedBackBeforeTheColumnItsCopyIsKeyedByComesBackAfterIt() {
        Cli cli = keyedByAnother();
        cli.sql("c00000000002", "c00000000001", "rekey",
                "ALTER TABLE acct DROP COLUMN x;\n" + REKEY + "ALTER TABLE acct DROP COLUMN id;",
                "ALTER TABLE acct ADD COLUMN x text, ADD COLUMN id int;\n" + UNKEY);

        assertFilledInOrder(cli);
    }

    @Test
    void aColumnWhoseCopyIsKeyedByAnotherOfTheAddColumnsComesBackAfterIt() {
        Cli cli = keyedByAnother();
        cli.write("migrations/versions/c00000000002_rekey.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "rekey")
                class Rekey_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("acct", "x");
                        op.execute("%s");
                        op.dropColumn("acct", "id");
                    }
                    public void downgrade(Operations op) {
                        op.addColumn("acct", column("id", "int"));
                        op.addColumn("acct", column("x", "text"));
                        op.execute("%s");
                    }
                }
                """.formatted(REKEY.strip(), UNKEY.strip()));

        assertFilledInOrder(cli);
    }

    /** acct, whose primary key c00000000002 moves from id to code between dropping x and dropping id. */
    private Cli keyedByAnother() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE acct (id int PRIMARY KEY, code text NOT NULL UNIQUE, x text);\n"
                        + "INSERT INTO acct VALUES (1, 'A', 'one'), (2, 'B', 'two'), (3, 'C', NULL);",
                "DROP TABLE acct;");
        return cli;
    }

    private static void assertFilledInOrder(Cli cli) {
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).doesNotContain("warning");
        assertThat(cli.column("SELECT id || ':' || code || ':' || coalesce(x, '-') FROM acct ORDER BY id"))
                .containsExactly("1:A:one", "2:B:two", "3:C:-");
    }
}
