package dev.retort.operation;

import dev.retort.RetortException;

/**
 * Changes a sequence's settings; unset ones stay as they are.
 *
 * @param restartWith the next value the sequence returns ({@code RESTART WITH}), or null
 */
public record AlterSequence(QualifiedName sequence, SequenceOptions options, Long restartWith)
        implements Operation {
    public AlterSequence {
        Require.present(sequence, "the sequence to alter");
        options = options == null ? SequenceOptions.UNSPECIFIED : options;
        if (options.isEmpty() && restartWith == null) {
            throw new RetortException("Altering sequence " + sequence + " changes nothing; give it a new "
                    + "setting or a value to restart with.");
        }
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
