package dev.retort.jpa;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A throw-away project for tests: a source root to write entity sources into, and a cache directory. */
final class EntityProject {
    final Path root;
    final Path sources;
    final Path cache;

    EntityProject(Path root) {
        this.root = root;
        this.sources = root.resolve("src/main/java");
        this.cache = root.resolve(".retort/jpa");
    }

    /** Writes a source file below the source root, e.g. {@code write("com/example/User.java", "...")}. */
    EntityProject write(String relative, String text) {
        Path file = sources.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a class in package {@code com.example}, importing JPA, Hibernate's annotations and Retort's. */
    EntityProject entity(String simpleName, String body) {
        return write("com/example/" + simpleName + ".java", """
                package com.example;

                import jakarta.persistence.*;
                import org.hibernate.annotations.Comment;
                import org.hibernate.annotations.JdbcTypeCode;
                import org.hibernate.type.SqlTypes;
                import dev.retort.RenamedFrom;
                import java.math.BigDecimal;
                import java.util.*;

                """ + body);
    }

    JpaSettings settings(Naming naming) {
        return new JpaSettings(List.of(sources), List.of(), List.of(), naming, cache);
    }

    JpaModel load(Naming naming) {
        return new JpaModelSource(settings(naming)).load();
    }

    JpaModel load() {
        return load(Naming.SNAKE_CASE);
    }

    /** The model with Hibernate properties, as {@code [models.properties]} gives them. */
    JpaModel load(Naming naming, Map<String, String> properties) {
        return new JpaModelSource(new JpaSettings(List.of(sources), List.of(), List.of(), naming, cache,
                Optional.empty(), Optional.empty(), true, Optional.empty(), List.of(), properties)).load();
    }

    /** The one statement of the DDL that starts with the prefix, such as {@code "create table users ("}. */
    static String statement(JpaModel model, String prefix) {
        List<String> matches = model.statements().stream().filter(s -> s.startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("Expected one statement starting with '" + prefix + "' in:\n" + model.ddl());
        }
        return matches.get(0);
    }
}
