package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The views, materialized views, policies, triggers, functions and foreign keys that use each column, which PostgreSQL
 * lets no one retype or drop.
 */
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

    @Test
    void namesTriggersFunctionsAndForeignKeysThatUseAColumnAndTheTriggersThatMay() {
        // The trigger's WHEN, the function's SQL-standard body and the foreign key are in pg_depend; what the trigger
        // function reads (NEW.note) is not.
        DatabaseSchema schema = Catalog.introspectSchemas("""
                create table orders (id bigint primary key, note text, qty int);
                create table legacy_notes (id int, order_id bigint references orders (id));
                create function keep_note() returns trigger language plpgsql
                    as $$ begin NEW.note := coalesce(NEW.note, ''); return NEW; end $$;
                create trigger keep_note before insert on orders for each row execute function keep_note();
                create trigger big_orders before update on orders for each row when (NEW.qty > 9)
                    execute function keep_note();
                create function qty_of(i bigint) returns int language sql
                    begin atomic select qty from orders where id = i; end;
                """, "public");

        assertThat(schema.table(QualifiedName.of("orders")).orElseThrow().readers()).isEqualTo(Map.of(
                "id", List.of("function qty_of(bigint)", "foreign key legacy_notes_order_id_fkey of table legacy_notes",
                        "trigger big_orders on orders (may use it)", "trigger keep_note on orders (may use it)"),
                "note", List.of("trigger big_orders on orders (may use it)",
                        "trigger keep_note on orders (may use it)"),
                "qty", List.of("trigger big_orders on orders", "function qty_of(bigint)",
                        "trigger keep_note on orders (may use it)")));
    }
}
