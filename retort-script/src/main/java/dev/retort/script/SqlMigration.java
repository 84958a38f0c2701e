package dev.retort.script;

import dev.retort.dialect.SqlStatement;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SQL migration: the statements of its two sections, grouped into blocks.
 *
 * @param upgrade the {@code -- +upgrade} section
 * @param downgrade the {@code -- +downgrade} section, empty when the file has none (it cannot be reverted)
 */
public record SqlMigration(List<Block> upgrade, Optional<List<Block>> downgrade) {
    public SqlMigration {
        upgrade = List.copyOf(upgrade);
        downgrade = downgrade.map(List::copyOf);
    }

    /**
     * Consecutive statements that run the same way.
     *
     * @param autocommit true inside {@code -- +autocommit} ... {@code -- +end-autocommit}: the statements run outside
     *     the migration's transaction, as {@code CREATE INDEX CONCURRENTLY} must
     */
    public record Block(boolean autocommit, List<SqlStatement> statements) {
        public Block {
            statements = List.copyOf(statements);
        }
    }
}
