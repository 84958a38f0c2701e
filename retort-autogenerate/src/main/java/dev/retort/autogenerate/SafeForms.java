package dev.retort.autogenerate;

import dev.retort.NameBytes;
import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.SchemaDiff;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.CheckDef;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropIndex;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TableConstraint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rewrites a diff's upgrade into PostgreSQL's online-safe forms, for {@code safe = true} in {@code [autogenerate]}.
 *
 * <p>On a table that existed before the migration (one the same upgrade does not create):
 * <ul>
 *   <li>indexes are created and dropped {@code CONCURRENTLY}, so writes go on while they build;</li>
 *   <li>a foreign key or check is added {@code NOT VALID} and validated by a separate statement outside the
 *       migration's transaction, so the long scan holds only a lock that lets reads and writes through;</li>
 *   <li>{@code SET NOT NULL} is preceded by a validated {@code CHECK (column IS NOT NULL)}, which PostgreSQL 12
 *       and later accept as proof instead of scanning the table under an exclusive lock; the check is dropped
 *       afterwards.</li>
 *   <li>a NOT NULL that PostgreSQL 18 holds {@code NOT VALID} is validated outside the migration's transaction
 *       too.</li>
 * </ul>
 * A table created in the same migration is empty, so its indexes and constraints keep their plain form. The
 * first change of each rewrite keeps the original description, data-loss flag and warning; the steps added
 * after it describe themselves. The downgrade is left as it is.
 */
public final class SafeForms {
    private static final Dialect DIALECT = new PostgresDialect();
    /** The diff with its upgrade rewritten into online-safe forms. */
    public SchemaDiff apply(SchemaDiff diff) {
        Set<QualifiedName> created = diff.upgrade().stream()
                .map(Change::operation)
                .filter(CreateTable.class::isInstance)
                .map(o -> ((CreateTable) o).table())
                .collect(Collectors.toSet());
        List<Change> upgrade = new ArrayList<>();
        for (Change change : diff.upgrade()) {
            upgrade.addAll(rewrite(change, created));
        }
        return new SchemaDiff(upgrade, diff.downgrade());
    }

    private static List<Change> rewrite(Change change, Set<QualifiedName> created) {
        Operation operation = change.operation();
        if (operation instanceof CreateIndex index && !index.concurrently() && !created.contains(index.table())) {
            return List.of(replaced(change, new CreateIndex(index.name(), index.table(), index.elements(),
                    index.unique(), index.nullsNotDistinct(), index.method(), index.include(), index.where(),
                    index.ifNotExists(), true, index.storage())));
        }
        // PostgreSQL refuses DROP INDEX CONCURRENTLY ... CASCADE; such a drop stays as it is.
        if (operation instanceof DropIndex drop && !drop.concurrently() && !drop.cascade()) {
            return List.of(replaced(change, new DropIndex(drop.index(), drop.ifExists(), true, false)));
        }
        if (operation instanceof AddConstraint add && !created.contains(add.table()) && validatable(add.constraint())) {
            return addNotValid(change, add);
        }
        // The diff validates a NOT NULL that PostgreSQL 18 holds NOT VALID with a statement of its own; outside the
        // transaction, its scan holds no lock an earlier step of the migration took on the table.
        if (operation instanceof Execute execute && execute.sql().startsWith("ALTER TABLE ")
                && execute.sql().contains(" VALIDATE CONSTRAINT ")) {
            return List.of(replaced(change, new Autocommit(List.of(execute))));
        }
        if (operation instanceof AlterColumn alter && Boolean.FALSE.equals(alter.nullable())
                && !created.contains(alter.table())) {
            return setNotNull(change, alter);
        }
        return List.of(change);
    }

    /** Foreign keys and checks can be added NOT VALID; validating them later needs their name. */
    private static boolean validatable(TableConstraint constraint) {
        return constraint.name() != null && (constraint instanceof ForeignKeyDef || constraint instanceof CheckDef);
    }

    private static List<Change> addNotValid(Change change, AddConstraint add) {
        String name = add.constraint().name();
        return List.of(
                replaced(change, new Execute(notValid(add))),
                step(validate(add.table(), name), "validate constraint " + name + " on " + add.table()));
    }

    /**
     * Splits off the {@code SET NOT NULL}: the rest of the change first, then a helper check that proves the
     * column holds no nulls, the {@code SET NOT NULL} itself and the helper's removal.
     */
    private static List<Change> setNotNull(Change change, AlterColumn alter) {
        QualifiedName table = alter.table();
        // A rename in the same change happens first, so the later steps name the column by its new name.
        String column = alter.newName() != null ? alter.newName() : alter.column();
        String check = proofName(table.name(), column);
        AddConstraint helper = new AddConstraint(table,
                new CheckDef(check, DIALECT.quote(column) + " IS NOT NULL"));
        List<Change> changes = new ArrayList<>();
        boolean more = alter.type() != null || alter.defaultValue() != null || alter.comment() != null
                || alter.newName() != null;
        if (more) {
            changes.add(replaced(change, new AlterColumn(table, alter.column(), alter.type(), null,
                    alter.defaultValue(), alter.comment(), alter.newName())));
            changes.add(step(new Execute(notValid(helper)),
                    "add check " + check + " on " + table + ", not valid, to prove " + column + " has no nulls"));
        } else {
            changes.add(replaced(change, new Execute(notValid(helper))));
        }
        changes.add(step(validate(table, check), "validate constraint " + check + " on " + table));
        changes.add(step(new AlterColumn(table, column, null, false, null, null, null),
                "set not null on " + table + "." + column + ", proven by check " + check));
        changes.add(step(new DropConstraint(table, check, false, false), "drop constraint " + check + " on " + table));
        return changes;
    }

    /**
     * The name of the check that proves the column free of nulls: {@code <table>_<column>_not_null_check}, the table
     * and column cut (the longer first, as PostgreSQL cuts its own constraint names) so that the whole fits in 63
     * bytes and keeps its ending.
     *
     * <p>PostgreSQL 18 makes a NOT NULL a constraint named {@code <table>_<column>_not_null}; a check of that name,
     * still there when {@code SET NOT NULL} runs, would leave the real one named {@code ..._not_null1}. No name 18
     * chooses for a NOT NULL ends in {@code _check}.
     */
    static String proofName(String table, String column) {
        String suffix = "_not_null_check";
        byte[] first = table.getBytes(StandardCharsets.UTF_8);
        byte[] second = column.getBytes(StandardCharsets.UTF_8);
        int firstLength = first.length;
        int secondLength = second.length;
        int room = NameBytes.MAX - suffix.length() - 1;
        while (firstLength + secondLength > room) {
            if (firstLength > secondLength) {
                firstLength--;
            } else {
                secondLength--;
            }
        }
        return clip(first, firstLength) + "_" + clip(second, secondLength) + suffix;
    }

    /** The first {@code length} bytes of a UTF-8 name, fewer if that would split a character. */
    private static String clip(byte[] name, int length) {
        int end = length;
        // A continuation byte (10xxxxxx) at the cut belongs to a character that would be split.
        while (end < name.length && end > 0 && (name[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }

    private static String notValid(AddConstraint add) {
        return String.join(";\n", DIALECT.render(add)) + " NOT VALID";
    }

    /**
     * Validates outside the migration's transaction: in it, the lock taken by adding the constraint would be
     * held through the whole scan, which is what the NOT VALID form is there to avoid.
     */
    private static Operation validate(QualifiedName table, String constraint) {
        return new Autocommit(List.of(new Execute(
                "ALTER TABLE " + quote(table) + " VALIDATE CONSTRAINT " + DIALECT.quote(constraint))));
    }

    private static String quote(QualifiedName name) {
        return (name.schema() == null ? "" : DIALECT.quote(name.schema()) + ".") + DIALECT.quote(name.name());
    }

    private static Change replaced(Change change, Operation operation) {
        return change.with(operation);
    }

    private static Change step(Operation operation, String description) {
        return new Change(operation, description, false, null);
    }
}
