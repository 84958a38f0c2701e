package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeDdlTest {
    @Test
    void createAndDropEnumTypes() {
        assertThat(sql(op -> {
            op.createEnum("order_status", "pending", "shipped", "it's done");
            op.createEnum("Mood").schema("app");
            op.dropEnum("order_status");
            op.dropEnum("order_status").schema("app").ifExists().cascade();
        })).containsExactly(
                "CREATE TYPE order_status AS ENUM ('pending', 'shipped', 'it''s done')",
                "CREATE TYPE app.\"Mood\" AS ENUM ()",
                "DROP TYPE order_status",
                "DROP TYPE IF EXISTS app.order_status CASCADE");
    }

    @Test
    void addEnumValues() {
        assertThat(sql(op -> {
            op.addEnumValue("order_status", "cancelled");
            op.addEnumValue("order_status", "packed").before("shipped").ifNotExists();
            op.addEnumValue("order_status", "returned").after("shipped").schema("app");
        })).containsExactly(
                "ALTER TYPE order_status ADD VALUE 'cancelled'",
                "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'packed' BEFORE 'shipped'",
                "ALTER TYPE app.order_status ADD VALUE 'returned' AFTER 'shipped'");
    }

    @Test
    void createAndDropCasts() {
        assertThat(sql(op -> {
            op.createCast("character varying", "app.order_status").asImplicit();
            op.createCast("order_status", "text").asAssignment();
            op.createCast("order_status", "character varying");
            op.dropCast("character varying", "app.order_status");
            op.dropCast("order_status", "text").ifExists();
        })).containsExactly(
                "CREATE CAST (character varying AS app.order_status) WITH INOUT AS IMPLICIT",
                "CREATE CAST (order_status AS text) WITH INOUT AS ASSIGNMENT",
                "CREATE CAST (order_status AS character varying) WITH INOUT",
                "DROP CAST (character varying AS app.order_status)",
                "DROP CAST IF EXISTS (order_status AS text)");
    }

    @Test
    void renameEnumValue() {
        assertThat(sql(op -> op.renameEnumValue("order_status", "shipped", "sent").schema("app")))
                .containsExactly("ALTER TYPE app.order_status RENAME VALUE 'shipped' TO 'sent'");
    }
}
