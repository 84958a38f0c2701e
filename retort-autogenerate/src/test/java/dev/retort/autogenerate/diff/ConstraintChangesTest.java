package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.fk;
import static dev.retort.autogenerate.diff.TestSchemas.index;
import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropIndex;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TypeChange;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Primary keys, unique, foreign-key and check constraints, and indexes of tables that stay. */
class ConstraintChangesTest {
    private static final QualifiedName USERS = QualifiedName.of("users");
    private static final QualifiedName ORDERS = QualifiedName.of("orders");
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void addsAndDropsAPrimaryKey() {
        Table without = table("users").column(ColumnDef.of("id", "integer").notNull()).build();
        Table with = table("users").column(ColumnDef.of("id", "integer").notNull()).primaryKey("users_pkey", "id")
                .build();

        SchemaDiff diff = differ.diff(schema(without), schema(with));

        assertThat(diff.upgrade()).containsExactly(new Change(new AddConstraint(USERS,
                new PrimaryKeyDef("users_pkey", List.of("id"))), "add primary key users_pkey on users (id)", false,
                null));
        assertThat(diff.downgrade()).containsExactly(new Change(new DropConstraint(USERS, "users_pkey", false, false),
                "drop primary key users_pkey on users (id)", false, null));
    }

    @Test
    void aChangedUniqueConstraintIsDroppedThenAdded() {
        Table before = keyed("users").column("email", "text").column("tenant", "integer")
                .unique("users_email_key", "email").build();
        Table after = keyed("users").column("email", "text").column("tenant", "integer")
                .unique("users_email_key", "tenant", "email").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        // An email unique per tenant takes the same email twice in two tenants, which the old rule refused.
        assertThat(diff.upgrade()).containsExactly(
                new Change(new DropConstraint(USERS, "users_email_key", false, false),
                        "drop unique constraint users_email_key on users (email)", false, lostRule("(email)", "users")),
                new Change(new AddConstraint(USERS, new UniqueDef("users_email_key", List.of("tenant", "email"), null)),
                        "add unique constraint users_email_key on users (tenant, email)", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new DropConstraint(USERS, "users_email_key", false, false),
                new AddConstraint(USERS, new UniqueDef("users_email_key", List.of("email"), null)));
        assertThat(diff.downgrade()).extracting(Change::warning).containsOnlyNulls();
    }

    @Test
    void keysWhoseIncludedColumnsChangeAreDroppedThenAddedWithoutAWarning() {
        PrimaryKeyDef key = new PrimaryKeyDef("users_pkey", List.of("id"), List.of("email"));
        UniqueDef email = new UniqueDef("users_email_key", List.of("email"), null, false, List.of("id"));
        Table before = table("users").column(ColumnDef.of("id", "integer").notNull()).column("email", "text")
                .primaryKey(key).unique(email).build();
        Table after = table("users").column(ColumnDef.of("id", "integer").notNull()).column("email", "text")
                .primaryKey("users_pkey", "id").unique("users_email_key", "email").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        // The keys refuse the same rows either way: nothing to warn of.
        assertThat(diff.upgrade()).containsExactlyInAnyOrder(
                new Change(new DropConstraint(USERS, "users_email_key", false, false),
                        "drop unique constraint users_email_key on users (email) include (id)", false, null),
                new Change(new DropConstraint(USERS, "users_pkey", false, false),
                        "drop primary key users_pkey on users (id) include (email)", false, null),
                new Change(new AddConstraint(USERS, new PrimaryKeyDef("users_pkey", List.of("id"))),
                        "add primary key users_pkey on users (id)", false, null),
                new Change(new AddConstraint(USERS, new UniqueDef("users_email_key", List.of("email"), null)),
                        "add unique constraint users_email_key on users (email)", false, null));
        assertThat(diff.downgrade()).extracting(Change::operation).contains(new AddConstraint(USERS, key),
                new AddConstraint(USERS, email));
    }

    @Test
    void aPartialUniqueIndexTheModelLacksIsDroppedWithAWarning() {
        Index partial = new Index("uq_active_email", true, "btree", List.of(IndexElement.column("email")), List.of(),
                "(deleted_at IS NULL)");
        Table before = keyed("users").column("email", "text").column("deleted_at", "timestamp").index(partial).build();
        Table after = keyed("users").column("email", "text").column("deleted_at", "timestamp").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgrade()).containsExactly(new Change(new DropIndex(QualifiedName.of("uq_active_email"),
                false, false, false), "drop unique index uq_active_email on users (email) where (deleted_at IS NULL)",
                false, lostRule("(email)", "users where (deleted_at IS NULL)")));
        // The way back creates it again; nothing to warn of.
        assertThat(diff.downgrade()).extracting(Change::warning).containsOnlyNulls();
    }

    @Test
    void anExpressionUniqueIndexIsNamedAsItReads() {
        Index lower = new Index("uq_lower_email", true, "btree", List.of(IndexElement.expression("lower(email)")),
                List.of(), null);

        SchemaDiff diff = differ.diff(schema(keyed("users").column("email", "text").index(lower).build()),
                schema(keyed("users").column("email", "text").build()));

        assertThat(diff.upgrade().get(0).warning()).startsWith("nothing in the model keeps (lower(email)) unique on "
                + "users,");
    }

    @Test
    void aUniqueRuleKeptByAnotherKeyOrGoingWithItsColumnIsNotWarnedOf() {
        Index uniqueIndex = new Index("uq_code", true, "btree", List.of(IndexElement.column("code")), List.of(), null);
        Index partial = new Index("uq_live_code", true, "btree", List.of(IndexElement.column("code"),
                IndexElement.column("region")), List.of(), "(live)");
        Table before = keyed("users").column("code", "text").column("region", "text").column("live", "boolean")
                .column("legacy", "text").index(uniqueIndex).index(partial).unique("uq_legacy", "legacy").build();
        // The unique index becomes a constraint, the partial one is covered by it, the legacy column goes.
        Table after = keyed("users").column("code", "text").column("region", "text").column("live", "boolean")
                .unique("users_code_key", "code").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgrade()).extracting(Change::description).contains("drop unique index uq_code on users (code)",
                "drop column users.legacy");
        assertThat(diff.upgrade()).extracting(Change::warning).containsOnlyNulls();
    }

    @Test
    void aForeignKeyThatOnlyChangesItsActionOrDeferralSaysWhatChanged() {
        Table users = keyed("users").build();
        Table cascading = keyed("orders").column("user_id", "bigint")
                .foreignKey(fk("orders_user_fk", "user_id", "users")
                .onDelete(ForeignKeyAction.CASCADE).initiallyDeferred()).build();
        Table plain = keyed("orders").column("user_id", "bigint").foreignKey(fk("orders_user_fk", "user_id", "users"))
                .build();

        SchemaDiff diff = differ.diff(schema(users, cascading), schema(users, plain));

        // Two lines that read the same would hide that deletes stop cascading and the check is no longer deferred.
        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop foreign key orders_user_fk on orders (user_id) -> users (id) on delete cascade deferrable "
                        + "initially deferred",
                "add foreign key orders_user_fk on orders (user_id) -> users (id)");
    }

    private static String lostRule(String keys, String table) {
        return "nothing in the model keeps " + keys + " unique on " + table + ", so once this runs the table takes "
                + "the duplicates it refuses now. If the rule should stay, declare it in the model (a unique column, a "
                + "unique constraint or index); if the model cannot (a partial or expression index, in JPA), delete "
                + "this step and its downgrade's create, and `retort check` will go on listing it.";
    }

    @Test
    void aChangedCheckIsDroppedThenAdded() {
        Table before = keyed("users").column("age", "integer").check("ck_age", "(age > 0)").build();
        Table after = keyed("users").column("age", "integer").check("ck_age", "(age >= 18)").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgrade()).containsExactly(
                new Change(new DropConstraint(USERS, "ck_age", false, false),
                        "drop check constraint ck_age on users ((age > 0))", false, null),
                new Change(new AddConstraint(USERS, new CheckDef("ck_age", "(age >= 18)")),
                        "add check constraint ck_age on users ((age >= 18))", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(new DropConstraint(USERS, "ck_age", false, false),
                new AddConstraint(USERS, new CheckDef("ck_age", "(age > 0)")));
    }

    @Test
    void addsAForeignKeyAfterTheColumnItUsesAndDropsItFirst() {
        Table users = keyed("users").build();
        Table before = keyed("orders").build();
        Table after = keyed("orders").column("user_id", "integer").foreignKey(fk("orders_user_id_fkey", "user_id",
                "users")).build();

        SchemaDiff diff = differ.diff(schema(users, before), schema(users, after));

        assertThat(diff.upgrade()).containsExactly(
                new Change(new AddColumn(ORDERS, ColumnDef.of("user_id", "integer"), false),
                        "add column orders.user_id integer", false, null),
                new Change(new AddConstraint(ORDERS, fk("orders_user_id_fkey", "user_id", "users")),
                        "add foreign key orders_user_id_fkey on orders (user_id) -> users (id)", false, null));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new DropConstraint(ORDERS, "orders_user_id_fkey", false, false),
                        "drop foreign key orders_user_id_fkey on orders (user_id) -> users (id)", false, null),
                new Change(new DropColumn(ORDERS, "user_id", false, false),
                        "drop column orders.user_id", true, null));
    }

    @Test
    void aForeignKeyOverRetypedColumnsIsDroppedBeforeAndAddedAfter() {
        ForeignKeyDef fk = fk("orders_user_id_fkey", "user_id", "users");
        DatabaseSchema current = schema(keyed("users").build(),
                keyed("orders").column("user_id", "integer").foreignKey(fk).build());
        DatabaseSchema desired = schema(
                table("users").column(ColumnDef.of("id", "bigint").notNull()).primaryKey("users_pkey", "id").build(),
                keyed("orders").column("user_id", "bigint").foreignKey(fk).build());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(
                new DropConstraint(ORDERS, "orders_user_id_fkey", false, false),
                new AlterColumn(ORDERS, "user_id", new TypeChange("bigint", "user_id::bigint"), null, null, null, null),
                new AlterColumn(USERS, "id", new TypeChange("bigint", "id::bigint"), null, null, null, null),
                new AddConstraint(ORDERS, fk));
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(desired);
    }

    @Test
    void aForeignKeyIsRebuiltWhenTheKeyItDependsOnIsReplaced() {
        ForeignKeyDef fk = fk("orders_user_id_fkey", "user_id", "users");
        Table orders = keyed("orders").column("user_id", "integer").foreignKey(fk).build();
        DatabaseSchema current = schema(keyed("users").column("code", "text").build(), orders);
        Table users = table("users").column(ColumnDef.of("id", "integer").notNull())
                .column(ColumnDef.of("code", "text").notNull()).primaryKey("users_pkey", "id", "code").unique("users_id_key", "id").build();
        DatabaseSchema desired = schema(users, orders);

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(
                new DropConstraint(ORDERS, "orders_user_id_fkey", false, false),
                new DropConstraint(USERS, "users_pkey", false, false),
                new AlterColumn(USERS, "code", null, false, null, null, null),
                new AddConstraint(USERS, new PrimaryKeyDef("users_pkey", List.of("id", "code"))),
                new AddConstraint(USERS, new UniqueDef("users_id_key", List.of("id"), null)),
                new AddConstraint(ORDERS, fk));
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(desired, diff.downgradeOperations())).isEqualTo(current);
    }

    @Test
    void aChangedIndexIsDroppedThenCreatedAndAnIndexInASchemaIsNamedWithIt() {
        Table before = table("app", "users").column("id", "integer").column("email", "text")
                .index(index("ix_email", "email")).build();
        Table after = table("app", "users").column("id", "integer").column("email", "text")
                .index(index("ix_email", "email", "id")).build();

        SchemaDiff diff = differ.diff(inApp(before), inApp(after));

        QualifiedName table = QualifiedName.of("app", "users");
        assertThat(diff.upgrade()).containsExactly(
                new Change(new DropIndex(QualifiedName.of("app", "ix_email"), false, false, false),
                        "drop index ix_email on app.users (email)", false, null),
                new Change(new CreateIndex("ix_email", table, List.of(IndexElement.column("email"),
                        IndexElement.column("id")), false, null, List.of(), null, false, false),
                        "create index ix_email on app.users (email, id)", false, null));
        assertThat(diff.downgradeOperations()).hasSize(2);
    }

    @Test
    void anIndexThatOnlyChangesItsSortOrderOrIncludesSaysWhatChanged() {
        Index before = new Index("ix_users", false, "btree", List.of(IndexElement.column("name"),
                IndexElement.column("code").desc()), List.of(), null);
        Index after = new Index("ix_users", false, "btree", List.of(IndexElement.column("name"),
                IndexElement.column("code").nullsFirst()), List.of("email"), null);

        SchemaDiff diff = differ.diff(schema(keyed("users").column("name", "text").column("code", "text")
                .column("email", "text").index(before).build()), schema(keyed("users").column("name", "text")
                .column("code", "text").column("email", "text").index(after).build()));

        // Both lines read the same when they name the columns only, and a reader cannot see the change.
        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "drop index ix_users on users (name, code desc)",
                "create index ix_users on users (name, code nulls first) include (email)");
    }

    @Test
    void anIndexOrConstraintThatOnlyChangesItsNameIsRenamedInPlace() {
        Table before = keyed("users").column("email", "text").unique("uq_email", "email")
                .index(index("ix_old", "email")).build();
        Table after = keyed("users").column("email", "text").unique("users_email_key", "email")
                .index(index("ix_new", "email")).build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgrade()).containsExactly(
                new Change(new Execute("ALTER TABLE users RENAME CONSTRAINT uq_email TO users_email_key"),
                        "rename constraint uq_email on users to users_email_key", false, null),
                new Change(new Execute("ALTER INDEX ix_old RENAME TO ix_new"),
                        "rename index ix_old on users to ix_new", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new Execute("ALTER TABLE users RENAME CONSTRAINT users_email_key TO uq_email"),
                new Execute("ALTER INDEX ix_new RENAME TO ix_old"));
    }

    @Test
    void aCheckOverOneRetypedColumnIsLeftToPostgres() {
        Table before = keyed("users").column("age", "integer").column("name", "text")
                .check("ck_age", "((age > 0) AND (name <> ''::text))").build();
        Table after = keyed("users").column("age", "bigint").column("name", "text")
                .check("ck_age", "((age > 0) AND (name <> ''::text))").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "age", new TypeChange("bigint", "age::bigint"), null, null, null, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new AlterColumn(USERS, "age", new TypeChange("integer", "age::integer"), null, null, null, null));
    }

    @Test
    void aCheckWhoseTextChangesWithTheTypeIsRebuilt() {
        Table before = keyed("users").column("status", "character varying(20)")
                .check("ck_status", "((status)::text = ANY (ARRAY['A'::text, 'B'::text]))").build();
        Table after = keyed("users").column("status", "text")
                .check("ck_status", "(status = ANY (ARRAY['A'::text, 'B'::text]))").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgradeOperations()).extracting(op -> op.getClass().getSimpleName())
                .containsExactly("DropConstraint", "AlterColumn", "AddConstraint");
    }

    @Test
    void aCheckOverTwoRetypedColumnsIsRebuilt() {
        Table before = keyed("users").column("lo", "integer").column("hi", "integer")
                .check("ck_range", "(lo < hi)").build();
        Table after = keyed("users").column("lo", "bigint").column("hi", "bigint")
                .check("ck_range", "(lo < hi)").build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgradeOperations()).extracting(op -> op.getClass().getSimpleName())
                .containsExactly("DropConstraint", "AlterColumn", "AlterColumn", "AddConstraint");
    }

    @Test
    void anIndexWhoseExpressionChangesWithTheTypeIsRebuilt() {
        Table before = keyed("users").column("email", "character varying(20)")
                .index(new Index("ix_lower", false, "btree",
                        List.of(IndexElement.expression("lower((email)::text)")), List.of(), null)).build();
        Table after = keyed("users").column("email", "text")
                .index(new Index("ix_lower", false, "btree",
                        List.of(IndexElement.expression("lower(email)")), List.of(), null)).build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgradeOperations()).extracting(op -> op.getClass().getSimpleName())
                .containsExactly("DropIndex", "AlterColumn", "CreateIndex");
    }

    @Test
    void expressionAndPartialIndexesOverOneRetypedColumnAreLeftToPostgres() {
        Index sum = new Index("ux_next", true, "btree", List.of(IndexElement.expression("(qty + 1)")), List.of(), null);
        Index partial = new Index("ix_big", false, "btree", List.of(IndexElement.column("name")), List.of(),
                "(qty > 100)");
        Table before = keyed("users").column("qty", "integer").column("name", "text").index(sum).index(partial)
                .build();
        Table after = keyed("users").column("qty", "bigint").column("name", "text").index(sum).index(partial)
                .build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "qty", new TypeChange("bigint", "qty::bigint"), null, null, null, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new AlterColumn(USERS, "qty", new TypeChange("integer", "qty::integer"), null, null, null, null));
    }

    @Test
    void anIndexExpressionOverTwoRetypedColumnsIsRebuilt() {
        Index sum = new Index("ix_sum", false, "btree", List.of(IndexElement.expression("(lo + hi)")), List.of(),
                null);
        Index pair = new Index("ix_pair", false, "btree", List.of(IndexElement.column("lo")), List.of(), "(hi > 0)");
        Table before = keyed("users").column("lo", "integer").column("hi", "integer").index(sum).index(pair).build();
        Table after = keyed("users").column("lo", "bigint").column("hi", "bigint").index(sum).index(pair).build();

        SchemaDiff diff = differ.diff(schema(before), schema(after));

        // ix_pair reads each retyped column in a part of its own: PostgreSQL carries it over.
        assertThat(diff.upgradeOperations()).extracting(op -> op.getClass().getSimpleName())
                .containsExactly("DropIndex", "AlterColumn", "AlterColumn", "CreateIndex");
        assertThat(diff.upgradeOperations().toString()).contains("ix_sum").doesNotContain("ix_pair");
    }

    private static DatabaseSchema inApp(Table table) {
        return schema(List.of("app"), List.of(table), List.of(), List.of());
    }
}
