package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code downgrade --restore} puts back what the reverted revision's latest {@code upgrade --backup} saved. */
class RestoreTest {
    @TempDir
    Path dir;

    /**
     * c00000000001 makes customers (note NOT NULL, code text) and events (an identity key, a generated column);
     * c00000000002 drops note, cuts code to three characters and drops events; its downgrade makes them again.
     */
    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, note text NOT NULL, code text);\n"
                        + "INSERT INTO customers VALUES (1, 'likes tea', 'abcdef'), (2, 'VIP', 'xy');\n"
                        + "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text,\n"
                        + "    size int GENERATED ALWAYS AS (length(payload)) STORED, seq serial);\n"
                        + "INSERT INTO events (payload) VALUES ('signup'), ('login'), ('logout');",
                "DROP TABLE events;\nDROP TABLE customers;");
        cli.write("migrations/versions/c00000000002_lose.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "lose")
                class Lose_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("customers", "note");
                        op.alterColumn("customers", "code").type("varchar(3)", "left(code, 3)");
                        op.dropTable("events");
                    }
                    public void downgrade(Operations op) {
                        op.createTable("events", column("id", "bigint").identity(Identity.ALWAYS).primaryKey(true),
                                column("payload", "text"), column("size", "int").generatedAs("length(payload)"),
                                column("seq", "serial"));
                        op.alterColumn("customers", "code").type("text");
                        op.addColumn("customers", column("note", "text").notNull());
                    }
                }
                """);
        return cli;
    }

    @Test
    void restoreBringsBackANotNullColumnAndATableButNotARetypedColumn() {
        Cli cli = project();
        cli.ok("upgrade", "head", "--backup");

        // Without --restore the downgrade fails as it always did: a NOT NULL column without a default.
        Cli.Result plain = cli.run("downgrade", "-1");
        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
        assertThat(plain.err()).contains("contains null values", "If the upgrade that dropped the column ran with "
                + "--backup, run the downgrade again with --restore, which fills it from that copy first");

        Cli.Result restored = cli.ok("downgrade", "-1", "--restore");

        assertThat(restored.err()).doesNotContain("warning");
        assertThat(cli.versions()).containsExactly("c00000000001");
        // The retyped code keeps what the conversions left: the copy would also undo changes made since the upgrade.
        assertThat(cli.column("SELECT id || ':' || note || ':' || code FROM customers ORDER BY id"))
                .containsExactly("1:likes tea:abc", "2:VIP:xy");
        assertThat(cli.column("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' "
                + "AND column_name = 'note'")).containsExactly("NO");
        assertThat(cli.column("SELECT id || ':' || payload || ':' || size || ':' || seq FROM events ORDER BY id"))
                .containsExactly("1:signup:6:1", "2:login:5:2", "3:logout:6:3");
        // The identity and the serial continue after the rows put back.
        cli.execute("INSERT INTO events (payload) VALUES ('again')");
        assertThat(cli.column("SELECT id || ':' || seq FROM events WHERE payload = 'again'")).containsExactly("4:4");
    }

    @Test
    void aRowWrittenAfterTheUpgradeStopsTheNotNullWithAMessageAndChangesNothing() {
        Cli cli = project();
        cli.ok("upgrade", "head", "--backup");
        cli.execute("INSERT INTO customers (id, code) VALUES (3, 'new')");

        Cli.Result r = cli.run("downgrade", "-1", "--restore");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("--restore: 1 row(s) of customers have no value of note saved by the latest "
                + "upgrade of revision c00000000002 (rows written after it ran, or saved as null), and the downgrade "
                + "makes note NOT NULL; give them values in retort_backup.c00000000002_customers_note (an UPDATE for "
                + "a key it holds, an INSERT for one it lacks), or the column a default in the downgrade, and run it "
                + "again");
        assertThat(r.err()).doesNotContain("\tat ").contains("failed at statement `DO $retort_restore$ -- --restore of "
                + "customers.note as the latest upgrade of c00000000002 saved it");
        assertThat(cli.versions()).containsExactly("c00000000002");
        assertThat(cli.tableExists("events")).isFalse();
        assertThat(cli.column("SELECT id || ':' || code FROM customers ORDER BY id"))
                .containsExactly("1:abc", "2:xy", "3:new");

        // As the message says: give the row a value in the copy, and run the downgrade again.
        cli.execute("INSERT INTO retort_backup.c00000000002_customers_note VALUES (3, 'later')");
        cli.ok("downgrade", "-1", "--restore");
        assertThat(cli.column("SELECT id || ':' || note FROM customers ORDER BY id"))
                .containsExactly("1:likes tea", "2:VIP", "3:later");
    }

    @Test
    void aCopyOfAnEarlierUpgradeIsNotUsed() {
        Cli cli = project();
        cli.ok("upgrade", "head", "--backup");
        cli.ok("downgrade", "-1", "--restore");
        cli.execute("UPDATE customers SET note = 'changed since' WHERE id = 1");
        // The latest upgrade saves nothing: the copies of the first one are out of date.
        cli.ok("upgrade", "head");

        Cli.Result r = cli.run("downgrade", "-1", "--restore");

        String unsaved = "warning: the latest upgrade of revision c00000000002 saved nothing for ";
        String dropped = " (it ran without --backup, or the copy was dropped since)";
        assertThat(r.err()).contains(unsaved + "customers.note" + dropped + "; "
                + "retort_backup.c00000000002_customers_note is from an earlier upgrade and may miss rows written "
                + "since, so it is not used; the downgrade does what the migration says.");
        assertThat(r.err()).contains(unsaved + "table events" + dropped + "; retort_backup.c00000000002_events is "
                + "from an earlier upgrade");
        // Once each, after the revision's progress line; the retyped code is not put back, so nothing to say of it.
        assertThat(r.err().lines().filter(line -> line.startsWith("warning: ")).count()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse(""))
                .startsWith("Running downgrade c00000000002 -> c00000000001");
        // Doing what the migration says: adding a NOT NULL column to a table with rows.
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("contains null values").doesNotContain("again with --restore");
        assertThat(cli.versions()).containsExactly("c00000000002");
    }

    @Test
    void anEnumColumnComesBackThroughItsCast() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
                        + "CREATE TABLE people (id int PRIMARY KEY, m mood NOT NULL, moods mood[]);\n"
                        + "INSERT INTO people VALUES (1, 'ok', '{sad,ok}'), (2, 'sad', NULL);",
                "DROP TABLE people;\nDROP TYPE mood;");
        cli.write("migrations/versions/c00000000002_drop_mood.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "drop mood")
                class DropMood_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("people", "m");
                        op.dropColumn("people", "moods");
                        op.dropEnum("mood");
                    }
                    public void downgrade(Operations op) {
                        op.createEnum("mood", "sad", "ok");
                        op.addColumn("people", column("m", "mood").notNull());
                        op.addColumn("people", column("moods", "mood[]"));
                    }
                }
                """);
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "c00000000001", "--restore");

        assertThat(cli.column("SELECT id || ':' || m || ':' || coalesce(moods[1]::text, '-') || ':' "
                + "|| pg_typeof(m) FROM people ORDER BY id")).containsExactly("1:ok:sad:mood", "2:sad:-:mood");
    }

    @Test
    void aColumnOfATableWithoutAPrimaryKeyIsNotRestoredAndAWarningSaysWhy() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE log (at int, line text);\nINSERT INTO log VALUES (1, 'up'), (2, 'down');",
                "DROP TABLE log;");
        cli.write("migrations/versions/c00000000002_drop_line.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "drop line")
                class DropLine_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("log", "line");
                    }
                    public void downgrade(Operations op) {
                        op.addColumn("log", column("line", "text"));
                    }
                }
                """);
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).contains("warning: --restore cannot put back log.line: the latest upgrade of revision "
                + "c00000000002 copied log whole into retort_backup.c00000000002_log_line, as it had no primary key "
                + "to put the values back by; the downgrade does what the migration says.");
        assertThat(cli.column("SELECT count(*) FROM log WHERE line IS NULL")).containsExactly("2");

        // A copy whose table is gone (dropped by hand) is not named as if it were there.
        cli.ok("upgrade", "head", "--backup");
        cli.execute("DROP TABLE retort_backup.c00000000002_log_line_2");
        Cli.Result gone = cli.ok("downgrade", "-1", "--restore");
        assertThat(gone.err()).contains("warning: the latest upgrade of revision c00000000002 saved nothing for "
                + "log.line (it ran without --backup, or the copy was dropped since)").doesNotContain("_log_line_2");
    }

    @Test
    void printedSqlHoldsTheRestoreAndDoesWhatALiveRunDoes() {
        Cli cli = project();
        String plain = cli.ok("downgrade", "--sql", "c00000000002:c00000000001").out();
        String script = cli.ok("downgrade", "--sql", "c00000000002:c00000000001", "--restore").out();

        assertThat(plain).doesNotContain("retort_restore");
        assertThat(script).containsSubsequence("CREATE TABLE events", "DO $retort_restore$",
                "ALTER TABLE customers ALTER COLUMN code TYPE text", "ADD COLUMN note text", "DO $retort_restore$",
                "SET NOT NULL");
        assertThat(script.split("DO \\$retort_restore\\$", -1)).as("a restore for the table and the column alone")
                .hasSize(3);

        cli.ok("upgrade", "head", "--backup");
        cli.execute(script);

        assertThat(cli.versions()).containsExactly("c00000000001");
        assertThat(cli.column("SELECT id || ':' || note || ':' || code FROM customers ORDER BY id"))
                .containsExactly("1:likes tea:abc", "2:VIP:xy");
        assertThat(cli.column("SELECT count(*) FROM events")).containsExactly("3");
    }

    @Test
    void aRunInOneTransactionRestoresEachRevisionFromItsOwnUpgrade() {
        Cli cli = project();
        cli.write("migrations/versions/c00000000003_lose_more.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000003", down = "c00000000002", message = "lose more")
                class LoseMore_c00000000003 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropColumn("customers", "code");
                    }
                    public void downgrade(Operations op) {
                        op.addColumn("customers", column("code", "text"));
                    }
                }
                """);
        cli.write("retort.toml", "transaction_per_migration = false\nversion_table_schema = \"meta\"\n");
        // Both upgrades in one transaction: their copies and history rows all have the same time.
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "c00000000001", "--restore");

        assertThat(r.err()).doesNotContain("warning");
        assertThat(cli.column("SELECT id || ':' || note || ':' || code FROM customers ORDER BY id"))
                .containsExactly("1:likes tea:abc", "2:VIP:xy");
        assertThat(cli.column("SELECT count(*) FROM events")).containsExactly("3");

        // An upgrade of c00000000003 alone without --backup: its copy is out of date, c00000000002's are not.
        cli.ok("upgrade", "c00000000002", "--backup");
        cli.ok("upgrade", "c00000000003");
        Cli.Result stale = cli.ok("downgrade", "c00000000001", "--restore");

        assertThat(stale.err()).contains("warning: the latest upgrade of revision c00000000003 saved nothing for "
                + "customers.code").doesNotContain("revision c00000000002 saved nothing");
        // c00000000002's restore of note is its own upgrade's, whatever c00000000003's copies are; code, which
        // c00000000003 added back without its copy, stays empty.
        assertThat(cli.column("SELECT id || ':' || note || ':' || coalesce(code, '-') FROM customers ORDER BY id"))
                .containsExactly("1:likes tea:-", "2:VIP:-");
    }

    /** c00000000001's SQL, then c00000000002 a Java migration with {@code upgrade} and {@code downgrade} bodies. */
    private Cli twoRevisions(String created, String upgrade, String downgrade) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create", created, "SELECT 1;");
        cli.write("migrations/versions/c00000000002_change.java", """
                import static dev.retort.operation.Operations.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.*;

                @Revision(id = "c00000000002", down = "c00000000001", message = "change")
                class Change_c00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        UPGRADE
                    }
                    public void downgrade(Operations op) {
                        DOWNGRADE
                    }
                }
                """.replace("UPGRADE", upgrade).replace("DOWNGRADE", downgrade));
        return cli;
    }

    @Test
    void theCopiesOfAnUpgradeWithAConcurrentIndexAreItsOwn() {
        // The copy commits with the part before the index, apart from (and before) the upgrade's history row.
        Cli cli = twoRevisions("CREATE TABLE customers (id int PRIMARY KEY, note text NOT NULL, name text);\n"
                        + "INSERT INTO customers VALUES (1, 'likes tea', 'Ada'), (2, 'VIP', 'Bo');",
                "op.dropColumn(\"customers\", \"note\");\n"
                        + "op.createIndex(\"customers_name\", \"customers\", \"name\").concurrently();",
                "op.dropIndex(\"customers_name\");\n"
                        + "op.addColumn(\"customers\", column(\"note\", \"text\").notNull());");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).doesNotContain("warning");
        assertThat(cli.column("SELECT id || ':' || note FROM customers ORDER BY id"))
                .containsExactly("1:likes tea", "2:VIP");
    }

    /** c00000000002's autocommit part builds a unique index {@code index} on t, then drops t.v. */
    private Cli droppingAfterAnIndex(String index) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create", "CREATE TABLE t (id int PRIMARY KEY, v text, w int DEFAULT 1);\n"
                + "INSERT INTO t (id, v) VALUES (1, 'old'), (2, 'old');", "DROP TABLE t;");
        cli.sql("c00000000002", "c00000000001", "drop", "-- +autocommit\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_id "
                + "ON t (id);\nCREATE UNIQUE INDEX CONCURRENTLY ix_w ON t " + index + ";\n"
                + "ALTER TABLE t DROP COLUMN v;\n"
                + "-- +end-autocommit", "ALTER TABLE t ADD COLUMN v text;\nDROP INDEX ix_w;\nDROP INDEX ix_id;");
        return cli;
    }

    /**
     * A run that failed in the autocommit part before the column's drop left the column, and the application wrote to
     * it; the run that then succeeded copied it again. --restore puts back that second copy, not the first run's.
     */
    @Test
    void aCopyOfARunThatFailedBeforeTheDropIsNotUsed() {
        Cli cli = droppingAfterAnIndex("(w)");
        cli.ok("upgrade", "c00000000001");
        Cli.Result failed = cli.run("upgrade", "head", "--backup");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        // ix_id committed: the run failed after a statement of its own, so the history has its partial row.
        assertThat(failed.err()).contains("The revision was rolled back except 1 statement(s) committed by its "
                + "autocommit part (CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_id ON t (id))");
        cli.execute("UPDATE t SET v = 'new'");
        droppingAfterAnIndex("(id, w)");
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || v FROM t ORDER BY id")).containsExactly("1:new", "2:new");
    }

    /**
     * A run stopped in its second autocommit part, after copying what that part drops: the copy is older than the mark
     * the run left only if the mark follows it into that part. --restore then uses the completing run's copy.
     */
    @Test
    void aCopyOfARunStoppedInALaterAutocommitPartIsNotUsed() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create", "CREATE TABLE t (id int PRIMARY KEY, note text);\n"
                + "INSERT INTO t VALUES (1, 'old1'), (2, 'old2');", "DROP TABLE t;");
        String drop = "-- +autocommit\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_note ON t (note);\n"
                + "-- +end-autocommit\n"
                + "-- +autocommit\nSELECT pg_sleep(SECONDS);\nALTER TABLE t DROP COLUMN note;\n-- +end-autocommit";
        cli.sql("c00000000002", "c00000000001", "drop", drop.replace("SECONDS", "60"),
                "DROP INDEX IF EXISTS t_note;\nALTER TABLE t ADD COLUMN note text;");
        cli.ok("upgrade", "c00000000001");
        Path log = dir.resolve("stopped.log");
        Process stopped = cli.start(log, "upgrade", "head", "--backup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cli.column("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' "
                + "AND datname = current_database()").isEmpty()) {
            assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        stopped.destroy(); // SIGTERM
        assertThat(stopped.waitFor(60, TimeUnit.SECONDS)).isTrue();
        cli.execute("UPDATE t SET note = 'new' || id");
        cli.sql("c00000000002", "c00000000001", "drop", drop.replace("SECONDS", "0"),
                "DROP INDEX IF EXISTS t_note;\nALTER TABLE t ADD COLUMN note text;");
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || note FROM t ORDER BY id")).containsExactly("1:new1", "2:new2");
    }

    /**
     * When nothing of the migration's own committed before its autocommit part failed, only Retort's copies did:
     * they are dropped, the message says the revision was rolled back, and no partial run is recorded.
     */
    @Test
    void theCopiesOfAnAutocommitPartThatFailedAtItsFirstStatementAreDropped() {
        Cli cli = droppingAfterAnIndex("(w)");
        cli.sql("c00000000002", "c00000000001", "drop", "-- +autocommit\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY ix_w ON t (w);\nALTER TABLE t DROP COLUMN v;\n-- +end-autocommit",
                "ALTER TABLE t ADD COLUMN v text;\nDROP INDEX ix_w;");
        cli.ok("upgrade", "c00000000001");

        Cli.Result failed = cli.run("upgrade", "head", "--backup");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("The revision was rolled back; the database stays at c00000000001.")
                .doesNotContain("statement(s) committed");
        assertThat(cli.column("SELECT count(*) FROM retort_backup.backups")).containsExactly("0");
        assertThat(cli.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'retort_backup' "
                + "AND tablename <> 'backups'")).containsExactly("0");
        assertThat(cli.ok("current").err()).doesNotContain("partly applied");
    }

    /**
     * A run stopped in the autocommit part leaves its mark, "started"; the run that starts the step again keeps it as
     * a partial run, which keeps the stopped run's copies apart from its own.
     */
    @Test
    void theMarkOfAStoppedRunStaysInTheHistoryAsAPartialRun() {
        Cli cli = droppingAfterAnIndex("(id, w)");
        cli.ok("upgrade", "c00000000001");
        cli.execute("INSERT INTO retort_history (revision, direction, checksum, os_user) "
                + "VALUES ('c00000000002', 'started', 'x', 'someone')");

        cli.ok("upgrade", "head", "--backup");

        assertThat(cli.column("SELECT direction FROM retort_history WHERE revision = 'c00000000002' ORDER BY id"))
                .containsExactly("partial", "upgrade");
        assertThat(cli.ok("current").err()).doesNotContain("partly applied");
    }

    @Test
    void aPercentSignInANameIsTextInTheRestoresMessages() {
        Cli cli = twoRevisions("CREATE TABLE plain (a int, \"rate%\" text);\nINSERT INTO plain VALUES (1, '5%');",
                "op.dropColumn(\"plain\", \"rate%\");",
                "op.addColumn(\"plain\", column(\"rate%\", \"text\"));");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).contains("warning: --restore cannot put back plain.rate%: the latest upgrade of revision "
                + "c00000000002 copied plain whole into retort_backup.\"c00000000002_plain_rate%\", as it had no "
                + "primary key");
        assertThat(cli.versions()).containsExactly("c00000000001");
    }

    @Test
    void aSerialColumnPutBackGoesOnAfterItsValues() {
        Cli cli = twoRevisions("CREATE TABLE tickets (id int PRIMARY KEY, n serial);\n"
                        + "INSERT INTO tickets VALUES (1, 10), (2, 20), (3, 30);",
                "op.dropColumn(\"tickets\", \"n\");",
                "op.addColumn(\"tickets\", column(\"n\", \"serial\"));");
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || n FROM tickets ORDER BY id"))
                .containsExactly("1:10", "2:20", "3:30");
        cli.execute("INSERT INTO tickets (id) VALUES (4)");
        assertThat(cli.column("SELECT n FROM tickets WHERE id = 4")).containsExactly("31");
    }

    @Test
    void aTableEmptiedBeforeItsDropComesBackWithTheRowsItHadBeforeTheUpgrade() {
        // Two copies in one upgrade: the TRUNCATE's, with the rows, then the drop's, empty.
        Cli cli = twoRevisions("CREATE TABLE events (id int PRIMARY KEY, payload text);\n"
                        + "INSERT INTO events VALUES (1, 'signup'), (2, 'login');",
                "op.execute(\"TRUNCATE events\");\nop.dropTable(\"events\");",
                "op.createTable(\"events\", column(\"id\", \"int\").primaryKey(true), "
                        + "column(\"payload\", \"text\"));");
        cli.ok("upgrade", "head", "--backup");
        assertThat(cli.ok("backups").outLines()).hasSize(2);

        cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || payload FROM events ORDER BY id"))
                .containsExactly("1:signup", "2:login");
    }

    /**
     * c00000000001 makes accounts (an identity key) and customers (a nullable nickname); c00000000002, a SQL migration,
     * drops accounts and the nickname, and its downgrade ({@code downgrade}, from line 8 of the file) makes them again.
     */
    private Cli rawSqlProject(String downgrade) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\n"
                        + "INSERT INTO accounts (name) VALUES ('Ada'), ('Bo');\n"
                        + "CREATE TABLE customers (id int PRIMARY KEY, nickname text);\n"
                        + "INSERT INTO customers VALUES (1, 'Bee'), (2, NULL);",
                "DROP TABLE customers;\nDROP TABLE accounts;");
        cli.sql("c00000000002", "c00000000001", "drop accounts",
                "DROP TABLE accounts;\nALTER TABLE customers DROP COLUMN nickname;", downgrade);
        return cli;
    }

    private static final String MADE_AGAIN = "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY "
            + "PRIMARY KEY,\n    name text NOT NULL);\n-- the nickname, nullable\n"
            + "ALTER TABLE customers ADD COLUMN nickname text;";

    @Test
    void aSqlMigrationsCreateTableAndAddColumnGetTheirDataBack() {
        Cli cli = rawSqlProject(MADE_AGAIN);
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).doesNotContain("warning");
        assertThat(cli.versions()).containsExactly("c00000000001");
        assertThat(cli.column("SELECT id || ':' || name FROM accounts ORDER BY id")).containsExactly("1:Ada", "2:Bo");
        assertThat(cli.column("SELECT id || ':' || coalesce(nickname, '-') FROM customers ORDER BY id"))
                .containsExactly("1:Bee", "2:-");
        // The identity continues after the rows put back.
        cli.execute("INSERT INTO accounts (name) VALUES ('Cy')");
        assertThat(cli.column("SELECT id FROM accounts WHERE name = 'Cy'")).containsExactly("3");
    }

    @Test
    void aFailureAfterARestoredStatementNamesItsOwnLine() {
        Cli cli = rawSqlProject(MADE_AGAIN + "\nSELECT * FROM no_such_table;");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result plain = cli.run("downgrade", "-1");
        Cli.Result restoring = cli.run("downgrade", "-1", "--restore");

        String at = "c00000000002_drop_accounts.sql, line 12) failed at statement `SELECT * FROM no_such_table`: "
                + "ERROR: relation \"no_such_table\" does not exist";
        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
        assertThat(plain.err()).contains(at);
        assertThat(restoring.exitCode()).as(restoring.toString()).isEqualTo(1);
        assertThat(restoring.err()).contains(at).doesNotContain("\tat ");
        assertThat(cli.versions()).containsExactly("c00000000002");
    }

    @Test
    void theStatementsOfOneExecuteAreCutAfterTheOneThatMakesTheTable() {
        // Were the restore after the whole op.execute, the unique index would be built before the rows came back.
        String created = "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);";
        Cli cli = twoRevisions(created + "\nINSERT INTO accounts (name) VALUES ('Ada'), ('Bo');",
                "op.execute(\"DROP TABLE accounts\");",
                "op.execute(\"" + created + "\\n\"\n"
                        + "        + \"CREATE UNIQUE INDEX accounts_name ON accounts (name)\");");
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "-1", "--restore");

        cli.execute("INSERT INTO accounts (name) VALUES ('Cy')");
        assertThat(cli.column("SELECT id || ':' || name FROM accounts ORDER BY id"))
                .containsExactly("1:Ada", "2:Bo", "3:Cy");
    }

    @Test
    void aRawSerialColumnAddedNotNullIsFilledAndItsSequenceGoesOnAfterTheValues() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE tickets (id int PRIMARY KEY, seq int NOT NULL);\n"
                        + "INSERT INTO tickets VALUES (1, 42), (2, 7);",
                "DROP TABLE tickets;");
        cli.sql("c00000000002", "c00000000001", "drop seq", "ALTER TABLE tickets DROP COLUMN seq;",
                "ALTER TABLE tickets ADD COLUMN seq serial NOT NULL;");
        cli.ok("upgrade", "head", "--backup");

        cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || seq FROM tickets ORDER BY id")).containsExactly("1:42", "2:7");
        cli.execute("INSERT INTO tickets (id) VALUES (3)");
        assertThat(cli.column("SELECT seq FROM tickets WHERE id = 3")).containsExactly("43");
    }

    @Test
    void aSeedInADoBlockKeepsTheRestoreOutAndATableOfTheSameNameElsewhereDoesNot() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE SCHEMA staging;\nCREATE TABLE staging.items (id int PRIMARY KEY);\n"
                        + "CREATE TABLE items (id int PRIMARY KEY, v text);\n"
                        + "INSERT INTO items VALUES (1, 'a'), (2, 'b');\n"
                        + "CREATE TABLE seeded (id int PRIMARY KEY, v text);\nINSERT INTO seeded VALUES (1, 'old');",
                "DROP TABLE seeded;\nDROP TABLE items;\nDROP SCHEMA staging CASCADE;");
        cli.sql("c00000000002", "c00000000001", "drop", "DROP TABLE items;\nDROP TABLE seeded;",
                "CREATE TABLE seeded (id int PRIMARY KEY, v text);\n"
                        + "DO $$ BEGIN INSERT INTO seeded VALUES (1, 'from the do block'); END $$;\n"
                        + "CREATE TABLE items (id int PRIMARY KEY, v text);\n"
                        + "INSERT INTO staging.items VALUES (7);");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || v FROM seeded")).containsExactly("1:from the do block");
        assertThat(r.err()).contains("--restore does not put back table seeded");
        // staging.items is another table: items gets its rows back.
        assertThat(cli.column("SELECT id || ':' || v FROM items ORDER BY id")).containsExactly("1:a", "2:b");
        assertThat(r.err()).doesNotContain("put back table items");
    }

    @Test
    void aTableTheDowngradeFillsItselfKeepsItsOwnRowsAndTheWarningNamesTheCopy() {
        // A table for the step's own use, made, filled, used and dropped by both directions: the upgrade's rows put
        // into the downgrade's would have priced every row from them.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE prices (id int PRIMARY KEY, v int);\nINSERT INTO prices VALUES (1, 100), (2, 250);\n"
                        + "CREATE TABLE audit (id serial PRIMARY KEY, line text);\n"
                        + "INSERT INTO audit (line) VALUES ('one'), ('two');",
                "DROP TABLE audit;\nDROP TABLE prices;");
        cli.sql("c00000000002", "c00000000001", "reprice",
                "CREATE TABLE conv (id int, v int);\nINSERT INTO conv VALUES (1, 1), (2, 3);\n"
                        + "UPDATE prices SET v = conv.v FROM conv WHERE prices.id = conv.id;\nDROP TABLE conv;\n"
                        + "DROP TABLE audit;",
                "CREATE TABLE audit (id serial PRIMARY KEY, line text);\n"
                        + "INSERT INTO audit (line) VALUES ('seeded again');\n"
                        + "CREATE TABLE conv (id int, v int);\nINSERT INTO conv VALUES (1, 999);\n"
                        + "UPDATE prices SET v = conv.v FROM conv WHERE prices.id = conv.id;\nDROP TABLE conv;");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(cli.column("SELECT id || ':' || v FROM prices ORDER BY id")).containsExactly("1:999", "2:3");
        assertThat(cli.column("SELECT id || ':' || line FROM audit ORDER BY id")).containsExactly("1:seeded again");
        assertThat(r.err()).contains("--restore does not put back table audit: the downgrade fills, empties or "
                + "drops it itself (INSERT INTO audit (line) VALUES ('seeded again')), and the saved rows mixed in "
                + "would be neither what it says nor what was saved; they stay in retort_backup.c00000000002_audit.")
                .contains("--restore does not put back table conv");
    }

    @Test
    void aFailureInAStatementOfACutExecuteNamesTheLineOfTheCall() {
        Cli cli = twoRevisions("CREATE TABLE accounts (id int PRIMARY KEY, name text);\n"
                        + "INSERT INTO accounts VALUES (1, 'Ada');",
                "op.execute(\"DROP TABLE accounts\");",
                "op.execute(\"CREATE TABLE accounts (id int PRIMARY KEY, name text); SELECT * FROM no_such_table\");");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.run("downgrade", "-1", "--restore");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("c00000000002_change.java:13) failed at statement `SELECT * FROM no_such_table`");
    }

    @Test
    void printedSqlOfASqlMigrationHoldsItsRestoresAndDoesWhatALiveRunDoes() {
        Cli cli = rawSqlProject(MADE_AGAIN);
        String plain = cli.ok("downgrade", "--sql", "c00000000002:c00000000001").out();
        String script = cli.ok("downgrade", "--sql", "c00000000002:c00000000001", "--restore").out();

        assertThat(script).containsSubsequence("CREATE TABLE accounts", "DO $retort_restore$",
                "-- --restore of table accounts", "ALTER TABLE customers ADD COLUMN nickname text",
                "DO $retort_restore$", "-- --restore of customers.nickname");
        // Besides the restores, the same statements as without --restore, and the session given back after them, as
        // after any code the step runs (a restore's UPDATE fires the table's triggers).
        assertThat(script.replaceAll("(?s)DO \\$retort_restore\\$.*?\\$retort_restore\\$;\n*", "")
                .replaceAll("DO \\$retort\\$.*?\\$retort\\$;\n*", "")).isEqualTo(plain);

        cli.ok("upgrade", "head", "--backup");
        cli.execute(script);

        assertThat(cli.versions()).containsExactly("c00000000001");
        assertThat(cli.column("SELECT id || ':' || name FROM accounts ORDER BY id")).containsExactly("1:Ada", "2:Bo");
        assertThat(cli.column("SELECT id || ':' || coalesce(nickname, '-') FROM customers ORDER BY id"))
                .containsExactly("1:Bee", "2:-");
    }

    @Test
    void aRawNotNullColumnWithoutADefaultIsToldToBeAddedNullableFirst() {
        // The statement fails before anything could fill the column: --restore alone would send the user round.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, note text NOT NULL);\n"
                        + "INSERT INTO customers VALUES (1, 'likes tea');", "DROP TABLE customers;");
        cli.sql("c00000000002", "c00000000001", "drop note", "ALTER TABLE customers DROP COLUMN note;",
                "ALTER TABLE customers ADD COLUMN note text NOT NULL;");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result plain = cli.run("downgrade", "-1");
        Cli.Result restoring = cli.run("downgrade", "-1", "--restore");

        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
        assertThat(plain.err()).contains("contains null values. If the upgrade that dropped the column ran with "
                + "--backup, add it nullable in the downgrade and SET NOT NULL in a statement after it, then run the "
                + "downgrade again with --restore, which fills it in between from that copy (docs/backups.md); "
                + "otherwise give the column a default in the downgrade. The revision was rolled back");
        assertThat(restoring.exitCode()).as(restoring.toString()).isEqualTo(1);
        assertThat(restoring.err()).contains("contains null values. --restore fills a column only once it is there: "
                + "add it nullable in the downgrade and SET NOT NULL in a statement after it, and --restore fills it "
                + "in between from the upgrade's copy (docs/backups.md). The revision was rolled back");
        assertThat(cli.versions()).containsExactly("c00000000002");
        // Made NOT NULL later in the same statement, the column is added NOT NULL all the same.
        cli.sql("c00000000002", "c00000000001", "drop note", "ALTER TABLE customers DROP COLUMN note;",
                "ALTER TABLE customers ADD COLUMN note text, ALTER COLUMN note SET NOT NULL;");
        assertThat(cli.run("downgrade", "-1", "--restore").err()).contains("contains null values. --restore fills a "
                + "column only once it is there: add it nullable in the downgrade and SET NOT NULL in a statement "
                + "after it");

        // As the hint says.
        cli.sql("c00000000002", "c00000000001", "drop note", "ALTER TABLE customers DROP COLUMN note;",
                "ALTER TABLE customers ADD COLUMN note text;\nALTER TABLE customers ALTER COLUMN note SET NOT NULL;");
        cli.ok("downgrade", "-1", "--restore");
        assertThat(cli.column("SELECT id || ':' || note FROM customers")).containsExactly("1:likes tea");
    }

    @Test
    void aRawNotNullColumnWithADefaultIsFilledOverItsDefault() {
        Cli cli = rawSqlProject("ALTER TABLE customers ADD COLUMN nickname text NOT NULL DEFAULT 'none';\n"
                + "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);");
        cli.ok("upgrade", "head", "--backup");
        cli.execute("INSERT INTO customers VALUES (3)");

        cli.ok("downgrade", "-1", "--restore");

        // What was saved replaces the default; a row saved as null, or written since, keeps it: the column is NOT NULL.
        assertThat(cli.column("SELECT id || ':' || nickname FROM customers ORDER BY id"))
                .containsExactly("1:Bee", "2:none", "3:none");
    }

    @Test
    void aCopyFromBeforeAStampIsNotUsed() {
        Cli cli = twoRevisions("CREATE TABLE customers (id int PRIMARY KEY, note text);\n"
                        + "INSERT INTO customers VALUES (1, 'likes tea');",
                "op.dropColumn(\"customers\", \"note\");",
                "op.addColumn(\"customers\", column(\"note\", \"text\"));");
        cli.ok("upgrade", "head", "--backup");
        cli.ok("downgrade", "-1");
        cli.execute("UPDATE customers SET note = 'changed since'");
        // The upgrade done by hand, then marked applied: the copy holds what the column held before the downgrade.
        cli.execute("ALTER TABLE customers DROP COLUMN note");
        cli.ok("stamp", "c00000000002");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).contains("warning: the latest upgrade of revision c00000000002 saved nothing for "
                + "customers.note");
        assertThat(cli.column("SELECT coalesce(note, '-') FROM customers")).containsExactly("-");
    }

    @Test
    void copiesUnderTheNamesARenameGaveThemAreNamedNotDeniedWhenTheDowngradeWantsTheOldNames() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE cust (id int PRIMARY KEY, note text);\nINSERT INTO cust VALUES (1, 'tea'), (2, 'VIP');\n"
                        + "CREATE SCHEMA other;\nCREATE TABLE other.stuff (id int);\n"
                        + "INSERT INTO other.stuff VALUES (7);",
                "DROP SCHEMA other CASCADE;\nDROP TABLE cust;");
        cli.sql("c00000000002", "c00000000001", "rename then drop",
                "ALTER TABLE cust RENAME COLUMN note TO remark;\nALTER TABLE cust DROP COLUMN remark;\n"
                        + "ALTER TABLE other.stuff RENAME TO stuff2;\nDROP TABLE other.stuff2;",
                "ALTER TABLE cust ADD COLUMN note text;\nCREATE TABLE other.stuff (id int);");
        cli.ok("upgrade", "head", "--backup");

        Cli.Result r = cli.ok("downgrade", "-1", "--restore");

        assertThat(r.err()).contains("warning: the latest upgrade of revision c00000000002 saved nothing for cust.note "
                + "by that name, but it saved retort_backup.c00000000002_cust_remark (cust: id, remark), which the "
                + "downgrade does not name (a table or column renamed before it was dropped?): if that holds what "
                + "cust.note had, put it back by hand (see docs/backups.md); the downgrade does what the migration "
                + "says.");
        assertThat(r.err()).contains("warning: the latest upgrade of revision c00000000002 saved nothing for table "
                + "other.stuff by that name, but it saved retort_backup.c00000000002_stuff2 (other.stuff2: *), which");
        assertThat(r.err()).doesNotContain("it ran without --backup");
        assertThat(cli.column("SELECT count(*) FROM cust WHERE note IS NULL")).containsExactly("2");
    }
}
