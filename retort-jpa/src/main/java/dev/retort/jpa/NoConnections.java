package dev.retort.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * The connection provider Hibernate gets while it writes DDL: there is no database, and asking for one is a bug.
 *
 * <p>Giving Hibernate this instead of nothing also keeps it from warning, on every run, that the application
 * will have to supply connections.
 */
final class NoConnections implements ConnectionProvider {
    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLException("Retort generates DDL from JPA entities without a database connection");
    }

    @Override
    public void closeConnection(Connection connection) {
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException("NoConnections wraps nothing");
    }
}
