package dev.retort.jpa;

import dev.retort.autogenerate.ModelDdl;
import dev.retort.autogenerate.ModelSource;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** JPA entities, read with Hibernate ORM's own metadata ({@code sources} or {@code classpath} in {@code [models]}). */
public final class JpaEntitySource implements ModelSource {
    private final JpaSettings settings;

    public JpaEntitySource(JpaSettings settings) {
        this.settings = settings;
    }

    /** Where the entities are read from, and how they are named. */
    JpaSettings settings() {
        return settings;
    }

    @Override
    public ModelDdl load() {
        JpaModel model = new JpaModelSource(settings).load();
        List<Path> where = settings.sources().isEmpty() ? settings.classpath() : settings.sources();
        String origin = "JPA entities in " + where.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new ModelDdl(model.ddl(), origin, model.tableRenames(), model.columnRenames(), model.warnings(),
                model.owners(), model.idSequences(), model.uniqueNames(), model.enumConstants());
    }
}
