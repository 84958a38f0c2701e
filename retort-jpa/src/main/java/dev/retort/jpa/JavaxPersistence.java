package dev.retort.jpa;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entities written for Hibernate 5 (Spring Boot 2, Java EE 8): annotated with {@code javax.persistence}, which
 * Hibernate 6, that Retort reads entities with, does not read. Such a class compiles once the old jar is on the class
 * path, and is then no entity to Hibernate 6, so Retort says what it found instead of "no entities" or "add the jar".
 * A database Hibernate 5 built is another matter: its names are recognised ({@link UniqueKeyNames}).
 */
final class JavaxPersistence {
    /** The rest of the sentence after what uses {@code javax.persistence}. */
    static final String EXPLANATION = "uses javax.persistence, the annotations of Hibernate 5 (Spring Boot 2, Java EE 8)"
            + "; Retort reads entities with Hibernate 6, which reads only jakarta.persistence. Move the entities to "
            + "jakarta.persistence (replace the javax.persistence imports), as the application must to run on "
            + "Hibernate 6 or Spring Boot 3.";
    private static final List<String> DESCRIPTORS = List.of(
            "Ljavax/persistence/Entity;",
            "Ljavax/persistence/Embeddable;",
            "Ljavax/persistence/MappedSuperclass;");

    private JavaxPersistence() {
    }

    /** Whether the package is {@code javax.persistence} or one of its sub-packages. */
    static boolean isPackage(String name) {
        return name.equals("javax.persistence") || name.startsWith("javax.persistence.");
    }

    /** Whether a class file carries a {@code javax.persistence} mapping annotation. */
    static boolean isMapped(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return DESCRIPTORS.stream().anyMatch(text::contains);
    }
}
