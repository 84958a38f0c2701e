package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The desired schema written as plain PostgreSQL DDL ({@code schema_file} in {@code [models]}). */
public final class SchemaFileSource implements ModelSource {
    private final Path file;

    public SchemaFileSource(Path file) {
        this.file = file;
    }

    @Override
    public ModelDdl load() {
        try {
            return new ModelDdl(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString(), Map.of(),
                    Map.of(), List.of());
        } catch (NoSuchFileException e) {
            throw new RetortException("The schema file " + file + " does not exist; fix schema_file in [models] of retort.toml.",
                    e);
        } catch (IOException e) {
            throw new RetortException("The schema file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
