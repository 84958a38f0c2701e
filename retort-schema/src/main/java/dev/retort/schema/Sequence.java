package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;

/**
 * A sequence that is not an identity column's own.
 *
 * @param options every option as the catalog holds it (nothing left to defaults), including the owning
 *     column of a {@code serial} column's sequence ({@code SequenceOwner.NONE} when none)
 */
public record Sequence(QualifiedName name, SequenceOptions options) {
}
