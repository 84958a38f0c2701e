package dev.retort.operation;

import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes a migration author can make are reported as plain sentences naming what is wrong. */
class ValidationTest {
    private final Operations op = new Operations();

    @Test
    void emptyNames() {
        assertThatThrownBy(() -> op.dropTable(""))
                .isInstanceOf(RetortException.class)
                .hasMessage("A table, index, type or sequence name is missing; give it a name.");
        assertThatThrownBy(() -> column("", "text"))
                .isInstanceOf(RetortException.class)
                .hasMessage("A column name is missing; give it a name.");
        assertThatThrownBy(() -> column("id", " "))
                .isInstanceOf(RetortException.class)
                .hasMessage("The type of column id is missing; give its SQL text.");
    }

    @Test
    void onlySetNullAndSetDefaultSetSomeOfTheKeysColumns() {
        ForeignKeyDef key = Operations.foreignKey(List.of("tenant_id", "author_id"), "users", List.of());
        assertThat(key.onDelete(ForeignKeyAction.SET_NULL, "author_id").onDelete(ForeignKeyAction.CASCADE)
                .onDeleteColumns()).isEmpty();
        assertThatThrownBy(() -> key.onDelete(ForeignKeyAction.CASCADE, "author_id"))
                .isInstanceOf(RetortException.class)
                .hasMessage("Foreign key on tenant_id, author_id lists columns for ON DELETE CASCADE, but only "
                        + "SET_NULL and SET_DEFAULT set columns; leave the columns out.");
        assertThatThrownBy(() -> key.named("fk").onDelete(ForeignKeyAction.SET_NULL, "editor_id"))
                .isInstanceOf(RetortException.class)
                .hasMessage("Foreign key fk sets editor_id on delete, which is not one of its columns; list only "
                        + "some of tenant_id, author_id.");
    }

    @Test
    void settingEveryColumnOnDeleteIsThePlainAction() {
        ForeignKeyDef key = Operations.foreignKey(List.of("tenant_id", "author_id"), "users", List.of());
        assertThat(key.onDelete(ForeignKeyAction.SET_NULL, "author_id", "tenant_id"))
                .isEqualTo(key.onDelete(ForeignKeyAction.SET_NULL));
        assertThat(key.onDelete(ForeignKeyAction.SET_NULL, "author_id").onDeleteColumns()).containsExactly("author_id");
    }

    @Test
    void identityAndDefaultExcludeEachOther() {
        assertThatThrownBy(() -> column("id", "bigint").identity(Identity.ALWAYS).defaultExpression("0"))
                .isInstanceOf(RetortException.class)
                .hasMessage("Column id has both a default and an identity; PostgreSQL allows only one, so remove the default.");
        assertThatThrownBy(() -> column("total", "int").defaultExpression("0").generatedAs("a + b"))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Column total is generated from an expression");
        assertThatThrownBy(() -> column("total", "int").virtual(true))
                .isInstanceOf(RetortException.class)
                .hasMessage("Column total is virtual but has no generation expression; give it one with "
                        + "generatedAs(...) before virtual(true).");
        assertThat(column("total", "int").generatedAs("a + b").virtual(true).generatedAs(null).virtual())
                .as("an ordinary column again").isFalse();
    }

    @Test
    void aTableDeclaresEachColumnAndItsPrimaryKeyOnce() {
        op.createTable("t", column("a", "int"), column("a", "text"));
        assertThatThrownBy(op::operations)
                .isInstanceOf(RetortException.class)
                .hasMessage("Table t declares column a twice; remove or rename one of them.");

        Operations other = new Operations();
        other.createTable("t", column("a", "int").primaryKey(true), primaryKey("a"));
        assertThatThrownBy(other::operations)
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Table t declares more than one primary key");
    }

    @Test
    void anAlterColumnMustChangeSomething() {
        op.alterColumn("users", "email").schema("app");
        assertThatThrownBy(op::operations)
                .isInstanceOf(RetortException.class)
                .hasMessage("Altering column email of table app.users changes nothing; "
                        + "give it a new type, nullability, default, comment or name.");
    }

    @Test
    void foreignKeyColumnCountsMustMatch() {
        assertThatThrownBy(() -> op.createForeignKey("fk", "a", "b", List.of("x", "y"), List.of("id")))
                .isInstanceOf(RetortException.class)
                .hasMessage("Foreign key fk has 2 column(s) but references 1 in b; list as many referenced columns as columns.");
    }

    @Test
    void conflictingOptions() {
        op.dropIndex("ix").concurrently().cascade();
        assertThatThrownBy(op::operations)
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Index ix cannot be dropped both concurrently and with cascade");

        Operations other = new Operations();
        other.addEnumValue("mood", "meh").before("ok").after("sad");
        assertThatThrownBy(other::operations)
                .isInstanceOf(RetortException.class)
                .hasMessage("Value meh of enum type mood cannot go both before ok and after sad; give one position.");
    }

    @Test
    void anIndexNeedsKeysAndAnAlterSequenceAChange() {
        assertThatThrownBy(() -> new CreateIndex("ix", QualifiedName.of("t"), List.of(), false, null, null, null, false, false))
                .isInstanceOf(RetortException.class)
                .hasMessage("Index ix has no columns or expressions; list at least one.");
        assertThatThrownBy(() -> new AlterSequence(QualifiedName.of("s"), null, null))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Altering sequence s changes nothing");
    }

    @Test
    void anAutocommitBlockHoldsNoOtherBlock() {
        Autocommit inner = new Autocommit(List.of(new Execute("SELECT 1")));
        assertThatThrownBy(() -> new Autocommit(List.of(inner)))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("An autocommit block cannot contain another autocommit block");
    }
}
