package dev.retort.autogenerate;

import dev.retort.autogenerate.diff.Renames;
import dev.retort.operation.QualifiedName;
import java.util.Map;

/**
 * Decides whether a table or column that disappears while a compatible one appears was renamed: from
 * {@code @RenamedFrom} on the entities, from {@code --rename old=new}, or by asking at the terminal.
 * Without any of those the answer is no, and the diff drops and adds with a warning in the file.
 */
public final class RenameAnswers implements Renames {
    private final ModelDdl model;
    private final Map<String, String> explicit;
    private final Prompter prompter;

    /**
     * @param explicit {@code --rename} pairs: {@code old_table=new_table}, {@code table.old_column=new_column}
     *     or {@code table.old_column=table.new_column}
     */
    public RenameAnswers(ModelDdl model, Map<String, String> explicit, Prompter prompter) {
        this.model = model;
        this.explicit = Map.copyOf(explicit);
        this.prompter = prompter;
    }

    @Override
    public boolean tableRenamed(QualifiedName from, QualifiedName to) {
        if (from.toString().equals(model.tableRenames().get(to.toString()))) {
            return true;
        }
        String named = explicit.get(from.toString());
        if (named != null) {
            return named.equals(to.toString()) || named.equals(to.name());
        }
        return prompter.confirm("Did you rename table " + from + " to " + to + "?");
    }

    @Override
    public boolean columnRenamed(QualifiedName table, String from, String to) {
        if (from.equals(model.columnRenames().get(table + "." + to))) {
            return true;
        }
        String named = explicit.get(table + "." + from);
        if (named != null) {
            return named.equals(to) || named.equals(table + "." + to);
        }
        return prompter.confirm("Did you rename " + table + "." + from + " to " + table + "." + to + "?");
    }
}
