package dev.retort;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells autogenerate that an entity or a field was renamed, so its table or column is renamed in place
 * instead of dropped and added again (which would lose its data).
 *
 * <p>The value is the old name as it was written: the old class or field name, or the old table or column
 * name. Retort applies the project's naming rule to it, so {@code @RenamedFrom("phone")} on a field
 * {@code phoneNumber} renames column {@code phone} to {@code phone_number}. Remove the annotation once
 * every database has the migration.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface RenamedFrom {
    String value();
}
