package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.AlterSequence;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.DropSequence;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import java.util.List;

/** Writes {@code CREATE}, {@code ALTER} and {@code DROP SEQUENCE}. */
final class SequenceDdl {
    private SequenceDdl() {
    }

    static List<String> createSequence(CreateSequence operation) {
        return List.of("CREATE SEQUENCE " + (operation.ifNotExists() ? "IF NOT EXISTS " : "")
                + quote(operation.sequence()) + options(operation.sequence(), operation.options(), null));
    }

    static List<String> alterSequence(AlterSequence operation) {
        return List.of("ALTER SEQUENCE " + quote(operation.sequence())
                + options(operation.sequence(), operation.options(), operation.restartWith()));
    }

    static List<String> dropSequence(DropSequence operation) {
        return List.of("DROP SEQUENCE " + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.sequence())
                + (operation.cascade() ? " CASCADE" : ""));
    }

    /** An identity column's sequence options, {@code " (INCREMENT BY 10 START WITH 1000)"}; empty for none. */
    static String identityOptions(SequenceOptions options) {
        return options.isEmpty() ? "" : " (" + options(null, options, null).substring(1) + ")";
    }

    /** The given settings, in the order of PostgreSQL's synopsis, each with a leading space. */
    private static String options(QualifiedName sequence, SequenceOptions options, Long restartWith) {
        StringBuilder sql = new StringBuilder();
        if (options.dataType() != null) {
            sql.append(" AS ").append(options.dataType());
        }
        if (options.increment() != null) {
            sql.append(" INCREMENT BY ").append(options.increment());
        }
        if (options.minValue() != null) {
            sql.append(" MINVALUE ").append(options.minValue());
        }
        if (options.maxValue() != null) {
            sql.append(" MAXVALUE ").append(options.maxValue());
        }
        if (options.start() != null) {
            sql.append(" START WITH ").append(options.start());
        }
        if (restartWith != null) {
            sql.append(" RESTART WITH ").append(restartWith);
        }
        if (options.cache() != null) {
            sql.append(" CACHE ").append(options.cache());
        }
        if (options.cycle() != null) {
            sql.append(options.cycle() ? " CYCLE" : " NO CYCLE");
        }
        if (options.ownedBy() != null) {
            sql.append(" OWNED BY ").append(owner(sequence, options.ownedBy()));
        }
        return sql.toString();
    }

    /** The owning column, in the sequence's schema because PostgreSQL requires them to share one. */
    private static String owner(QualifiedName sequence, SequenceOwner owner) {
        if (owner.isNone()) {
            return "NONE";
        }
        return quote(QualifiedName.of(sequence.schema(), owner.table())) + "." + quote(owner.column());
    }
}
