package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropTable;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables as a whole: create, drop, comment, schema. */
class TableChangesTest {
    private static final QualifiedName USERS = QualifiedName.of("users");
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void createsATableWithItsConstraintsAndIndexesAndDropsItOnDowngrade() {
        ColumnDef id = ColumnDef.of("id", "integer").notNull();
        ColumnDef email = ColumnDef.of("email", "character varying(255)").notNull().comment("login");
        Index byLowerEmail = new Index("ix_users_lower_email", false, "btree",
                List.of(IndexElement.expression("lower((email)::text)")), List.of(), null);
        Index gin = new Index("ix_users_email_trgm", false, "gin",
                List.of(IndexElement.column("email").operatorClass("gin_trgm_ops")), List.of(), "(id > 0)");
        Table users = table("users").column(id).column(email).primaryKey("users_pkey", "id")
                .unique("users_email_key", "email").check("ck_email", "((email)::text <> ''::text)")
                .index(gin).index(byLowerEmail).comment("people").build();

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, schema(users));

        assertThat(diff.upgrade()).containsExactly(
                new Change(new CreateTable(USERS, List.of(id, email), List.of(new PrimaryKeyDef("users_pkey",
                        List.of("id")), new UniqueDef("users_email_key", List.of("email"), null),
                        new CheckDef("ck_email", "((email)::text <> ''::text)")), "people", false),
                        "create table users", false, null),
                new Change(new CreateIndex("ix_users_email_trgm", USERS, gin.elements(), false, "gin", List.of(),
                        "(id > 0)", false, false),
                        "create index ix_users_email_trgm on users using gin (email gin_trgm_ops) where (id > 0)", false, null),
                new Change(new CreateIndex("ix_users_lower_email", USERS, byLowerEmail.elements(), false, null,
                        List.of(), null, false, false),
                        "create index ix_users_lower_email on users ((lower((email)::text)))", false, null));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new DropTable(USERS, false, false), "drop table users", true, null));
    }

    @Test
    void setsAndRemovesATableComment() {
        Table plain = table("users").column("id", "integer").build();
        Table commented = table("users").column("id", "integer").comment("people who log in").build();

        SchemaDiff diff = differ.diff(schema(plain), schema(commented));

        assertThat(diff.upgrade()).containsExactly(new Change(new SetTableComment(USERS, "people who log in"),
                "set comment of table users to 'people who log in'", false, null));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new SetTableComment(USERS, null), "remove comment from table users", false, null));
    }

    @Test
    void aTableInANewSchemaComesAfterTheSchemaAndGoesBeforeIt() {
        Table table = table("app", "users").column("id", "integer").build();
        DatabaseSchema desired = schema(List.of("app"), List.of(table), List.of(), List.of());

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgradeOperations()).containsExactly(new CreateSchema("app", false),
                new CreateTable(QualifiedName.of("app", "users"), table.columns(), List.of(), null, false));
        assertThat(diff.downgradeOperations()).containsExactly(
                new DropTable(QualifiedName.of("app", "users"), false, false), new DropSchema("app", false, false));
    }
}
