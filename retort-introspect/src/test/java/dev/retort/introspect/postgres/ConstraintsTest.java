package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.CheckDef;
import dev.retort.operation.Deferral;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Primary keys, unique constraints, foreign keys and check constraints. */
class ConstraintsTest {
    private static final String PARENTS = """
            create table parents (
                a int, b int, c int,
                primary key (b, a),
                unique (a),
                constraint uq_c unique (c) deferrable,
                constraint uq_cb unique (c, b) deferrable initially deferred,
                constraint "Ck positive" check (a > 0),
                constraint ck_differ check (b <> a) no inherit
            );
            alter table parents add constraint ck_c check (c > 0) not valid;
            """;

    @Test
    void readsPrimaryKeyAndUniqueConstraintsWithKeyOrderAndDeferral() {
        Table parents = table(Catalog.introspect(PARENTS), "parents");

        assertThat(parents.primaryKey()).isEqualTo(new PrimaryKeyDef("parents_pkey", List.of("b", "a")));
        assertThat(parents.uniques()).containsExactly(
                new UniqueDef("parents_a_key", List.of("a"), Deferral.NOT_DEFERRABLE),
                new UniqueDef("uq_c", List.of("c"), Deferral.INITIALLY_IMMEDIATE),
                new UniqueDef("uq_cb", List.of("c", "b"), Deferral.INITIALLY_DEFERRED));
        assertThat(parents.columns()).allSatisfy(column -> {
            assertThat(column.primaryKey()).isFalse();
            assertThat(column.unique()).isFalse();
        });
    }

    @Test
    void readsChecksAsTheTextInsideCheckOfTheConstraintDefinition() throws SQLException {
        String url = Catalog.databaseWith(PARENTS);
        Table parents = table(Catalog.read(url, Catalog.DEFAULT), "parents");

        assertThat(parents.checks()).containsExactly(
                new CheckDef("Ck positive", "(a > 0)"),
                new CheckDef("ck_c", "(c > 0)"),
                new CheckDef("ck_differ", "(b <> a)"));
        try (Connection connection = Catalog.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint "
                     + "where conrelid = 'parents'::regclass and contype = 'c'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                CheckDef check = parents.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
                assertThat(rows.getString(2)).startsWith("CHECK (" + check.expression() + ")");
            }
        }
    }

    @Test
    void readsForeignKeysWithActionsMatchAndDeferral() {
        DatabaseSchema schema = Catalog.introspect(PARENTS + """
                create table children (
                    id int primary key, pa int, pb int,
                    constraint fk_plain foreign key (pa, pb) references parents,
                    constraint fk_full foreign key (pb, pa) references parents (b, a)
                        match full on delete set null on update cascade deferrable,
                    constraint fk_restrict foreign key (pa) references parents (a)
                        on delete restrict on update set default deferrable initially deferred,
                    constraint fk_self foreign key (pa) references children (id) on delete cascade on update no action
                );
                """);

        QualifiedName parents = QualifiedName.of("parents");
        assertThat(table(schema, "children").foreignKeys()).containsExactly(
                new ForeignKeyDef("fk_full", List.of("pb", "pa"), parents, List.of("b", "a"),
                        ForeignKeyAction.SET_NULL, ForeignKeyAction.CASCADE, ForeignKeyMatch.FULL,
                        Deferral.INITIALLY_IMMEDIATE),
                new ForeignKeyDef("fk_plain", List.of("pa", "pb"), parents, List.of("b", "a"),
                        ForeignKeyAction.NO_ACTION, ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE,
                        Deferral.NOT_DEFERRABLE),
                new ForeignKeyDef("fk_restrict", List.of("pa"), parents, List.of("a"),
                        ForeignKeyAction.RESTRICT, ForeignKeyAction.SET_DEFAULT, ForeignKeyMatch.SIMPLE,
                        Deferral.INITIALLY_DEFERRED),
                new ForeignKeyDef("fk_self", List.of("pa"), QualifiedName.of("children"), List.of("id"),
                        ForeignKeyAction.CASCADE, ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE,
                        Deferral.NOT_DEFERRABLE));
        assertThat(table(schema, "parents").foreignKeys()).isEmpty();
    }

    @Test
    void readsTheColumnsThatOnDeleteSets() {
        DatabaseSchema schema = Catalog.introspect(PARENTS + """
                create table children (
                    pa int not null, pb int, pc int default 0,
                    constraint fk_null foreign key (pa, pb) references parents (a, b) on delete set null (pb),
                    constraint fk_default foreign key (pc, pa) references parents (a, b) on delete set default (pc),
                    constraint fk_all foreign key (pb) references parents (a) on delete set null
                );
                """);

        QualifiedName parents = QualifiedName.of("parents");
        assertThat(table(schema, "children").foreignKeys()).containsExactly(
                new ForeignKeyDef("fk_all", List.of("pb"), parents, List.of("a"), ForeignKeyAction.SET_NULL, List.of(),
                        ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE, Deferral.NOT_DEFERRABLE),
                new ForeignKeyDef("fk_default", List.of("pc", "pa"), parents, List.of("a", "b"),
                        ForeignKeyAction.SET_DEFAULT, List.of("pc"), ForeignKeyAction.NO_ACTION,
                        ForeignKeyMatch.SIMPLE, Deferral.NOT_DEFERRABLE),
                new ForeignKeyDef("fk_null", List.of("pa", "pb"), parents, List.of("a", "b"),
                        ForeignKeyAction.SET_NULL, List.of("pb"), ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE,
                        Deferral.NOT_DEFERRABLE));
    }

    @Test
    void readsNullsNotDistinctOfUniqueConstraintsAndIndexes() {
        Table accounts = table(Catalog.introspect("""
                create table accounts (
                    email text, tenant int,
                    constraint uq_email unique (email),
                    constraint uq_email_tenant unique nulls not distinct (email, tenant)
                );
                create unique index ux_tenant on accounts (tenant) nulls not distinct;
                create index ix_tenant on accounts (tenant) nulls not distinct;
                """), "accounts");

        assertThat(accounts.uniques()).containsExactly(
                new UniqueDef("uq_email", List.of("email"), Deferral.NOT_DEFERRABLE, false),
                new UniqueDef("uq_email_tenant", List.of("email", "tenant"), Deferral.NOT_DEFERRABLE, true));
        // PostgreSQL keeps NULLS NOT DISTINCT on an index that is not unique too, where it means nothing.
        assertThat(accounts.indexes()).containsExactly(
                new Index("ix_tenant", false, false, "btree", List.of(IndexElement.column("tenant")), List.of(), null),
                new Index("ux_tenant", true, true, "btree", List.of(IndexElement.column("tenant")), List.of(), null));
    }

    @Test
    void readsTheIncludedColumnsOfKeysApartFromTheirColumns() {
        Table accounts = table(Catalog.introspect("""
                create table accounts (
                    id int, email text, tenant int, note text,
                    constraint accounts_pkey primary key (id) include (note, tenant),
                    constraint uq_email unique nulls not distinct (email) include (id),
                    constraint uq_tenant unique (tenant)
                );
                """), "accounts");

        assertThat(accounts.primaryKey()).isEqualTo(new PrimaryKeyDef("accounts_pkey", List.of("id"),
                List.of("note", "tenant")));
        assertThat(accounts.uniques()).containsExactly(
                new UniqueDef("uq_email", List.of("email"), Deferral.NOT_DEFERRABLE, true, List.of("id")),
                new UniqueDef("uq_tenant", List.of("tenant"), Deferral.NOT_DEFERRABLE, false));
    }

    @Test
    void readsOneForeignKeyToAPartitionedTableAndThePartitionsOwnKeys() {
        DatabaseSchema schema = Catalog.introspect("""
                create table measures (id int primary key) partition by range (id);
                create table measures_low partition of measures for values from (0) to (100);
                create table measures_high partition of measures for values from (100) to (200);
                create table readings (measure int references measures);
                """);

        assertThat(table(schema, "readings").foreignKeys()).containsExactly(
                ForeignKeyDef.of(List.of("measure"), QualifiedName.of("measures"), List.of("id"))
                        .named("readings_measure_fkey"));
        assertThat(table(schema, "measures").primaryKey()).isEqualTo(new PrimaryKeyDef("measures_pkey", List.of("id")));
        assertThat(table(schema, "measures_low").primaryKey())
                .isEqualTo(new PrimaryKeyDef("measures_low_pkey", List.of("id")));
    }

    @Test
    void readsExclusionConstraintsAsTheirDefinitionAfterExcludeWithoutTheirIndexes() {
        Table bookings = table(Catalog.introspect("""
                create extension if not exists btree_gist;
                create table bookings (
                    room int, during tstzrange, cancelled boolean, note text,
                    constraint no_overlap exclude using gist (room with =, during with &&),
                    constraint "Active only" exclude using gist (room with =, during with &&) include (note)
                        where (not cancelled) deferrable initially deferred
                );
                """), "bookings");

        assertThat(bookings.exclusions()).containsExactly(
                new ExcludeDef("Active only", "USING gist (room WITH =, during WITH &&) INCLUDE (note) "
                        + "WHERE ((NOT cancelled))", Deferral.INITIALLY_DEFERRED),
                new ExcludeDef("no_overlap", "USING gist (room WITH =, during WITH &&)", Deferral.NOT_DEFERRABLE));
        assertThat(bookings.indexes()).isEmpty();
        assertThat(bookings.checks()).isEmpty();
    }

    @Test
    void readsTablesWithoutConstraints() {
        Table plain = table(Catalog.introspect("create table plain (a int not null);"), "plain");

        assertThat(plain.primaryKey()).isNull();
        assertThat(plain.uniques()).isEmpty();
        assertThat(plain.foreignKeys()).isEmpty();
        assertThat(plain.checks()).isEmpty();
        assertThat(plain.indexes()).isEmpty();
    }

    private static Table table(DatabaseSchema schema, String name) {
        return schema.table(QualifiedName.of(name)).orElseThrow();
    }
}
