package dev.retort.config;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The application's {@link DataSource} that Retort takes its connections from instead of a URL, as
 * {@link ConfigLoader#load(java.util.Optional, java.nio.file.Path, java.util.Map, java.util.Map, DataSource)} was
 * given it.
 *
 * <p>Printed by its class alone: a DataSource's own {@code toString} may show its URL with the password, and an
 * application may log the configuration it loaded.
 */
public record GivenDataSource(DataSource dataSource) {
    public GivenDataSource {
        Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public String toString() {
        return "DataSource " + dataSource.getClass().getName();
    }
}
