package dev.retort.autogenerate;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The enum types and sequences that only what the comparison leaves alone uses: the tables {@code exclude_tables} names
 * (and their children), the tables of schemas not compared, and the views, functions, domains and the like that
 * Retort compares nowhere (a cast too, but for the {@code WITH INOUT} casts compared with their enum type), a function
 * too whose body names them ({@link FunctionBodies}). They go with what uses them, out of the comparison.
 *
 * <p>On the database's side, such a type or sequence is in no model, so a comparison would drop it, and the migration
 * would fail ({@code cannot drop sequence order_number_seq because other objects depend on it}) on every run of
 * {@code check}; unless the model declares it itself, when it is compared as usual. On the model's side, one that only
 * the model's excluded tables use is theirs: a migration would create it, or change it, for a table it does not
 * create, and a {@code serial} column's sequence would be owned by a column that is not there.
 *
 * <p>A sequence that nothing but a function's body uses, and no column owns, may be the one that numbered a column
 * of the comparison (Hibernate's {@code orders_seq}, which the model gives up for an identity). It stays all the
 * same, but in the comparison, on both sides alike ({@link #keptIn}), so that what numbers the column from now on is
 * moved past the ids it handed out ({@code SchemaDiffer#keeping}).
 *
 * @param enums the enum types, named as the schemas compared name them ({@code null} for the default schema)
 * @param sequences the sequences, named so too
 * @param namedByFunctions of {@code sequences}, those that only functions' bodies name and no column owns, to the
 *     functions that name them ({@code legacy, billing.receipt})
 */
record LeftAloneUses(Set<QualifiedName> enums, Set<QualifiedName> sequences,
        Map<QualifiedName, String> namedByFunctions) {
    private static final PostgresDialect DIALECT = new PostgresDialect();
    /**
     * What uses each enum type (and its array type) and sequence of the schemas read, and, for a column, a default, a
     * constraint or an index, the relation it belongs to; then the tables that own a sequence. A domain, a function,
     * a view's rule and the like have none.
     */
    private static final String QUERY = """
            with used(classid, objid, kind, nspname, name) as (
                select 'pg_type'::regclass, o.oid, 'enum', n.nspname, t.typname
                from pg_type t
                join pg_namespace n on n.oid = t.typnamespace
                cross join lateral (values (t.oid), (t.typarray)) as o(oid)
                where t.typtype = 'e' and o.oid <> 0 and n.nspname = any (?)
                union all
                select 'pg_class'::regclass, c.oid, 'sequence', n.nspname, c.relname
                from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where c.relkind = 'S' and n.nspname = any (?)
            )
            select u.kind, u.nspname, u.name, rn.nspname, r.relname, r.relkind
            from used u
            join pg_depend d on d.refclassid = u.classid and d.refobjid = u.objid
            left join pg_attrdef ad on d.classid = 'pg_attrdef'::regclass and ad.oid = d.objid
            left join pg_constraint con on d.classid = 'pg_constraint'::regclass and con.oid = d.objid
            left join pg_index ix on d.classid = 'pg_class'::regclass and ix.indexrelid = d.objid
            left join pg_class r on r.oid = case d.classid when 'pg_class'::regclass then coalesce(ix.indrelid, d.objid)
                                                          when 'pg_attrdef'::regclass then ad.adrelid
                                                          when 'pg_constraint'::regclass then con.conrelid end
            left join pg_namespace rn on rn.oid = r.relnamespace
            -- Not the array type's own tie to its element (its users are read as the element's).
            where not (d.classid = 'pg_type'::regclass and d.deptype = 'i')
              -- Nor a cast compared with the type (see EnumType#casts): it goes with the type.
              and not (d.classid = 'pg_cast'::regclass
                       and exists (select 1 from pg_cast c where c.oid = d.objid and c.castmethod = 'i')
                       and not exists (select 1 from pg_depend x where x.classid = 'pg_cast'::regclass
                                       and x.objid = d.objid and x.deptype = 'e'))
            union all
            select 'sequence', n.nspname, s.relname, rn.nspname, r.relname, r.relkind
            from pg_class s
            join pg_namespace n on n.oid = s.relnamespace
            join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid
                            and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
            join pg_class r on r.oid = d.refobjid
            join pg_namespace rn on rn.oid = r.relnamespace
            where s.relkind = 'S' and n.nspname = any (?)
            """;

    LeftAloneUses {
        enums = Set.copyOf(enums);
        sequences = Set.copyOf(sequences);
        namedByFunctions = Map.copyOf(namedByFunctions);
    }

    LeftAloneUses(Set<QualifiedName> enums, Set<QualifiedName> sequences) {
        this(enums, sequences, Map.of());
    }

    /**
     * The enum types and sequences of {@code model} that tables of it use, but none of {@code compared} (those of its
     * tables in the comparison): through a column's type (an array's element type too), a column's default
     * ({@code nextval('order_number_seq'::regclass)}), owning the sequence, or drawing ids from it through a JPA
     * entity's generator ({@code idSequences}, see {@link ModelDdl#idSequences}). One that no table uses is a
     * declaration of its own, and compared.
     */
    static LeftAloneUses ofModel(DatabaseSchema model, Map<String, String> idSequences, Set<QualifiedName> compared) {
        Set<QualifiedName> enums = new HashSet<>();
        for (EnumType type : model.enums()) {
            String name = DIALECT.quote(type.name());
            if (onlyLeftOutUse(model, compared, table -> table.columns().stream()
                    .anyMatch(c -> element(c.type()).equals(name)))) {
                enums.add(type.name());
            }
        }
        Set<QualifiedName> sequences = new HashSet<>();
        for (Sequence sequence : model.sequences()) {
            String regclass = "'" + DIALECT.quote(sequence.name()).replace("'", "''") + "'::regclass";
            Set<String> drawers = idSequences.entrySet().stream()
                    .filter(e -> e.getValue().equals(sequence.name().toString())).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            if (onlyLeftOutUse(model, compared, table -> sequence.isOwnedBy(table.name())
                    || table.columns().stream().anyMatch(c -> drawers.contains(table.name() + "." + c.name())
                            || c.defaultExpression() != null && c.defaultExpression().contains(regclass)))) {
                sequences.add(sequence.name());
            }
        }
        return new LeftAloneUses(enums, sequences);
    }

    private static boolean onlyLeftOutUse(DatabaseSchema model, Set<QualifiedName> compared, Predicate<Table> uses) {
        List<QualifiedName> users = model.tables().stream().filter(uses).map(Table::name).toList();
        return !users.isEmpty() && users.stream().noneMatch(compared::contains);
    }

    /** The element type of an array type as the catalog prints it ({@code order_status[]}), or the type itself. */
    private static String element(String type) {
        String element = type;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        return element;
    }

    /**
     * The enum types and sequences of {@code current}, read from {@code target}'s {@code schemas}, that something
     * besides {@code current}'s tables uses, or that the body of a function or procedure names. {@code home} is the
     * schema whose objects {@code current} names without a schema.
     */
    static LeftAloneUses ofDatabase(Connection target, DatabaseSchema current, List<String> schemas, String home)
            throws SQLException {
        Set<QualifiedName> compared = current.tables().stream().map(Table::name).collect(Collectors.toSet());
        Set<QualifiedName> enums = new HashSet<>();
        Set<QualifiedName> sequences = new HashSet<>();
        try (PreparedStatement statement = target.prepareStatement(QUERY)) {
            for (int parameter = 1; parameter <= 3; parameter++) {
                statement.setArray(parameter, target.createArrayOf("text", schemas.toArray()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String userSchema = rows.getString(4);
                    String kind = rows.getString(6);
                    boolean comparedTable = userSchema != null && ("r".equals(kind) || "p".equals(kind))
                            && compared.contains(name(userSchema, rows.getString(5), home));
                    if (!comparedTable) {
                        QualifiedName used = name(rows.getString(2), rows.getString(3), home);
                        ("enum".equals(rows.getString(1)) ? enums : sequences).add(used);
                    }
                }
            }
        }
        FunctionBodies bodies = FunctionBodies.read(target);
        current.enums().stream().map(EnumType::name).filter(e -> bodies.name(e.name())).forEach(enums::add);
        Map<QualifiedName, String> namedByFunctions = new HashMap<>();
        for (Sequence sequence : current.sequences()) {
            List<String> functions = bodies.naming(sequence.name().name());
            if (!functions.isEmpty() && sequences.add(sequence.name()) && sequence.ownerTable().isEmpty()) {
                namedByFunctions.put(sequence.name(), String.join(", ", functions));
            }
        }
        return new LeftAloneUses(enums, sequences, namedByFunctions);
    }

    private static QualifiedName name(String schema, String name, String home) {
        return QualifiedName.of(schema.equals(home) ? null : schema, name);
    }

    /** These and {@code other}'s. */
    LeftAloneUses and(LeftAloneUses other) {
        Set<QualifiedName> allEnums = new HashSet<>(enums);
        allEnums.addAll(other.enums);
        Set<QualifiedName> allSequences = new HashSet<>(sequences);
        allSequences.addAll(other.sequences);
        // One that something else uses too stays out of the comparison.
        Map<QualifiedName, String> allNamed = new HashMap<>(namedByFunctions);
        allNamed.putAll(other.namedByFunctions);
        allNamed.keySet().removeIf(s -> !namedByFunctions.containsKey(s) && sequences.contains(s)
                || !other.namedByFunctions.containsKey(s) && other.sequences.contains(s));
        return new LeftAloneUses(allEnums, allSequences, allNamed);
    }

    /** These without the ones {@code model} declares, which are compared as usual. */
    LeftAloneUses undeclaredIn(DatabaseSchema model) {
        return new LeftAloneUses(
                enums.stream().filter(e -> model.enumType(e).isEmpty()).collect(Collectors.toSet()),
                sequences.stream().filter(s -> model.sequence(s).isEmpty()).collect(Collectors.toSet()),
                namedByFunctions.entrySet().stream().filter(e -> model.sequence(e.getKey()).isEmpty())
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** {@code schema} without these, but for the sequences only functions name ({@link #keptIn}). */
    DatabaseSchema takenFrom(DatabaseSchema schema) {
        return new DatabaseSchema(schema.schemas(), schema.tables(),
                schema.enums().stream().filter(e -> !enums.contains(e.name())).toList(),
                schema.sequences().stream()
                        .filter(s -> !sequences.contains(s.name()) || namedByFunctions.containsKey(s.name())).toList(),
                schema.extensions());
    }

    /**
     * {@code desired} with the sequences of {@code current} that only functions name, as they are: they stay, and no
     * migration changes them.
     */
    DatabaseSchema keptIn(DatabaseSchema desired, DatabaseSchema current) {
        List<Sequence> kept = new ArrayList<>(desired.sequences());
        current.sequences().stream().filter(s -> namedByFunctions.containsKey(s.name())).forEach(kept::add);
        return new DatabaseSchema(desired.schemas(), desired.tables(), desired.enums(), kept, desired.extensions());
    }
}
