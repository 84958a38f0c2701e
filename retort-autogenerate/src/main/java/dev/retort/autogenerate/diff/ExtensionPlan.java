package dev.retort.autogenerate.diff;

import dev.retort.operation.CreateExtension;
import dev.retort.operation.DropExtension;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Extension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The extensions a migration installs, and its downgrade removes: those the model has and the database lacks.
 *
 * <p>Unlike every other object, an extension the database has and the model lacks is left alone, in both
 * directions: a JPA model has no way to declare one, so its absence from the model says nothing, and a DBA may
 * have installed it for reasons of their own. So the downgrade drops exactly what the upgrade created, not what
 * the database had before. An extension is compared by name only: moving one to another schema is rare enough to
 * be written by hand ({@code ALTER EXTENSION ... SET SCHEMA}).
 *
 * @param created created after the schemas (one may hold it) and before the types and tables that use it
 * @param dropped dropped after the tables and types that used it, before the schemas
 */
record ExtensionPlan(List<Extension> created, List<Extension> dropped) {
    ExtensionPlan {
        created = List.copyOf(created);
        dropped = List.copyOf(dropped);
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

    static ExtensionPlan creating(List<Extension> extensions) {
        return new ExtensionPlan(extensions, List.of());
    }

    static ExtensionPlan dropping(List<Extension> extensions) {
        return new ExtensionPlan(List.of(), extensions);
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
     * else still using it (a column added by hand) makes PostgreSQL refuse rather than drop it with its data.
     */
    List<Change> drops() {
        List<Change> changes = new ArrayList<>();
        for (int i = dropped.size() - 1; i >= 0; i--) {
            Extension extension = dropped.get(i);
            changes.add(Change.of(new DropExtension(extension.name(), false, false),
                    "drop extension " + extension.name()));
        }
        return changes;
    }
}
