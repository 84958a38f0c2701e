package dev.retort.jpa;

import jakarta.persistence.UniqueConstraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the names JPA's annotations give before Hibernate reads them, which it does without saying where. A name
 * of only spaces ({@code @Table(name = " ")}, {@code @Index(name = " ")}, a column of a {@code @UniqueConstraint})
 * fails inside Hibernate with an index out of bounds, and an empty {@code columnNames} with "Unique constraint on
 * table 'item' has no columns" (the table, not the entity or the annotation). This names the class (and the field or
 * method) carrying the annotation, the annotation, and what to write instead.
 */
final class MappingNames {
    /** The attributes of JPA's annotations that name a table, column, index, constraint, sequence or schema. */
    private static final Set<String> NAMES = Set.of("name", "schema", "catalog", "table", "columnList", "columnNames",
            "referencedColumnName", "sequenceName", "pkColumnName", "valueColumnName", "mappedBy");

    private MappingNames() {
    }

    /** Throws a {@link JpaModelException} for the first name of {@code classes}' mappings it rejects. */
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

    private static void check(String owner, AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            check(owner, annotation, null);
        }
    }

    /**
     * Checks {@code annotation} and the annotations inside it; {@code around} says where it stands ({@code @Table}),
     * null for one on the class, field or method itself.
     */
    private static void check(String owner, Annotation annotation, String around) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (!type.getPackageName().equals("jakarta.persistence")) {
            return;
        }
        String where = "@" + type.getSimpleName() + nameOf(annotation) + (around == null ? "" : " in " + around);
        if (annotation instanceof UniqueConstraint constraint && constraint.columnNames().length == 0) {
            throw rejected(owner, where, "its columnNames is empty. List the columns it makes unique, or remove it");
        }
        for (Method attribute : type.getDeclaredMethods()) {
            Object value = value(annotation, attribute);
            String name = attribute.getName();
            if (value instanceof String text && NAMES.contains(name) && !text.isEmpty() && text.isBlank()) {
                String fix = name.equals("columnList") ? "List the index's columns there"
                        : "Write the name there, or leave " + name + " out";
                throw rejected(owner, where, "its " + name + " is blank (\"" + text + "\"). " + fix);
            } else if (value instanceof String[] names && NAMES.contains(name)
                    && Arrays.stream(names).anyMatch(String::isBlank)) {
                throw rejected(owner, where, "its " + name + " holds a blank name (" + Arrays.stream(names)
                        .map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "{", "}")) + "). Write the name "
                        + "of each column (or of the field that maps it) there, or remove the blank one");
            } else if (value instanceof Annotation nested) {
                check(owner, nested, where);
            } else if (value instanceof Annotation[] nested) {
                // A container of a repeatable annotation (@SecondaryTables) is no place of its own.
                boolean container = name.equals("value");
                for (Annotation each : nested) {
                    check(owner, each, container ? around : where);
                }
            }
        }
    }

    /** {@code " uk_item"} for an annotation named {@code uk_item}; empty for one without a name. */
    private static String nameOf(Annotation annotation) {
        try {
            Object name = annotation.annotationType().getMethod("name").invoke(annotation);
            return name instanceof String text && !text.isBlank() ? " " + text : "";
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return "";
        }
    }

    private static Object value(Annotation annotation, Method attribute) {
        try {
            return attribute.invoke(annotation);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static JpaModelException rejected(String owner, String where, String problem) {
        return new JpaModelException(owner + " (" + where + "): " + problem + "; then run the command again.");
    }
}
