package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.CastContext;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.Cast;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enum types with their labels in order, and sequences with every option and their owning column. */
class EnumsAndSequencesTest {

    @Test
    void readsEnumLabelsInSortOrderNotCreationOrder() {
        DatabaseSchema schema = Catalog.introspect("""
                create type mood as enum ('sad', 'happy');
                alter type mood add value 'ok' before 'happy';
                alter type mood add value 'ecstatic';
                alter type mood add value 'grim' before 'sad';
                create type "Empty" as enum ();
                """);

        assertThat(schema.enums()).containsExactly(
                new EnumType(QualifiedName.of("Empty"), List.of()),
                new EnumType(QualifiedName.of("mood"), List.of("grim", "sad", "ok", "happy", "ecstatic")));
    }

    @Test
    void readsTheInoutCastsOfAnEnumTypeWithIt() {
        DatabaseSchema schema = Catalog.introspectSchemas("""
                create schema shop;
                create type shop.status as enum ('NEW');
                create type mood as enum ('ok');
                create cast (varchar as shop.status) with inout as implicit;
                create cast (shop.status as varchar) with inout as implicit;
                create cast (shop.status as text) with inout as assignment;
                create cast (mood as shop.status) with inout;
                create function mood_number(mood) returns integer language sql immutable as 'select 1';
                create cast (mood as integer) with function mood_number(mood);
                """, "public", "shop");

        // A cast between two enum types is kept with its source; one through a function is not read.
        assertThat(schema.enums()).containsExactly(
                new EnumType(QualifiedName.of("mood"), List.of("ok"),
                        List.of(new Cast("mood", "shop.status", CastContext.EXPLICIT))),
                new EnumType(QualifiedName.of("shop", "status"), List.of("NEW"), List.of(
                        new Cast("character varying", "shop.status", CastContext.IMPLICIT),
                        new Cast("shop.status", "character varying", CastContext.IMPLICIT),
                        new Cast("shop.status", "text", CastContext.ASSIGNMENT))));
    }

    @Test
    void readsEveryOptionOfASequenceAndTheColumnThatOwnsIt() {
        DatabaseSchema schema = Catalog.introspect("""
                create sequence plain;
                create sequence tuned as smallint increment by -2 minvalue -100 maxvalue 50 start with 40
                    cache 10 cycle;
                create table t (id serial, big bigserial, ident int generated always as identity (start with 7),
                    other int);
                create sequence owned_later;
                alter sequence owned_later owned by t.other;
                """);

        SequenceOptions bigint =
                new SequenceOptions("bigint", 1L, 1L, 1L, Long.MAX_VALUE, 1L, false, SequenceOwner.NONE);
        assertThat(schema.sequences()).containsExactly(
                new Sequence(QualifiedName.of("owned_later"), bigint.ownedBy(new SequenceOwner("t", "other"))),
                new Sequence(QualifiedName.of("plain"), bigint),
                new Sequence(QualifiedName.of("t_big_seq"), bigint.ownedBy(new SequenceOwner("t", "big"))),
                new Sequence(QualifiedName.of("t_id_seq"), new SequenceOptions("integer", 1L, 1L, 1L,
                        (long) Integer.MAX_VALUE, 1L, false, new SequenceOwner("t", "id"))),
                new Sequence(QualifiedName.of("tuned"),
                        new SequenceOptions("smallint", 40L, -2L, -100L, 50L, 10L, true, SequenceOwner.NONE)));
    }
}
