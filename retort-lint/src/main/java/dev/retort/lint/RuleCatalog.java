package dev.retort.lint;

import dev.retort.operation.QualifiedName;
import java.util.List;

/** The linter's rules; codes are stable, so a {@code [lint]} table written today still means the same later. */
final class RuleCatalog {
    static final Rule UNREADABLE = new Rule("RT100",
            "cannot be linted: a SQL file Retort cannot split into statements, a Java file that does not compile, or a "
                    + "migration that throws while its operations are recorded",
            Severity.ERROR);
    static final Rule DROP_TABLE = new Rule("RT101", "drops a table and all its rows", Severity.WARNING);
    static final Rule DROP_COLUMN = new Rule("RT102", "drops a column and its data", Severity.WARNING);
    /**
     * What CASCADE adds to the drop of a table or a column: the views, foreign keys, policies and functions that use
     * it go too, which PostgreSQL does without naming them.
     */
    static final String CASCADED = ", with everything that depends on it (CASCADE)";
    static final Rule DROP_SCHEMA = new Rule("RT103", "drops a schema", Severity.WARNING);
    static final Rule DROP_ENUM_VALUE = new Rule("RT104",
            "drops an enum value (recreates the type with fewer values); rows holding it cannot convert", Severity.WARNING);
    static final Rule CHANGE_TYPE = new Rule("RT105",
            "changes a column's type: unless it only widens, rewrites the table and may narrow data",
            Severity.WARNING);
    /**
     * What a type change costs, for the rule's findings. A linter sees the new type only, so it cannot tell a
     * widening, which PostgreSQL makes in the catalog alone, from a change that rewrites every row.
     */
    static final String TYPE_CHANGE_COST = "unless it only widens (a longer varchar, varchar to text, more numeric "
            + "precision), rewrites the table under an ACCESS EXCLUSIVE lock and may narrow or reject data";
    static final Rule RENAME = new Rule("RT106",
            "renames a table or column: running clients that use the old name break", Severity.WARNING);
    static final Rule NOT_NULL_COLUMN_WITHOUT_DEFAULT = new Rule("RT107",
            "adds a NOT NULL column without a default to an existing table: fails if the table has rows", Severity.ERROR);
    static final Rule SET_NOT_NULL = new Rule("RT108",
            "sets NOT NULL on an existing column: scans the table under an ACCESS EXCLUSIVE lock", Severity.WARNING);
    static final Rule UNIQUE_ON_EXISTING_TABLE = new Rule("RT109",
            "adds a unique index or constraint to an existing table: fails on duplicates, builds under a lock",
            Severity.WARNING);
    static final Rule NON_CONCURRENT_INDEX = new Rule("RT110",
            "creates or drops an index without CONCURRENTLY: blocks writes to the table while it runs", Severity.WARNING);
    static final Rule CONSTRAINT_WITHOUT_NOT_VALID = new Rule("RT111",
            "adds a foreign key or check to an existing table without NOT VALID: validates every row under a lock",
            Severity.WARNING);
    static final Rule VOLATILE_DEFAULT = new Rule("RT112",
            "adds a column with a volatile default to an existing table: rewrites the table", Severity.WARNING);
    static final Rule MISSING_DOWNGRADE = new Rule("RT113",
            "has no downgrade: the migration cannot be reverted", Severity.WARNING);
    static final Rule TRANSACTION_CONTROL = new Rule("RT114",
            "controls transactions in its SQL: the runner manages them", Severity.ERROR);
    static final Rule LONG_IDENTIFIER = new Rule("RT115",
            "names something with more than 63 bytes: PostgreSQL silently truncates it", Severity.ERROR);
    static final Rule SECRET = new Rule("RT116",
            "contains what looks like a password, token or key", Severity.ERROR);
    static final Rule DELETE_ALL_ROWS = new Rule("RT117",
            "empties an existing table (TRUNCATE, or DELETE without WHERE): its rows are gone", Severity.WARNING);
    /**
     * Without CASCADE, PostgreSQL refuses to drop an extension that a column, index or default uses, so only the
     * cascading form can lose data (the columns of its types go with the extension).
     */
    static final Rule DROP_EXTENSION_CASCADE = new Rule("RT118",
            "drops an extension with CASCADE: the columns, indexes and defaults that use it go too", Severity.WARNING);
    static final Rule FILE_NAME = new Rule("RT119",
            "is in a file whose name does not start with its revision id", Severity.WARNING);
    /**
     * A {@code DO} block runs its statements as a function does, where PostgreSQL refuses such a statement whatever
     * the transaction: there an autocommit block does not help either.
     */
    static final Rule REFUSED_IN_TRANSACTION = new Rule("RT120",
            "runs a statement PostgreSQL refuses inside a transaction block (VACUUM, CREATE INDEX CONCURRENTLY ...) "
                    + "outside an autocommit block, or in a DO block", Severity.ERROR);
    static final Rule FLYWAY_PLACEHOLDER = new Rule("RT121",
            "holds a Flyway placeholder ${...}: Retort replaces none, and in a string it is sent as text",
            Severity.WARNING);

    /**
     * Without CASCADE, PostgreSQL refuses to drop a type or domain that a column still has; with it, such columns go
     * too. {@code DROP OWNED} drops the role's tables whatever it is given. Neither is copied by {@code --backup}.
     */
    static final Rule DROP_TYPE_CASCADE = new Rule("RT122",
            "drops a type or domain with CASCADE, or what a role owns (DROP OWNED): the columns of that type, or the "
                    + "role's tables, go with their data", Severity.WARNING);
    /** Either way PostgreSQL copies every row into a new file; to a logged table it writes them to the WAL too. */
    static final Rule SET_PERSISTENCE = new Rule("RT123",
            "makes an existing table logged or unlogged: rewrites the table under an ACCESS EXCLUSIVE lock",
            Severity.WARNING);
    /**
     * A {@code DO} block's {@code EXECUTE} of SQL built at run time ({@code 'DROP TABLE ' || name}): what it runs is
     * known only then, so the linter, which reads the block's other statements, cannot review it.
     */
    static final Rule DYNAMIC_SQL = new Rule("RT124",
            "runs SQL that a DO block's EXECUTE builds at run time: the linter cannot read it", Severity.WARNING);

    /** What making a table logged ({@code unlogged} false) or unlogged costs, for the rule's findings. */
    static String persistenceChange(QualifiedName table, boolean unlogged) {
        return "makes table " + table + (unlogged ? " unlogged (SET UNLOGGED)" : " logged (SET LOGGED)")
                + ": rewrites the whole table under an ACCESS EXCLUSIVE lock"
                + (unlogged ? "" : " and writes all of it to the write-ahead log");
    }

    /** Every rule, sorted by code. */
    static final List<Rule> ALL = List.of(UNREADABLE, DROP_TABLE, DROP_COLUMN, DROP_SCHEMA, DROP_ENUM_VALUE, CHANGE_TYPE, RENAME,
            NOT_NULL_COLUMN_WITHOUT_DEFAULT, SET_NOT_NULL, UNIQUE_ON_EXISTING_TABLE, NON_CONCURRENT_INDEX,
            CONSTRAINT_WITHOUT_NOT_VALID, VOLATILE_DEFAULT, MISSING_DOWNGRADE, TRANSACTION_CONTROL, LONG_IDENTIFIER,
            SECRET, DELETE_ALL_ROWS, DROP_EXTENSION_CASCADE, FILE_NAME, REFUSED_IN_TRANSACTION, FLYWAY_PLACEHOLDER,
            DROP_TYPE_CASCADE, SET_PERSISTENCE, DYNAMIC_SQL);

    private RuleCatalog() {
    }
}
