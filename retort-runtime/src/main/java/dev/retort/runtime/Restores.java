package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MadeAgain;
import dev.retort.dialect.RowWrites;
import dev.retort.dialect.SqlSyntaxException;
import dev.retort.operation.AddColumn;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateTable;
import dev.retort.operation.Execute;
import dev.retort.operation.Identity;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A downgrade's operations with what {@code downgrade --restore} adds: right after each operation that makes again
 * what the revision's upgrade dropped, a statement that puts back the data the upgrade's {@code --backup} saved (see
 * {@link Backups}).
 *
 * <ul>
 * <li>{@code addColumn}: the column is added nullable, filled from its copy by primary key, then made {@code NOT NULL}
 * if the migration asked for that. A row without a saved value (written after the upgrade) stops the step with a
 * message that says what to do; PostgreSQL would refuse the {@code NOT NULL} anyway.
 * <li>{@code createTable}: the copy's rows are inserted, the columns the two share cast to the new types, past
 * identity columns ({@code OVERRIDING SYSTEM VALUE}) and without generated ones; each identity or serial column's
 * sequence then continues after the largest value restored.
 * <li>raw SQL ({@code op.execute}, and every statement of a SQL migration): after a statement that makes a table
 * again ({@code CREATE TABLE}) or adds a column ({@code ALTER TABLE ... ADD COLUMN}), as {@link MadeAgain} reads them,
 * the same as for {@code createTable} or {@code addColumn}, the SQL cut into one operation per statement there. A
 * column the statement adds {@code NOT NULL} without a default is filled only where the statement succeeds (a table
 * with rows refuses it, and the failure says what to change).
 * </ul>
 *
 * <p>A column the upgrade retyped is not put back, though its copy holds the values from before the conversion: the
 * application may have changed rows since, and the copy would undo those changes without a word.
 *
 * <p>Only a copy made by the revision's latest upgrade is used: its {@code created_at} (its transaction's
 * {@code now()}) is at the latest that upgrade's history row's {@code applied_at}, the same time unless the step
 * committed a part of itself before an autocommit part, and after the revision's history row before it (its
 * downgrade). (The {@code xmin} of the rows would not tell: a run in one transaction sends its steps in groups, each
 * in a savepoint.) An older copy, from before an upgrade that ran without {@code --backup}, may miss rows or hold
 * values changed since, so it is left alone with a warning, as is a revision nothing was saved for.
 *
 * <p>Each restore is one {@code DO} block that looks for its copy when it runs, so that {@code downgrade --sql
 * --restore} prints what a live run does. Its warnings are raised with {@link #WARNING}, which a live run passes to
 * its listener. The operations of an autocommit block are not looked into, nor what raw SQL makes in other forms
 * than {@link MadeAgain} reads, nor a table or column made {@code IF NOT EXISTS}, which may be there already with
 * data of its own. A table the step fills, empties or drops after making it again is only warned about.
 */
final class Restores {
    /** The SQLSTATE of the warnings a restore raises: class 01 (warning), with a subclass of Retort's own. */
    static final String WARNING = "01R01";
    /** A placeholder of the blocks' templates, which {@link #fill} replaces. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z]+}");

    private final Dialect dialect;
    private final HistoryTable history;
    /** Whose copies are this run's to put back: another tenant's of the same revision and table are not. */
    private final BackupOwner owner;
    private final String revision;
    private final Writes writes;

    private Restores(Dialect dialect, HistoryTable history, BackupOwner owner, String revision, Writes writes) {
        this.dialect = dialect;
        this.history = history;
        this.owner = owner;
        this.revision = revision;
        this.writes = writes;
    }

    /**
     * The statements of a step's operations that fill a table, empty it or drop it ({@link RowWrites}; a bulk insert
     * is read from its operation), each with where it stands: operation {@code operation}, its statement {@code
     * statement} as the dialect renders it. Read when a step makes a table again, not before.
     */
    private static final class Writes {
        private record Write(int operation, int statement, List<QualifiedName> tables, String sql) {
        }

        private final List<Operation> operations;
        private final Dialect dialect;
        private List<Write> all;

        Writes(List<Operation> operations, Dialect dialect) {
            this.operations = operations;
            this.dialect = dialect;
        }

        private List<Write> all() {
            if (all != null) {
                return all;
            }
            all = new ArrayList<>();
            for (int k = 0; k < operations.size(); k++) {
                List<String> statements = new ArrayList<>();
                try {
                    for (Operation operation : Autocommit.flatten(List.of(operations.get(k)))) {
                        if (operation instanceof BulkInsert insert) {
                            all.add(new Write(k, statements.size(), List.of(insert.table()),
                                    "op.bulkInsert(" + insert.table() + ", ...)"));
                        } else {
                            statements.addAll(dialect.render(operation));
                        }
                    }
                } catch (RuntimeException e) {
                    // What cannot be rendered fails the step as it comes to it.
                    continue;
                }
                for (int i = 0; i < statements.size(); i++) {
                    List<QualifiedName> tables = RowWrites.of(statements.get(i));
                    if (!tables.isEmpty()) {
                        all.add(new Write(k, i, tables, statements.get(i)));
                    }
                }
            }
            return all;
        }

        /**
         * The names, and the first lines, of the statements after statement {@code statement} of operation {@code
         * operation} that fill, empty or drop a table of {@code table}'s name, in whichever schema: which of them is
         * the table made again is for the server to tell, when the restore runs.
         */
        Map<QualifiedName, String> after(QualifiedName table, int operation, int statement) {
            Map<QualifiedName, String> writers = new LinkedHashMap<>();
            for (Write write : all()) {
                boolean later = write.operation() > operation
                        || write.operation() == operation && write.statement() > statement;
                for (QualifiedName written : later ? write.tables() : List.<QualifiedName>of()) {
                    if (written.name().equals(table.name())) {
                        String line = write.sql().strip().lines().findFirst().orElse("");
                        writers.putIfAbsent(written, line.codePointCount(0, line.length()) > 80
                                ? line.substring(0, line.offsetByCodePoints(0, 77)) + "..." : line);
                    }
                }
            }
            return writers;
        }
    }

    /**
     * {@code operations} of the downgrade of {@code revision}, each restore following its operation, from the copies
     * of {@code owner}'s runs.
     */
    static List<Operation> restoring(List<Operation> operations, String revision, HistoryTable history,
            Dialect dialect, BackupOwner owner) {
        Restores restores = new Restores(dialect, history, owner, revision, new Writes(operations, dialect));
        List<Operation> restoring = new ArrayList<>(operations.size());
        for (int k = 0; k < operations.size(); k++) {
            Operation operation = operations.get(k);
            // IF NOT EXISTS: the table or column may be there already, with data of its own to keep.
            if (fills(operation)) {
                List<AddColumn> adds = addsTo(((AddColumn) operation).table(),
                        operations.subList(k, operations.size()));
                restoring.addAll(restores.added(adds));
                k += adds.size() - 1;
            } else if (operation instanceof CreateTable create && !create.ifNotExists()) {
                restoring.add(create);
                restoring.add(new Execute(restores.table(create.table(),
                        restores.writes.after(create.table(), k, Integer.MAX_VALUE))));
            } else if (operation instanceof Execute execute) {
                restoring.addAll(restores.afterRawSql(execute, k));
            } else {
                restoring.add(operation);
            }
        }
        return restoring;
    }

    /**
     * The {@code addColumn}s to {@code table} that {@code --restore} fills at the start of {@code operations}, one
     * after the other: nothing runs between them, so one {@code UPDATE} can fill them all once they are there.
     */
    private static List<AddColumn> addsTo(QualifiedName table, List<Operation> operations) {
        List<AddColumn> adds = new ArrayList<>();
        for (Operation operation : operations) {
            if (!fills(operation) || !((AddColumn) operation).table().equals(table)) {
                break;
            }
            adds.add((AddColumn) operation);
        }
        return adds;
    }

    /**
     * {@code adds}, columns of one table, each added nullable, then filled from their copies in one block, then those
     * the migration makes {@code NOT NULL} made so. A table of a million rows took three minutes to fill with one
     * {@code UPDATE} per column of seven, each writing every row anew.
     */
    private List<Operation> added(List<AddColumn> adds) {
        QualifiedName table = adds.get(0).table();
        List<Operation> added = new ArrayList<>();
        List<Filled> filled = new ArrayList<>();
        for (AddColumn add : adds) {
            added.add(new AddColumn(table, add.column().nullable(true), false));
            filled.add(new Filled(add.column().name(), !add.column().nullable(), false));
        }
        added.add(new Execute(columns(table, filled)));
        for (AddColumn add : adds) {
            if (!add.column().nullable()) {
                added.add(new AlterColumn(table, add.column().name(), null, false, null, null, null));
            }
        }
        return added;
    }

    /**
     * Whether a downgrade's {@code operation} is one that {@code --restore} fills: a column added back, unless the
     * server fills it itself (an identity or generated column), it is a primary key (which a table with rows cannot
     * gain without values of its own) or it is added {@code IF NOT EXISTS}, when it may be there with data of its own.
     */
    static boolean fills(Operation operation) {
        if (!(operation instanceof AddColumn add) || add.ifNotExists()) {
            return false;
        }
        ColumnDef column = add.column();
        return column.identity() == Identity.NONE && column.generatedExpression() == null && !column.primaryKey();
    }

    /**
     * Whether {@code --restore} fills a column that raw SQL adds ({@code made}): as for {@code addColumn} (see {@link
     * #fills(Operation)}). One added {@code NOT NULL} without a default is filled too: a table with rows refuses the
     * statement before the restore could run, and an empty one has nothing to fill.
     */
    static boolean fills(MadeAgain.Made made) {
        return made.column() != null && !made.filledByServer() && !made.primaryKey();
    }

    /**
     * {@code execute} with the restore of each table or column one of its statements makes again right after that
     * statement: when it has several, it is cut there into one operation per statement, which send the same
     * statements (and a failure names the same line). When none makes anything again, {@code execute} as it is.
     */
    private List<Operation> afterRawSql(Execute execute, int operation) {
        List<String> statements;
        try {
            statements = dialect.render(execute);
        } catch (SqlSyntaxException e) {
            // The run reports it, with the statement's place.
            return List.of(execute);
        }
        List<List<String>> after = new ArrayList<>(statements.size());
        boolean restoring = false;
        for (int i = 0; i < statements.size(); i++) {
            List<String> restores = new ArrayList<>();
            // The columns the statement adds to one table, one after the other, are filled together.
            QualifiedName filling = null;
            List<Filled> filled = new ArrayList<>();
            for (MadeAgain.Made made : MadeAgain.of(statements.get(i))) {
                if (made.column() != null && !fills(made)) {
                    continue;
                }
                if (!filled.isEmpty() && (made.column() == null || !made.table().equals(filling))) {
                    restores.add(columns(filling, filled));
                    filled = new ArrayList<>();
                }
                if (made.column() == null) {
                    restores.add(table(made.table(), writes.after(made.table(), operation, i)));
                } else {
                    // What the copy saved replaces what the statement put in (a default), but for a null in a column
                    // declared NOT NULL, which keeps what it holds.
                    filling = made.table();
                    filled.add(new Filled(made.column(), false, made.notNull()));
                }
            }
            if (!filled.isEmpty()) {
                restores.add(columns(filling, filled));
            }
            restoring |= !restores.isEmpty();
            after.add(restores);
        }
        if (!restoring) {
            return List.of(execute);
        }
        List<Operation> cut = new ArrayList<>();
        if (statements.size() == 1 || !splitsBack(statements)) {
            // One statement, or SQL whose statements do not each read back as themselves: it stays whole, with the
            // restores after it.
            cut.add(execute);
            after.forEach(restores -> restores.forEach(restore -> cut.add(new Execute(restore))));
            return cut;
        }
        for (int i = 0; i < statements.size(); i++) {
            cut.add(new Execute(statements.get(i)));
            after.get(i).forEach(restore -> cut.add(new Execute(restore)));
        }
        return cut;
    }

    /** Whether each of {@code statements}, given alone, is that statement to the dialect, as a cut sends it. */
    private boolean splitsBack(List<String> statements) {
        for (String statement : statements) {
            try {
                if (!dialect.render(new Execute(statement)).equals(List.of(statement))) {
                    return false;
                }
            } catch (SqlSyntaxException e) {
                return false;
            }
        }
        return true;
    }

    /** A column that {@code --restore} fills, {@code notNull} and {@code savedOnly} as {@link #column} takes them. */
    private record Filled(String column, boolean notNull, boolean savedOnly) {
    }

    /**
     * What a block does when its look-up of a copy finds nothing to put back: the block of one column or table warns,
     * and returns; the part of one of several columns keeps the warning in {@code notes}, to raise it where the
     * column's own block would have, and leaves its part (labelled {@code column_<i>}) for the next column's.
     */
    private record Leaving(String warn, String leave) {
        static final Leaving BLOCK = new Leaving("RAISE WARNING USING ERRCODE = '" + WARNING + "', MESSAGE = ",
                "RETURN;");

        static Leaving part(int i) {
            return new Leaving("notes[" + i + "] := ", "EXIT column_" + i + ";");
        }
    }

    /**
     * Fills {@code column} of {@code table} from its copy by primary key; then, with {@code notNull}, checks it has
     * no null left. With {@code savedOnly}, a row saved as null keeps what the column holds (its default).
     */
    private String column(QualifiedName table, String column, boolean notNull, boolean savedOnly) {
        String what = table + "." + column;
        StringBuilder sql = start(table, heading(what, "it"), "keys text;\n    complete boolean;\n    missing bigint;\n"
                + "    sequence text;\n    top bigint;\n");
        lookUpColumn(sql, table, column, List.of(), Leaving.BLOCK);
        sql.append(fill("""
                    SELECT string_agg(format('t.%I = b.%I::%s', k, k, format_type(a.atttypid, a.atttypmod)), ' AND '),
                            bool_and(a.attname IS NOT NULL)
                        INTO keys, complete
                        FROM unnest(listed[1:cardinality(listed) - 1]) AS k
                        LEFT JOIN pg_attribute a ON a.attrelid = target AND a.attname = k AND a.attnum > 0
                            AND NOT a.attisdropped;
                    IF complete IS NOT TRUE THEN
                        RAISE WARNING USING ERRCODE = '{warning}', MESSAGE = format({noKey}, copy,
                            array_to_string(listed[1:cardinality(listed) - 1], ', '));
                        RETURN;
                    END IF;
                    {rowSecurity}
                    EXECUTE format('UPDATE %s AS t SET %I = b.%I::%s FROM {schema}.%I AS b WHERE %s{savedOnly}', target,
                        {column}, listed[cardinality(listed)], (SELECT format_type(a.atttypid, a.atttypmod)
                            FROM pg_attribute a WHERE a.attrelid = target AND a.attname = {column}), copy,
                        keys{savedColumn});
                """, "{noKey}", noKey(what), "{column}", dialect.literal(column),
                "{rowSecurity}", rowSecurityGuard("--restore cannot put back " + what + " into all rows", table),
                "{savedOnly}", savedOnly ? " AND b.%I IS NOT NULL" : "",
                "{savedColumn}", savedOnly ? ", listed[cardinality(listed)]" : ""));
        sql.append(afterFilling(table, column, notNull, "copy"));
        return sql.append("END\n$retort_restore$").toString();
    }

    /**
     * Fills {@code filled}, columns of {@code table} added one after the other, from their copies: one column as
     * {@link #column} does; several with one {@code UPDATE}, which writes each row once instead of once per column.
     * Each column is set from its own copy by that copy's key where the copy holds the row (and, with {@code
     * savedOnly}, a value for it), and to what it holds elsewhere, so every column ends as its own {@code UPDATE}
     * would have left it. The block looks each column's copy up in a part of its own, in order; then, column by column,
     * it raises the warning a column's part noted, or for the first column to put back runs the {@code UPDATE}, and
     * for each moves its sequence and checks it for nulls: the order of one block per column. Where a copy is keyed by
     * one of {@code filled} (a key the downgrade puts back too), each column put back has an {@code UPDATE} of its own,
     * in order: one {@code UPDATE} would join that copy against the key's values from before it, nulls that match no
     * row of the copy.
     */
    private String columns(QualifiedName table, List<Filled> filled) {
        if (filled.size() == 1) {
            Filled only = filled.get(0);
            return column(table, only.column(), only.notNull(), only.savedOnly());
        }
        String what = filled.stream().map(f -> table + "." + f.column()).collect(Collectors.joining(", "));
        StringBuilder sql = start(table, heading(what, "them"), "keys text;\n    complete boolean;\n"
                + "    missing bigint;\n    sequence text;\n    top bigint;\n    notes text[] := '{}';\n"
                + "    copies text[] := '{}';\n"
                + "    restored boolean[] := '{}';\n    sets text[] := '{}';\n    joins text[] := '{}';\n"
                + "    matched text[] := '{}';\n    updated boolean := false;\n    chained boolean := false;\n"
                + "    keyed text[] := '{}';\n    done boolean[] := '{}';\n    pending text[];\n"
                + "    progress boolean;\n    j int;\n"
                + "    filling text[] := ARRAY[" + filled.stream().map(f -> dialect.literal(f.column()))
                        .collect(Collectors.joining(", ")) + "]::text[];\n");
        for (int i = 1; i <= filled.size(); i++) {
            Filled column = filled.get(i - 1);
            StringBuilder part = new StringBuilder("    copy := NULL;\n    listed := NULL;\n    stale := NULL;\n"
                    + "    others := NULL;\n    unkeyed := NULL;\n");
            lookUpColumn(part, table, column.column(), filled, Leaving.part(i));
            part.append(fill("""
                        SELECT string_agg(format('s.%I = b{i}.%I::%s', k, k, format_type(a.atttypid, a.atttypmod)),
                                ' AND '), bool_and(a.attname IS NOT NULL)
                            INTO keys, complete
                            FROM unnest(listed[1:cardinality(listed) - 1]) AS k
                            LEFT JOIN pg_attribute a ON a.attrelid = target AND a.attname = k AND a.attnum > 0
                                AND NOT a.attisdropped;
                        IF complete IS NOT TRUE THEN
                            notes[{i}] := format({noKey}, copy,
                                array_to_string(listed[1:cardinality(listed) - 1], ', '));
                            EXIT column_{i};
                        END IF;
                        restored[{i}] := true;
                        copies[{i}] := copy;
                        chained := chained OR listed[1:cardinality(listed) - 1] && filling;
                        keyed[{i}] := array_to_string(listed[1:cardinality(listed) - 1], E'\\x1f');
                        -- A key column of the copy is null only where it holds no row for the one updated.
                        sets[{i}] := format(
                            '%I = CASE WHEN b{i}.%I IS NULL THEN t.%I ELSE b{i}.%I::%s END', {column}, listed[1],
                            {column}, listed[cardinality(listed)], (SELECT format_type(a.atttypid, a.atttypmod)
                                FROM pg_attribute a WHERE a.attrelid = target AND a.attname = {column}));
                        joins[{i}] := format(' LEFT JOIN {schema}.%I AS b{i} ON %s{savedOnly}', copy,
                            keys{savedColumn});
                        matched[{i}] := format('b{i}.%I IS NOT NULL', listed[1]);
                    """, "{i}", String.valueOf(i), "{noKey}", noKey(table + "." + column.column()),
                    "{column}", dialect.literal(column.column()),
                    "{savedOnly}", column.savedOnly() ? " AND b" + i + ".%I IS NOT NULL" : "",
                    "{savedColumn}", column.savedOnly() ? ", listed[cardinality(listed)]" : ""));
            sql.append("    <<column_").append(i).append(">>\n    BEGIN\n").append(part.toString().indent(4))
                    .append("    END column_").append(i).append(";\n");
        }
        // Chained, a column whose copy is keyed by another put back here goes once that one is filled, whatever their
        // order in the downgrade; those left (keys that go round in a circle) go in order below.
        sql.append(fill("""
                    IF chained THEN
                        pending := ARRAY(SELECT filling[k] FROM generate_subscripts(filling, 1) AS k WHERE restored[k]);
                        LOOP
                            progress := false;
                            FOR j IN 1..cardinality(filling) LOOP
                                IF restored[j] AND done[j] IS NOT TRUE AND NOT string_to_array(keyed[j], E'\\x1f')
                                        && array_remove(pending, filling[j]) THEN
                                    {rowSecurity}
                                    EXECUTE format('UPDATE %s AS t SET %s FROM %s AS s%s WHERE %st.ctid = s.ctid AND (%s)',
                                        target, sets[j], target, joins[j], CASE WHEN EXISTS (SELECT FROM pg_inherits i
                                            WHERE i.inhparent = target) THEN 't.tableoid = s.tableoid AND ' END,
                                        matched[j]);
                                    done[j] := true;
                                    pending := array_remove(pending, filling[j]);
                                    progress := true;
                                END IF;
                            END LOOP;
                            EXIT WHEN NOT progress;
                        END LOOP;
                    END IF;
                """, "{rowSecurity}", rowSecurityGuard("--restore cannot put back the columns of " + table
                        + " into all rows", table).indent(8).strip()));
        for (int i = 1; i <= filled.size(); i++) {
            Filled column = filled.get(i - 1);
            // Each row of the table joins to itself (by tableoid too where it has children, whose ctids are their own)
            // and to the copies that hold its key: all of them, or, chained, this column's alone.
            sql.append(fill("""
                        IF restored[{i}] THEN
                            IF chained AND done[{i}] IS NOT TRUE OR NOT chained AND NOT updated THEN
                                {rowSecurity}
                                EXECUTE format('UPDATE %s AS t SET %s FROM %s AS s%s WHERE %st.ctid = s.ctid AND (%s)',
                                    target, array_to_string(CASE WHEN chained THEN sets[{i}:{i}] ELSE sets END, ', '),
                                    target, array_to_string(CASE WHEN chained THEN joins[{i}:{i}] ELSE joins END, ''),
                                    CASE WHEN EXISTS (SELECT FROM pg_inherits i WHERE i.inhparent = target)
                                        THEN 't.tableoid = s.tableoid AND ' END,
                                    array_to_string(CASE WHEN chained THEN matched[{i}:{i}] ELSE matched END, ' OR '));
                                updated := true;
                            END IF;
                    {afterFilling}\
                        ELSIF notes[{i}] IS NOT NULL THEN
                            RAISE WARNING USING ERRCODE = '{warning}', MESSAGE = notes[{i}];
                        END IF;
                    """, "{i}", String.valueOf(i), "{rowSecurity}", rowSecurityGuard("--restore cannot put back "
                            + table + "." + column.column() + " into all rows", table),
                    "{afterFilling}", afterFilling(table, column.column(), column.notNull(), "copies[" + i + "]")
                            .indent(4)));
        }
        return sql.append("END\n$retort_restore$").toString();
    }

    /**
     * Looks up the copy of {@code column} of {@code table} (see {@link #lookUp}), one of the columns of {@code block},
     * {@code leaving} when there is none to put back by.
     */
    private void lookUpColumn(StringBuilder sql, QualifiedName table, String column, List<Filled> block,
            Leaving leaving) {
        // A copy of another column the same block puts back is not one "the downgrade does not name".
        String others = "b.source_table = " + dialect.literal(table.toString()) + " AND b.columns IS NOT NULL"
                + block.stream().filter(f -> !f.column().equals(column)).map(f -> " AND NOT (" + copyOf(f.column())
                        + ")").collect(Collectors.joining());
        // A table without a primary key is copied whole, named as the column's copy: nothing to join it back by.
        lookUp(sql, table, copyOf(column), table + "." + column, "b.columns IS NULL AND " + named(revision + "_"
                + table.name() + "_" + column), others, null, leaving);
    }

    /** A condition on catalog row {@code b}: it is a copy of {@code column}, the last of the columns it lists. */
    private String copyOf(String column) {
        return "b.columns IS NOT NULL AND right(b.columns, " + (column.codePointCount(0, column.length()) + 2) + ") = "
                + dialect.literal(", " + column);
    }

    /** The message of a copy of {@code what}, a column, whose key columns the table no longer has all of. */
    private String noKey(String what) {
        return dialect.literal("--restore cannot put back " + escaped(what) + " from " + Backups.SCHEMA + ".%I: the "
                + "table no longer has all of the copy's key columns (%s); the downgrade does what the migration "
                + "says.");
    }

    /**
     * What follows the filling of {@code column} of {@code table}: its sequence moved past the values put back, and,
     * with {@code notNull}, the check that no row is left without a value, whose message names {@code copy}, the
     * variable that holds the name of the column's copy.
     */
    private String afterFilling(QualifiedName table, String column, boolean notNull, String copy) {
        String after = fill("""
                    -- A serial column was filled from its sequence as it was added: it goes on after the values.
                    sequence := pg_get_serial_sequence(target::text, {column});
                    IF sequence IS NOT NULL THEN
                        EXECUTE format('SELECT max(%I)::bigint FROM %s', {column}, target) INTO top;
                        IF top >= (SELECT s.seqmin FROM pg_sequence s WHERE s.seqrelid = sequence::regclass
                                AND s.seqincrement > 0) THEN
                            PERFORM setval(sequence, top);
                        END IF;
                    END IF;
                """, "{column}", dialect.literal(column));
        if (!notNull) {
            return after;
        }
        return after + fill("""
                    EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NULL', target, {column}) INTO missing;
                    IF missing > 0 THEN
                        RAISE EXCEPTION USING ERRCODE = 'not_null_violation',
                            MESSAGE = format({unsaved}, missing, {copy});
                    END IF;
                """, "{column}", dialect.literal(column), "{copy}", copy,
                "{unsaved}", dialect.literal("--restore: %s row(s) of "
                        + escaped(table) + " have no value of " + escaped(column) + " saved by the latest upgrade "
                        + "of revision " + revision + " (rows written after it ran, or saved as null), and the "
                        + "downgrade makes " + escaped(column) + " NOT NULL; give them values in " + Backups.SCHEMA
                        + ".%I (an UPDATE for a key it holds, an INSERT for one it lacks), or the column a default "
                        + "in the downgrade, and run it again"));
    }

    /**
     * Inserts the rows of {@code table}'s copy into the table just made, and moves its sequences past them; unless
     * {@code writtenBy}, a later statement of the step, writes rows into the table or drops it: then the downgrade's
     * own rows are what it says the table holds (a seed, a table rebuilt from another, a table for the step's own
     * use), and the saved rows mixed in would be neither that nor what was saved. The block then only warns, when
     * there is a copy.
     */
    private String table(QualifiedName table, Map<QualifiedName, String> writers) {
        // A copy of the whole table, not of a column of a table without a primary key (copied whole too).
        String isTableCopy = "b.columns IS NULL AND " + named(revision + "_" + table.name());
        StringBuilder sql = start(table, heading("table " + table, "it"), "saved regclass;\n    names text;\n"
                + "    selected text;\n    overriding boolean;\n    col record;\n    top bigint;\n    written text;\n");
        String keyword = "    IF";
        for (Map.Entry<QualifiedName, String> writer : writers.entrySet()) {
            sql.append(keyword).append(" target = to_regclass(").append(dialect.literal(dialect.quote(writer.getKey())))
                    .append(") THEN\n        written := ").append(dialect.literal(writer.getValue())).append(";\n");
            keyword = "    ELSIF";
        }
        if (!writers.isEmpty()) {
            sql.append("    END IF;\n");
        }
        lookUp(sql, table, isTableCopy, "table " + table, null, "b.columns IS NULL",
                writers.isEmpty() ? null : "written IS NOT NULL", Leaving.BLOCK);
        if (!writers.isEmpty()) {
            sql.append(fill("""
                        IF written IS NOT NULL THEN
                            RAISE WARNING USING ERRCODE = '{warning}', MESSAGE = format({writtenBy}, written, copy);
                            RETURN;
                        END IF;
                    """, "{writtenBy}", dialect.literal("--restore does not put back table " + escaped(table)
                    + ": the downgrade fills, empties or drops it itself (%s), and the saved rows mixed in would be "
                    + "neither what it says nor what was saved; they stay in " + Backups.SCHEMA + ".%I.")));
        }
        sql.append(fill("""
                    saved := to_regclass(format('{schema}.%I', copy));
                    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
                            string_agg(format('b.%I::%s', a.attname, format_type(a.atttypid, a.atttypmod)), ', '
                                ORDER BY a.attnum),
                            coalesce(bool_or(a.attidentity = 'a'), false)
                        INTO names, selected, overriding
                        FROM pg_attribute a
                        WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                            AND EXISTS (SELECT FROM pg_attribute s WHERE s.attrelid = saved AND s.attname = a.attname
                                AND s.attnum > 0 AND NOT s.attisdropped);
                    IF names IS NULL THEN
                        RAISE WARNING USING ERRCODE = '{warning}', MESSAGE = format({nothingShared}, copy);
                        RETURN;
                    END IF;
                    {rowSecurity}
                    EXECUTE format('INSERT INTO %s (%s) %sSELECT %s FROM %s AS b', target, names,
                        CASE WHEN overriding THEN 'OVERRIDING SYSTEM VALUE ' ELSE '' END, selected, saved);
                    FOR col IN SELECT a.attname, pg_get_serial_sequence(target::text, a.attname) AS seq
                            FROM pg_attribute a WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped LOOP
                        CONTINUE WHEN col.seq IS NULL;
                        EXECUTE format('SELECT max(%I)::bigint FROM %s', col.attname, target) INTO top;
                        IF top >= (SELECT s.seqmin FROM pg_sequence s WHERE s.seqrelid = col.seq::regclass
                                AND s.seqincrement > 0) THEN
                            PERFORM setval(col.seq, top);
                        END IF;
                    END LOOP;
                """, "{rowSecurity}", rowSecurityGuard("--restore cannot put back all rows of table " + table,
                        table),
                "{nothingShared}", dialect.literal("--restore cannot put back table " + escaped(table) + " from "
                        + Backups.SCHEMA + ".%I: they share no column; the downgrade does what the migration says.")));
        return sql.append("END\n$retort_restore$").toString();
    }

    /**
     * Stops the block when row-level security is in force on {@code table} for the role: an {@code UPDATE} would
     * change the rows the role may see and silently leave the others without their values, and the sequence would
     * be moved past the visible rows alone. Its first line goes where the placeholder stands.
     */
    private String rowSecurityGuard(String refused, QualifiedName table) {
        return "IF row_security_active(target) THEN\n"
                + "        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format("
                + dialect.literal(Backups.rowSecurityHides(dialect, refused, table)) + ", current_user);\n"
                + "    END IF;";
    }

    /** The start of a block that restores {@code what} into {@code table}, with its own {@code variables}. */
    private StringBuilder start(QualifiedName table, String heading, String variables) {
        return new StringBuilder("DO $retort_restore$\n").append(heading).append("DECLARE\n")
                .append("    target regclass := to_regclass(").append(dialect.literal(dialect.quote(table)))
                .append(");\n    copy text;\n    listed text[];\n    stale text;\n    others text;\n")
                .append("    unkeyed text;\n    ")
                .append(variables)
                .append("BEGIN\n    IF target IS NULL THEN\n        RETURN;\n    END IF;\n");
    }

    /**
     * {@code template} with Retort's names in, and each of {@code pairs}' placeholders replaced by its value, in one
     * pass: a value is not read for placeholders again, as it may hold a table's name, and a quoted name may be
     * {@code {stale}}. A placeholder no pair names stays as written.
     */
    private static String fill(String template, String... pairs) {
        Map<String, String> values = new HashMap<>();
        values.put("{schema}", Backups.SCHEMA);
        values.put("{warning}", WARNING);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                values.getOrDefault(m.group(), m.group())));
    }

    /**
     * A condition on catalog row {@code b}: its copy is named {@code base} (cut as {@link Backups} cuts it), or that
     * with a counter, when the same revision's upgrade ran again.
     */
    private String named(String base) {
        String stem = Backups.fit(base, Backups.STEM_BYTES) + "_";
        int stemLength = stem.codePointCount(0, stem.length());
        return "(b.backup_table = " + dialect.literal(Backups.fit(base, Backups.MAX_NAME_BYTES))
                + " OR (left(b.backup_table, " + stemLength + ") = " + dialect.literal(stem)
                + " AND substr(b.backup_table, " + (stemLength + 1) + ") ~ '^[0-9]+$'))";
    }

    /**
     * Warns, and returns, when the latest upgrade copied {@code table} whole for the column {@code what} ({@code
     * isUnkeyedCopy} picks such a copy): the table had no primary key to put the values back by.
     */
    private String unkeyed(QualifiedName table, String what, String isUnkeyedCopy, Leaving leaving) {
        return fill("""
                    IF copy IS NULL AND to_regclass('{catalog}') IS NOT NULL THEN
                        SELECT b.backup_table INTO unkeyed FROM {catalog} b
                            WHERE b.revision = {revision} AND b.source_table = {table} AND {isUnkeyedCopy}
                                AND {owned} AND {duringUpgrade}
                                AND {present}
                            ORDER BY {attemptsAfter}, {ownFirst}, b.id LIMIT 1;
                        IF unkeyed IS NOT NULL THEN
                            {warn}format({message}, unkeyed);
                            {leave}
                        END IF;
                    END IF;
                """, "{catalog}", Backups.CATALOG, "{revision}", dialect.literal(revision), "{warn}", leaving.warn(),
                "{leave}", leaving.leave(), "{table}", dialect.literal(table.toString()),
                "{isUnkeyedCopy}", isUnkeyedCopy, "{present}", Backups.present("b"), "{owned}", owner.owns("b"),
                "{ownFirst}", owner.ownFirst("b"),
                "{duringUpgrade}", history.duringLastUpgradeSql(revision, "b.created_at"),
                "{attemptsAfter}", history.attemptsAfterSql(revision, "b.created_at"),
                "{message}", dialect.literal("--restore cannot put back " + escaped(what) + ": the latest upgrade of "
                        + "revision " + revision + " copied " + escaped(table) + " whole into " + Backups.SCHEMA
                        + ".%I, as it had no primary key to put the values back by; the downgrade does what the "
                        + "migration says."));
    }

    /** {@code name} as text of a {@code format()} string: its {@code %} doubled, which would be a placeholder. */
    private static String escaped(Object name) {
        return name.toString().replace("%", "%%");
    }

    /** The block's first line: what it puts back ({@code it}, {@code them}), which a failure's message shows first. */
    private String heading(String what, String pronoun) {
        return "-- --restore of " + what.replace('\n', ' ') + " as the latest upgrade of " + revision + " saved "
                + pronoun + "\n";
    }

    /**
     * Finds the first copy of the latest upgrade of the revision (of its last run, where a run before failed) that
     * {@code isCopy} (a condition on catalog row {@code b}) picks, into {@code copy} and {@code listed} (its columns,
     * the key first); without one, warns, unless {@code quietWhen} holds, and returns. The warning names an older copy
     * if there is one; else the latest upgrade's copies that {@code isOther} picks (of the same kind, under other
     * names), which may be what the downgrade wants under a name a rename before the drop gave it; else it says that
     * nothing was saved for {@code what}.
     */
    private void lookUp(StringBuilder sql, QualifiedName table, String isCopy, String what, String isUnkeyedCopy,
            String isOther, String quietWhen, Leaving leaving) {
        String ofRevision = "b.revision = " + dialect.literal(revision) + " AND b.source_table = "
                + dialect.literal(table.toString())
                // A catalog that no downgrade wrote to has no direction column: all of its copies are an upgrade's.
                + "\n                AND coalesce(to_jsonb(b) ->> 'direction', 'upgrade') = 'upgrade'"
                // Another tenant's runs copy the same revision's tables under the same names, in the same window.
                + "\n                AND " + owner.owns("b")
                + "\n                AND " + isCopy;
        sql.append(fill("""
                    IF to_regclass('{catalog}') IS NOT NULL THEN
                        SELECT b.backup_table, string_to_array(b.columns, ', ') INTO copy, listed
                            FROM {catalog} b
                            WHERE {ofRevision}
                                AND {duringUpgrade}
                                AND {present}
                            ORDER BY {attemptsAfter}, {ownFirst}, b.id LIMIT 1;
                        IF copy IS NULL THEN
                            SELECT b.backup_table INTO stale FROM {catalog} b
                                WHERE {ofRevision}
                                    AND {present}
                                ORDER BY b.id DESC LIMIT 1;
                        END IF;
                        IF copy IS NULL AND stale IS NULL THEN
                            SELECT string_agg(format('{schema}.%I (%s: %s)', b.backup_table, b.source_table,
                                    coalesce(b.columns, '*')), ', ' ORDER BY b.id) INTO others
                                FROM {catalog} b
                                WHERE b.revision = {revision} AND {owned}
                                    AND coalesce(to_jsonb(b) ->> 'direction', 'upgrade') = 'upgrade' AND {isOther}
                                    AND {duringUpgrade}
                                    AND {present};
                        END IF;
                    END IF;
                {unkeyed}\
                    IF copy IS NULL THEN
                {nothingSaved}\
                        {leave}
                    END IF;
                """, "{nothingSaved}", fill("""
                        {unlessQuiet}{warn}CASE
                            WHEN others IS NOT NULL THEN format({others}, others)
                            ELSE {nothing} || CASE WHEN stale IS NULL THEN '' ELSE format({stale}, stale) END
                            END || {asWritten};{endQuiet}
                """, "{warn}", leaving.warn(),
                        "{unlessQuiet}", quietWhen == null ? "" : "IF NOT (" + quietWhen + ") THEN ",
                        "{endQuiet}", quietWhen == null ? "" : " END IF;",
                        "{nothing}", dialect.literal("the latest upgrade of revision " + revision + " saved nothing "
                                + "for " + what + " (it ran without --backup, or the copy was dropped since)"),
                        "{others}", dialect.literal("the latest upgrade of revision " + revision + " saved nothing "
                                + "for " + escaped(what) + " by that name, but it saved %s, which the downgrade "
                                + "does not name (a table or column renamed before it was dropped?): if that holds "
                                + "what " + escaped(what) + " had, put it back by hand (see docs/backups.md)"),
                        "{stale}", dialect.literal("; " + Backups.SCHEMA + ".%I is from an earlier upgrade and may "
                                + "miss rows written since, so it is not used"),
                        "{asWritten}", dialect.literal("; the downgrade does what the migration says.")),
                "{unkeyed}", isUnkeyedCopy == null ? "" : unkeyed(table, what, isUnkeyedCopy, leaving),
                "{leave}", leaving.leave(),
                "{catalog}", Backups.CATALOG, "{ofRevision}", ofRevision, "{isOther}", isOther,
                "{present}", Backups.present("b"),
                "{owned}", owner.owns("b"), "{ownFirst}", owner.ownFirst("b"),
                "{revision}", dialect.literal(revision),
                "{duringUpgrade}", history.duringLastUpgradeSql(revision, "b.created_at"),
                "{attemptsAfter}", history.attemptsAfterSql(revision, "b.created_at")));
    }
}
