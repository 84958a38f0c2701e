package dev.retort.lint;

import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One migration as the linter sees it: its operations in both directions and its file's text.
 *
 * <p>A SQL migration's statements arrive as {@code Execute} operations, one per statement; a Java
 * migration's as the operations its {@code upgrade(op)} and {@code downgrade(op)} recorded.
 *
 * @param text the file's text, for line numbers and the secrets rule; empty when the migration came from the classpath
 * @param hasDowngrade false for a migration that cannot be reverted: a SQL migration without a {@code -- +downgrade}
 *                     section, or a Java migration whose {@code downgrade()} throws UnsupportedOperationException
 * @param tablesCreatedEarlier tables the caller knows to be new though this migration does not create them (for
 *                             example, created by a migration in the same not-yet-deployed release); usually empty
 */
public record LintInput(String revision, String file, String text, List<Operation> upgrade, List<Operation> downgrade,
                        boolean hasDowngrade, Set<QualifiedName> tablesCreatedEarlier) {
    public LintInput {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(file, "file");
        text = text == null ? "" : text;
        upgrade = List.copyOf(Objects.requireNonNull(upgrade, "upgrade"));
        downgrade = List.copyOf(Objects.requireNonNull(downgrade, "downgrade"));
        tablesCreatedEarlier = tablesCreatedEarlier == null ? Set.of() : Set.copyOf(tablesCreatedEarlier);
    }

    /** A migration whose tables, except those it creates itself, all exist already. */
    public LintInput(String revision, String file, String text, List<Operation> upgrade, List<Operation> downgrade,
                     boolean hasDowngrade) {
        this(revision, file, text, upgrade, downgrade, hasDowngrade, Set.of());
    }
}
