package dev.retort.jpa;

import jakarta.persistence.AssociationOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.JoinTable;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the names each {@code @UniqueConstraint} gives before Hibernate reads them, which it does without saying
 * where: an empty {@code columnNames} or an empty name in it fails with "Unique constraint on table 'item' has no
 * columns" (the table, not the entity or the annotation), and a name of only spaces, of a column or of the
 * constraint, fails inside Hibernate with an index out of bounds. This names the class (and the field or method)
 * carrying the annotation, and what to write instead.
 */
final class UniqueConstraintNames {
    private UniqueConstraintNames() {
    }

    /** Throws a {@link JpaModelException} for the first {@code @UniqueConstraint} of {@code classes} it rejects. */
    static void check(List<Class<?>> classes) {
        for (Class<?> type : classes) {
            check(type.getName(), type);
            for (Field field : type.getDeclaredFields()) {
                check(type.getName() + "." + field.getName(), field);
            }
            for (Method method : type.getDeclaredMethods()) {
                check(type.getName() + "." + method.getName() + "()", method);
            }
        }
    }

    private record Declared(String where, UniqueConstraint[] constraints) {
    }

    private static void check(String owner, AnnotatedElement element) {
        for (Declared declared : declared(element)) {
            for (UniqueConstraint constraint : declared.constraints()) {
                String problem = problem(constraint);
                if (problem != null) {
                    String name = constraint.name().isBlank() ? "" : " " + constraint.name();
                    throw new JpaModelException(owner + " (@UniqueConstraint" + name + " in " + declared.where() + "): "
                            + problem + "; then run the command again.");
                }
            }
        }
    }

    /** What is wrong with the names of {@code constraint}, and what to do about it; null when nothing is. */
    private static String problem(UniqueConstraint constraint) {
        if (!constraint.name().isEmpty() && constraint.name().isBlank()) {
            return "its name is blank (\"" + constraint.name() + "\"). Give it a name, or leave name out and "
                    + "PostgreSQL names it";
        }
        String[] columns = constraint.columnNames();
        if (columns.length == 0) {
            return "its columnNames is empty. List the columns it makes unique, or remove it";
        }
        if (Arrays.stream(columns).anyMatch(String::isBlank)) {
            return "its columnNames holds a blank name (" + Arrays.stream(columns).map(c -> "\"" + c + "\"")
                    .collect(Collectors.joining(", ", "{", "}")) + "). Write the name of each column (or of the "
                    + "field that maps it) there, or remove the blank one";
        }
        return null;
    }

    /**
     * The unique constraints {@code element} declares, with the annotation that holds them. The repeatable ones are
     * found in their containers too ({@code @SecondaryTables}, ...).
     */
    private static List<Declared> declared(AnnotatedElement element) {
        List<Declared> declared = new ArrayList<>();
        Table table = element.getAnnotation(Table.class);
        if (table != null) {
            declared.add(new Declared("@Table", table.uniqueConstraints()));
        }
        for (SecondaryTable secondary : element.getAnnotationsByType(SecondaryTable.class)) {
            declared.add(new Declared("@SecondaryTable " + secondary.name(), secondary.uniqueConstraints()));
        }
        CollectionTable collectionTable = element.getAnnotation(CollectionTable.class);
        if (collectionTable != null) {
            declared.add(new Declared("@CollectionTable", collectionTable.uniqueConstraints()));
        }
        JoinTable joinTable = element.getAnnotation(JoinTable.class);
        if (joinTable != null) {
            declared.add(new Declared("@JoinTable", joinTable.uniqueConstraints()));
        }
        for (AssociationOverride override : element.getAnnotationsByType(AssociationOverride.class)) {
            declared.add(new Declared("the @JoinTable of @AssociationOverride " + override.name(),
                    override.joinTable().uniqueConstraints()));
        }
        for (TableGenerator generator : element.getAnnotationsByType(TableGenerator.class)) {
            declared.add(new Declared("@TableGenerator " + generator.name(), generator.uniqueConstraints()));
        }
        return declared;
    }
}
