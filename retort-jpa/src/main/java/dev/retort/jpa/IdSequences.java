package dev.retort.jpa;

import jakarta.persistence.GeneratedValue;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedName;
import org.hibernate.dialect.Dialect;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.SequenceStructure;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.id.factory.IdentifierGeneratorFactory;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.KeyValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.RootClass;
import org.hibernate.mapping.Subclass;
import org.hibernate.mapping.UnionSubclass;
import org.hibernate.service.ServiceRegistry;

/**
 * The sequence each entity's id generator takes its numbers from, as Hibernate's own generator has it: the
 * {@code @SequenceGenerator}'s sequence, or the one Hibernate names after the table ({@code users_seq}).
 *
 * <p>Autogenerate pairs such a sequence with the id column when the column stops being an identity, so that the
 * sequence moves past the rows the identity numbered; knowing the generator, it needs no guess from the names. The
 * generator is the one Hibernate created and registered the sequence for while it built the metadata (an id value
 * keeps it), so the names are the physical names of the DDL.
 */
final class IdSequences {
    /**
     * An id column numbered by a sequence.
     *
     * @param column   {@code table.column}, the table named as {@link RenameHints#name} names it
     * @param sequence {@code schema.sequence} outside {@code public}, else {@code sequence}
     * @param owner    the id attribute and its generator, for messages: {@code com.example.User.id
     *                 (@SequenceGenerator "ids")}
     */
    record Use(String column, String sequence, String owner) {
    }

    private IdSequences() {
    }

    static List<Use> of(Metadata metadata, ServiceRegistry registry, Dialect dialect) {
        IdentifierGeneratorFactory factory = registry.requireService(IdentifierGeneratorFactory.class);
        List<Use> uses = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (!(entity instanceof RootClass root) || root.getIdentifierProperty() == null) {
                continue; // a subclass shares its root's generator; an @IdClass id has no generator of its own
            }
            KeyValue id = root.getIdentifier();
            if (id.getColumnSpan() != 1 || !(id.getSelectables().get(0) instanceof Column column)) {
                continue;
            }
            Generator generator = id.createGenerator(factory, dialect, root);
            if (generator instanceof SequenceStyleGenerator sequences
                    && sequences.getDatabaseStructure() instanceof SequenceStructure structure) {
                String attribute = root.getIdentifierProperty().getName();
                String sequence = name(structure.getPhysicalName());
                uses.add(new Use(RenameHints.name(root.getTable()) + "." + stored(column), sequence,
                        owner(root, attribute)));
                // TABLE_PER_CLASS: each concrete subclass's table has an id column of its own, from the same sequence.
                for (Subclass subclass : root.getSubclasses()) {
                    if (subclass instanceof UnionSubclass) {
                        uses.add(new Use(RenameHints.name(subclass.getTable()) + "." + stored(column), sequence,
                                owner(root, attribute)));
                    }
                }
            }
        }
        return uses;
    }

    private static String stored(Column column) {
        return StoredNames.stored(Identifier.toIdentifier(column.getName(), column.isQuoted()));
    }

    private static String name(QualifiedName sequence) {
        Identifier schema = sequence.getSchemaName();
        String prefix = schema == null || StoredNames.stored(schema).equals("public") ? ""
                : StoredNames.stored(schema) + ".";
        return prefix + StoredNames.stored(sequence.getObjectName());
    }

    /** {@code com.example.User.id (@SequenceGenerator "ids")}, or without the generator when none is named. */
    private static String owner(RootClass root, String attribute) {
        String where = root.getClassName() + "." + attribute;
        GeneratedValue generated = RenameHints.annotation(root.getMappedClass(), attribute, GeneratedValue.class);
        return generated == null || generated.generator().isEmpty() ? where + " (@GeneratedValue)"
                : where + " (@SequenceGenerator \"" + generated.generator() + "\")";
    }
}
