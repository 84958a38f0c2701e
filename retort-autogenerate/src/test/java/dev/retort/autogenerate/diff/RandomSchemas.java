package dev.retort.autogenerate.diff;

import dev.retort.operation.AlterColumn;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Identity;
import dev.retort.operation.IndexElement;
import dev.retort.operation.Operation;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Index;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds small, valid random schemas: tables with columns from a fixed type list, keys, checks, indexes, foreign
 * keys (including self-references and cycles), enum types, a sequence and an optional second schema.
 *
 * <p>Names come from small pools shared between tables, so two schemas often share tables that differ in
 * detail, and an index name freed on one table is taken on another, or by a table or the sequence in the other
 * schema; a table may have the enum type's name there. Two schemas built from the same seed with
 * some noise differ a little, like a model and the database it was last migrated to.
 */
final class RandomSchemas {
    private final Random base;
    private final Random noise;
    private final double noiseRate;
    private final Map<String, Set<String>> relations = new HashMap<>();

    private RandomSchemas(Random base, Random noise, double noiseRate) {
        this.base = base;
        this.noise = noise;
        this.noiseRate = noiseRate;
    }

    /** A schema drawn from {@code seed}, each decision replaced by a random one with probability {@code noiseRate}. */
    static DatabaseSchema generate(long seed, long noiseSeed, double noiseRate) {
        return new RandomSchemas(new Random(seed), new Random(noiseSeed), noiseRate).build();
    }

    /**
     * {@code schema} with one table and one column renamed (and everything that names them), so that diffs
     * meet rename candidates often.
     */
    static DatabaseSchema renameSome(DatabaseSchema schema, long seed) {
        if (schema.tables().isEmpty()) {
            return schema;
        }
        Random random = new Random(seed);
        Table table = schema.tables().get(random.nextInt(schema.tables().size()));
        List<Operation> renames = new ArrayList<>();
        renames.add(new RenameTable(table.name(), table.name().name() + "r"));
        QualifiedName renamed = QualifiedName.of(table.name().schema(), table.name().name() + "r");
        Table other = schema.tables().get(random.nextInt(schema.tables().size()));
        QualifiedName otherName = other.name().equals(table.name()) ? renamed : other.name();
        List<ColumnDef> columns = other.columns().stream().filter(c -> !c.name().equals("id")).toList();
        if (!columns.isEmpty()) {
            String column = columns.get(random.nextInt(columns.size())).name();
            renames.add(new AlterColumn(otherName, column, null, null, null, null, column + "r"));
        }
        return SchemaInterpreter.apply(schema, renames);
    }

    private double draw() {
        double value = base.nextDouble();
        return noise.nextDouble() < noiseRate ? noise.nextDouble() : value;
    }

    private boolean chance(double probability) {
        return draw() < probability;
    }

    private <T> T pick(List<T> options) {
        return options.get(Math.min(options.size() - 1, (int) (draw() * options.size())));
    }

    private DatabaseSchema build() {
        boolean app = chance(0.3);
        List<EnumType> enums = new ArrayList<>();
        boolean mood = chance(0.6);
        if (mood) {
            enums.add(new EnumType(QualifiedName.of("mood"), values(List.of("happy", "sad", "meh", "angry"))));
        }
        if (chance(0.4)) {
            enums.add(new EnumType(QualifiedName.of("color"), values(List.of("red", "green", "blue"))));
        }
        if (app && chance(0.5)) {
            enums.add(new EnumType(QualifiedName.of("app", "status"), values(List.of("new", "done"))));
        }
        boolean counter = chance(0.5);
        List<QualifiedName> names = new ArrayList<>();
        for (String name : List.of("t1", "t2", "t3", "t4", "t5")) {
            if (chance(0.5)) {
                names.add(QualifiedName.of(name));
            }
        }
        // A table may take the name the other schema gives the enum type (a table's row type is a type of its name)
        // or the sequence (tables and sequences share a namespace), as an index may take a table's or the sequence's.
        if (!mood && chance(0.2)) {
            names.add(QualifiedName.of("mood"));
        }
        if (!counter && chance(0.2)) {
            names.add(QualifiedName.of("counter"));
        }
        if (app) {
            for (String name : List.of("a1", "a2")) {
                if (chance(0.5)) {
                    names.add(QualifiedName.of("app", name));
                }
            }
        }
        names.forEach(n -> relations(n).add(n.name()));
        if (counter) {
            relations.computeIfAbsent("", k -> new HashSet<>()).add("counter");
        }
        List<String> types = new ArrayList<>(List.of("integer", "bigint", "text", "character varying(20)",
                "character varying(40)", "numeric(10,2)", "numeric(12,2)", "boolean"));
        for (EnumType type : enums) {
            String name = SchemaInterpreter.typeName(type.name());
            types.add(name);
            types.add(name + "[]");
        }
        List<Table> tables = new ArrayList<>();
        for (QualifiedName name : names) {
            tables.add(table(name, types, counter));
        }
        tables = addForeignKeys(tables);
        List<Sequence> sequences = new ArrayList<>();
        if (counter) {
            SequenceOwner owner = SequenceOwner.NONE;
            List<Table> candidates = tables.stream().filter(t -> t.name().schema() == null).toList();
            if (!candidates.isEmpty() && chance(0.5)) {
                Table table = pick(candidates);
                owner = new SequenceOwner(table.name().name(), pick(table.columns()).name());
            }
            sequences.add(new Sequence(QualifiedName.of("counter"), new SequenceOptions("bigint", 1L,
                    chance(0.7) ? 1L : 2L, 1L, Long.MAX_VALUE, 1L, chance(0.2), owner)));
        }
        return new DatabaseSchema(app ? List.of("app") : List.of(), tables, enums, sequences, List.of());
    }

    private Table table(QualifiedName name, List<String> types, boolean counter) {
        List<ColumnDef> columns = new ArrayList<>();
        ColumnDef id = ColumnDef.of("id", chance(0.7) ? "integer" : "bigint").notNull();
        double identity = draw();
        if (identity < 0.25) {
            id = id.identity(Identity.ALWAYS);
        } else if (identity < 0.45) {
            id = id.identity(Identity.BY_DEFAULT);
        } else if (counter && chance(0.4)) {
            id = id.defaultExpression("nextval('counter'::regclass)");
        }
        columns.add(id);
        for (String column : List.of("c1", "c2", "c3", "c4")) {
            if (chance(0.5)) {
                columns.add(column(column, pick(types)));
            }
        }
        if (chance(0.2)) {
            columns.add(ColumnDef.of("g1", chance(0.5) ? "integer" : "bigint").generatedAs(chance(0.7)
                    ? "(id * 2)" : "(id + 1)"));
        }
        List<ColumnDef> plain = columns.stream().filter(c -> c.generatedExpression() == null).toList();

        PrimaryKeyDef primaryKey = null;
        if (chance(0.8)) {
            String key = relationName(name, pick(List.of(name.name() + "_pkey", "pk_a", "pk_b")));
            key = key != null ? key : relationName(name, name.name() + "_pkey");
            List<ColumnDef> others = plain.stream().filter(c -> !c.name().equals("id")).toList();
            List<String> include = chance(0.15) && !others.isEmpty() ? List.of(pick(others).name()) : List.of();
            primaryKey = key == null ? null : new PrimaryKeyDef(key, List.of("id"), include);
        }
        List<UniqueDef> uniques = new ArrayList<>();
        if (chance(0.3)) {
            ColumnDef column = pick(plain);
            String key = relationName(name, pick(List.of("uq_a", "uq_b", name.name() + "_" + column.name() + "_key")));
            if (key != null) {
                List<String> include = chance(0.2) && !column.name().equals("id") ? List.of("id") : List.of();
                uniques.add(new UniqueDef(key, List.of(column.name()), null, false, include));
            }
        }
        List<CheckDef> checks = new ArrayList<>();
        if (chance(0.3)) {
            checks.add(new CheckDef("ck_id", "(id > 0)"));
        }
        if (chance(0.2)) {
            ColumnDef column = pick(plain);
            checks.add(new CheckDef("ck_" + column.name() + "_set", "(" + column.name() + " IS NOT NULL)"));
        }
        List<Index> indexes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (chance(0.4)) {
                indexes.add(index(name, columns));
            }
        }
        indexes.removeIf(index -> index == null);
        return new Table(name, columns, primaryKey, uniques, List.of(), checks, indexes,
                chance(0.2) ? "table note" : null);
    }

    private ColumnDef column(String name, String type) {
        ColumnDef column = ColumnDef.of(name, type).nullable(chance(0.6));
        if (chance(0.3)) {
            String value = switch (TypeNames.base(type)) {
                case "integer", "bigint" -> chance(0.5) ? "0" : "42";
                case "text" -> "'x'::text";
                case "character varying" -> "'y'::character varying";
                case "numeric" -> "0.0";
                case "boolean" -> chance(0.5) ? "true" : "false";
                default -> null;
            };
            column = column.defaultExpression(value);
        }
        if (chance(0.2)) {
            column = column.comment("note");
        }
        if ((type.equals("text") || type.startsWith("character varying")) && chance(0.2)) {
            column = column.collation("C");
        }
        return column;
    }

    private Index index(QualifiedName table, List<ColumnDef> columns) {
        String name = relationName(table, pick(List.of("ix_a", "ix_b", "ix_c", "counter", "t5")));
        if (name == null) {
            return null;
        }
        List<ColumnDef> texts = columns.stream().filter(c -> c.type().equals("text")).toList();
        IndexElement element = !texts.isEmpty() && chance(0.3)
                ? IndexElement.expression("lower(" + pick(texts).name() + ")")
                : IndexElement.column(pick(columns).name());
        boolean unique = element.column() != null && chance(0.4);
        List<String> include = chance(0.15) ? List.of(pick(columns).name()) : List.of();
        if (element.column() != null && include.contains(element.column())) {
            include = List.of();
        }
        return new Index(name, unique, "btree", List.of(element), include, chance(0.2) ? "(id > 0)" : null);
    }

    private List<Table> addForeignKeys(List<Table> tables) {
        List<Table> keyed = tables.stream().filter(t -> t.primaryKey() != null).toList();
        List<Table> result = new ArrayList<>();
        for (Table table : tables) {
            List<ForeignKeyDef> foreignKeys = new ArrayList<>();
            for (ColumnDef column : table.columns()) {
                boolean integral = column.type().equals("integer") || column.type().equals("bigint");
                if (!integral || column.generatedExpression() != null || keyed.isEmpty() || !chance(0.35)) {
                    continue;
                }
                Table target = pick(keyed);
                List<List<String>> keys = new ArrayList<>(List.of(List.of(), List.of("id")));
                target.uniques().forEach(u -> keys.add(u.columns()));
                target.indexes().stream()
                        .filter(i -> i.unique() && i.predicate() == null && i.elements().get(0).column() != null)
                        .forEach(i -> keys.add(List.of(i.elements().get(0).column())));
                foreignKeys.add(new ForeignKeyDef("fk_" + column.name(), List.of(column.name()), target.name(),
                        pick(keys), chance(0.3) ? ForeignKeyAction.CASCADE : ForeignKeyAction.NO_ACTION, null, null,
                        null));
            }
            foreignKeys.sort(Comparator.comparing(ForeignKeyDef::name));
            result.add(new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(), foreignKeys,
                    table.checks(), table.indexes(), table.comment()));
        }
        return result;
    }

    private List<String> values(List<String> pool) {
        List<String> values = new ArrayList<>();
        for (String value : pool) {
            if (chance(0.7)) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            values.add(pool.get(0));
        }
        if (chance(0.2)) {
            values.add(0, values.remove(values.size() - 1));
        }
        return values;
    }

    /** {@code name} if no relation of the table's schema has it yet (then it is taken), else null. */
    private String relationName(QualifiedName table, String name) {
        return relations(table).add(name) ? name : null;
    }

    private Set<String> relations(QualifiedName table) {
        return relations.computeIfAbsent(table.schema() == null ? "" : table.schema(), k -> new HashSet<>());
    }
}
