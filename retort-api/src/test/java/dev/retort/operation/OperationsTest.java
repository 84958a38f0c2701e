package dev.retort.operation;

import static dev.retort.operation.Operations.check;
import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;
import static dev.retort.operation.Operations.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Migration;
import dev.retort.RetortException;
import dev.retort.Revision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationsTest {
    private final Operations op = new Operations();

    @Revision(id = "1a2b3c4d5e6f", down = "0f9e8d7c6b5a", message = "add user phone number", created = "2026-11-25T10:00:00")
    static class AddUserPhoneNumber implements Migration {
        @Override
        public void upgrade(Operations op) {
            op.addColumn("users", column("phone_number", "varchar(20)"));
        }

        @Override
        public void downgrade(Operations op) {
            op.dropColumn("users", "phone_number");
        }
    }

    @Test
    void aMigrationRecordsItsOperationsWithoutADatabase() {
        Operations up = new Operations();
        new AddUserPhoneNumber().upgrade(up);
        Operations down = new Operations();
        new AddUserPhoneNumber().downgrade(down);

        assertThat(up.operations()).containsExactly(
                new AddColumn(QualifiedName.of("users"), ColumnDef.of("phone_number", "varchar(20)"), false));
        assertThat(down.operations()).containsExactly(
                new DropColumn(QualifiedName.of("users"), "phone_number", false, false));
    }

    @Test
    void operationsKeepTheOrderTheyWereRecordedIn() {
        op.createSchema("app");
        op.execute("SELECT 1");
        op.dropTable("old");

        assertThat(op.operations()).extracting(Object::getClass)
                .containsExactly(CreateSchema.class, Execute.class, DropTable.class);
    }

    @Test
    void fluentOptionsEndUpInTheImmutableRecord() {
        op.createIndex("ix_users_email", "users", "email").unique().concurrently().schema("app");

        assertThat(op.operations()).containsExactly(new CreateIndex("ix_users_email", QualifiedName.of("app", "users"),
                List.of(IndexElement.column("email")), true, null, List.of(), null, false, true));
    }

    @Test
    void optionsGivenAfterLaterOperationsStillApplyToTheirOwn() {
        DropBuilder drop = op.dropTable("a");
        op.dropTable("b");
        drop.ifExists().cascade();

        assertThat(op.operations()).containsExactly(
                new DropTable(QualifiedName.of("a"), true, true),
                new DropTable(QualifiedName.of("b"), false, false));
    }

    @Test
    void aColumnIsDroppedFromItsTableAloneWithOnlyAndItsNotNullFirstWhenAsked() {
        op.dropColumn("vehicles", "name").only();
        op.dropColumn("vehicles", "code").schema("fleet").only().dropNotNullFirst();
        op.dropColumn("vehicles", "note").ifExists().cascade();

        assertThat(op.operations()).containsExactly(
                new DropColumn(QualifiedName.of("vehicles"), "name", false, false, true, false),
                new DropColumn(QualifiedName.of("fleet", "vehicles"), "code", false, false, true, true),
                new DropColumn(QualifiedName.of("vehicles"), "note", true, true, false, false));
    }

    @Test
    void aNotNullIsDroppedFirstOnlyFromAColumnDroppedFromItsTableAlone() {
        op.dropColumn("vehicles", "code").dropNotNullFirst();

        assertThatThrownBy(op::operations).isInstanceOf(RetortException.class).hasMessage("Column code of table "
                + "vehicles drops its NOT NULL first only when it is dropped from the table alone; add .only() or "
                + "leave out .dropNotNullFirst().");
        assertThatThrownBy(() -> new DropColumn(QualifiedName.of("vehicles"), "code", true, false, true, true))
                .isInstanceOf(RetortException.class).hasMessageContaining("both with IF EXISTS and its NOT NULL first");
    }

    @Test
    void extensionsTakeTheirSchemaAndGuards() {
        op.createExtension("citext");
        op.createExtension("pg_trgm").schema("ext").ifNotExists();
        op.dropExtension("pg_trgm").ifExists().cascade();
        op.setExtensionSchema("citext", "ext");

        assertThat(op.operations()).containsExactly(
                new CreateExtension("citext", null, false),
                new CreateExtension("pg_trgm", "ext", true),
                new DropExtension("pg_trgm", true, true),
                new SetExtensionSchema("citext", "ext"));
    }

    @Test
    void anExtensionNeedsAName() {
        op.createExtension("");

        assertThatThrownBy(op::operations).isInstanceOf(RetortException.class)
                .hasMessage("The name of the extension to create is missing; give it a name.");
    }

    @Test
    void createTableSeparatesColumnsFromConstraints() {
        op.createTable("orders",
                column("id", "bigint").identity(Identity.ALWAYS),
                column("user_id", "bigint").notNull(),
                primaryKey("id").named("pk_orders"),
                foreignKey("user_id", "users", "id").onDelete(ForeignKeyAction.CASCADE),
                check("id > 0"),
                unique("user_id").deferrable()).comment("Orders").ifNotExists();

        CreateTable table = (CreateTable) op.operations().get(0);
        assertThat(table.columns()).extracting(ColumnDef::name).containsExactly("id", "user_id");
        assertThat(table.constraints()).hasSize(4).first().isEqualTo(new PrimaryKeyDef("pk_orders", List.of("id")));
        assertThat(table.comment()).isEqualTo("Orders");
        assertThat(table.ifNotExists()).isTrue();
    }

    @Test
    void autocommitWrapsTheOperationsOfItsBlock() {
        op.addEnumValue("status", "archived");
        op.autocommit(() -> {
            op.createIndex("ix_a", "t", "a").concurrently();
            op.autocommit(() -> op.dropIndex("ix_b").concurrently());
        });
        op.execute("UPDATE t SET status = 'archived'");

        List<Operation> operations = op.operations();
        assertThat(operations).hasSize(3);
        assertThat(operations.get(0).requiresAutocommit()).isFalse();
        Autocommit block = (Autocommit) operations.get(1);
        assertThat(block.requiresAutocommit()).isTrue();
        assertThat(block.operations()).extracting(Object::getClass).containsExactly(CreateIndex.class, DropIndex.class);
        assertThat(block.operations()).allMatch(Operation::requiresAutocommit);
        assertThat(operations.get(2)).isInstanceOf(Execute.class);
    }

    @Test
    void anEmptyAutocommitBlockRecordsNothing() {
        op.autocommit(() -> { });

        assertThat(op.operations()).isEmpty();
    }

    @Test
    void aFailingAutocommitBlockLeavesLaterOperationsOutsideIt() {
        assertThatThrownBy(() -> op.autocommit(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        op.execute("SELECT 1");

        assertThat(op.operations()).containsExactly(new Execute("SELECT 1"));
    }

    @Test
    void onlyConcurrentIndexOperationsRequireAutocommit() {
        op.createIndex("a", "t", "x");
        op.createIndex("b", "t", "x").concurrently();
        op.dropIndex("c");
        op.dropIndex("d").concurrently();

        assertThat(op.operations()).extracting(Operation::requiresAutocommit).containsExactly(false, true, false, true);
    }

    @Test
    void alterColumnCollectsItsChanges() {
        op.alterColumn("users", "age").type("integer", "age::integer").nullable(false).dropDefault()
                .comment(null).rename("age_years");

        assertThat(op.operations()).containsExactly(new AlterColumn(QualifiedName.of("users"), "age",
                new TypeChange("integer", "age::integer"), false, DefaultChange.drop(), CommentChange.remove(),
                "age_years"));
    }

    @Test
    void constraintHelpersMakeAddConstraint() {
        op.createPrimaryKey("pk_t", "t", "a", "b");
        op.createUniqueConstraint("uq_t", "t", "c").initiallyDeferred();
        op.createForeignKey("fk_t", "t", "u", List.of("u_id"), List.of("id")).referentSchema("auth")
                .onUpdate(ForeignKeyAction.SET_NULL).match(ForeignKeyMatch.FULL).schema("app");
        op.createCheckConstraint("ck_t", "t", "a > 0");

        assertThat(op.operations()).containsExactly(
                new AddConstraint(QualifiedName.of("t"), new PrimaryKeyDef("pk_t", List.of("a", "b"))),
                new AddConstraint(QualifiedName.of("t"), new UniqueDef("uq_t", List.of("c"), Deferral.INITIALLY_DEFERRED)),
                new AddConstraint(QualifiedName.of("app", "t"), new ForeignKeyDef("fk_t", List.of("u_id"),
                        QualifiedName.of("auth", "u"), List.of("id"), ForeignKeyAction.NO_ACTION,
                        ForeignKeyAction.SET_NULL, ForeignKeyMatch.FULL, Deferral.NOT_DEFERRABLE)),
                new AddConstraint(QualifiedName.of("t"), new CheckDef("ck_t", "a > 0")));
    }

    @Test
    void sequencesCarryOnlyTheSettingsGiven() {
        op.createSequence("seq").start(10).increment(5).cycle(false).ownedBy("t", "id").ifNotExists();
        op.alterSequence("seq").restartWith(100);

        assertThat(op.operations()).containsExactly(
                new CreateSequence(QualifiedName.of("seq"), SequenceOptions.UNSPECIFIED.start(10).increment(5)
                        .cycle(false).ownedBy(new SequenceOwner("t", "id")), true),
                new AlterSequence(QualifiedName.of("seq"), SequenceOptions.UNSPECIFIED, 100L));
    }

    @Test
    void bulkInsertFromMapsWritesColumnsInAlphabeticalOrder() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "admin");
        first.put("id", 1);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", 2);
        second.put("name", null);
        op.bulkInsert("roles", List.of(first, second));

        BulkInsert insert = (BulkInsert) op.operations().get(0);
        assertThat(insert.columns()).containsExactly("id", "name");
        assertThat(insert.rows()).containsExactly(List.of(1, "admin"), java.util.Arrays.asList(2, null));
    }

    @Test
    void bulkInsertRowsMustShareTheirColumns() {
        assertThatThrownBy(() -> op.bulkInsert("roles", List.of(Map.of("id", 1), Map.of("id", 2, "name", "x"))))
                .isInstanceOf(RetortException.class)
                .hasMessage("Row 2 of the bulk insert into roles has columns [id, name] but row 1 has [id]; "
                        + "give every row the same columns.");
    }

    @Test
    void anEmptyBulkInsertRecordsNothing() {
        op.bulkInsert("roles", List.of());

        assertThat(op.operations()).isEmpty();
    }

    @Test
    void typedBulkInsertRowsCheckTheirWidthAndValueTypes() {
        op.bulkInsert("roles", "id", "name").row(1, "admin").row(2);
        assertThatThrownBy(op::operations).isInstanceOf(RetortException.class)
                .hasMessageContaining("Row 2 of the bulk insert into roles has 1 value(s) for 2 column(s) (id, name)");

        Operations other = new Operations();
        other.bulkInsert("roles", "id", "created").row(1, new java.util.Date());
        assertThatThrownBy(other::operations).isInstanceOf(RetortException.class)
                .hasMessageContaining("Column created in row 1 of the bulk insert into roles holds a java.util.Date");
    }

    @Test
    void bulkInsertCopiesByteArrays() {
        byte[] bytes = {1, 2};
        op.bulkInsert("blobs", "data").row((Object) bytes);
        bytes[0] = 9;

        BulkInsert insert = (BulkInsert) op.operations().get(0);
        assertThat((byte[]) insert.rows().get(0).get(0)).containsExactly(1, 2);
    }

    @Test
    void recordsCopyTheirLists() {
        List<String> values = new ArrayList<>(List.of("a", "b"));
        CreateEnum created = new CreateEnum(QualifiedName.of("kind"), values);
        values.add("c");

        assertThat(created.values()).containsExactly("a", "b");
        assertThatThrownBy(() -> created.values().add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> op.operations().add(new Execute("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void columnRefinementsReturnChangedCopies() {
        ColumnDef plain = column("status", "text");
        ColumnDef refined = plain.notNull().defaultExpression("'new'").comment("state").collation("C").unique(true);

        assertThat(plain.nullable()).isTrue();
        assertThat(refined).isEqualTo(new ColumnDef("status", "text", false, "'new'", Identity.NONE, null, false, true,
                "state", "C"));
    }

    /** Records through a helper of its own and inside an autocommit block, so each call has its own line. */
    static class TracedMigration implements Migration {
        static final int FIRST = new Throwable().getStackTrace()[0].getLineNumber() + 4;

        @Override
        public void upgrade(Operations op) {
            op.execute("SELECT 1");
            op.autocommit(() -> {
                op.execute("VACUUM");
                helper(op);
            });
            op.add(new Autocommit(List.of(new Execute("SELECT 2"), new Execute("SELECT 3"))));
        }

        private static void helper(Operations op) {
            op.dropTable("t");
        }

        @Override
        public void downgrade(Operations op) {
        }
    }

    @Test
    void aTracedRecorderNotesTheLineOfEachCallInTheMigrationsClass() {
        Operations traced = new Operations(TracedMigration.class);
        new TracedMigration().upgrade(traced);

        int first = TracedMigration.FIRST;
        assertThat(Autocommit.flatten(traced.operations())).hasSize(5);
        assertThat(traced.callers()).extracting(StackTraceElement::getLineNumber)
                .containsExactly(first, first + 2, first + 9, first + 5, first + 5);
        assertThat(traced.callers()).extracting(StackTraceElement::getFileName).containsOnly("OperationsTest.java");
        assertThat(op.callers()).isEmpty();
        op.execute("SELECT 1");
        assertThat(op.callers()).containsExactly((StackTraceElement) null);
    }

    @Revision(id = "2b3c4d5e6f70", down = "1a2b3c4d5e6f", message = "orders per tenant")
    static class OrdersPerTenant implements Migration {
        @Override
        public void upgrade(Operations op) {
            String table = op.argument("tenant").orElse("shared") + "_orders";
            op.createTable(table, column("id", "int"));
            if (op.argument("data").map(Boolean::parseBoolean).orElse(false)) {
                op.execute("INSERT INTO " + table + " VALUES (1)");
            }
        }

        @Override
        public void downgrade(Operations op) {
            op.dropTable(op.argument("tenant").orElse("shared") + "_orders");
        }
    }

    @Test
    void aMigrationReadsTheRunsArgumentsToDecideWhatToRecord() {
        Operations acme = new Operations(Map.of("tenant", "acme", "data", "true"));
        new OrdersPerTenant().upgrade(acme);

        assertThat(acme.operations()).containsExactly(new CreateTable(QualifiedName.of("acme_orders"),
                List.of(ColumnDef.of("id", "int")), List.of(), null, false), new Execute("INSERT INTO acme_orders VALUES (1)"));
        assertThat(acme.argument("tenant")).contains("acme");
        assertThat(acme.argument("missing")).isEqualTo(Optional.empty());

        new OrdersPerTenant().upgrade(op);
        assertThat(op.operations()).containsExactly(new CreateTable(QualifiedName.of("shared_orders"),
                List.of(ColumnDef.of("id", "int")), List.of(), null, false));
        assertThat(op.argument("tenant")).isEmpty();
        assertThat(op.arguments()).isEmpty();
    }

    @Test
    void theArgumentsKeepTheirOrderLeaveOutTheDatabaseUrlAndCannotBeChanged() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("tenant", "acme");
        given.put("url", "postgresql://app:s3cret@db/app");
        given.put("data", "");
        Operations withUrl = new Operations(OrdersPerTenant.class, given);
        given.put("late", "1");

        assertThat(withUrl.arguments()).containsExactly(Map.entry("tenant", "acme"), Map.entry("data", ""));
        assertThat(withUrl.argument("url")).isEmpty();
        assertThat(withUrl.arguments().toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> withUrl.arguments().put("url", "x")).isInstanceOf(UnsupportedOperationException.class);

        new OrdersPerTenant().upgrade(withUrl);
        assertThat(withUrl.callers()).extracting(StackTraceElement::getMethodName).containsExactly("upgrade");
    }

    @Test
    void theDatabaseUrlIsLeftOutInAnyCase() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("URL", "postgresql://app:s3cret@db/app");
        given.put("tenant", "acme");
        given.put("Url", "postgresql://app:s3cret@db/other");
        Operations op = new Operations(given);

        assertThat(op.arguments()).containsExactly(Map.entry("tenant", "acme"));
        assertThat(op.argument("URL")).isEmpty();
        assertThat(op.argument("Url")).isEmpty();
    }

    @Test
    void aMissingArgumentMapOrNameSaysWhatIsMissing() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("tenant", null);

        assertThatThrownBy(() -> new Operations((Map<String, String>) null)).isInstanceOf(RetortException.class)
                .hasMessage("The map of -x arguments is missing.");
        assertThatThrownBy(() -> new Operations(nullValue)).isInstanceOf(RetortException.class)
                .hasMessage("The value of -x argument tenant is missing.");
        assertThatThrownBy(() -> op.argument(null)).isInstanceOf(RetortException.class)
                .hasMessage("The name of the -x argument is missing.");
    }

    @Test
    void anOperationFromAnotherThreadIsRefusedThereAndWhenTheOperationsAreAsked() throws Exception {
        Operations recorder = new Operations();
        recorder.execute("INSERT INTO par VALUES (0)");
        List<Throwable> thrown = new ArrayList<>();
        Thread other = new Thread(() -> {
            try {
                recorder.execute("INSERT INTO par VALUES (1)");
            } catch (RuntimeException e) {
                thrown.add(e); // a migration's code may swallow it: operations() refuses all the same
            }
        }, "worker-1");
        other.start();
        other.join();
        String refusal = "an operation was recorded from thread 'worker-1', not from the one that runs the migration; "
                + "record operations from that thread alone (not in a parallel stream or another thread), as their "
                + "order is then fixed, the same for a run and for --sql.";
        assertThat(thrown).singleElement().isInstanceOf(RetortException.class).hasFieldOrPropertyWithValue("message",
                refusal);
        assertThatThrownBy(recorder::operations).isInstanceOf(RetortException.class).hasMessage(refusal);
    }
}
