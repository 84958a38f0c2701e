package dev.retort.lint;

import dev.retort.dialect.LostData;
import dev.retort.dialect.NonTransactional;
import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks hand-written SQL ({@code Execute} operations, and so every statement of a SQL migration) against
 * the same rules as the operations, by recognising the common DDL statements.
 *
 * <p>Recognition is by pattern over the statement's code (comments removed, literals blanked): it knows
 * the usual forms of {@code DROP}, {@code ALTER TABLE}, {@code CREATE INDEX} and {@code CREATE TYPE},
 * and says nothing about statements it does not recognise. The statements a {@code DO} block runs are checked as
 * those written outside one, at their own lines ({@link DoBlocks}). The tables a {@code DROP TABLE} or a
 * {@code TRUNCATE} loses are read as {@code --backup} reads them ({@link LostData}), so the two agree on what such a
 * statement loses.
 */
final class SqlRules {
    private static final String IDENT = "(?:\"[^\"]+\"|[A-Za-z_][\\w$]*)";
    static final String QNAME = IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

    private static final Pattern TRANSACTION = Pattern.compile(
            "^(BEGIN|COMMIT|ROLLBACK(?! TO\\b)|END|ABORT|START TRANSACTION|PREPARE TRANSACTION)\\b.*", FLAGS);
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE (?:(?:GLOBAL |LOCAL )?(?:TEMP|TEMPORARY|UNLOGGED) )?"
            + "TABLE (?:IF NOT EXISTS )?(" + QNAME + ").*", FLAGS);
    private static final Pattern DROP_SCHEMA = Pattern.compile("^DROP SCHEMA (?:IF EXISTS )?(.+?)( CASCADE| RESTRICT)?$", FLAGS);
    private static final Pattern DROP_EXTENSION_CASCADE = Pattern.compile(
            "^DROP EXTENSION (?:IF EXISTS )?(.+?) CASCADE$", FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(" + QNAME + ")\\s*\\*?\\s+(.*)$", FLAGS);
    private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME TO (" + IDENT + ")$", FLAGS);
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "^RENAME (?:COLUMN )?(?!CONSTRAINT )(" + IDENT + ") TO (" + IDENT + ")$", FLAGS);
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "^DROP (?:COLUMN )?(?:IF EXISTS )?(?!CONSTRAINT\\b)(" + IDENT + ").*", FLAGS);
    /** A DROP that takes what depends on the dropped object with it. */
    private static final Pattern CASCADE = Pattern.compile("^.*\\sCASCADE$", FLAGS);
    private static final Pattern CHANGE_TYPE = Pattern.compile(
            "^ALTER (?:COLUMN )?(" + IDENT + ") (?:SET DATA )?TYPE (.+?)(?: USING .*)?$", FLAGS);
    private static final Pattern SET_NOT_NULL = Pattern.compile("^ALTER (?:COLUMN )?(" + IDENT + ") SET NOT NULL$", FLAGS);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^ADD (?:CONSTRAINT (" + IDENT + ") )?(PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|EXCLUDE)\\b.*", FLAGS);
    /** A check that a column IS NOT NULL, added NOT VALID: the first step of setting NOT NULL without a scan. */
    private static final Pattern NOT_NULL_CHECK = Pattern.compile(
            "^ADD CONSTRAINT (" + IDENT + ") CHECK \\(\\s*\\(?\\s*(" + IDENT + ")\\s+IS\\s+NOT\\s+NULL\\s*\\)?\\s*\\)"
                    + "\\s+NOT VALID$", FLAGS);
    private static final Pattern SET_PERSISTENCE = Pattern.compile("^SET (UN)?LOGGED$", FLAGS);
    private static final Pattern VALIDATE = Pattern.compile("^VALIDATE CONSTRAINT (" + IDENT + ")$", FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(" + IDENT + ") (.+)$", FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?"
            + "(?:IF NOT EXISTS )?(" + IDENT + " )?ON (?:ONLY )?(" + QNAME + ").*", FLAGS);
    private static final Pattern DROP_INDEX = Pattern.compile(
            "^DROP INDEX (CONCURRENTLY )?(?:IF EXISTS )?(.+?)( CASCADE| RESTRICT)?$", FLAGS);
    private static final Pattern RENAME_TYPE = Pattern.compile("^ALTER TYPE (" + QNAME + ") RENAME TO .*", FLAGS);
    private static final Pattern DROP_TYPE = Pattern.compile(
            "^DROP (TYPE|DOMAIN) (?:IF EXISTS )?(.+?)( CASCADE| RESTRICT)?$", FLAGS);
    private static final Pattern DROP_OWNED = Pattern.compile("^DROP OWNED BY (.+?)( CASCADE| RESTRICT)?$", FLAGS);
    private static final Pattern CREATE_ENUM = Pattern.compile("^CREATE TYPE (" + QNAME + ") AS ENUM\\b.*", FLAGS);
    private static final Pattern DELETE_ENUM_VALUE = Pattern.compile("^DELETE FROM (?:pg_catalog\\.)?pg_enum\\b.*", FLAGS);
    private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");

    private final MigrationScope scope;
    private final SourceLines lines;
    private final List<Hit> hits;
    private int line;
    /** The line of the {@code DO} block whose body holds the statement checked now, or 0. */
    private int blockLine;
    /** Whether the statements checked now are in an autocommit block, outside the migration's transaction. */
    private boolean inAutocommit;
    /** Whether the statement checked now is one a {@code DO} block runs, which is no statement at the top level. */
    private boolean inDoBlock;
    /** A transaction an autocommit block opened and has not yet ended, or null. */
    private Opened openedInBlock;

    private record Opened(String keyword, int line) {
    }

    SqlRules(MigrationScope scope, SourceLines lines, List<Hit> hits) {
        this.scope = scope;
        this.lines = lines;
        this.hits = hits;
    }

    /** Records in {@code scope} the values each enum type that {@code sql} creates has; for reading a downgrade. */
    static void recordEnumDefinitions(String sql, MigrationScope scope) {
        for (SqlStatements.Statement statement : SqlStatements.split(sql)) {
            Matcher m = CREATE_ENUM.matcher(statement.code());
            if (m.matches()) {
                scope.previousEnumValues(name(m.group(1)), enumValues(statement.text()));
            }
        }
    }

    /** Checks each statement of {@code sql} in order. */
    void check(String sql) {
        for (SqlStatements.Statement statement : SqlStatements.split(sql)) {
            check(statement, OperationRules.locate(lines, firstCodeLine(statement.text())), 0);
        }
    }

    /**
     * Checks {@code statement}, written at line {@code at}, and the statements its {@code DO} block runs, if it is
     * one, at their own lines; {@code blockAt} is the line of the block that holds the statement, or 0.
     */
    private void check(SqlStatements.Statement statement, int at, int blockAt) {
        line = at;
        blockLine = blockAt;
        check(statement);
        int block = blockAt > 0 ? blockAt : at;
        boolean outer = inDoBlock;
        inDoBlock = true;
        for (DoBlocks.Part part : DoBlocks.parts(statement.text())) {
            int partAt = lines.lineWithin(at, part.lineOffset(), part.written());
            if (part.dynamic()) {
                hits.add(new Hit(RuleCatalog.DYNAMIC_SQL, "runs SQL that EXECUTE builds at run time, which lint cannot "
                        + "read: review what it can run, then accept it with a retort:allow RT124 comment", partAt,
                        block));
                continue;
            }
            for (SqlStatements.Statement inner : SqlStatements.split(part.sql())) {
                check(inner, partAt, block);
            }
        }
        inDoBlock = outer;
    }

    /**
     * Rule RT120: a statement PostgreSQL refuses in a transaction block, run in the migration's. In a {@code DO} block
     * it is refused whatever the transaction ("cannot be executed from a function"), so an autocommit block around
     * the block cannot help: the statement has to leave it.
     */
    private void refusedInTransaction(SqlStatements.Statement statement) {
        String refused = inAutocommit && !inDoBlock ? null : NonTransactional.statement(statement.text());
        if (refused != null && inDoBlock) {
            hit(RuleCatalog.REFUSED_IN_TRANSACTION, "runs " + refused + " in a DO block, where PostgreSQL refuses it "
                    + "even in an autocommit block (it cannot be executed from a function): move it out of the DO "
                    + "block, as a statement of its own in an autocommit block ('-- +autocommit' in SQL, "
                    + "op.autocommit in Java)");
        } else if (refused != null) {
            hit(RuleCatalog.REFUSED_IN_TRANSACTION, "runs " + refused + " in the migration's transaction, where "
                    + "PostgreSQL refuses it: put it in an autocommit block ('-- +autocommit' in SQL, op.autocommit in "
                    + "Java)");
        }
    }

    /** Says whether the statements checked next are in an autocommit block. */
    void inAutocommit(boolean inside) {
        if (!inside && openedInBlock != null) {
            // Left open, the block's transaction is taken over by the migration's own, and a failure after the
            // block rolls back what the block was meant to commit.
            hits.add(new Hit(RuleCatalog.TRANSACTION_CONTROL, "runs " + openedInBlock.keyword() + " in an autocommit "
                    + "block that ends without COMMIT: the statements after it are rolled back with the migration "
                    + "when a later one fails; COMMIT before the block ends", openedInBlock.line()));
        }
        openedInBlock = null;
        inAutocommit = inside;
    }

    /** Notes a new enum type, and fires RT104 when it replaces a type of the same name with fewer values. */
    void enumCreated(QualifiedName type, List<String> values, String... needles) {
        if (!scope.isRetiredEnum(type)) {
            return;
        }
        List<String> previous = scope.previousEnumValues(type);
        int at = needles.length == 0 ? line : OperationRules.locate(lines, needles);
        if (previous == null) {
            hits.add(new Hit(RuleCatalog.DROP_ENUM_VALUE, "recreates enum type " + type + " with values ("
                    + String.join(", ", values) + "): any value left out is gone and rows holding it cannot convert", at));
            return;
        }
        Set<String> removed = new LinkedHashSet<>(previous);
        values.forEach(removed::remove);
        if (!removed.isEmpty()) {
            hits.add(new Hit(RuleCatalog.DROP_ENUM_VALUE, "recreates enum type " + type + " without value(s) "
                    + String.join(", ", removed) + ": rows holding them cannot convert to the new type", at));
        }
    }

    private void check(SqlStatements.Statement statement) {
        String code = statement.code();
        List<LostData.Loss> lost = LostData.of(statement.text());
        refusedInTransaction(statement);
        Matcher m;
        // An autocommit block runs outside the migration's transaction, where a transaction of its own is allowed,
        // as long as the block ends it.
        if (inAutocommit && (m = TRANSACTION.matcher(code)).matches()) {
            String keyword = m.group(1).toUpperCase(Locale.ROOT);
            openedInBlock = keyword.equals("BEGIN") || keyword.equals("START TRANSACTION")
                    ? new Opened(keyword, line) : null;
        } else if ((m = TRANSACTION.matcher(code)).matches()) {
            hit(RuleCatalog.TRANSACTION_CONTROL, "runs " + m.group(1).toUpperCase(Locale.ROOT) + ": Retort runs each "
                    + "migration in its own transaction; remove it, or use an autocommit block for statements that must "
                    + "run outside one");
        } else if ((m = CREATE_TABLE.matcher(code)).matches()) {
            scope.tableCreated(name(m.group(1)));
        } else if (is(lost, LostData.Kind.DROP_TABLE)) {
            for (LostData.Loss loss : lost) {
                if (scope.isExistingTable(loss.table())) {
                    hit(RuleCatalog.DROP_TABLE, "drops table " + loss.table() + " and all its rows"
                            + (CASCADE.matcher(code).matches() ? RuleCatalog.CASCADED : ""));
                }
            }
        } else if ((m = DROP_SCHEMA.matcher(code)).matches()) {
            for (QualifiedName schema : names(m.group(1))) {
                hit(RuleCatalog.DROP_SCHEMA, "drops schema " + schema
                        + (m.group(2) != null && m.group(2).strip().equalsIgnoreCase("CASCADE")
                        ? " and every table, type and function in it (CASCADE)" : ""));
            }
        } else if ((m = DROP_EXTENSION_CASCADE.matcher(code)).matches()) {
            hit(RuleCatalog.DROP_EXTENSION_CASCADE, "drops extension " + m.group(1) + " with CASCADE: the columns of "
                    + "its types (with their data), and the indexes and defaults that use it, go too");
        } else if ((m = ALTER_TABLE.matcher(code)).matches()) {
            QualifiedName table = name(m.group(1));
            if (scope.isExistingTable(table)) {
                alterTable(table, m.group(2));
            }
        } else if ((m = CREATE_INDEX.matcher(code)).matches()) {
            createIndex(m);
        } else if ((m = DROP_INDEX.matcher(code)).matches()) {
            for (QualifiedName index : names(m.group(2))) {
                if (m.group(1) == null && !scope.isNewIndex(index)) {
                    hit(RuleCatalog.NON_CONCURRENT_INDEX, "drops index " + index + " without CONCURRENTLY: blocks "
                            + "all use of its table while it runs");
                }
            }
        } else if ((m = RENAME_TYPE.matcher(code)).matches()) {
            scope.enumRetired(name(m.group(1)));
        } else if ((m = DROP_TYPE.matcher(code)).matches()) {
            String kind = m.group(1).toLowerCase(Locale.ROOT);
            for (QualifiedName type : names(m.group(2))) {
                scope.enumRetired(type);
                if (m.group(3) != null && m.group(3).strip().equalsIgnoreCase("CASCADE")) {
                    hit(RuleCatalog.DROP_TYPE_CASCADE, typeDropped(kind, type));
                }
            }
        } else if ((m = DROP_OWNED.matcher(code)).matches()) {
            hit(RuleCatalog.DROP_TYPE_CASCADE, "drops every object that role " + unquote(m.group(1).strip())
                    + " owns (DROP OWNED): its tables with their rows, and the columns of its types with their data, "
                    + "go too; --backup copies none of them");
        } else if ((m = CREATE_ENUM.matcher(code)).matches()) {
            enumCreated(name(m.group(1)), enumValues(statement.text()));
        } else if (DELETE_ENUM_VALUE.matcher(code).matches()) {
            hit(RuleCatalog.DROP_ENUM_VALUE, "deletes rows of pg_enum: removes enum values behind PostgreSQL's back, "
                    + "leaving rows that hold them unreadable");
        } else if (is(lost, LostData.Kind.TRUNCATE)) {
            for (LostData.Loss loss : lost) {
                if (scope.isExistingTable(loss.table())) {
                    hit(RuleCatalog.DELETE_ALL_ROWS, "empties table " + loss.table() + " (TRUNCATE): every row is "
                            + "gone, and no downgrade brings them back");
                }
            }
        } else {
            for (DeleteStatements.EveryRow delete : DeleteStatements.everyRow(code)) {
                if (scope.isExistingTable(delete.table())) {
                    hit(RuleCatalog.DELETE_ALL_ROWS, "deletes every row of table " + delete.table() + " (DELETE "
                            + delete.how() + "), and no downgrade brings them back");
                }
            }
        }
    }

    /** What dropping {@code type}, a {@code type} or a {@code domain}, with CASCADE loses. */
    static String typeDropped(String kind, QualifiedName type) {
        return "drops " + kind + " " + type + " with CASCADE: the columns of that " + kind + " (with their data), and "
                + "the defaults, checks and functions that use it, go too; --backup copies none of them. Drop or "
                + "convert those columns first, and drop the " + kind + " without CASCADE";
    }

    /** Whether what a statement loses, {@code lost}, is what a statement of {@code kind} loses. */
    private static boolean is(List<LostData.Loss> lost, LostData.Kind kind) {
        return !lost.isEmpty() && lost.get(0).kind() == kind;
    }

    private void alterTable(QualifiedName table, String actions) {
        Matcher m;
        if ((m = RENAME_TABLE.matcher(actions)).matches()) {
            hit(RuleCatalog.RENAME, "renames table " + table + " to " + unquote(m.group(1))
                    + ": running clients that still use the old name break");
            return;
        }
        if ((m = RENAME_COLUMN.matcher(actions)).matches()) {
            hit(RuleCatalog.RENAME, "renames column " + table + "." + unquote(m.group(1)) + " to "
                    + unquote(m.group(2)) + ": running clients that still use the old name break");
            return;
        }
        for (String action : splitTopLevel(actions)) {
            alterTableAction(table, action);
        }
    }

    private void alterTableAction(QualifiedName table, String action) {
        Matcher m;
        if ((m = NOT_NULL_CHECK.matcher(action)).matches()) {
            scope.notNullCheckAdded(table, unquote(m.group(1)), unquote(m.group(2)));
        } else if ((m = VALIDATE.matcher(action)).matches()) {
            scope.constraintValidated(table, unquote(m.group(1)));
        }
        if ((m = ADD_CONSTRAINT.matcher(action)).matches()) {
            String kind = m.group(2).toLowerCase(Locale.ROOT);
            String what = (kind.equals("exclude") ? "exclusion constraint" : kind)
                    + (m.group(1) != null ? " " + unquote(m.group(1)) : "") + " on " + table;
            boolean unique = kind.equals("primary key") || kind.equals("unique");
            if (unique && !contains(action, "USING INDEX")) {
                hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "adds " + what + " to an existing table: fails on "
                        + "duplicates and builds its index under a lock; add it USING INDEX of a concurrent index");
            } else if (kind.equals("exclude")) {
                hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "adds " + what + " to an existing table: fails on "
                        + "conflicting rows and builds its index under a lock that blocks all use of the table; "
                        + "PostgreSQL can neither add it NOT VALID nor build it concurrently, so add it while the "
                        + "table is small or in a maintenance window");
            } else if (!unique && !kind.equals("exclude") && !contains(action, "NOT VALID")) {
                hit(RuleCatalog.CONSTRAINT_WITHOUT_NOT_VALID, "adds " + what + " without NOT VALID: checks every "
                        + "row under a lock; add it NOT VALID and VALIDATE CONSTRAINT in a later migration");
            }
        } else if ((m = DROP_COLUMN.matcher(action)).matches()) {
            hit(RuleCatalog.DROP_COLUMN, "drops column " + table + "." + unquote(m.group(1)) + " and its data"
                    + (CASCADE.matcher(action).matches() ? RuleCatalog.CASCADED : ""));
        } else if ((m = CHANGE_TYPE.matcher(action)).matches()) {
            hit(RuleCatalog.CHANGE_TYPE, "changes the type of column " + table + "." + unquote(m.group(1)) + " to "
                    + foldedOutsideQuotes(m.group(2)) + ": " + RuleCatalog.TYPE_CHANGE_COST);
        } else if ((m = SET_NOT_NULL.matcher(action)).matches()
                && !scope.isProvenNotNull(table, unquote(m.group(1)))) {
            hit(RuleCatalog.SET_NOT_NULL, "sets NOT NULL on column " + table + "." + unquote(m.group(1))
                    + ": scans the whole table under an ACCESS EXCLUSIVE lock; add a CHECK (... IS NOT NULL) NOT VALID "
                    + "constraint and validate it first");
        } else if ((m = ADD_COLUMN.matcher(action)).matches()) {
            addColumn(table, unquote(m.group(1)), m.group(2));
        } else if ((m = SET_PERSISTENCE.matcher(action)).matches()) {
            hit(RuleCatalog.SET_PERSISTENCE, RuleCatalog.persistenceChange(table, m.group(1) != null));
        }
    }

    private void addColumn(QualifiedName table, String column, String definition) {
        String where = "column " + table + "." + column;
        String type = definition.split(" ")[0];
        boolean filled = contains(definition, "DEFAULT") || contains(definition, "GENERATED") || Volatility.isSerial(type);
        if ((contains(definition, "NOT NULL") || contains(definition, "PRIMARY KEY")) && !filled) {
            hit(RuleCatalog.NOT_NULL_COLUMN_WITHOUT_DEFAULT, "adds NOT NULL " + where + " without a default: fails "
                    + "if the table has rows; add it nullable, backfill, then set NOT NULL");
        }
        if (Volatility.isVolatile(definition) || Volatility.isSerial(type) || contains(definition, "GENERATED")) {
            hit(RuleCatalog.VOLATILE_DEFAULT, "adds " + where + " with a value computed per row: rewrites the whole "
                    + "table under an ACCESS EXCLUSIVE lock");
        }
        if (contains(definition, "UNIQUE") || contains(definition, "PRIMARY KEY")) {
            hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "adds " + where + " with a unique index to an existing table: "
                    + "builds the index under a lock");
        }
        if (contains(definition, "REFERENCES") || contains(definition, "CHECK")) {
            hit(RuleCatalog.CONSTRAINT_WITHOUT_NOT_VALID, "adds " + where + " with a foreign key or check: checks "
                    + "every row under a lock; add the constraint separately with NOT VALID");
        }
    }

    private void createIndex(Matcher m) {
        QualifiedName table = name(m.group(4));
        String index = m.group(3) == null ? "(unnamed)" : unquote(m.group(3).strip());
        scope.indexCreated(QualifiedName.of(table.schema(), index));
        if (!scope.isExistingTable(table)) {
            return;
        }
        String what = (m.group(1) != null ? "unique index " : "index ") + index + " on " + table;
        if (m.group(1) != null) {
            hit(RuleCatalog.UNIQUE_ON_EXISTING_TABLE, "creates " + what + ": fails if existing rows hold duplicates");
        }
        if (m.group(2) == null) {
            hit(RuleCatalog.NON_CONCURRENT_INDEX, "creates " + what + " without CONCURRENTLY: blocks writes to the "
                    + "table while it builds");
        }
    }

    private void hit(Rule rule, String message) {
        hits.add(new Hit(rule, message, line, blockLine > 0 ? blockLine : line));
    }

    private static boolean contains(String code, String words) {
        return Pattern.compile("\\b" + words.replace(" ", "\\s+") + "\\b", FLAGS).matcher(code).find();
    }

    /** The comma-separated parts of {@code code} outside parentheses. */
    private static List<String> splitTopLevel(String code) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(code.substring(from, i).strip());
                from = i + 1;
            }
        }
        parts.add(code.substring(from).strip());
        return parts;
    }

    private static List<QualifiedName> names(String list) {
        List<QualifiedName> names = new ArrayList<>();
        for (String part : splitTopLevel(list)) {
            if (part.matches(QNAME)) {
                names.add(name(part));
            }
        }
        return names;
    }

    /** The name {@code qualified} ({@code schema.table} or {@code table}) stands for, as PostgreSQL reads it. */
    static QualifiedName name(String qualified) {
        Matcher m = Pattern.compile("(" + IDENT + ")(?:\\s*\\.\\s*(" + IDENT + "))?").matcher(qualified.strip());
        if (!m.matches()) {
            return QualifiedName.of(unquote(qualified.strip()));
        }
        return m.group(2) == null ? QualifiedName.of(unquote(m.group(1)))
                : QualifiedName.of(unquote(m.group(1)), unquote(m.group(2)));
    }

    /** The identifier as PostgreSQL stores it: quoted ones as written, others folded to lower case. */
    private static String unquote(String identifier) {
        return identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() > 1
                ? identifier.substring(1, identifier.length() - 1)
                : identifier.toLowerCase(Locale.ROOT);
    }

    /** {@code code} in lower case but for its quoted names ({@code COLLATE "C"}), which keep their case. */
    private static String foldedOutsideQuotes(String code) {
        StringBuilder folded = new StringBuilder(code.length());
        boolean quoted = false;
        for (char c : code.toCharArray()) {
            quoted ^= c == '"';
            folded.append(quoted ? c : Character.toLowerCase(c));
        }
        return folded.toString();
    }

    private static List<String> enumValues(String text) {
        int open = text.indexOf('(', text.toUpperCase(Locale.ROOT).indexOf("ENUM"));
        List<String> values = new ArrayList<>();
        Matcher m = STRING.matcher(open < 0 ? "" : text.substring(open));
        while (m.find()) {
            values.add(m.group(1).replace("''", "'"));
        }
        return values;
    }

    /**
     * The first line of code of a statement, for finding it in the file: its first 60 characters, or more to end
     * the name the 60th is in, as {@link SourceLines} finds a name only whole.
     */
    static String firstCodeLine(String text) {
        for (String candidate : text.lines().toList()) {
            String stripped = candidate.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("--") && !stripped.startsWith("/*")) {
                int cut = Math.min(stripped.length(), 60);
                while (cut < stripped.length() && cut > 0 && SourceLines.isNamePart(stripped.charAt(cut - 1))
                        && SourceLines.isNamePart(stripped.charAt(cut))) {
                    cut++;
                }
                return stripped.substring(0, cut);
            }
        }
        return text.strip();
    }

}
