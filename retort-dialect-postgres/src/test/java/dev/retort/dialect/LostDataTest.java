package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.dialect.LostData.Kind;
import dev.retort.dialect.LostData.Loss;
import dev.retort.operation.QualifiedName;
import org.junit.jupiter.api.Test;

class LostDataTest {
    private static Loss table(Kind kind, String schema, String name, boolean only) {
        return new Loss(kind, QualifiedName.of(schema, name), null, only, null);
    }

    private static Loss column(Kind kind, String table, String column, boolean only) {
        return new Loss(kind, QualifiedName.of(table), column, only, null);
    }

    private static Loss retyped(String table, String column, String newType) {
        return new Loss(Kind.CHANGE_TYPE, QualifiedName.of(table), column, false, newType);
    }

    @Test
    void dropTableLosesEachTable() {
        assertThat(LostData.of("DROP TABLE events")).containsExactly(table(Kind.DROP_TABLE, null, "events", false));
        assertThat(LostData.of("drop table if exists Events, shop.Orders, \"shop\".\"Order Items\" cascade;"))
                .containsExactly(table(Kind.DROP_TABLE, null, "events", false),
                        table(Kind.DROP_TABLE, "shop", "orders", false),
                        table(Kind.DROP_TABLE, "shop", "Order Items", false));
        assertThat(LostData.of("-- gone for good\nDROP /* really */ TABLE\n\t  \"a\"\"b\"   RESTRICT"))
                .containsExactly(table(Kind.DROP_TABLE, null, "a\"b", false));
    }

    @Test
    void aPlainNameIsFoldedAsPostgresFoldsItInUtf8() {
        // A to Z alone: PostgreSQL leaves other letters of an unquoted name as they are.
        assertThat(LostData.of("DROP TABLE Ärger_Log")).containsExactly(table(Kind.DROP_TABLE, null, "Ärger_log", false));
    }

    @Test
    void truncateLosesEveryRowOfEachTable() {
        assertThat(LostData.of("TRUNCATE events")).containsExactly(table(Kind.TRUNCATE, null, "events", false));
        assertThat(LostData.of("truncate table only vehicles, shop.log * restart identity cascade"))
                .containsExactly(table(Kind.TRUNCATE, null, "vehicles", true),
                        table(Kind.TRUNCATE, "shop", "log", false));
    }

    @Test
    void alterTableLosesTheColumnsItDropsOrRetypes() {
        assertThat(LostData.of("ALTER TABLE customers DROP COLUMN note"))
                .containsExactly(column(Kind.DROP_COLUMN, "customers", "note", false));
        assertThat(LostData.of("alter table if exists only vehicles drop if exists \"Name\" cascade"))
                .containsExactly(column(Kind.DROP_COLUMN, "vehicles", "Name", true));
        assertThat(LostData.of("ALTER TABLE \"shop\".\"Order Items\" DROP COLUMN a, ADD COLUMN x numeric(10, 2) "
                + "DEFAULT 0, DROP CONSTRAINT c, DROP b RESTRICT, ALTER COLUMN Qty SET DATA TYPE bigint, "
                + "ALTER price TYPE numeric(12, 2) USING round(price, 2), ALTER COLUMN d SET DEFAULT 1, "
                + "ALTER CONSTRAINT fk DEFERRABLE"))
                .extracting(Loss::kind, Loss::column, Loss::newType)
                .containsExactly(
                        tuple(Kind.DROP_COLUMN, "a", null),
                        tuple(Kind.DROP_COLUMN, "b", null),
                        tuple(Kind.CHANGE_TYPE, "qty", "bigint"),
                        tuple(Kind.CHANGE_TYPE, "price", null));
        assertThat(LostData.of("ALTER TABLE \"shop\".\"Order Items\" DROP COLUMN a").get(0).table())
                .isEqualTo(QualifiedName.of("shop", "Order Items"));
        // A type changes in the tables that inherit the column too, ONLY or not.
        assertThat(LostData.of("ALTER TABLE ONLY t ALTER c TYPE text"))
                .containsExactly(retyped("t", "c", "text"));
    }

    @Test
    void aChangeOfTypeKeepsTheNewTypeAsWrittenUnlessItConvertsOtherwise() {
        assertThat(LostData.of("ALTER TABLE t ALTER c TYPE character  varying ( 40 ), ALTER d TYPE int"))
                .containsExactly(retyped("t", "c", "character  varying ( 40 )"), retyped("t", "d", "int"));
        assertThat(LostData.of("ALTER TABLE t ALTER c TYPE numeric(12, 2) /* wider */;"))
                .containsExactly(retyped("t", "c", "numeric(12, 2)"));
        // USING or COLLATE converts otherwise than by the type: the change is not read as one by the type alone.
        assertThat(LostData.of("ALTER TABLE t ALTER c TYPE bigint USING c::bigint"))
                .containsExactly(retyped("t", "c", null));
        assertThat(LostData.of("ALTER TABLE t ALTER c TYPE text COLLATE \"C\", ALTER d TYPE bigint"))
                .containsExactly(retyped("t", "c", null), retyped("t", "d", "bigint"));
    }

    @Test
    void wordsInLiteralsAndCommentsAreNoStatement() {
        assertThat(LostData.of("SELECT 'DROP TABLE events'")).isEmpty();
        assertThat(LostData.of("-- DROP TABLE events\nSELECT 1")).isEmpty();
        assertThat(LostData.of("/* DROP TABLE events */ SELECT 1")).isEmpty();
        assertThat(LostData.of("INSERT INTO audit VALUES ($$DROP TABLE events$$, $x$ALTER TABLE t DROP c$x$)"))
                .isEmpty();
        assertThat(LostData.of("DO $$BEGIN DROP TABLE events; END$$")).isEmpty();
        assertThat(LostData.of("DO $$BEGIN EXECUTE 'TRUNCATE events'; END$$")).isEmpty();
        assertThat(LostData.of("COMMENT ON TABLE t IS E'DROP TABLE events\\'; DROP TABLE x'")).isEmpty();
    }

    @Test
    void whatIsNotUnderstoodLosesNothing() {
        assertThat(LostData.of("DELETE FROM events")).isEmpty();
        assertThat(LostData.of("DROP SCHEMA shop CASCADE")).isEmpty();
        assertThat(LostData.of("DROP VIEW events")).isEmpty();
        assertThat(LostData.of("DROP TABLE")).isEmpty();
        assertThat(LostData.of("DROP TABLE a.b.c")).isEmpty();
        assertThat(LostData.of("DROP TABLE events extra words")).isEmpty();
        assertThat(LostData.of("DROP TABLE \"\"")).isEmpty();
        assertThat(LostData.of("DROP TABLE \"unclosed")).containsExactly(table(Kind.DROP_TABLE, null, "unclosed",
                false));
        assertThat(LostData.of("TRUNCATE t RESTART")).isEmpty();
        assertThat(LostData.of("ALTER TABLE t RENAME COLUMN a TO b")).isEmpty();
        assertThat(LostData.of("ALTER TABLE t ALTER COLUMN a DROP NOT NULL")).isEmpty();
        assertThat(LostData.of("ALTER TABLE t DROP CONSTRAINT c")).isEmpty();
        assertThat(LostData.of("")).isEmpty();
        assertThat(LostData.of("-- only a comment")).isEmpty();
    }
}
