package dev.retort.render;

import static dev.retort.render.RandomValues.names;
import static dev.retort.render.RandomValues.optionalName;
import static dev.retort.render.RandomValues.optionalSql;
import static dev.retort.render.RandomValues.optionalText;
import static dev.retort.render.RandomValues.sql;
import static dev.retort.render.RandomValues.text;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CommentChange;
import dev.retort.operation.CastContext;
import dev.retort.operation.CreateCast;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateExtension;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DefaultChange;
import dev.retort.operation.Deferral;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropCast;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropExtension;
import dev.retort.operation.DropIndex;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.Identity;
import dev.retort.operation.IndexElement;
import dev.retort.operation.NullsOrder;
import dev.retort.operation.Operation;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameEnumValue;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.SetTableComment;
import dev.retort.operation.SetTablePersistence;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.TypeChange;
import dev.retort.operation.UniqueDef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators for valid operations of every kind, with every option varied, built as records directly. */
final class RandomOperations {
    private RandomOperations() {
    }

    /** What one migration records: a few operations, sometimes an autocommit block among them. */
    static Arbitrary<List<Operation>> migrations() {
        Arbitrary<Operation> block = single().list().ofMinSize(1).ofMaxSize(3).map(Autocommit::new);
        return Arbitraries.frequencyOf(Tuple.of(9, single()), Tuple.of(1, block))
                .list().ofMinSize(1).ofMaxSize(6);
    }

    /** Any operation but an autocommit block. */
    static Arbitrary<Operation> single() {
        return Arbitraries.oneOf(List.of(
                createTable(),
                Combinators.combine(qualified(), bool(), bool()).as(DropTable::new),
                Combinators.combine(qualified(), text()).as(RenameTable::new),
                Combinators.combine(qualified(), optionalText()).as(SetTableComment::new),
                Combinators.combine(qualified(), bool()).as(SetTablePersistence::new),
                Combinators.combine(qualified(), column(), bool()).as(AddColumn::new),
                Combinators.combine(qualified(), text(), bool(), bool(), bool(), bool())
                        .as((table, column, ifExists, cascade, only, notNull) -> new DropColumn(table, column, ifExists,
                                cascade, only, only && notNull && !ifExists)),
                alterColumn(),
                createIndex(),
                Combinators.combine(qualified(), bool(), bool(), bool())
                        .as((index, ifExists, concurrently, cascade) ->
                                new DropIndex(index, ifExists, concurrently, cascade && !concurrently)),
                Combinators.combine(qualified(), constraint(true)).as(AddConstraint::new),
                Combinators.combine(qualified(), text(), bool(), bool()).as(DropConstraint::new),
                Combinators.combine(qualified(), names(0, 4)).as(CreateEnum::new),
                Combinators.combine(qualified(), bool(), bool()).as(DropEnum::new),
                Combinators.combine(qualified(), text(), optionalName(), bool(), bool())
                        .as((type, value, other, before, ifNotExists) -> new AddEnumValue(type, value,
                                before ? other : null, before ? null : other, ifNotExists)),
                Combinators.combine(qualified(), text(), text()).as(RenameEnumValue::new),
                Combinators.combine(sql(), sql(), Arbitraries.of(CastContext.class)).as(CreateCast::new),
                Combinators.combine(sql(), sql(), bool()).as(DropCast::new),
                Combinators.combine(qualified(), sequenceOptions(false), bool()).as(CreateSequence::new),
                Combinators.combine(qualified(), sequenceOptions(true), Arbitraries.longs().injectNull(0.5))
                        .as((sequence, options, restart) -> new AlterSequence(sequence, options,
                                options.isEmpty() && restart == null ? Long.valueOf(1) : restart)),
                Combinators.combine(qualified(), bool(), bool()).as(DropSequence::new),
                Combinators.combine(text(), bool()).as(CreateSchema::new),
                Combinators.combine(text(), bool(), bool()).as(DropSchema::new),
                Combinators.combine(text(), optionalName(), bool()).as(CreateExtension::new),
                Combinators.combine(text(), text()).as(SetExtensionSchema::new),
                Combinators.combine(text(), bool(), bool(), bool()).as(DropExtension::new),
                sql().map(Execute::new),
                bulkInsert()));
    }

    private static Arbitrary<Operation> createTable() {
        Arbitrary<List<ColumnDef>> columns = column().list().ofMaxSize(4).uniqueElements(ColumnDef::name);
        return Combinators.combine(qualified(), columns, constraint(false).list().ofMaxSize(3),
                        constraint(true).filter(PrimaryKeyDef.class::isInstance).injectNull(0.5), optionalText(),
                        bool(), bool())
                .as((table, cols, constraints, primaryKey, comment, ifNotExists, unlogged) -> {
                    List<TableConstraint> all = new ArrayList<>(constraints);
                    if (primaryKey != null && cols.stream().noneMatch(ColumnDef::primaryKey)) {
                        all.add(primaryKey);
                    }
                    return new CreateTable(table, cols, all, comment, ifNotExists, List.of(), unlogged);
                });
    }

    static Arbitrary<ColumnDef> column() {
        Arbitrary<ColumnDef> base = Combinators.combine(text(), sql(), bool(), bool(), bool())
                .as((name, type, nullable, primaryKey, unique) ->
                        ColumnDef.of(name, type).nullable(nullable).primaryKey(primaryKey).unique(unique));
        Arbitrary<UnaryOperator<ColumnDef>> value = Arbitraries.oneOf(
                Arbitraries.just(UnaryOperator.identity()),
                sql().map(expression -> column -> column.defaultExpression(expression)),
                Arbitraries.of(Identity.class).map(identity -> column -> column.identity(identity)),
                sql().map(expression -> column -> column.generatedAs(expression)));
        return Combinators.combine(base, value, optionalText(), optionalName())
                .as((column, how, comment, collation) -> how.apply(column).comment(comment).collation(collation));
    }

    /** A table constraint; a primary key only when {@code withPrimaryKey}. */
    private static Arbitrary<TableConstraint> constraint(boolean withPrimaryKey) {
        Arbitrary<TableConstraint> unique = Combinators.combine(optionalName(), names(1, 3), deferral(), bool(),
                        names(0, 2))
                .as(UniqueDef::new);
        Arbitrary<TableConstraint> foreignKey = names(1, 3).flatMap(columns -> Combinators.combine(optionalName(),
                        qualified(), Arbitraries.oneOf(Arbitraries.just(List.<String>of()),
                                names(columns.size(), columns.size())),
                        Arbitraries.of(ForeignKeyAction.class), Arbitraries.of(ForeignKeyAction.class),
                        Arbitraries.of(ForeignKeyMatch.class), deferral())
                .as((name, table, referenced, onDelete, onUpdate, match, deferral) -> new ForeignKeyDef(name, columns,
                        table, referenced, onDelete, setsSome(onDelete) ? columns.subList(0, 1) : List.of(), onUpdate,
                        match, deferral)));
        Arbitrary<TableConstraint> check = Combinators.combine(optionalName(), sql()).as(CheckDef::new);
        Arbitrary<TableConstraint> exclusion = Combinators.combine(optionalName(), sql(), deferral())
                .as(ExcludeDef::new);
        if (!withPrimaryKey) {
            return Arbitraries.oneOf(unique, foreignKey, check, exclusion);
        }
        Arbitrary<TableConstraint> primaryKey = Combinators.combine(optionalName(), names(1, 3), names(0, 2))
                .as(PrimaryKeyDef::new);
        return Arbitraries.oneOf(primaryKey, unique, foreignKey, check, exclusion);
    }

    private static boolean setsSome(ForeignKeyAction onDelete) {
        return onDelete == ForeignKeyAction.SET_NULL || onDelete == ForeignKeyAction.SET_DEFAULT;
    }

    private static Arbitrary<Operation> alterColumn() {
        Arbitrary<TypeChange> type = Combinators.combine(sql(), optionalSql()).as(TypeChange::new).injectNull(0.5);
        Arbitrary<DefaultChange> defaultValue = Arbitraries.oneOf(sql().map(DefaultChange::set),
                Arbitraries.just(DefaultChange.drop())).injectNull(0.5);
        Arbitrary<CommentChange> comment = optionalText().map(CommentChange::new).injectNull(0.5);
        return Combinators.combine(qualified(), text(), type, Arbitraries.of(true, false).injectNull(0.5), defaultValue,
                        comment, optionalName())
                .as((table, column, newType, nullable, newDefault, newComment, newName) -> new AlterColumn(table,
                        column, newType, nullable, newDefault, newComment,
                        newType == null && nullable == null && newDefault == null && newComment == null
                                && newName == null ? column + "2" : newName));
    }

    private static Arbitrary<Operation> createIndex() {
        Arbitrary<IndexElement> element = Combinators.combine(bool(), text(), sql(), optionalSql(), bool(),
                        Arbitraries.of(NullsOrder.class))
                .as((isColumn, column, expression, operatorClass, descending, nulls) -> new IndexElement(
                        isColumn ? column : null, isColumn ? null : expression, operatorClass, descending, nulls));
        Arbitrary<List<IndexElement>> plainOrNot = Arbitraries.oneOf(
                names(1, 3).map(columns -> columns.stream().map(IndexElement::column).toList()),
                element.list().ofMinSize(1).ofMaxSize(3));
        return Combinators.combine(text(), qualified(), plainOrNot, bool(), optionalName(), names(0, 2), optionalSql(),
                        Arbitraries.integers().between(0, 7))
                .as((name, table, elements, unique, method, include, where, flags) -> new CreateIndex(name, table,
                        elements, unique, unique && (flags & 4) != 0, method, include, where, (flags & 1) != 0,
                        (flags & 2) != 0));
    }

    /** Sequence settings; an owner of NONE only when {@code ownedByNone} (the create API cannot say it). */
    private static Arbitrary<SequenceOptions> sequenceOptions(boolean ownedByNone) {
        Arbitrary<Long> number = Arbitraries.longs().injectNull(0.6);
        Arbitrary<SequenceOwner> column = Combinators.combine(text(), text()).as(SequenceOwner::new);
        Arbitrary<SequenceOwner> owner = (ownedByNone
                ? Arbitraries.oneOf(column, Arbitraries.just(SequenceOwner.NONE)) : column).injectNull(0.6);
        return Combinators.combine(optionalSql(), number, number, number, number, number,
                        Arbitraries.of(true, false).injectNull(0.6), owner)
                .as(SequenceOptions::new);
    }

    private static Arbitrary<Operation> bulkInsert() {
        return names(1, 3).flatMap(columns -> Combinators.combine(qualified(),
                        RandomValues.value().list().ofSize(columns.size()).list().ofMaxSize(3))
                .as((table, rows) -> new BulkInsert(table, columns, rows)));
    }

    private static Arbitrary<QualifiedName> qualified() {
        return Combinators.combine(text().injectNull(0.6), text()).as(QualifiedName::new);
    }

    private static Arbitrary<Deferral> deferral() {
        return Arbitraries.of(Deferral.class);
    }

    private static Arbitrary<Boolean> bool() {
        return Arbitraries.of(true, false);
    }
}
