package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Extension;
import dev.retort.schema.SchemaFilter;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which objects are read: the filter's schemas, names qualified outside {@code public}, and what is left out. */
class SchemasTest {
    private static final String TWO_SCHEMAS = """
            create schema app;
            create schema unrequested;
            create type app.level as enum ('low', 'high');
            create table users (id int primary key, manager int);
            create table app.orders (
                id serial primary key,
                buyer int references public.users,
                level app.level default 'low'
            );
            alter table users add constraint users_manager_fkey foreign key (manager) references app.orders;
            create table unrequested.hidden (id int);
            """;

    @Test
    void readsOnlyPublicByDefault() {
        DatabaseSchema schema = Catalog.introspect(TWO_SCHEMAS);

        assertThat(schema.schemas()).isEmpty();
        assertThat(schema.tables()).extracting(Table::name).containsExactly(QualifiedName.of("users"));
        assertThat(schema.enums()).isEmpty();
        assertThat(schema.sequences()).isEmpty();
    }

    @Test
    void readsTheFilterSchemasWithNamesQualifiedOutsidePublic() {
        DatabaseSchema schema = Catalog.introspectSchemas(TWO_SCHEMAS, "public", "app", "missing");

        assertThat(schema.schemas()).containsExactly("app");
        assertThat(schema.tables()).extracting(Table::name)
                .containsExactly(QualifiedName.of("users"), QualifiedName.of("app", "orders"));
        assertThat(schema.enums())
                .containsExactly(new EnumType(QualifiedName.of("app", "level"), List.of("low", "high")));
        assertThat(schema.sequences()).containsExactly(new Sequence(QualifiedName.of("app", "orders_id_seq"),
                new SequenceOptions("integer", 1L, 1L, 1L, (long) Integer.MAX_VALUE, 1L, false,
                        new SequenceOwner("orders", "id"))));

        Table orders = schema.table(QualifiedName.of("app", "orders")).orElseThrow();
        assertThat(orders.columns()).containsExactly(
                ColumnDef.of("id", "integer").notNull().defaultExpression("nextval('app.orders_id_seq'::regclass)"),
                ColumnDef.of("buyer", "integer"),
                ColumnDef.of("level", "app.level").defaultExpression("'low'::app.level"));
        assertThat(orders.foreignKeys()).containsExactly(
                ForeignKeyDef.of(List.of("buyer"), QualifiedName.of("users"), List.of("id"))
                        .named("orders_buyer_fkey"));
        assertThat(schema.table(QualifiedName.of("users")).orElseThrow().foreignKeys()).containsExactly(
                ForeignKeyDef.of(List.of("manager"), QualifiedName.of("app", "orders"), List.of("id"))
                        .named("users_manager_fkey"));
    }

    @Test
    void readsASchemaWithoutPublic() {
        DatabaseSchema schema = Catalog.introspectSchemas(TWO_SCHEMAS, "app");

        assertThat(schema.schemas()).containsExactly("app");
        assertThat(schema.tables()).extracting(Table::name).containsExactly(QualifiedName.of("app", "orders"));
        assertThat(schema.table(QualifiedName.of("app", "orders")).orElseThrow().foreignKeys())
                .extracting(ForeignKeyDef::referencedTable).containsExactly(QualifiedName.of("users"));
    }

    @Test
    void neverReadsSystemSchemas() {
        DatabaseSchema schema = Catalog.introspectSchemas("create table users (id int);",
                "pg_catalog", "information_schema", "pg_toast", "public");

        assertThat(schema.schemas()).isEmpty();
        assertThat(schema.tables()).extracting(Table::name).containsExactly(QualifiedName.of("users"));
        assertThat(schema.enums()).isEmpty();
        assertThat(schema.sequences()).isEmpty();
    }

    @Test
    void leavesOutExcludedTablesWithTheSequencesTheyOwn() {
        String url = Catalog.databaseWith("""
                create table retort_version (version_num varchar(32) primary key);
                create table audit (id serial, note text);
                create table users (id serial);
                """);

        DatabaseSchema schema = Catalog.read(url,
                new SchemaFilter(List.of(), Set.of(QualifiedName.of("retort_version"), QualifiedName.of("audit"))));

        assertThat(schema.tables()).extracting(Table::name).containsExactly(QualifiedName.of("users"));
        assertThat(schema.sequences()).extracting(Sequence::name).containsExactly(QualifiedName.of("users_id_seq"));
    }

    @Test
    void leavesOutObjectsThatBelongToAnExtension() {
        DatabaseSchema schema = Catalog.introspect("""
                create table users (id int);
                create table extension_table (id int);
                create sequence extension_sequence;
                create type extension_enum as enum ('a');
                alter extension plpgsql add table extension_table;
                alter extension plpgsql add sequence extension_sequence;
                alter extension plpgsql add type extension_enum;
                """);

        assertThat(schema.tables()).extracting(Table::name).containsExactly(QualifiedName.of("users"));
        assertThat(schema.sequences()).isEmpty();
        assertThat(schema.enums()).isEmpty();
    }

    @Test
    void readsTheExtensionsWithTheirSchemaButNotPlpgsql() {
        DatabaseSchema schema = Catalog.introspect("""
                create schema ext;
                create extension citext;
                create extension pg_trgm with schema ext;
                create table users (email citext);
                """);

        assertThat(schema.extensions())
                .extracting(Extension::name, Extension::schema, Extension::requires, Extension::relocatable,
                        Extension::types, Extension::operatorClasses)
                .containsExactly(tuple("citext", null, List.of(), true, List.of("_citext", "citext"),
                                List.of("citext_ops", "citext_pattern_ops")),
                        tuple("pg_trgm", "ext", List.of(), true, List.of("_gtrgm", "gtrgm"),
                                List.of("gin_trgm_ops", "gist_trgm_ops")));
        // A function whose name pg_catalog has too (citext's replace, strpos) may not be the extension's when called.
        assertThat(schema.extensions().get(0).functions()).contains("citext", "citext_eq")
                .doesNotContain("replace", "strpos", "regexp_replace");
        assertThat(schema.extensions().get(1).functions()).contains("similarity", "show_trgm", "word_similarity");
        assertThat(schema.tables()).extracting(Table::name).containsExactly(QualifiedName.of("users"));
        assertThat(schema.table(QualifiedName.of("users")).orElseThrow().columns())
                .containsExactly(ColumnDef.of("email", "citext"));
    }

    @Test
    void readsWhetherAnExtensionCanMove() {
        DatabaseSchema schema = Catalog.introspect("create extension xml2;");

        assertThat(schema.extensions()).extracting(Extension::name, Extension::relocatable)
                .containsExactly(tuple("xml2", false));
    }

    @Test
    void readsWhatAnExtensionRequires() {
        DatabaseSchema schema = Catalog.introspect("create extension earthdistance cascade;");

        assertThat(schema.extensions()).extracting(Extension::name, Extension::requires).containsExactly(
                tuple("cube", List.of()), tuple("earthdistance", List.of("cube")));
    }

    @Test
    void readsWhatAnExtensionRequiresWhenItsInstalledVersionIsNoLongerAvailable() {
        // As after pg_upgrade to a release whose scripts no longer install that version: the catalog still
        // records what the extension was created after, whatever the release's files say now.
        DatabaseSchema schema = Catalog.introspect("create extension earthdistance cascade; "
                + "update pg_extension set extversion = '0.1' where extname = 'earthdistance';");

        assertThat(schema.extensions()).extracting(Extension::name, Extension::requires)
                .containsExactly(tuple("cube", List.of()), tuple("earthdistance", List.of("cube")));
    }
}
