package dev.retort;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Java migration's place in the history.
 *
 * <p>Retort reads this annotation from the source text for commands that only need the graph
 * ({@code history}, {@code heads}, {@code current}), so its values must be string literals or
 * arrays of them, as generated files write them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
    /** This revision's id: 12 lowercase hex characters. */
    String id();

    /** The revisions this one follows: none for a root, one usually, several for a merge. */
    String[] down() default {};

    String[] branchLabels() default {};

    /** Revisions that must be applied first although they are not parents. */
    String[] dependsOn() default {};

    String message() default "";

    /** Creation time, ISO-8601 local date-time. */
    String created() default "";
}
