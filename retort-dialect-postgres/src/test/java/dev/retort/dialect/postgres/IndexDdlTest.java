package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.IndexElement;
import org.junit.jupiter.api.Test;

class IndexDdlTest {
    @Test
    void plainIndexOnColumns() {
        assertThat(sql(op -> op.createIndex("ix_orders_user_created", "orders", "user_id", "created_at")))
                .containsExactly("CREATE INDEX ix_orders_user_created ON orders (user_id, created_at)");
    }

    @Test
    void uniqueConcurrentIfNotExistsInASchema() {
        assertThat(sql(op -> op.createIndex("ix_users_email", "users", "email").unique().concurrently()
                .ifNotExists().schema("app")))
                .containsExactly("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON app.users (email)");
    }

    @Test
    void uniqueWithNullsNotDistinctBeforeWhere() {
        assertThat(sql(op -> op.createIndex("ux_accounts", "accounts", "tenant").unique().nullsNotDistinct()
                .include("email").where("tenant > 0")))
                .containsExactly("CREATE UNIQUE INDEX ux_accounts ON accounts (tenant) INCLUDE (email) "
                        + "NULLS NOT DISTINCT WHERE tenant > 0");
    }

    @Test
    void storageParametersSortedByNameAfterNullsNotDistinctBeforeWhere() {
        assertThat(sql(op -> op.createIndex("ux_accounts", "accounts", "tenant").unique().nullsNotDistinct()
                .with("fillfactor", "70").with("deduplicate_items", "off").where("tenant > 0")))
                .containsExactly("CREATE UNIQUE INDEX ux_accounts ON accounts (tenant) NULLS NOT DISTINCT "
                        + "WITH (deduplicate_items = off, fillfactor = 70) WHERE tenant > 0");
    }

    @Test
    void partialIndexWithIncludedColumns() {
        assertThat(sql(op -> op.createIndex("ix_users_active", "users", "email").include("name", "Role")
                .where("deleted_at IS NULL")))
                .containsExactly("CREATE INDEX ix_users_active ON users (email) INCLUDE (name, \"Role\") WHERE deleted_at IS NULL");
    }

    @Test
    void expressionElementsWithMethodOperatorClassAndOrder() {
        assertThat(sql(op -> op.createIndex("ix_users_name_trgm", "users",
                IndexElement.expression("lower(name)").operatorClass("gin_trgm_ops")).using("gin")))
                .containsExactly("CREATE INDEX ix_users_name_trgm ON users USING gin ((lower(name)) gin_trgm_ops)");
        assertThat(sql(op -> op.createIndex("ix_events_recent", "events",
                IndexElement.column("created_at").desc().nullsLast(), IndexElement.column("id").nullsFirst(),
                IndexElement.column("kind").desc().asc())))
                .containsExactly("CREATE INDEX ix_events_recent ON events (created_at DESC NULLS LAST, id NULLS FIRST, kind)");
    }

    @Test
    void aKeysCollationComesBeforeItsOperatorClass() {
        assertThat(sql(op -> op.createIndex("words_a_idx", "words",
                IndexElement.column("a").collation("C").operatorClass("text_pattern_ops").desc())))
                .containsExactly("CREATE INDEX words_a_idx ON words (a COLLATE \"C\" text_pattern_ops DESC)");
    }

    @Test
    void dropIndex() {
        assertThat(sql(op -> {
            op.dropIndex("ix_users_email");
            op.dropIndex("ix_users_email").schema("app").ifExists().concurrently();
            op.dropIndex("Ix").ifExists().cascade();
        })).containsExactly(
                "DROP INDEX ix_users_email",
                "DROP INDEX CONCURRENTLY IF EXISTS app.ix_users_email",
                "DROP INDEX IF EXISTS \"Ix\" CASCADE");
    }
}
