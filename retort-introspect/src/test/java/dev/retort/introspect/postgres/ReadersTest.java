package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The views, materialized views, policies, triggers, functions and foreign keys that use each column, which PostgreSQL
 * lets no one retype or drop; and the policies, triggers and grants of each table.
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
                create function audited() returns trigger language plpgsql
                    as $$ begin perform row_to_json(NEW); return NEW; end $$;
                create trigger audited after insert on orders for each row execute function audited();
                create function checked() returns trigger language plpgsql
                    as $$ begin perform to_jsonb(NEW) -> TG_ARGV[0]; return NEW; end $$;
                create trigger checked before insert on orders for each row execute function checked('QTY');
                create function qty_of(i bigint) returns int language sql
                    begin atomic select qty from orders where id = i; end;
                """, "public");

        // A trigger whose function's body, or whose arguments, name no column may use none of them.
        assertThat(schema.table(QualifiedName.of("orders")).orElseThrow().readers()).isEqualTo(Map.of(
                "id", List.of("function qty_of(bigint)",
                        "foreign key legacy_notes_order_id_fkey of table legacy_notes"),
                "note", List.of("trigger big_orders on orders (may use it)",
                        "trigger keep_note on orders (may use it)"),
                "qty", List.of("trigger big_orders on orders", "function qty_of(bigint)",
                        "trigger checked on orders (may use it)")));
    }

    @Test
    void namesTheOwnPoliciesTriggersAndGrantsOfEachTable() {
        // What a downgrade that creates the table again does not put back; a foreign key's triggers are PostgreSQL's.
        DatabaseSchema schema = Catalog.introspect("""
                create table customers (id int primary key);
                create table orders (id int primary key, tenant text, customer int references customers);
                alter table orders enable row level security;
                create policy tenant_isolation on orders using (tenant = current_user);
                create policy open_all on orders using (true);
                create function stamp() returns trigger language plpgsql as $$ begin return new; end $$;
                create trigger stamp before insert on orders for each row execute function stamp();
                grant select on orders to public;
                grant select, insert on orders to pg_monitor;
                """);

        assertThat(schema.table(QualifiedName.of("orders")).orElseThrow().settings().attached()).containsExactly(
                "grant INSERT, SELECT to pg_monitor", "grant SELECT to public", "policy open_all",
                "policy tenant_isolation", "trigger stamp");
        assertThat(schema.table(QualifiedName.of("customers")).orElseThrow().settings().attached()).isEmpty();
    }

    @Test
    void givesTheStatementThatCreatesEachPolicyTriggerAndGrantAgain() {
        DatabaseSchema schema = Catalog.introspect("""
                create table orders (id int primary key, tenant text, note text);
                create policy "Own rows" on orders as restrictive for update to pg_monitor, pg_read_all_stats
                    using (tenant = current_user) with check (note <> '');
                create function stamp() returns trigger language plpgsql as $$ begin return new; end $$;
                create trigger stamp before update of note on orders for each row execute function stamp();
                create trigger paused before insert on orders for each row execute function stamp();
                alter table orders disable trigger paused;
                grant delete on orders to pg_monitor with grant option;
                grant update (note, tenant), select (id) on orders to pg_monitor;
                grant select on orders to pg_monitor with grant option;
                set role pg_monitor;
                grant select on orders to pg_read_all_stats;
                reset role;
                grant select on orders to pg_read_all_stats;
                """);

        // A disabled trigger is named, but CREATE TRIGGER would enable it: it gets no statement.
        assertThat(schema.table(QualifiedName.of("orders")).orElseThrow().settings().attached())
                .contains("trigger paused");
        assertThat(schema.table(QualifiedName.of("orders")).orElseThrow().settings().definitions()).isEqualTo(Map.of(
                "policy Own rows", "CREATE POLICY \"Own rows\" ON orders AS RESTRICTIVE FOR UPDATE TO pg_monitor, "
                        + "pg_read_all_stats USING ((tenant = CURRENT_USER)) WITH CHECK ((note <> ''::text))",
                "trigger stamp", "CREATE TRIGGER stamp BEFORE UPDATE OF note ON orders FOR EACH ROW EXECUTE "
                        + "FUNCTION stamp()",
                "grant DELETE, SELECT with grant option to pg_monitor",
                "GRANT DELETE, SELECT ON orders TO pg_monitor WITH GRANT OPTION",
                // Granted twice, by the owner and by pg_monitor: granted once again.
                "grant SELECT to pg_read_all_stats", "GRANT SELECT ON orders TO pg_read_all_stats",
                "grant SELECT (id) to pg_monitor", "GRANT SELECT (id) ON orders TO pg_monitor",
                // Columns by name: a downgrade that adds one again puts it last.
                "grant UPDATE (note, tenant) to pg_monitor", "GRANT UPDATE (note, tenant) ON orders TO pg_monitor"));
    }

    @Test
    void grantsEveryPrivilegeAsAllOnceWithGrantOptionAndOnTheSequencesTheTableOwns() {
        DatabaseSchema schema = Catalog.introspect("""
                create table tickets (id serial primary key, note text);
                grant all on tickets to public;
                grant select on tickets to pg_monitor with grant option;
                set role pg_monitor;
                grant select on tickets to pg_read_all_stats;
                reset role;
                grant select on tickets to pg_read_all_stats with grant option;
                grant usage on sequence tickets_id_seq to pg_monitor;
                """);

        // ALL, not a list naming MAINTAIN, which PostgreSQL 16 and older refuse; SELECT granted plainly by one
        // grantor and with grant option by another is granted once, with it; an insert needs USAGE on the sequence.
        assertThat(schema.table(QualifiedName.of("tickets")).orElseThrow().settings().definitions()).isEqualTo(Map.of(
                "grant ALL to public", "GRANT ALL ON tickets TO PUBLIC",
                "grant SELECT with grant option to pg_monitor",
                "GRANT SELECT ON tickets TO pg_monitor WITH GRANT OPTION",
                "grant SELECT with grant option to pg_read_all_stats",
                "GRANT SELECT ON tickets TO pg_read_all_stats WITH GRANT OPTION",
                "grant USAGE on sequence tickets_id_seq to pg_monitor",
                "GRANT USAGE ON SEQUENCE tickets_id_seq TO pg_monitor"));
    }

    @Test
    void namesWhatLiesInPublicWithItsSchemaForATenantsSession() throws SQLException {
        String url = Catalog.databaseWith("""
                create schema tenant_a;
                create function public.stamp() returns trigger language plpgsql as $$ begin return new; end $$;
                create function public.visible(t text) returns boolean language sql stable as $$ select t <> '' $$;
                create table tenant_a.docs (id int primary key, note text);
                create trigger docs_stamp before insert on tenant_a.docs for each row execute function public.stamp();
                create policy docs_visible on tenant_a.docs using (public.visible(note));
                """);
        DatabaseSchema schema;
        try (Connection connection = Catalog.connect(url)) {
            schema = new PostgresIntrospector(new SchemaFilter(List.of("tenant_a"), Set.of()))
                    .withDefaultSchema("tenant_a").introspect(connection);
        }

        // A tenant's migrations run with the tenant's schema alone on the path (?currentSchema=tenant_a).
        assertThat(schema.table(QualifiedName.of("docs")).orElseThrow().settings().definitions()).isEqualTo(Map.of(
                "policy docs_visible", "CREATE POLICY docs_visible ON docs AS PERMISSIVE FOR ALL TO PUBLIC "
                        + "USING (public.visible(note))",
                "trigger docs_stamp", "CREATE TRIGGER docs_stamp BEFORE INSERT ON docs FOR EACH ROW EXECUTE "
                        + "FUNCTION public.stamp()"));
    }
}
