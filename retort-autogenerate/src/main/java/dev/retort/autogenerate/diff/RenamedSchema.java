package dev.retort.autogenerate.diff;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The current schema as it looks once confirmed renames have run: what the rest of the diff compares.
 *
 * <p>PostgreSQL tracks columns and tables by number, so a rename also renames them inside primary keys, unique
 * constraints, foreign keys (on both ends), indexes and sequence ownership; this does the same. In SQL text that
 * reads a table's own columns (checks, index expressions and {@code WHERE}, generation expressions) PostgreSQL
 * prints the new names, and so does this ({@link ExpressionNames#rename}): such an object whose text is otherwise
 * the same is not rebuilt, which would build an index or scan the table again for nothing. Likewise for the types,
 * operator classes and functions of an extension moved to another schema, which PostgreSQL keeps by number too.
 */
final class RenamedSchema {
    private RenamedSchema() {
    }

    /** {@code schema} with the tables and columns of {@code answers} renamed. */
    static DatabaseSchema apply(DatabaseSchema schema, RenameAnswers answers) {
        if (answers.isEmpty()) {
            return schema;
        }
        List<Table> tables = new ArrayList<>(schema.tables().size());
        for (Table table : schema.tables()) {
            tables.add(rename(table, answers));
        }
        List<Sequence> sequences = new ArrayList<>(schema.sequences().size());
        for (Sequence sequence : schema.sequences()) {
            sequences.add(rename(sequence, answers));
        }
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), sequences, schema.extensions());
    }

    /**
     * {@code schema} with the sequences that are keys of {@code renames} under their new names, and the defaults
     * that call them ({@code nextval('orders_id_seq'::regclass)}) naming them so, as PostgreSQL, which stores the
     * sequence by number, prints them after the rename.
     */
    static DatabaseSchema renameSequences(DatabaseSchema schema, Map<QualifiedName, QualifiedName> renames) {
        if (renames.isEmpty()) {
            return schema;
        }
        List<Sequence> sequences = schema.sequences().stream()
                .map(s -> new Sequence(renames.getOrDefault(s.name(), s.name()), s.options()))
                .toList();
        List<Table> tables = new ArrayList<>(schema.tables().size());
        for (Table table : schema.tables()) {
            List<ColumnDef> columns = new ArrayList<>();
            for (ColumnDef c : table.columns()) {
                String expression = c.defaultExpression();
                if (expression != null) {
                    for (Map.Entry<QualifiedName, QualifiedName> rename : renames.entrySet()) {
                        expression = expression.replace(regclass(rename.getKey()), regclass(rename.getValue()));
                    }
                }
                columns.add(expression == null || expression.equals(c.defaultExpression()) ? c
                        : c.defaultExpression(expression));
            }
            tables.add(new Table(table.name(), columns, table.primaryKey(), table.uniques(), table.foreignKeys(),
                    table.checks(), table.indexes(), table.comment(), table.inherits(), table.inheritedColumns(),
                    table.inheritedChecks(), table.unvalidatedNotNulls(), table.readers(), table.settings(),
                    table.exclusions()));
        }
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), sequences, schema.extensions());
    }

    /** A sequence as a default names it: {@code 'orders_id_seq'::regclass}. */
    private static String regclass(QualifiedName sequence) {
        return "'" + SqlText.quote(sequence).replace("'", "''") + "'::regclass";
    }

    /** {@code schema} with every column whose type is a key of {@code types} changed to the value. */
    static DatabaseSchema retype(DatabaseSchema schema, Map<String, String> types) {
        if (types.isEmpty()) {
            return schema;
        }
        List<Table> tables = new ArrayList<>(schema.tables().size());
        for (Table table : schema.tables()) {
            List<ColumnDef> columns = new ArrayList<>();
            for (ColumnDef c : table.columns()) {
                String type = types.getOrDefault(c.type(), c.type());
                columns.add(new ColumnDef(c.name(), type, c.nullable(), c.defaultExpression(), c.identity(),
                        c.generatedExpression(), c.virtual(), c.primaryKey(), c.unique(), c.comment(), c.collation(),
                        c.identityOptions()));
            }
            tables.add(new Table(table.name(), columns, table.primaryKey(), table.uniques(), table.foreignKeys(),
                    table.checks(), table.indexes(), table.comment(), table.inherits(), table.inheritedColumns(),
                    table.inheritedChecks(), table.unvalidatedNotNulls(), table.readers(), table.settings(),
                    table.exclusions()));
        }
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    /** {@code schema} with the operator classes of its indexes renamed as {@code classes} says. */
    static DatabaseSchema reclass(DatabaseSchema schema, Map<String, String> classes) {
        if (classes.isEmpty()) {
            return schema;
        }
        List<Table> tables = new ArrayList<>(schema.tables().size());
        for (Table table : schema.tables()) {
            List<Index> indexes = new ArrayList<>();
            for (Index index : table.indexes()) {
                List<IndexElement> elements = index.elements().stream()
                        .map(e -> e.operatorClass() == null || !classes.containsKey(e.operatorClass()) ? e
                                : e.operatorClass(classes.get(e.operatorClass())))
                        .toList();
                indexes.add(new Index(index.name(), index.unique(), index.nullsNotDistinct(), index.method(), elements,
                        index.include(), index.predicate(), index.storage()));
            }
            tables.add(new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(),
                    table.foreignKeys(), table.checks(), indexes, table.comment(), table.inherits(),
                    table.inheritedColumns(), table.inheritedChecks(), table.unvalidatedNotNulls(), table.readers(),
                    table.settings(), table.exclusions()));
        }
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    /**
     * {@code schema} with the functions and types its expressions name (checks, index expressions and {@code WHERE},
     * exclusion constraints, defaults, generation expressions) renamed as {@code functions} and {@code types} say
     * ({@link ExpressionNames#requalify}).
     */
    static DatabaseSchema requalify(DatabaseSchema schema, Map<String, String> functions, Map<String, String> types) {
        if (functions.isEmpty() && types.isEmpty()) {
            return schema;
        }
        Function<String, String> moved = sql -> ExpressionNames.requalify(sql, functions, types);
        List<Table> tables = new ArrayList<>(schema.tables().size());
        for (Table table : schema.tables()) {
            List<ColumnDef> columns = table.columns().stream()
                    .map(c -> new ColumnDef(c.name(), c.type(), c.nullable(), moved.apply(c.defaultExpression()),
                            c.identity(), moved.apply(c.generatedExpression()), c.virtual(), c.primaryKey(), c.unique(),
                            c.comment(), c.collation(), c.identityOptions()))
                    .toList();
            List<Index> indexes = new ArrayList<>();
            for (Index index : table.indexes()) {
                List<IndexElement> elements = index.elements().stream()
                        .map(e -> e.column() != null ? e : new IndexElement(null, moved.apply(e.expression()),
                                e.operatorClass(), e.descending(), e.nulls(), e.collation()))
                        .toList();
                indexes.add(new Index(index.name(), index.unique(), index.nullsNotDistinct(), index.method(), elements,
                        index.include(), moved.apply(index.predicate()), index.storage()));
            }
            List<CheckDef> checks = table.checks().stream()
                    .map(c -> new CheckDef(c.name(), moved.apply(c.expression())))
                    .toList();
            List<ExcludeDef> exclusions = table.exclusions().stream()
                    .map(x -> new ExcludeDef(x.name(), moved.apply(x.definition()), x.deferral()))
                    .toList();
            tables.add(new Table(table.name(), columns, table.primaryKey(), table.uniques(), table.foreignKeys(),
                    checks, indexes, table.comment(), table.inherits(), table.inheritedColumns(),
                    table.inheritedChecks(), table.unvalidatedNotNulls(), table.readers(), table.settings(),
                    exclusions));
        }
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    private static Table rename(Table table, RenameAnswers answers) {
        QualifiedName name = answers.tableName(table.name());
        Table renamed = withColumnsRenamed(table, answers.columnRenames(name));
        List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        for (ForeignKeyDef fk : renamed.foreignKeys()) {
            QualifiedName target = answers.tableName(fk.referencedTable());
            foreignKeys.add(new ForeignKeyDef(fk.name(), fk.columns(), target,
                    rename(fk.referencedColumns(), answers.columnRenames(target)), fk.onDelete(),
                    fk.onDeleteColumns(), fk.onUpdate(), fk.match(), fk.deferral()));
        }
        List<QualifiedName> parents = table.inherits().stream()
                .map(answers::tableName).toList();
        return new Table(name, renamed.columns(), renamed.primaryKey(), renamed.uniques(), foreignKeys,
                renamed.checks(), renamed.indexes(), table.comment(), parents, renamed.inheritedColumns(),
                renamed.inheritedChecks(), renamed.unvalidatedNotNulls(), renamed.readers(), renamed.settings(),
                renamed.exclusions());
    }

    /**
     * {@code table} with the columns that are keys of {@code renames} under their new names, wherever its own
     * definitions name them: in its keys, indexes, checks, exclusion constraints and generation expressions (not in
     * what other tables' foreign keys reference).
     */
    static Table withColumnsRenamed(Table table, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return table;
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnDef c : table.columns()) {
            columns.add(new ColumnDef(renames.getOrDefault(c.name(), c.name()), c.type(), c.nullable(),
                    c.defaultExpression(), c.identity(), ExpressionNames.rename(c.generatedExpression(), renames),
                    c.virtual(), c.primaryKey(), c.unique(), c.comment(), c.collation(), c.identityOptions()));
        }
        PrimaryKeyDef primaryKey = table.primaryKey() == null ? null
                : new PrimaryKeyDef(table.primaryKey().name(), rename(table.primaryKey().columns(), renames),
                        rename(table.primaryKey().include(), renames));
        List<UniqueDef> uniques = table.uniques().stream()
                .map(u -> new UniqueDef(u.name(), rename(u.columns(), renames), u.deferral(), u.nullsNotDistinct(),
                        rename(u.include(), renames)))
                .toList();
        List<ForeignKeyDef> foreignKeys = table.foreignKeys().stream()
                .map(fk -> new ForeignKeyDef(fk.name(), rename(fk.columns(), renames), fk.referencedTable(),
                        fk.referencedColumns(), fk.onDelete(), rename(fk.onDeleteColumns(), renames), fk.onUpdate(),
                        fk.match(), fk.deferral()))
                .toList();
        List<Index> indexes = new ArrayList<>();
        for (Index index : table.indexes()) {
            List<IndexElement> elements = index.elements().stream()
                    .map(e -> e.column() == null
                            ? new IndexElement(null, ExpressionNames.rename(e.expression(), renames), e.operatorClass(),
                                    e.descending(), e.nulls(), e.collation())
                            : new IndexElement(renames.getOrDefault(e.column(), e.column()), null, e.operatorClass(),
                                    e.descending(), e.nulls(), e.collation()))
                    .toList();
            indexes.add(new Index(index.name(), index.unique(), index.nullsNotDistinct(), index.method(), elements,
                    rename(index.include(), renames), ExpressionNames.rename(index.predicate(), renames),
                    index.storage()));
        }
        List<CheckDef> checks = table.checks().stream()
                .map(c -> new CheckDef(c.name(), ExpressionNames.rename(c.expression(), renames)))
                .toList();
        List<ExcludeDef> exclusions = table.exclusions().stream()
                .map(x -> new ExcludeDef(x.name(), ExpressionNames.rename(x.definition(), renames), x.deferral()))
                .toList();
        return new Table(table.name(), columns, primaryKey, uniques, foreignKeys, checks, indexes, table.comment(),
                table.inherits(), Set.copyOf(rename(List.copyOf(table.inheritedColumns()), renames)),
                table.inheritedChecks(), table.unvalidatedNotNulls().entrySet().stream().collect(
                        Collectors.toMap(e -> renames.getOrDefault(e.getKey(), e.getKey()), Map.Entry::getValue)),
                table.readers().entrySet().stream().collect(
                        Collectors.toMap(e -> renames.getOrDefault(e.getKey(), e.getKey()), Map.Entry::getValue)),
                table.settings(), exclusions);
    }

    private static Sequence rename(Sequence sequence, RenameAnswers answers) {
        Optional<QualifiedName> owningTable = sequence.ownerTable();
        if (owningTable.isEmpty()) {
            return sequence;
        }
        SequenceOwner owner = sequence.options().ownedBy();
        // A table moved to another schema takes its sequence along.
        QualifiedName table = answers.tableName(owningTable.get());
        String column = answers.columnRenames(table).getOrDefault(owner.column(), owner.column());
        return new Sequence(QualifiedName.of(table.schema(), sequence.name().name()),
                sequence.options().ownedBy(new SequenceOwner(table.name(), column)));
    }

    private static List<String> rename(List<String> columns, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return columns;
        }
        return columns.stream().map(c -> renames.getOrDefault(c, c)).toList();
    }
}
