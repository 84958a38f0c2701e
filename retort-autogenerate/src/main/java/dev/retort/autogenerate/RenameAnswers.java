package dev.retort.autogenerate;

import dev.retort.autogenerate.diff.Renames;
import dev.retort.operation.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a table or column that disappears while a compatible one appears was renamed: from
 * {@code @RenamedFrom} on the entities, from {@code --rename old=new}, or by asking at the terminal.
 * Without any of those the answer is no, and the diff drops and adds with a warning in the file.
 */
public final class RenameAnswers implements Renames {
    private final ModelDdl model;
    private final ExplicitRenames explicit;
    private final Prompter prompter;

    /** @param explicit the {@code --rename} pairs, which learn here which of them the diff applied */
    public RenameAnswers(ModelDdl model, ExplicitRenames explicit, Prompter prompter) {
        this.model = model;
        this.explicit = explicit;
        this.prompter = prompter;
    }

    @Override
    public boolean tableRenamed(QualifiedName from, QualifiedName to) {
        // Asked first even when the model answers, so that a --rename saying the same counts as matched.
        Optional<Boolean> named = explicit.tableRenamed(from, to);
        if (hinted(from, to)) {
            return true;
        }
        return named.orElseGet(() -> prompter.confirm("Did you rename table " + from + " to " + to + "?"));
    }

    @Override
    public boolean mayFollow(QualifiedName from, QualifiedName to) {
        return explicit.tableRenamed(from, to).orElse(true);
    }

    @Override
    public boolean declared(QualifiedName from, QualifiedName to) {
        return hinted(from, to);
    }

    /**
     * Whether the model renames {@code from} to {@code to}. The model names the old table in the new table's
     * schema, as {@code @RenamedFrom} gives only a name: a table that also moves to another schema was renamed
     * from that name in the schema it leaves.
     */
    private boolean hinted(QualifiedName from, QualifiedName to) {
        String old = model.tableRenames().get(to.toString());
        if (old == null) {
            return false;
        }
        return from.toString().equals(old) || !Objects.equals(from.schema(), to.schema())
                && old.equals(from.inSchema(to.schema()).toString());
    }

    @Override
    public boolean declaredColumn(QualifiedName table, String from, String to) {
        return from.equals(model.columnRenames().get(table + "." + to));
    }

    @Override
    public boolean namedColumn(QualifiedName table, String from, String to) {
        return declaredColumn(table, from, to) || explicit.namesColumn(table, from, to);
    }

    @Override
    public boolean columnRenamed(QualifiedName table, String from, String to) {
        Optional<Boolean> named = explicit.columnRenamed(table, from, to);
        if (from.equals(model.columnRenames().get(table + "." + to))) {
            return true;
        }
        return named.orElseGet(
                () -> prompter.confirm("Did you rename " + table + "." + from + " to " + table + "." + to + "?"));
    }
}
