package dev.retort.introspect.postgres;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ConstraintVisitor;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts one table together from the rows the catalog queries returned for it.
 *
 * <p>Constraints and indexes are sorted by name here, whatever order the catalog gave them in, so equal
 * schemas give equal records.
 */
final class TableAssembler implements ConstraintVisitor<Void> {
    private PrimaryKeyDef primaryKey;
    private final List<UniqueDef> uniques = new ArrayList<>();
    private final List<ForeignKeyDef> foreignKeys = new ArrayList<>();
    private final List<CheckDef> checks = new ArrayList<>();
    private final List<ExcludeDef> exclusions = new ArrayList<>();

    private TableAssembler() {
    }

    static Table assemble(TableQuery.Row table, List<ColumnQuery.Column> columns,
            List<ConstraintQuery.Constraint> constraints, List<Index> indexes, Map<String, List<String>> readers) {
        TableAssembler assembler = new TableAssembler();
        constraints.forEach(constraint -> constraint.definition().accept(assembler));
        return new Table(table.name(), columns.stream().map(ColumnQuery.Column::definition).toList(),
                assembler.primaryKey, sorted(assembler.uniques, UniqueDef::name),
                sorted(assembler.foreignKeys, ForeignKeyDef::name), sorted(assembler.checks, CheckDef::name),
                sorted(indexes, Index::name), table.comment(), table.inherits(),
                columns.stream().filter(ColumnQuery.Column::inherited).map(c -> c.definition().name())
                        .collect(Collectors.toSet()),
                constraints.stream().filter(ConstraintQuery.Constraint::inherited).map(c -> c.definition().name())
                        .collect(Collectors.toSet()),
                columns.stream().filter(c -> c.unvalidatedNotNull() != null)
                        .collect(Collectors.toMap(c -> c.definition().name(), ColumnQuery.Column::unvalidatedNotNull)),
                readers, table.settings(), sorted(assembler.exclusions, ExcludeDef::name));
    }

    @Override
    public Void visit(PrimaryKeyDef constraint) {
        primaryKey = constraint;
        return null;
    }

    @Override
    public Void visit(UniqueDef constraint) {
        uniques.add(constraint);
        return null;
    }

    @Override
    public Void visit(ForeignKeyDef constraint) {
        foreignKeys.add(constraint);
        return null;
    }

    @Override
    public Void visit(CheckDef constraint) {
        checks.add(constraint);
        return null;
    }

    @Override
    public Void visit(ExcludeDef constraint) {
        exclusions.add(constraint);
        return null;
    }

    private static <T> List<T> sorted(List<T> values, Function<T, String> name) {
        return values.stream().sorted(Comparator.comparing(name)).toList();
    }
}
