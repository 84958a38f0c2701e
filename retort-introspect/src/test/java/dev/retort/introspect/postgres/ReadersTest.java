package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The views, materialized views and policies that read each column, which PostgreSQL lets no one retype. */
class ReadersTest {
    @Test
    void namesTheViewsAndPoliciesThatReadEachColumn() {
        DatabaseSchema schema = Catalog.introspectSchemas("""
                create table users (id int primary key, email text, nick text, owner int);
                create table orders (id int, user_id int);
                create view active_users as select id, email from users;
                create schema reports;
                create materialized view reports.mailing as select email from users;
                alter table users enable row level security;
                create policy own_rows on users using (owner = 7);
                create policy their_orders on orders using (user_id in (select id from users));
                """, "public", "reports");

        assertThat(schema.table(QualifiedName.of("users")).orElseThrow().readers()).isEqualTo(Map.of(
                "id", List.of("view active_users", "policy their_orders on orders"),
                "email", List.of("view active_users", "materialized view reports.mailing"),
                "owner", List.of("policy own_rows on users")));
        assertThat(schema.table(QualifiedName.of("orders")).orElseThrow().readers())
                .isEqualTo(Map.of("user_id", List.of("policy their_orders on orders")));
    }
}
