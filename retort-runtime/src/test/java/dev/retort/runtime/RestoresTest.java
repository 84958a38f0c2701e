package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.AddColumn;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropColumn;
import dev.retort.operation.Execute;
import dev.retort.operation.Identity;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TypeChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@code downgrade --restore} puts its statements among a downgrade's operations, and what it leaves alone. */
class RestoresTest {
    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final QualifiedName CUSTOMERS = QualifiedName.of("customers");
    private static final BackupOwner OWNER = BackupOwner.of(new VersionTable("retort_version", DIALECT), DIALECT);

    private static List<Operation> restoring(Operation... operations) {
        return Restores.restoring(List.of(operations), "c00000000002", new HistoryTable(DIALECT).in("meta"), DIALECT,
                OWNER);
    }

    @Test
    void aNotNullColumnIsAddedNullableFilledThenMadeNotNull() {
        List<Operation> ops = restoring(new AddColumn(CUSTOMERS, ColumnDef.of("note", "text").notNull(), false));

        assertThat(ops).hasSize(3);
        assertThat(ops.get(0)).isEqualTo(new AddColumn(CUSTOMERS, ColumnDef.of("note", "text"), false));
        String restore = ((Execute) ops.get(1)).sql();
        assertThat(restore).startsWith("DO $retort_restore$\n-- --restore of customers.note as the latest upgrade of "
                        + "c00000000002 saved it\n")
                // The latest upgrade's copy, found in the history table where the run keeps it.
                .contains("b.created_at <= (SELECT h.applied_at FROM meta.retort_history h WHERE h.revision = "
                        + "'c00000000002' AND h.direction NOT IN ('partial', 'started') AND h.id = (SELECT max(h.id) "
                        + "FROM meta.retort_history h WHERE h.revision = 'c00000000002' AND h.direction NOT IN "
                        + "('partial', 'started')) AND h.direction = 'upgrade')")
                .contains("b.created_at > coalesce((SELECT h.applied_at FROM meta.retort_history h")
                .contains("right(b.columns, 6) = ', note'")
                .contains("IS NULL', target, 'note') INTO missing");
        assertThat(ops.get(2)).isEqualTo(new AlterColumn(CUSTOMERS, "note", null, false, null, null, null));
    }

    @Test
    void columnsAddedToOneTableOneAfterTheOtherAreFilledByOneBlockThenMadeNotNull() {
        AddColumn note = new AddColumn(CUSTOMERS, ColumnDef.of("note", "text").notNull(), false);
        AddColumn code = new AddColumn(CUSTOMERS, ColumnDef.of("code", "text"), false);
        AddColumn name = new AddColumn(CUSTOMERS, ColumnDef.of("name", "text").notNull(), false);
        AddColumn label = new AddColumn(QualifiedName.of("orders"), ColumnDef.of("label", "text"), false);

        List<Operation> ops = restoring(note, code, name, label);

        assertThat(ops).hasSize(8);
        assertThat(ops.subList(0, 3)).containsExactly(new AddColumn(CUSTOMERS, ColumnDef.of("note", "text"), false),
                code, new AddColumn(CUSTOMERS, ColumnDef.of("name", "text"), false));
        assertThat(((Execute) ops.get(3)).sql()).startsWith("DO $retort_restore$\n-- --restore of customers.note, "
                        + "customers.code, customers.name as the latest upgrade of c00000000002 saved them\n")
                .contains("EXIT column_3;").contains("LEFT JOIN retort_backup.%I AS b2 ON %s'")
                .contains("EXECUTE format('UPDATE %s AS t SET %s FROM %s AS s%s WHERE")
                .contains("IS NULL', target, 'note') INTO missing").contains("IS NULL', target, 'name') INTO missing")
                .doesNotContain("IS NULL', target, 'code') INTO missing");
        assertThat(ops.subList(4, 6)).containsExactly(new AlterColumn(CUSTOMERS, "note", null, false, null, null, null),
                new AlterColumn(CUSTOMERS, "name", null, false, null, null, null));
        // Another table's column has a block of its own.
        assertThat(ops.get(6)).isEqualTo(label);
        assertThat(((Execute) ops.get(7)).sql()).contains("--restore of orders.label as the latest upgrade of "
                + "c00000000002 saved it\n");
    }

    @Test
    void namesThatLookLikeTheBlocksPlaceholdersAreKeptAsWritten() {
        String restore = ((Execute) restoring(new Execute("ALTER TABLE \"{stale}\" ADD COLUMN \"{savedOnly}\" text "
                + "NOT NULL DEFAULT ''")).get(1)).sql();

        // A quoted name may hold braces: the column filled, and the table in the messages, are those names.
        assertThat(restore).contains("FROM retort_backup.%I AS b WHERE %s AND b.%I IS NOT NULL', target,\n"
                        + "        '{savedOnly}', listed[cardinality(listed)]")
                .contains("to_regclass('\"{stale}\"')")
                .contains("saved nothing for {stale}.{savedOnly} (it ran")
                .doesNotContain("{warning}").doesNotContain("{schema}");
    }

    @Test
    void aNullableColumnAndATableAreFollowedByTheirRestoreAndARetypeIsNot() {
        CreateTable events = new CreateTable(QualifiedName.of("events"), List.of(ColumnDef.of("id", "int")), List.of(),
                null, false);
        AddColumn note = new AddColumn(CUSTOMERS, ColumnDef.of("note", "text"), false);
        AlterColumn code = new AlterColumn(CUSTOMERS, "code", new TypeChange("text", null), null,
                null, null, "label");

        List<Operation> ops = restoring(events, note, code);

        assertThat(ops).hasSize(5);
        assertThat(ops.get(0)).isEqualTo(events);
        assertThat(((Execute) ops.get(1)).sql()).contains("--restore of table events")
                .contains("b.columns IS NULL AND (b.backup_table = 'c00000000002_events'")
                .contains("OVERRIDING SYSTEM VALUE").contains("setval");
        assertThat(ops.get(2)).isEqualTo(note);
        assertThat(((Execute) ops.get(3)).sql()).contains("--restore of customers.note").doesNotContain("missing > 0");
        // Its copy would undo changes the application made since the upgrade.
        assertThat(ops.get(4)).isEqualTo(code);
    }

    @Test
    void whatMayBeThereAlreadyWhatTheServerFillsAndOtherOperationsAreLeftAlone() {
        List<Operation> alone = List.of(
                new AddColumn(CUSTOMERS, ColumnDef.of("note", "text").notNull(), true),
                new CreateTable(QualifiedName.of("events"), List.of(ColumnDef.of("id", "int")), List.of(), null, true),
                new AddColumn(CUSTOMERS, ColumnDef.of("n", "bigint").identity(Identity.ALWAYS), false),
                new AddColumn(CUSTOMERS, ColumnDef.of("size", "int").generatedAs("length(name)"), false),
                new AddColumn(CUSTOMERS, ColumnDef.of("id2", "int").primaryKey(true), false),
                new AlterColumn(CUSTOMERS, "name", null, false, null, null, null),
                new DropColumn(CUSTOMERS, "name", false, false),
                new Execute("ALTER TABLE customers ADD COLUMN IF NOT EXISTS x int"),
                new Execute("CREATE TABLE IF NOT EXISTS events (id int); CREATE TEMP TABLE t (id int)"),
                new Execute("ALTER TABLE customers ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY"),
                new Execute("ALTER TABLE customers ADD COLUMN id2 int PRIMARY KEY"),
                new Execute("DO $$ BEGIN CREATE TABLE events (id int); END $$; SELECT 'CREATE TABLE x (a int)'"));

        assertThat(Restores.restoring(alone, "c00000000002", new HistoryTable(DIALECT), DIALECT, OWNER))
                .isEqualTo(alone);
    }

    @Test
    void aRawCreateTableIsFollowedByTheTablesRestore() {
        // A SQL migration's statement: one operation each.
        Execute create = new Execute("CREATE TABLE \"Shop\".Accounts (id bigint GENERATED ALWAYS AS IDENTITY, "
                + "name text)");

        List<Operation> ops = restoring(create);

        assertThat(ops).hasSize(2);
        assertThat(ops.get(0)).isEqualTo(create);
        assertThat(((Execute) ops.get(1)).sql()).contains("--restore of table Shop.accounts")
                .contains("to_regclass('\"Shop\".accounts')")
                .contains("b.columns IS NULL AND (b.backup_table = 'c00000000002_accounts'")
                .contains("OVERRIDING SYSTEM VALUE").contains("setval");
    }

    @Test
    void rawSqlIsCutAfterEachStatementThatMakesSomethingAgainAndSendsTheSameStatements() {
        Execute sql = new Execute("""
                CREATE TABLE accounts (id int); -- the table again
                INSERT INTO log VALUES ('CREATE TABLE x (a int); ALTER TABLE customers ADD COLUMN y int');
                ALTER TABLE customers ADD COLUMN note text, ADD COLUMN code text NOT NULL DEFAULT '';
                SELECT /* kept */ 1;
                """);

        List<Operation> ops = restoring(sql);

        assertThat(ops).hasSize(6);
        assertThat(ops.get(0)).isEqualTo(new Execute("CREATE TABLE accounts (id int)"));
        assertThat(((Execute) ops.get(1)).sql()).contains("--restore of table accounts");
        assertThat(ops.get(2)).isEqualTo(new Execute(
                "INSERT INTO log VALUES ('CREATE TABLE x (a int); ALTER TABLE customers ADD COLUMN y int')"));
        assertThat(ops.get(3)).isEqualTo(new Execute(
                "ALTER TABLE customers ADD COLUMN note text, ADD COLUMN code text NOT NULL DEFAULT ''"));
        // Both columns in one block. The default of code filled the rows; the saved values replace it, but for a null
        // (it is NOT NULL).
        assertThat(((Execute) ops.get(4)).sql()).contains("--restore of customers.note, customers.code as")
                .contains("LEFT JOIN retort_backup.%I AS b2 ON %s AND b2.%I IS NOT NULL'")
                .doesNotContain("AS b1 ON %s AND").doesNotContain("missing > 0");
        assertThat(ops.get(5)).isEqualTo(new Execute("SELECT /* kept */ 1"));
        // Without the restores, the statements the SQL sends, as it sends them.
        List<String> sent = ops.stream().filter(op -> !((Execute) op).sql().startsWith("DO $retort_restore$"))
                .flatMap(op -> DIALECT.render(op).stream()).toList();
        assertThat(sent).isEqualTo(DIALECT.render(sql));
    }

    @Test
    void aRawNotNullColumnIsFilledWhereTheStatementSucceedsKeepingWhatASavedNullCannotReplace() {
        // On a table with rows the statement itself fails (the failure says what to change); a serial's sequence, a
        // domain's default or an empty table let it through.
        Execute add = new Execute("ALTER TABLE customers ADD COLUMN seq serial NOT NULL");

        List<Operation> ops = restoring(add);

        assertThat(ops).hasSize(2);
        assertThat(ops.get(0)).isEqualTo(add);
        assertThat(((Execute) ops.get(1)).sql()).contains("--restore of customers.seq")
                .contains("AND b.%I IS NOT NULL").contains("pg_get_serial_sequence");
    }

    @Test
    void aTableTheStepFillsOrDropsAfterMakingItIsOnlyWarnedAboutWhenTheServerFindsItIsThatTable() {
        CreateTable events = new CreateTable(QualifiedName.of("events"), List.of(ColumnDef.of("id", "int")), List.of(),
                null, false);
        List<Operation> ops = restoring(events,
                new Execute("CREATE INDEX ON events (id)"),
                new Execute("UPDATE events SET id = id + 1"),
                new Execute("WITH moved AS (DELETE FROM events_old RETURNING *) INSERT INTO public.events SELECT * "
                        + "FROM moved"),
                new Execute("CREATE TABLE conv (id int, v int); INSERT INTO conv VALUES (1, 999); "
                        + "UPDATE prices SET v = conv.v FROM conv WHERE prices.id = conv.id; DROP TABLE conv"),
                new Execute("CREATE TABLE kept (id int); SELECT 'INSERT INTO kept VALUES (1)'"));

        List<String> restores = ops.stream().filter(op -> op instanceof Execute).map(op -> ((Execute) op).sql())
                .filter(sql -> sql.startsWith("DO $retort_restore$")).toList();
        assertThat(restores).hasSize(3);
        String warned = "--restore does not put back table ";
        // Whether public.events is the events just made, the server tells when the restore runs.
        assertThat(restores.get(0)).contains("    IF target = to_regclass('public.events') THEN\n        written := "
                        + "'WITH moved AS (DELETE FROM events_old RETURNING *) INSERT INTO public.events ...';\n")
                .contains(warned + "events: the downgrade fills, empties or drops it itself (%s)")
                .contains("IF NOT (written IS NOT NULL) THEN RAISE WARNING").contains("INSERT INTO %s");
        assertThat(restores.get(1)).contains("IF target = to_regclass('conv') THEN\n        written := 'INSERT INTO "
                + "conv VALUES (1, 999)';\n").contains(warned + "conv");
        assertThat(restores.get(2)).doesNotContain(warned).doesNotContain("written :=")
                .contains("OVERRIDING SYSTEM VALUE");
    }
}
