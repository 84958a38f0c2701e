package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static dev.retort.operation.Operations.exclude;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintDdlTest {
    @Test
    void primaryKeyAndUnique() {
        assertThat(sql(op -> {
            op.createPrimaryKey("pk_memberships", "memberships", "user_id", "group_id");
            op.createPrimaryKey(null, "tags", "id").schema("app");
            op.createUniqueConstraint("uq_users_email", "users", "email");
            op.createUniqueConstraint("uq_slots", "slots", "room", "starts_at").deferrable();
            op.createUniqueConstraint("uq_positions", "positions", "list_id", "position").initiallyDeferred();
        })).containsExactly(
                "ALTER TABLE memberships ADD CONSTRAINT pk_memberships PRIMARY KEY (user_id, group_id)",
                "ALTER TABLE app.tags ADD PRIMARY KEY (id)",
                "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email)",
                "ALTER TABLE slots ADD CONSTRAINT uq_slots UNIQUE (room, starts_at) DEFERRABLE",
                "ALTER TABLE positions ADD CONSTRAINT uq_positions UNIQUE (list_id, \"position\") DEFERRABLE INITIALLY DEFERRED");
    }

    @Test
    void uniqueWithNullsNotDistinct() {
        assertThat(sql(op -> op.createUniqueConstraint("uq_accounts", "accounts", "email", "tenant").nullsNotDistinct()
                .deferrable()))
                .containsExactly("ALTER TABLE accounts ADD CONSTRAINT uq_accounts UNIQUE NULLS NOT DISTINCT "
                        + "(email, tenant) DEFERRABLE");
    }

    @Test
    void includedColumnsFollowTheKeyBeforeItsDeferral() {
        assertThat(sql(op -> {
            op.createUniqueConstraint("uq_accounts", "accounts", "email").nullsNotDistinct().include("id", "Name")
                    .deferrable();
            op.addConstraint("accounts", primaryKey("id").named("accounts_pkey").include("email"));
        })).containsExactly(
                "ALTER TABLE accounts ADD CONSTRAINT uq_accounts UNIQUE NULLS NOT DISTINCT (email) "
                        + "INCLUDE (id, \"Name\") DEFERRABLE",
                "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id) INCLUDE (email)");
    }

    @Test
    void foreignKeyWithEveryOption() {
        assertThat(sql(op -> op.createForeignKey("fk_orders_user", "orders", "users", List.of("user_id"), List.of("id"))
                .schema("shop").referentSchema("auth").match(ForeignKeyMatch.FULL)
                .onDelete(ForeignKeyAction.CASCADE).onUpdate(ForeignKeyAction.RESTRICT).initiallyDeferred()))
                .containsExactly("ALTER TABLE shop.orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) "
                        + "REFERENCES auth.users (id) MATCH FULL ON DELETE CASCADE ON UPDATE RESTRICT "
                        + "DEFERRABLE INITIALLY DEFERRED");
    }

    @Test
    void foreignKeyActions() {
        assertThat(sql(op -> {
            op.createForeignKey(null, "a", "b", List.of("b_id"), List.of("id")).onDelete(ForeignKeyAction.SET_DEFAULT)
                    .onUpdate(ForeignKeyAction.NO_ACTION).deferrable();
            op.createForeignKey("fk", "a", "b", List.of("x", "y"), List.of()).match(ForeignKeyMatch.SIMPLE)
                    .onUpdate(ForeignKeyAction.SET_NULL);
            op.addConstraint("a", foreignKey("c_id", "c", "id").named("fk_c"));
        })).containsExactly(
                "ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE SET DEFAULT DEFERRABLE",
                "ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (x, y) REFERENCES b ON UPDATE SET NULL",
                "ALTER TABLE a ADD CONSTRAINT fk_c FOREIGN KEY (c_id) REFERENCES c (id)");
    }

    @Test
    void foreignKeyThatSetsSomeColumnsOnDelete() {
        assertThat(sql(op -> {
            op.createForeignKey(null, "posts", "users", List.of("tenant_id", "author_id"), List.of())
                    .onDelete(ForeignKeyAction.SET_NULL, "author_id");
            op.addConstraint("posts", foreignKey(List.of("tenant_id", "Editor"), "users", List.of())
                    .onDelete(ForeignKeyAction.SET_DEFAULT, "Editor").named("fk_editor"));
        })).containsExactly(
                "ALTER TABLE posts ADD FOREIGN KEY (tenant_id, author_id) REFERENCES users "
                        + "ON DELETE SET NULL (author_id)",
                "ALTER TABLE posts ADD CONSTRAINT fk_editor FOREIGN KEY (tenant_id, \"Editor\") REFERENCES users "
                        + "ON DELETE SET DEFAULT (\"Editor\")");
    }

    @Test
    void checkAndDrop() {
        assertThat(sql(op -> {
            op.createCheckConstraint("ck_orders_amount", "orders", "amount >= 0");
            op.dropConstraint("ck_orders_amount", "orders");
            op.dropConstraint("FK", "orders").schema("shop").ifExists().cascade();
        })).containsExactly(
                "ALTER TABLE orders ADD CONSTRAINT ck_orders_amount CHECK (amount >= 0)",
                "ALTER TABLE orders DROP CONSTRAINT ck_orders_amount",
                "ALTER TABLE shop.orders DROP CONSTRAINT IF EXISTS \"FK\" CASCADE");
    }

    @Test
    void exclusion() {
        assertThat(sql(op -> {
            op.createExclusionConstraint("no_overlap", "bookings", "USING gist (room WITH =, during WITH &&)");
            op.addConstraint("bookings",
                    exclude("USING gist (during WITH &&) WHERE (NOT cancelled)").initiallyDeferred());
        })).containsExactly(
                "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)",
                "ALTER TABLE bookings ADD EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled) "
                        + "DEFERRABLE INITIALLY DEFERRED");
    }
}
