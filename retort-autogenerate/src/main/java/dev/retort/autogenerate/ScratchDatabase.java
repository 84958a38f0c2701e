package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.SqlStatement;
import dev.retort.introspect.postgres.PostgresIntrospector;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Normalises a desired schema through a real PostgreSQL: applies the model's DDL on a scratch ("dev")
 * database inside a transaction, introspects it with the same code that reads the target, and rolls back.
 *
 * <p>So {@code varchar(20)} and {@code character varying(20)}, {@code now()} and {@code CURRENT_TIMESTAMP},
 * a {@code serial} and its sequence all come out exactly as the target database would report them, and the
 * diff compares like with like. Rolling back leaves the dev database as it was, needs no CREATE DATABASE
 * privilege, and lets concurrent runs share one dev database.
 */
public final class ScratchDatabase {
    static final int BATCH = 500;
    private final Dialect dialect;

    public ScratchDatabase(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The schema {@code model}'s DDL creates, as introspected; nothing stays behind in {@code dev}. */
    public DatabaseSchema normalize(ModelDdl model, Connection dev) {
        List<SqlStatement> statements = statements(model);
        try {
            dev.setAutoCommit(false);
            try {
                for (SqlStatement statement : statements) {
                    apply(model, dev, statement);
                }
                return read(dev);
            } finally {
                dev.rollback();
                dev.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new RetortException("Could not read the desired schema back from the dev database: " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code model}'s DDL to an empty database, so the database can serve as a cache. It commits every
     * {@value #BATCH} statements rather than once: a model of thousands of tables would exhaust the lock table
     * in one transaction. The caller drops the database if a statement fails.
     */
    public DatabaseSchema create(ModelDdl model, Connection empty) {
        List<SqlStatement> statements = statements(model);
        try {
            try (Statement s = empty.createStatement()) {
                // A dev database is rebuilt from the model whenever needed: its commits need not reach the disk.
                s.execute("SET synchronous_commit = off");
            }
            empty.setAutoCommit(false);
            for (int i = 0; i < statements.size(); i++) {
                apply(model, empty, statements.get(i));
                if ((i + 1) % BATCH == 0) {
                    empty.commit();
                }
            }
            empty.commit();
            empty.setAutoCommit(true);
            return read(empty);
        } catch (SQLException e) {
            throw new RetortException("Could not read the desired schema back from the dev database: " + e.getMessage(), e);
        }
    }

    /** Introspects a database that holds only a model's objects. */
    public DatabaseSchema read(Connection dev) throws SQLException {
        return new PostgresIntrospector(new SchemaFilter(userSchemas(dev), Set.of())).introspect(dev);
    }

    /** A stable key for a model's DDL, naming the cached dev database. */
    public static String key(ModelDdl model) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(model.ddl().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<SqlStatement> statements(ModelDdl model) {
        try {
            return dialect.split(model.ddl());
        } catch (RetortException e) {
            throw new RetortException(model.origin() + ": " + e.getMessage(), e);
        }
    }

    private static void apply(ModelDdl model, Connection dev, SqlStatement statement) {
        try (Statement s = dev.createStatement()) {
            s.execute(statement.sql());
        } catch (SQLException e) {
            String sql = statement.sql().replaceAll("\\s+", " ");
            sql = sql.length() > 160 ? sql.substring(0, 157) + "..." : sql;
            String line = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new RetortException(model.origin() + " (line " + statement.line() + "): PostgreSQL rejects `" + sql + "`: "
                    + line + ". Fix the model and run again.", e);
        }
    }

    /** The schemas the model created (and public), which the target is then compared within. */
    static List<String> userSchemas(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                        + "AND nspname NOT IN ('information_schema') ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }
}
