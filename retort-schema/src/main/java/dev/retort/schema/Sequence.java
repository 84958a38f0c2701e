package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import java.util.Optional;

/**
 * A sequence that is not an identity column's own.
 *
 * @param options every option as the catalog holds it (nothing left to defaults), including the owning
 *     column of a {@code serial} column's sequence ({@code SequenceOwner.NONE} when none)
 */
public record Sequence(QualifiedName name, SequenceOptions options) {
    /**
     * The table whose column owns this sequence (a {@code serial} column's), named in the sequence's schema, where
     * PostgreSQL keeps it; empty when no column owns it.
     */
    public Optional<QualifiedName> ownerTable() {
        SequenceOwner owner = options.ownedBy();
        return owner == null || owner.isNone() ? Optional.empty()
                : Optional.of(QualifiedName.of(name.schema(), owner.table()));
    }

    /** Whether a column of {@code table} owns this sequence. */
    public boolean isOwnedBy(QualifiedName table) {
        return ownerTable().filter(table::equals).isPresent();
    }
}
