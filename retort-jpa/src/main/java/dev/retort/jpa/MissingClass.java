package dev.retort.jpa;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.boot.registry.classloading.spi.ClassLoadingException;

/**
 * A class the entities need that none of the class path holds, read from the error of loading one of them.
 *
 * <p>Hibernate wraps the JVM's error: a Kotlin enum without the Kotlin standard library fails as "Could not create
 * DynamicParameterizedType for type: null", caused by "Unable to load class [com.acme.Status]", caused by
 * {@code NoClassDefFoundError: kotlin/enums/EnumEntriesKt}. The innermost names the class to add, the one Hibernate
 * names the class that needs it.
 *
 * @param name     the missing class, such as {@code kotlin.enums.EnumEntriesKt}
 * @param neededBy the class being loaded when it was found missing, when known
 */
record MissingClass(String name, Optional<String> neededBy) {
    private static final Pattern CLASS_NAME = Pattern.compile("[\\w$]+(?:[./][\\w$]+)*");
    private static final Pattern LOADING = Pattern.compile("Unable to load class \\[([\\w.$]+)]");

    /** The missing class an error or one of its causes names; none when it is not about a missing class. */
    static Optional<MissingClass> of(Throwable error) {
        String name = null;
        String neededBy = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage();
            if ((t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) && message != null
                    && CLASS_NAME.matcher(message).matches()) {
                name = message.replace('/', '.');
            }
            Matcher loading = LOADING.matcher(message == null ? "" : message);
            if (t instanceof ClassLoadingException && loading.find()) {
                neededBy = loading.group(1);
            }
        }
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new MissingClass(name, name.equals(neededBy) ? Optional.empty()
                : Optional.ofNullable(neededBy)));
    }

    /** What to add to {@code [models] classpath}: the Kotlin standard library by its coordinates. */
    String jar() {
        return name.startsWith("kotlin.") ? "the Kotlin standard library jar (org.jetbrains.kotlin:kotlin-stdlib)"
                : "the jar or class directory that holds it";
    }
}
