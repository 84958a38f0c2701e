package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import org.junit.jupiter.api.Test;

/** The same DDL spelled differently reads the same, because PostgreSQL stores it one way. */
class NormalisationTest {

    @Test
    void typeAliasesReadAsTheirStandardNames() {
        DatabaseSchema aliases = Catalog.introspect("""
                create table t (a varchar(20), b int4, c timestamptz, d decimal(10,2), e bool, f int[],
                    g float8, h varchar(20)[], i int2, j bpchar(2));
                """);
        DatabaseSchema standard = Catalog.introspect("""
                create table t (a character varying(20), b integer, c timestamp with time zone, d numeric(10,2),
                    e boolean, f integer array, g double precision, h character varying(20)[], i smallint,
                    j character(2));
                """);

        assertThat(aliases).isEqualTo(standard);
        assertThat(standard.table(QualifiedName.of("t")).orElseThrow().columns()).extracting(ColumnDef::type)
                .containsExactly("character varying(20)", "integer", "timestamp with time zone", "numeric(10,2)",
                        "boolean", "integer[]", "double precision", "character varying(20)[]", "smallint",
                        "character(2)");
    }

    @Test
    void defaultsAndChecksReadAsPostgresStoresThem() {
        DatabaseSchema terse = Catalog.introspect("""
                create table t (a varchar(10) default 'x', b boolean default true, c int default 1 + 1 check (c>0),
                    d timestamptz default current_timestamp, e timestamptz default NOW());
                """);
        DatabaseSchema explicit = Catalog.introspect("""
                create table t (a varchar(10) default 'x'::character varying, b boolean default 't',
                    c int default (1 + 1) check ((c > 0)), d timestamptz default CURRENT_TIMESTAMP,
                    e timestamptz default now());
                """);

        assertThat(terse).isEqualTo(explicit);
        assertThat(explicit.table(QualifiedName.of("t")).orElseThrow().columns())
                .extracting(ColumnDef::defaultExpression)
                .containsExactly("'x'::character varying", "true", "(1 + 1)", "CURRENT_TIMESTAMP", "now()");
    }

    /**
     * PostgreSQL keeps {@code CURRENT_TIMESTAMP} as the SQL-standard function it is rather than turning it into
     * {@code now()}; both give the transaction's start time, but they read (and so compare) differently.
     */
    @Test
    void nowAndCurrentTimestampStayDistinct() {
        DatabaseSchema schema = Catalog.introspect(
                "create table t (a timestamptz default now(), b timestamptz default current_timestamp);");

        assertThat(schema.table(QualifiedName.of("t")).orElseThrow().columns())
                .extracting(ColumnDef::defaultExpression).containsExactly("now()", "CURRENT_TIMESTAMP");
    }

    @Test
    void serialReadsAsASequenceOwnedByItsColumnAndUsedAsItsDefault() {
        DatabaseSchema serial = Catalog.introspect("create table t (id serial, big bigserial);");
        DatabaseSchema explicit = Catalog.introspect("""
                create sequence t_id_seq as integer;
                create sequence t_big_seq;
                create table t (
                    id integer not null default nextval('t_id_seq'),
                    big bigint not null default nextval('public.t_big_seq'::regclass)
                );
                alter sequence t_id_seq owned by t.id;
                alter sequence t_big_seq owned by t.big;
                """);

        assertThat(serial).isEqualTo(explicit);
        assertThat(serial.sequences()).hasSize(2);
    }

    @Test
    void defaultIndexOptionsAndForeignKeyClausesReadAsAbsent() {
        DatabaseSchema spelledOut = Catalog.introspect("""
                create table p (id int primary key);
                create table c (id int, p int,
                    foreign key (p) references p (id) match simple on delete no action on update no action
                        not deferrable initially immediate);
                create index c_id on c using btree (id asc nulls last, p int4_ops desc nulls first);
                """);
        DatabaseSchema terse = Catalog.introspect("""
                create table p (id int primary key);
                create table c (id int, p int references p);
                create index c_id on c (id, p desc);
                """);

        assertThat(spelledOut).isEqualTo(terse);
    }
}
