package dev.retort.autogenerate.diff;

import dev.retort.operation.CreateExtension;
import dev.retort.operation.DropExtension;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Extension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The extensions a migration installs (those the model has and the database lacks), and moves to the model's schema;
 * its downgrade removes and moves back the same ones.
 *
 * <p>Unlike every other object, an extension the database has and the model lacks is left alone, in both
 * directions: a JPA model has no way to declare one, so its absence from the model says nothing, and a DBA may
 * have installed it for reasons of their own. So the downgrade drops exactly what the upgrade created, not what
 * the database had before: on the database the migration was generated from by its list, and on any other (where
 * the upgrade's {@code IF NOT EXISTS} may have found one) by {@code ifCreatedByUpgrade}, which a run checks
 * against the catalog. An extension both sides have in different schemas is moved
 * ({@code ALTER EXTENSION ... SET SCHEMA}), and moved back by the downgrade.
 *
 * @param created created after the schemas (one may hold it) and before the types and tables that use it
 * @param moved moved after the schemas are created and before anything that uses it changes
 * @param dropped dropped after the tables and types that used it, before the schemas
 */
record ExtensionPlan(List<Extension> created, List<Move> moved, List<Extension> dropped) {
    ExtensionPlan {
        created = List.copyOf(created);
        moved = List.copyOf(moved);
        dropped = List.copyOf(dropped);
    }

    /**
     * An extension the database has in schema {@code from.schema()} and the model in {@code to.schema()}.
     *
     * @param step whether a migration moves it; without, only the names of its types and operator classes are told
     *        apart by the schema, and the diff reads them as the same
     */
    record Move(Extension from, Extension to, boolean step) {
        Move reverse() {
            return new Move(to, from, step);
        }
    }

    /**
     * The extensions both schemas have, in different schemas, as moves from {@code current} to {@code desired}; with
     * {@code step} false, moves that a migration does not make, where the model does not say where its extensions go.
     */
    static List<Move> moves(DatabaseSchema current, DatabaseSchema desired, boolean step) {
        List<Move> moves = new ArrayList<>();
        for (Extension wanted : desired.extensions()) {
            current.extension(wanted.name()).filter(e -> !Objects.equals(e.schema(), wanted.schema()))
                    .ifPresent(e -> moves.add(new Move(e, wanted, step)));
        }
        return moves;
    }

    /**
     * The extensions of {@code desired} that {@code current} lacks, each after those of them it requires (in name
     * order otherwise): PostgreSQL refuses {@code CREATE EXTENSION hstore_plperl} before {@code plperl}, which
     * comes after it by name. The downgrade drops them in the reverse order.
     */
    static List<Extension> missing(DatabaseSchema current, DatabaseSchema desired) {
        List<Extension> left = new ArrayList<>(desired.extensions().stream()
                .filter(e -> current.extension(e.name()).isEmpty()).toList());
        List<Extension> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!left.isEmpty()) {
            Extension next = left.stream()
                    .filter(e -> e.requires().stream().allMatch(r -> placed.contains(r) || !missing(left, r)))
                    .findFirst()
                    .orElse(left.get(0)); // a cycle, which control files cannot declare: name order
            left.remove(next);
            ordered.add(next);
            placed.add(next.name());
        }
        return ordered;
    }

    private static boolean missing(List<Extension> left, String name) {
        return left.stream().anyMatch(e -> e.name().equals(name));
    }

    static ExtensionPlan upgrade(List<Extension> missing, List<Move> moves) {
        return new ExtensionPlan(missing, moves, List.of());
    }

    /** Drops what the upgrade created and moves back what it moved. */
    static ExtensionPlan downgrade(List<Extension> missing, List<Move> moves) {
        return new ExtensionPlan(List.of(), moves.stream().map(Move::reverse).toList(), missing);
    }

    /**
     * {@code ALTER EXTENSION ... SET SCHEMA}, which takes the extension's types along: the columns of them keep
     * their data and need no change of their own (see {@link #typeMoves()}), nor do the indexes that use its
     * operator classes ({@link #operatorClassMoves()}) or what calls its functions ({@link #functionMoves()}).
     * PostgreSQL refuses it for an extension that is not relocatable; the step is written all the same, so that the
     * migration cannot run until someone has read the warning and chosen what to do.
     */
    List<Change> moves() {
        List<Change> changes = new ArrayList<>();
        for (Move move : moved) {
            if (!move.step()) {
                continue;
            }
            String name = move.to().name();
            String schema = schemaName(move.to().schema());
            String description = "move extension " + name + " from schema " + schemaName(move.from().schema())
                    + " to " + schema;
            String warning = move.from().relocatable() ? null : "extension " + name + " is not relocatable, so "
                    + "PostgreSQL refuses to move it. Replace this step with op.dropExtension(\"" + name + "\") and "
                    + "op.createExtension(\"" + name + "\").schema(\"" + schema + "\"), after saving the data of "
                    + "any column of its types (dropping it needs .cascade(), which drops those columns), or keep it "
                    + "where it is and change the model.";
            changes.add(new Change(new SetExtensionSchema(name, schema), description, false, warning));
        }
        return changes;
    }

    /**
     * The types the moved extensions take along, from the name a column of one has before the move to the name it
     * has after ({@code citext} to {@code ext.citext}, and their arrays): PostgreSQL keeps the column on the same
     * type, now in the other schema, so the diff must not see a change of type.
     */
    Map<String, String> typeMoves() {
        Map<String, String> types = new HashMap<>();
        for (Move move : moved) {
            for (String type : move.from().types()) {
                String from = typeName(move.from().schema(), type);
                String to = typeName(move.to().schema(), type);
                types.put(from, to);
                types.put(from + "[]", to + "[]");
            }
        }
        return types;
    }

    /**
     * The operator classes the moved extensions take along, from the name an index element has before the move to
     * the name it has after ({@code gin_trgm_ops} to {@code ext.gin_trgm_ops}): the index still uses the same one,
     * so the diff must not rebuild it.
     */
    Map<String, String> operatorClassMoves() {
        Map<String, String> classes = new HashMap<>();
        for (Move move : moved) {
            for (String operatorClass : move.from().operatorClasses()) {
                classes.put(typeName(move.from().schema(), operatorClass), typeName(move.to().schema(), operatorClass));
            }
        }
        return classes;
    }

    /**
     * The functions the moved extensions take along, from the name a call to one has before the move to the name it
     * has after ({@code soundex} to {@code ext.soundex}): PostgreSQL keeps the checks, indexes, defaults and generated
     * columns that call it on the same function and prints them so, so the diff must not rebuild them. Only the
     * functions no other shares a name with ({@link Extension#functions()}): a bare {@code replace(...)} may call
     * another.
     */
    Map<String, String> functionMoves() {
        Map<String, String> functions = new HashMap<>();
        for (Move move : moved) {
            for (String function : move.from().functions()) {
                functions.put(typeName(move.from().schema(), function), typeName(move.to().schema(), function));
            }
        }
        return functions;
    }

    /** A type, operator class or function as introspection writes it: qualified outside the default schema. */
    private static String typeName(String schema, String type) {
        return schema == null ? SqlText.quote(type) : SqlText.quote(QualifiedName.of(schema, type));
    }

    private static String schemaName(String schema) {
        return schema == null ? "public" : schema;
    }

    /**
     * {@code IF NOT EXISTS}: a database the migration was not generated from (production, a colleague's) may have
     * the extension already, installed by a DBA, and that is no reason to fail.
     */
    List<Change> creates() {
        List<Change> changes = new ArrayList<>();
        for (Extension extension : created) {
            changes.add(Change.of(new CreateExtension(extension.name(), extension.schema(), true),
                    "create extension " + extension.name()
                            + (extension.schema() != null ? " in schema " + extension.schema() : "")));
        }
        return changes;
    }

    /**
     * Without {@code CASCADE}: by now the downgrade has dropped what the model built on the extension, and anything
     * else still using it (a column added by hand) makes PostgreSQL refuse rather than drop it with its data. Only
     * when the upgrade created it: one the database had before stays, used or not.
     */
    List<Change> drops() {
        List<Change> changes = new ArrayList<>();
        for (int i = dropped.size() - 1; i >= 0; i--) {
            Extension extension = dropped.get(i);
            changes.add(Change.of(new DropExtension(extension.name(), false, false, true),
                    "drop extension " + extension.name()));
        }
        return changes;
    }
}
