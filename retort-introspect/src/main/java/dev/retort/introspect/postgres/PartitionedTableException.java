package dev.retort.introspect.postgres;

import dev.retort.RetortException;
import dev.retort.operation.QualifiedName;

/** A partitioned table or a partition, which the schema model cannot hold: the caller says where it was found. */
public final class PartitionedTableException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final transient QualifiedName table;
    private final String partitioning;

    PartitionedTableException(QualifiedName table, String partitioning) {
        super("Table " + table + " is partitioned (" + partitioning + ")");
        this.table = table;
        this.partitioning = partitioning;
    }

    public QualifiedName table() {
        return table;
    }

    /** {@code PARTITION BY RANGE (at)} for a partitioned table, {@code PARTITION OF events} for a partition. */
    public String partitioning() {
        return partitioning;
    }
}
