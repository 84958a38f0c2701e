package dev.retort.runtime;

import dev.retort.NameBytes;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.LostData;
import dev.retort.dialect.SqlSyntaxException;
import dev.retort.dialect.TypeWidening;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropTable;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.revision.Direction;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the statements that copy the data a step is about to lose into schema {@code retort_backup}: an upgrade's
 * drops, and a downgrade's (a revert drops what its upgrade made, with whatever was written to it since).
 *
 * <p>A dropped table is copied whole; a dropped column, or one whose type changes, is copied with the table's
 * primary-key columns so it can be joined back (the whole table when there is no primary key), unless the change of
 * type keeps every value (a wider integer, {@code numeric} or {@code varchar}: {@link TypeWidening}); one dropped
 * from the table alone ({@code ONLY}), which the tables that inherit it keep, from the table's own rows alone. Raw SQL
 * ({@code Execute}, and so every statement of a SQL migration) is read for the usual forms of those drops and of
 * {@code TRUNCATE} ({@link LostData}); what it does otherwise (a {@code DO} block, {@code DELETE}) is not looked into.
 *
 * <p>Each copy is one {@code DO} block, so the printed SQL of {@code --sql} does exactly what a live run does:
 * the primary key is looked up by the server at run time, a table or column that does not exist (a drop with
 * {@code IF EXISTS}) is skipped, and a backup table left by an earlier run of the same revision is kept, the new
 * one taking the next free name ({@code _2}, {@code _3}, ...): one that neither a table nor a catalog row has.
 */
final class Backups {
    static final String SCHEMA = "retort_backup";
    static final String CATALOG = SCHEMA + ".backups";
    /** Which way the step that made a copy went: {@code upgrade} or {@code downgrade}. */
    private static final String DIRECTION_COLUMN = "direction varchar(9) NOT NULL DEFAULT 'upgrade'";
    /** Which project's run made a copy ({@link BackupOwner}); null in the rows of a Retort from before it. */
    private static final String OWNER_COLUMN = BackupOwner.COLUMN + " text";
    static final int MAX_NAME_BYTES = NameBytes.MAX;
    /** Room left for a counter suffix such as {@code _12}. */
    static final int STEM_BYTES = MAX_NAME_BYTES - 7;

    private final Dialect dialect;
    private final BackupOwner owner;

    Backups(Dialect dialect, BackupOwner owner) {
        this.dialect = dialect;
        this.owner = owner;
    }

    /**
     * The statements that back up what each of {@code operations} loses, one list per operation, to run right
     * before it: a copy taken there sees the table or column by the name its drop uses, also when an earlier
     * operation of the same step created or renamed it (a copy at the start of the step found nothing by that
     * name and silently saved nothing). For an autocommit block, the copies of what the operations in it lose
     * come before the block, in the step's transaction. The first copy of a step comes after the statements that
     * create the schema and its catalog; every list is empty when the step loses nothing.
     */
    List<List<String>> statements(String revision, Direction direction, List<Operation> operations) {
        List<List<String>> copies = new ArrayList<>(operations.size());
        boolean prepared = false;
        for (Operation operation : operations) {
            List<String> before = new ArrayList<>();
            for (Operation lost : Autocommit.flatten(List.of(operation))) {
                // Everything else is left alone: it loses no data, or Retort cannot tell.
                if (lost instanceof DropTable drop) {
                    before.add(copy(revision, direction, drop.table(), null, false, null));
                } else if (lost instanceof DropColumn drop) {
                    // Dropped from the table alone, the column stays in the tables that inherit it, with their
                    // rows' values: the table's own rows are what is lost.
                    before.add(copy(revision, direction, drop.table(), drop.column(), drop.only(), null));
                } else if (lost instanceof AlterColumn alter && alter.type() != null) {
                    String lossless = castsByTypeAlone(alter) ? TypeWidening.lossless(alter.type().type()) : null;
                    before.add(copy(revision, direction, alter.table(), alter.column(), false, lossless));
                } else if (lost instanceof Execute execute) {
                    for (LostData.Loss loss : lostBy(execute)) {
                        String lossless = loss.newType() == null ? null : TypeWidening.lossless(loss.newType());
                        before.add(copy(revision, direction, loss.table(), loss.column(), loss.ownRowsOnly(),
                                lossless));
                    }
                }
            }
            if (!before.isEmpty() && !prepared) {
                before.addAll(0, catalog(direction));
                prepared = true;
            }
            copies.add(before);
        }
        return copies;
    }

    /**
     * Whether {@code alter}'s change of type converts values as the new type alone does: without {@code USING}, or with
     * one that only casts the column to the new type, as autogenerate writes a change across base types
     * ({@code id::bigint}). Such a cast gives the values an assignment would from every type {@link TypeWidening}
     * counts as lossless, none of which is cut to fit.
     */
    private boolean castsByTypeAlone(AlterColumn alter) {
        String using = alter.type().using();
        if (using == null) {
            return true;
        }
        String cast = "::" + alter.type().type();
        String column = alter.column();
        return using.equals(column + cast) || using.equals(dialect.quote(column) + cast)
                || using.equals("\"" + column.replace("\"", "\"\"") + "\"" + cast);
    }

    /**
     * What the statements of {@code execute} lose, as far as their words tell. All of it is copied before the first
     * of them, as the operation's statements run together. SQL the dialect cannot split loses nothing here: the
     * run reports it, and a backup never stops a run.
     */
    private List<LostData.Loss> lostBy(Execute execute) {
        List<LostData.Loss> losses = new ArrayList<>();
        try {
            for (String statement : dialect.render(execute)) {
                losses.addAll(LostData.of(statement));
            }
        } catch (SqlSyntaxException e) {
            return List.of();
        }
        return losses;
    }

    /**
     * Drops the copies that the step of {@code revision} that just failed made for its autocommit part, when none of
     * the migration's own statements committed: the data they hold was not dropped after all, and the run that
     * starts the step again copies it anew. Nothing else of the revision's copies of {@code owner}'s runs can be
     * newer, as the run holds the lock: the copies made before an autocommit part commit together, so they share the
     * {@code now()} of that transaction. Another project's runs (a tenant's) hold another lock, and may have copied
     * the same revision since: those are not this run's to drop.
     */
    static String dropLatestSql(Dialect dialect, String revision, BackupOwner owner) {
        String ofRevision = "revision = " + dialect.literal(revision) + " AND " + owner.owns("b");
        return "DO $retort_backup$\nDECLARE\n    copy text;\nBEGIN\n"
                + "    FOR copy IN DELETE FROM " + CATALOG + " b WHERE " + ofRevision + " AND created_at = (SELECT "
                + "max(created_at) FROM " + CATALOG + " b WHERE " + ofRevision + ") RETURNING backup_table LOOP\n"
                + "        EXECUTE format('DROP TABLE IF EXISTS " + SCHEMA + ".%I', copy);\n"
                + "    END LOOP;\nEND\n$retort_backup$";
    }

    /**
     * An SQL condition on catalog row {@code row}: its copy is there. Its table exists, and no newer row names it: a
     * Retort from before copies passed over the names that catalog rows hold gave the name of a copy dropped by hand
     * to the next copy of the same revision and table, perhaps another tenant's, and the old row would have found
     * that one.
     */
    static String present(String row) {
        return "(to_regclass(format('" + SCHEMA + ".%I', " + row + ".backup_table)) IS NOT NULL AND NOT EXISTS (SELECT "
                + "FROM " + CATALOG + " newer WHERE newer.backup_table = " + row + ".backup_table AND newer.id > " + row
                + ".id))";
    }

    /**
     * The statements that make the schema and its catalog. A catalog made before downgrades were backed up has no
     * {@code direction}; a downgrade's copy adds it (an upgrade's copy leaves it to its default). One made before
     * copies recorded their project has no {@link BackupOwner#COLUMN}; every copy adds it.
     */
    private static List<String> catalog(Direction direction) {
        // Runs of other version tables (a schema per tenant, migrated in parallel) hold no lock of this run's, and may
        // make the schema or the catalog at the same time: IF NOT EXISTS does not see what another transaction has not
        // committed, and the server waits for that one to end, then refuses the name it took. That run made what this
        // one wanted, so the refusal is caught and the step goes on.
        List<String> statements = new ArrayList<>(List.of(schema(),
                madeOnce("CREATE TABLE IF NOT EXISTS " + CATALOG + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY "
                        + "KEY, revision varchar(32) NOT NULL, source_table text NOT NULL, backup_table text NOT NULL, "
                        + "columns text, created_at timestamptz NOT NULL DEFAULT now(), " + DIRECTION_COLUMN + ", "
                        + OWNER_COLUMN + ")")));
        if (direction == Direction.DOWNGRADE) {
            statements.add(added("direction", DIRECTION_COLUMN));
        }
        statements.add(added(BackupOwner.COLUMN, OWNER_COLUMN));
        return statements;
    }

    /**
     * Adds {@code column} ({@code definition}) to a catalog an earlier Retort made without it. Not ADD COLUMN IF NOT
     * EXISTS, which would lock the catalog, and need its owner, at every copy once the column is there.
     */
    private static String added(String column, String definition) {
        String denied = "--backup cannot record its copies in " + CATALOG + ", which an earlier Retort made without "
                + "column " + column + ": only its owner, role %s, may add it. Have them run ALTER TABLE " + CATALOG
                + " ADD COLUMN " + definition + ", or run Retort as that role";
        return "DO $retort_backup$\nBEGIN\n"
                + "    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '" + CATALOG + "'::regclass"
                + " AND attname = '" + column + "' AND NOT attisdropped) THEN\n"
                + "        ALTER TABLE " + CATALOG + " ADD COLUMN " + definition + ";\n"
                + "    END IF;\nEXCEPTION WHEN duplicate_column THEN\n"
                + "    NULL; -- another run added it as this one waited for the catalog's lock\n"
                + "WHEN insufficient_privilege THEN\n"
                + "    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('"
                + denied.replace("'", "''") + "', "
                + "(SELECT relowner::regrole FROM pg_class WHERE oid = '" + CATALOG + "'::regclass));\n"
                + "END\n$retort_backup$";
    }

    /**
     * Makes the schema, and stops when it is there already but another role's, which has not let this one use it, or
     * when it is not there and this role may not make it: the server's "permission denied for schema" or "for
     * database" would not say what to do.
     */
    private static String schema() {
        String refused = "--backup cannot make its copies in schema " + SCHEMA + ": it belongs to role %1$s, which has "
                + "not granted role %2$s USAGE and CREATE on it. Have its owner run GRANT USAGE, CREATE ON SCHEMA "
                + SCHEMA + " TO %2$s, or run Retort as %1$s";
        String uncreatable = "--backup cannot make schema " + SCHEMA + " for its copies: role %1$s may not create "
                + "schemas in database %2$I. Have the database's owner run CREATE SCHEMA " + SCHEMA + " AUTHORIZATION "
                + "%1$I (or GRANT CREATE ON DATABASE %2$I TO %1$I), or run Retort as a role that may";
        // Not CREATE SCHEMA IF NOT EXISTS where it exists: that asks for CREATE on the database even then, which a role
        // granted USAGE and CREATE on the schema alone does not have.
        return "DO $retort_backup$\nBEGIN\n"
                + "    IF to_regnamespace('" + SCHEMA + "') IS NULL THEN\n"
                + "        BEGIN\n"
                + "            CREATE SCHEMA IF NOT EXISTS " + SCHEMA + ";\n"
                + "        EXCEPTION WHEN insufficient_privilege THEN\n"
                + "            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('"
                + uncreatable.replace("'", "''") + "', current_user, current_database());\n"
                + "        END;\n"
                + "    ELSIF NOT has_schema_privilege('" + SCHEMA + "', 'USAGE, CREATE') THEN\n"
                + "        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('" + refused
                + "', (SELECT nspowner::regrole FROM pg_namespace WHERE nspname = '" + SCHEMA + "'), current_user);\n"
                + "    END IF;\n"
                + "EXCEPTION WHEN unique_violation OR duplicate_schema THEN\n"
                + "    NULL; -- another run made it as this one waited for it to commit\nEND\n$retort_backup$";
    }

    /** {@code create}, an {@code IF NOT EXISTS}, passing over the refusal when another transaction made it first. */
    private static String madeOnce(String create) {
        return "DO $retort_backup$\nBEGIN\n    " + create + ";\n"
                + "EXCEPTION WHEN unique_violation OR duplicate_schema OR duplicate_table OR duplicate_object THEN\n"
                + "    NULL; -- another run made it as this one waited for it to commit\nEND\n$retort_backup$";
    }

    /**
     * One column of the copy, from {@code a} (pg_attribute) and {@code t} (pg_type): as it is, or as text when its type
     * is one of the database's own (an enum, a domain, a composite or an extension's type). A copy that kept such a
     * type would depend on it, so that a {@code DROP TYPE} after the drop, in the same migration or a later one,
     * failed with "other objects depend on it".
     */
    private static final String COPIED_COLUMN = "CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace "
            + "THEN quote_ident(a.attname) ELSE quote_ident(a.attname) || '::text AS ' || quote_ident(a.attname) END";

    /**
     * The copy of {@code table}'s rows, or with {@code ownRowsOnly} of its own rows alone ({@code FROM ONLY}); none
     * when {@code lossless}, a condition on the column's {@code pg_attribute} row {@code a} (of a change of type,
     * {@link TypeWidening}), holds: the change keeps every value.
     */
    private String copy(String revision, Direction direction, QualifiedName table, String column, boolean ownRowsOnly,
            String lossless) {
        String base = revision + "_" + table.name() + (column == null ? "" : "_" + column);
        String source = dialect.literal(dialect.quote(table));
        StringBuilder sql = new StringBuilder();
        // The first words of a statement that fails are what its error quotes: the comment says what it is.
        sql.append("-- --backup of ").append(table).append(column == null ? "" : "." + column).append('\n')
                .append("DO $retort_backup$\nDECLARE\n")
                .append("    source regclass := to_regclass(").append(source).append(");\n")
                .append("    keys text;\n    listed text;\n    selected text;\n")
                .append("    target text := ").append(dialect.literal(fit(base, MAX_NAME_BYTES))).append(";\n")
                .append("    n int := 1;\nBEGIN\n")
                // Only a table's rows are copied: a foreign table's are the remote server's, which may not answer.
                .append("    IF source IS NULL OR (SELECT relkind FROM pg_class WHERE oid = source) NOT IN ('r', 'p') "
                        + "THEN\n        RETURN;\n    END IF;\n");
        if (column != null) {
            String col = dialect.literal(column);
            sql.append("    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = source AND attname = ").append(col)
                    .append(" AND attnum > 0 AND NOT attisdropped) THEN\n        RETURN;\n    END IF;\n");
            if (lossless != null) {
                sql.append("    IF EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = source AND a.attname = ")
                        .append(col).append(" AND ").append(lossless).append(") THEN\n        RETURN;\n    END IF;\n");
            }
            sql.append("    SELECT string_agg(").append(COPIED_COLUMN).append(", ', ' ORDER BY k.ord),"
                            + " string_agg(a.attname, ', ' ORDER BY k.ord)\n")
                    .append("        INTO keys, listed\n")
                    .append("        FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)\n")
                    .append("        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum\n")
                    .append("        JOIN pg_type t ON t.oid = a.atttypid\n")
                    .append("        WHERE i.indrelid = source AND i.indisprimary AND a.attname <> ").append(col).append(";\n")
                    .append("    IF keys IS NOT NULL THEN\n")
                    .append("        SELECT keys || ', ' || ").append(COPIED_COLUMN).append(" INTO selected\n")
                    .append("            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid\n")
                    .append("            WHERE a.attrelid = source AND a.attname = ").append(col).append(";\n")
                    .append("        listed := listed || ', ' || ").append(col).append(";\n")
                    .append("    END IF;\n");
        }
        sql.append("    IF selected IS NULL THEN\n")
                .append("        SELECT coalesce(string_agg(").append(COPIED_COLUMN)
                .append(", ', ' ORDER BY a.attnum), '') INTO selected\n")
                .append("            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid\n")
                .append("            WHERE a.attrelid = source AND a.attnum > 0 AND NOT a.attisdropped;\n")
                .append("    END IF;\n");
        // Row-level security would hand the copy the rows the role may see and no others, and nothing would tell: a
        // backup with rows missing, and a restore that puts back only those. The check is PostgreSQL's own, the one
        // row_security = off turns into an error.
        sql.append("    IF row_security_active(source) THEN\n")
                .append("        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format(")
                .append(dialect.literal(rowSecurityHides(dialect, "--backup cannot copy all rows of " + table,
                        table)))
                .append(", current_user);\n    END IF;\n");
        // A name another run took and has not committed is invisible to to_regclass, and making it too would wait
        // for that run's transaction to end and then fail. So each run claims a name with an advisory lock of
        // the transaction first, and one held by another passes on to the next name at once (a hash shared with
        // another name skips that name, no more). A name a catalog row still holds, whose table was dropped by
        // hand, is not free either: a copy under it was what a restore of that row, perhaps another tenant's, used.
        // The catalog is there: the statements that make it come before the step's first copy.
        sql.append("    WHILE to_regclass(format('").append(SCHEMA).append(".%I', target)) IS NOT NULL\n")
                .append("            OR EXISTS (SELECT FROM ").append(CATALOG)
                .append(" b WHERE b.backup_table = target)\n")
                .append("            OR NOT pg_try_advisory_xact_lock(hashtext('").append(SCHEMA)
                .append("'), hashtext(target)) LOOP\n")
                .append("        n := n + 1;\n")
                .append("        target := ").append(dialect.literal(fit(base, STEM_BYTES))).append(" || '_' || n;\n")
                .append("    END LOOP;\n")
                .append("    EXECUTE format('CREATE TABLE ").append(SCHEMA)
                .append(".%I AS SELECT %s FROM ").append(ownRowsOnly ? "ONLY " : "")
                .append("%s', target, selected, source);\n")
                .append("    INSERT INTO ").append(CATALOG).append(" (revision, source_table, backup_table, columns, ")
                .append(BackupOwner.COLUMN).append(direction == Direction.DOWNGRADE ? ", direction" : "").append(")\n")
                .append("        VALUES (").append(dialect.literal(revision)).append(", ")
                .append(dialect.literal(table.toString())).append(", target, listed, ").append(owner.sql())
                .append(direction == Direction.DOWNGRADE ? ", 'downgrade'" : "").append(");\n")
                .append("END\n$retort_backup$");
        return sql.toString();
    }

    /**
     * The message of a copy or a restore that row-level security would cut short, silently: {@code refused} (what
     * cannot be done), why, and what to run it as instead. A {@code format} string whose one {@code %s} is the role
     * ({@code %} of the names doubled).
     */
    static String rowSecurityHides(Dialect dialect, String refused, QualifiedName table) {
        String name = table.toString().replace("%", "%%");
        return refused.replace("%", "%%") + ": row-level security applies to " + name
                + " for role %s and may hide rows. Run it as "
                + "the table's owner without FORCE ROW LEVEL SECURITY (ALTER TABLE "
                + dialect.quote(table).replace("%", "%%") + " NO FORCE ROW LEVEL SECURITY) or as a role with BYPASSRLS";
    }

    /**
     * {@code name} cut to at most {@code maxBytes} UTF-8 bytes (PostgreSQL's identifier limit is 63). A cut name
     * ends with 8 hex digits of the whole name's hash, so two long names that share a prefix stay apart, and the
     * same name always gets the same cut.
     */
    static String fit(String name, int maxBytes) {
        if (NameBytes.of(name) <= maxBytes) {
            return name;
        }
        String hash = HexFormat.of().toHexDigits(name.hashCode());
        return NameBytes.clip(name, maxBytes - hash.length() - 1) + "_" + hash;
    }
}
