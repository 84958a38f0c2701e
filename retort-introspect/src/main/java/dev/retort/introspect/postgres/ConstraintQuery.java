package dev.retort.introspect.postgres;

import dev.retort.RetortException;
import dev.retort.operation.CheckDef;
import dev.retort.operation.Deferral;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.UniqueDef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the primary keys, unique constraints, foreign keys, check and exclusion constraints of every table in scope.
 *
 * <p>Column lists keep the key's order ({@code conkey}, {@code confkey}), not the table's. A check's
 * expression is {@code pg_get_expr(conbin)}: exactly the text inside {@code CHECK (...)} of
 * {@code pg_get_constraintdef()}, without its {@code NO INHERIT} or {@code NOT VALID} suffixes. An exclusion
 * constraint's definition is {@code pg_get_constraintdef()} between {@code EXCLUDE} and its deferral, which the
 * server prints the same way for the same constraint in any database: the model and the target compare as text.
 */
final class ConstraintQuery {
    // contype 'n' (NOT NULL constraints, PostgreSQL 18) is left out: nullability comes from attnotnull (and the name
    // of one not yet validated from ColumnQuery), and their names, which PostgreSQL 18 gives and keeps (a table
    // renamed keeps t_id_not_null), would differ between two databases that made the same column NOT NULL in
    // different ways.
    // Constraint triggers ('t') have no place in the model yet, nor have the kinds PostgreSQL 18 added: temporal
    // keys (PRIMARY KEY or UNIQUE (..., valid WITHOUT OVERLAPS), FOREIGN KEY (..., PERIOD valid): conperiod) and NOT
    // ENFORCED checks and foreign keys (conenforced). Read as ordinary ones, they would be created as such; they
    // are left out like constraint triggers. The columns exist from 18 on only,
    // so they are read through to_jsonb(), which on an older server has no such key.
    // A unique constraint's NULLS NOT DISTINCT (PostgreSQL 15) is its index's indnullsnotdistinct, read the same way.
    // The INCLUDE columns of a primary key or unique constraint are not in conkey: they are its index's columns
    // past the key ones (indnkeyatts).
    // The columns that a foreign key's ON DELETE SET NULL or SET DEFAULT sets, when not all (confdelsetcols,
    // PostgreSQL 15), are read the same way: to_jsonb() gives them as a JSON array, or JSON null.
    // A foreign key that references a partitioned table gets one hidden child per partition, on the
    // same table and under the same name, whose parent is that foreign key: those children are skipped.
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            select c.conrelid, c.conname, c.contype,
                   array(select a.attname::text
                         from unnest(c.conkey) with ordinality as k(attnum, position)
                         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
                         order by k.position),
                   rn.nspname, r.relname,
                   array(select a.attname::text
                         from unnest(c.confkey) with ordinality as k(attnum, position)
                         join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum
                         order by k.position),
                   c.confupdtype, c.confdeltype, c.confmatchtype, c.condeferrable, c.condeferred,
                   case when c.contype = 'c' then pg_get_expr(c.conbin, c.conrelid) end,
                   t.nspname, t.relname, not c.conislocal,
                   coalesce((select (to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean
                             from pg_index ix where ix.indexrelid = c.conindid and c.contype = 'u'), false),
                   array(select a.attname::text
                         from jsonb_array_elements_text(
                                  case when jsonb_typeof(to_jsonb(c) -> 'confdelsetcols') = 'array'
                                       then to_jsonb(c) -> 'confdelsetcols' else '[]' end)
                              with ordinality as k(attnum, position)
                         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum::smallint
                         order by k.position),
                   array(select a.attname::text
                         from pg_index ix
                         cross join lateral generate_series(ix.indnkeyatts + 1, ix.indnatts) as k(position)
                         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = ix.indkey[k.position - 1]
                         where ix.indexrelid = c.conindid and c.contype in ('p', 'u')
                         order by k.position),
                   case when c.contype = 'x' then pg_get_constraintdef(c.oid) end
            from scoped_table t
            join pg_constraint c on c.conrelid = t.oid
            left join pg_class r on r.oid = c.confrelid
            left join pg_namespace rn on rn.oid = r.relnamespace
            where c.contype in ('p', 'u', 'f', 'c', 'x')
              and not coalesce((to_jsonb(c) ->> 'conperiod')::boolean, false)
              and coalesce((to_jsonb(c) ->> 'conenforced')::boolean, true)
              and not exists (select 1 from pg_constraint p
                              where p.oid = c.conparentid and p.conrelid = c.conrelid)
            """;

    /**
     * A constraint as read.
     *
     * @param inherited whether the table has it from its parents alone ({@code conislocal} false): a check, see
     *     {@link dev.retort.schema.Table#inheritedChecks()}
     */
    record Constraint(TableConstraint definition, boolean inherited) {
    }

    private ConstraintQuery() {
    }

    /** The constraints of each table, keyed by the table's oid. */
    static Map<Long, List<Constraint>> read(CatalogScope scope) throws SQLException {
        Map<Long, List<Constraint>> constraints = new HashMap<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                constraints.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                        .add(new Constraint(constraint(scope, rows), rows.getBoolean(16)));
            }
        }
        return constraints;
    }

    private static TableConstraint constraint(CatalogScope scope, ResultSet rows) throws SQLException {
        String name = rows.getString(2);
        List<String> columns = names(rows, 4);
        Deferral deferral = !rows.getBoolean(11) ? Deferral.NOT_DEFERRABLE
                : rows.getBoolean(12) ? Deferral.INITIALLY_DEFERRED : Deferral.INITIALLY_IMMEDIATE;
        return switch (rows.getString(3)) {
            case "p" -> new PrimaryKeyDef(name, columns, names(rows, 19));
            case "u" -> new UniqueDef(name, columns, deferral, rows.getBoolean(17), names(rows, 19));
            case "c" -> new CheckDef(name, rows.getString(13));
            case "x" -> new ExcludeDef(name, exclusion(rows.getString(20), deferral), deferral);
            default -> {
                QualifiedName table = scope.name(rows.getString(14), rows.getString(15));
                yield new ForeignKeyDef(name, columns, scope.name(rows.getString(5), rows.getString(6)),
                        names(rows, 7), action(rows.getString(9), table, name), names(rows, 18),
                        action(rows.getString(8), table, name),
                        match(rows.getString(10), table, name), deferral);
            }
        };
    }

    /** What {@code pg_get_constraintdef()} prints between {@code EXCLUDE} and the deferral it ends with. */
    private static String exclusion(String definition, Deferral deferral) {
        String text = definition.substring("EXCLUDE ".length());
        String suffix = switch (deferral) {
            case NOT_DEFERRABLE -> "";
            case INITIALLY_IMMEDIATE -> " DEFERRABLE";
            case INITIALLY_DEFERRED -> " DEFERRABLE INITIALLY DEFERRED";
        };
        return text.substring(0, text.length() - suffix.length());
    }

    private static List<String> names(ResultSet rows, int column) throws SQLException {
        return Arrays.asList((String[]) rows.getArray(column).getArray());
    }

    private static ForeignKeyAction action(String code, QualifiedName table, String constraint) {
        return switch (code) {
            case "a" -> ForeignKeyAction.NO_ACTION;
            case "r" -> ForeignKeyAction.RESTRICT;
            case "c" -> ForeignKeyAction.CASCADE;
            case "n" -> ForeignKeyAction.SET_NULL;
            case "d" -> ForeignKeyAction.SET_DEFAULT;
            default -> throw unknown("action", code, table, constraint);
        };
    }

    private static ForeignKeyMatch match(String code, QualifiedName table, String constraint) {
        return switch (code) {
            case "s" -> ForeignKeyMatch.SIMPLE;
            case "f" -> ForeignKeyMatch.FULL;
            default -> throw unknown("match type", code, table, constraint);
        };
    }

    private static RetortException unknown(String what, String code, QualifiedName table, String constraint) {
        return new RetortException("Foreign key " + constraint + " of table " + table + " has the " + what
                + " code '" + code + "', which Retort does not know; this PostgreSQL version may be newer than "
                + "Retort supports, so report it together with the output of SELECT version().");
    }
}
