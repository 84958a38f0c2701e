package dev.retort.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import org.junit.jupiter.api.Test;

/** Which table owns a sequence: the owning column's table, in the sequence's own schema. */
class SequenceTest {
    private static Sequence sequence(String schema, SequenceOwner owner) {
        return new Sequence(QualifiedName.of(schema, "orders_id_seq"), SequenceOptions.UNSPECIFIED.ownedBy(owner));
    }

    @Test
    void theOwnerTableIsInTheSequencesSchema() {
        Sequence owned = sequence("sales", new SequenceOwner("orders", "id"));

        assertThat(owned.ownerTable()).contains(QualifiedName.of("sales", "orders"));
        assertThat(owned.isOwnedBy(QualifiedName.of("sales", "orders"))).isTrue();
        assertThat(owned.isOwnedBy(QualifiedName.of("public", "orders"))).isFalse();
        assertThat(owned.isOwnedBy(QualifiedName.of("sales", "invoices"))).isFalse();
        assertThat(sequence(null, new SequenceOwner("orders", "id")).isOwnedBy(QualifiedName.of(null, "orders")))
                .isTrue();
    }

    @Test
    void aSequenceNoColumnOwnsHasNoOwnerTable() {
        assertThat(sequence("sales", SequenceOwner.NONE).ownerTable()).isEmpty();
        assertThat(sequence("sales", null).ownerTable()).isEmpty();
        assertThat(sequence("sales", SequenceOwner.NONE).isOwnedBy(QualifiedName.of("sales", "orders"))).isFalse();
    }
}
