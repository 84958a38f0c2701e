package dev.retort.introspect.postgres;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.SchemaFilter;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a live PostgreSQL database's tables, columns, constraints, indexes, enums, sequences, comments and
 * extensions into a {@link DatabaseSchema}, with the views and policies that read each column.
 *
 * <p>Autogenerate compares two results of this class: the target database's, and a scratch database's after
 * the desired model's DDL ran there. Types, defaults and expressions are therefore kept exactly as PostgreSQL
 * prints them ({@code character varying(20)}, {@code nextval('users_id_seq'::regclass)}), never reparsed.
 *
 * <p>The catalog is read with a fixed number of queries, one per kind of object, however many tables there
 * are; the rows are put together here. Only {@code pg_catalog} is read, not the slower
 * {@code information_schema}. Objects an extension created (the extension itself is read), system schemas and the
 * filter's excluded tables (with their partitions, their inheritance children and the sequences they own) are left
 * out. Names in {@code public} carry no schema.
 *
 * <p>While it reads, the session's {@code search_path} is {@code public}, so that names print the same way
 * on every database; the caller's setting is restored afterwards. A connection in autocommit mode and one
 * inside the caller's transaction both work; the latter sees the transaction's own uncommitted changes.
 */
public final class PostgresIntrospector {
    private final SchemaFilter filter;
    private final boolean refusingPartitions;
    private final String defaultSchema;

    /** An introspector that reads the filter's schemas ({@code public} if it names none). */
    public PostgresIntrospector(SchemaFilter filter) {
        this(filter, false, CatalogScope.DEFAULT_SCHEMA);
    }

    private PostgresIntrospector(SchemaFilter filter, boolean refusingPartitions, String defaultSchema) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.refusingPartitions = refusingPartitions;
        this.defaultSchema = Objects.requireNonNull(defaultSchema, "defaultSchema");
    }

    /**
     * The same introspector, which names the objects of {@code schema} without a schema, as it does those of
     * {@code public} otherwise (and reads {@code schema} when the filter names none): a database whose connection
     * works in a schema of its own, such as a tenant's ({@code ?currentSchema=tenant_a}), compares with a model
     * whose tables are unqualified, and the migrations written from the difference stay unqualified, for every
     * tenant. Objects in {@code public} then carry their schema.
     */
    public PostgresIntrospector withDefaultSchema(String schema) {
        return new PostgresIntrospector(filter, refusingPartitions, schema);
    }

    /**
     * The same introspector, which throws a {@link PartitionedTableException} for a partitioned table or a partition
     * in scope, rather than reading it as a plain table: the schema model has no partitioning, so a comparison that
     * writes migrations would recreate such a table without it. Comparing two databases, as {@code retort test}
     * does, reads them alike on both sides and needs no such guard.
     */
    public PostgresIntrospector refusingPartitions() {
        return new PostgresIntrospector(filter, true, defaultSchema);
    }

    /** Reads the schema of the database behind {@code connection}; the connection stays open. */
    @SuppressWarnings("try") // the pinned search path is needed only for its close()
    public DatabaseSchema introspect(Connection connection) throws SQLException {
        try (PinnedSearchPath pinned = PinnedSearchPath.pin(connection, defaultSchema)) {
            return read(new CatalogScope(connection, readableSchemas(), defaultSchema));
        }
    }

    private DatabaseSchema read(CatalogScope scope) throws SQLException {
        List<String> schemas = SchemaQuery.read(scope);
        List<TableQuery.Row> tableRows = TableQuery.read(scope);
        Map<Long, List<ColumnQuery.Column>> columns = ColumnQuery.read(scope);
        Map<Long, List<ConstraintQuery.Constraint>> constraints = ConstraintQuery.read(scope);
        Map<Long, List<Index>> indexes = IndexQuery.read(scope);
        Map<Long, Map<String, List<String>>> readers = ReaderQuery.read(scope);
        List<Table> tables = new ArrayList<>();
        for (TableQuery.Row row : tableRows) {
            // A partition belongs to its partitioned table: excluding the table excludes its whole tree, however
            // many levels of partitions (and default partitions) a large database has grown below it.
            if (filter.includes(row.name()) && row.ancestors().stream().allMatch(filter::includes)) {
                if (row.partitioning() != null && refusingPartitions) {
                    throw refusal(row, tableRows);
                }
                tables.add(TableAssembler.assemble(row,
                        columns.getOrDefault(row.oid(), List.of()),
                        constraints.getOrDefault(row.oid(), List.of()),
                        indexes.getOrDefault(row.oid(), List.of()),
                        readers.getOrDefault(row.oid(), Map.of())));
            }
        }
        tables = filter.withoutChildrenOfExcluded(tables);
        Set<QualifiedName> scoped = tableRows.stream().map(TableQuery.Row::name).collect(Collectors.toSet());
        Set<QualifiedName> read = tables.stream().map(Table::name).collect(Collectors.toSet());
        List<Sequence> sequences = new ArrayList<>();
        for (SequenceQuery.Row row : SequenceQuery.read(scope)) {
            // The sequence of an excluded table's serial column is as little Retort's business as the table.
            QualifiedName owner = row.owner();
            if (owner == null || (scoped.contains(owner) ? read.contains(owner) : filter.includes(owner))) {
                sequences.add(row.sequence());
            }
        }
        return new DatabaseSchema(schemas, tables, EnumQuery.read(scope), sequences, ExtensionQuery.read(scope));
    }

    /**
     * The refusal of a partitioned table or partition, naming the root of its tree: the one table to exclude for all
     * of them. A root outside the schemas read is named as well, with the partitioning of the table found.
     */
    private static PartitionedTableException refusal(TableQuery.Row row, List<TableQuery.Row> rows) {
        QualifiedName root = row.root();
        String partitioning = rows.stream().filter(r -> r.name().equals(root)).map(TableQuery.Row::partitioning)
                .findFirst().orElse(row.partitioning());
        return new PartitionedTableException(root, partitioning);
    }

    /**
     * The filter's schemas without system ones ({@code pg_catalog}, {@code information_schema},
     * {@code pg_toast*}, {@code pg_temp*}), which hold nothing a migration manages.
     */
    private List<String> readableSchemas() {
        List<String> requested = filter.schemas().isEmpty() ? List.of(defaultSchema) : filter.schemas();
        return requested.stream()
                .filter(schema -> !schema.equals("pg_catalog") && !schema.equals("information_schema")
                        && !schema.startsWith("pg_toast") && !schema.startsWith("pg_temp"))
                .distinct()
                .toList();
    }
}
