package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.autogenerate.DevServerVersion;
import dev.retort.autogenerate.ModelDdl;
import dev.retort.autogenerate.ScratchDatabase;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.dialect.SecretsInSql;
import dev.retort.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Where autogenerate normalises a model: {@code dev_url} from {@code [models]}, or the project's embedded
 * PostgreSQL.
 *
 * <p>On a configured dev database the model's DDL runs in a transaction that is rolled back. In the embedded
 * server each model gets a database of its own, named by the hash of its DDL and kept: the next comparison
 * of an unchanged model only introspects it, which is the cache that keeps {@code retort check} fast.
 */
final class DevDatabase {
    static final String PREFIX = "retort_dev_";
    private static final String COMPLETE = "retort: complete";
    private static final long LOCK = 0x5245_544F_4445_5631L;

    private DevDatabase() {
    }

    /**
     * Refuses a dev database that holds tables, views, sequences, schemas or types already: the models are applied
     * there and read back whole, so its own objects would count as the models' (or clash with them), and a
     * {@code dev_url} that names the target database (an easy slip with two URLs in one file) would have the models'
     * DDL run on it.
     */
    private static void requireEmpty(Connection dev, DatabaseUrl url) throws SQLException {
        // An extension's own objects (PostGIS's spatial_ref_sys) are not the database's: the models may need them.
        String notAnExtensions = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = %s::regclass "
                + "AND d.objid = %s AND d.deptype = 'e')";
        String userSchema = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        String sql = "SELECT n.nspname || '.' || c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                + "AND " + userSchema + " AND "
                + String.format(notAnExtensions, "'pg_class'", "c.oid")
                + " UNION ALL SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + userSchema
                + " AND n.nspname <> 'public' AND " + String.format(notAnExtensions, "'pg_namespace'", "n.oid")
                + " UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n "
                + "ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd') AND " + userSchema + " AND "
                + String.format(notAnExtensions, "'pg_type'", "t.oid") + " LIMIT 1";
        try (Statement s = dev.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next()) {
                throw new RetortException("The dev database " + url.redacted() + " (dev_url in [models]) is not "
                        + "empty: it holds " + rs.getString(1) + "; point dev_url at an empty database of its own, not "
                        + "the target, since Retort applies the models there and reads back all it holds.");
            }
        }
    }

    /**
     * The models of {@code model} applied to the dev database and read back. {@code target} is the database they are
     * compared with: when the models fail on a dev database older than it, the message says so. A statement the dev
     * database rejects is quoted without the passwords of the model's DDL (a schema file's {@code CREATE ROLE ...
     * PASSWORD}), wherever the message has them, the server's {@code syntax error at or near "..."} too.
     * {@code warnings} gets one when the dev database runs another major version than the target.
     */
    static DatabaseSchema desired(RetortConfig config, ScratchDatabase scratch, ModelDdl model, Connection target,
            Consumer<String> warnings) {
        try {
            return applied(config, scratch, model, target, warnings);
        } catch (RetortException e) {
            String hidden = SecretsInSql.hiddenIn(e.getMessage(), model.ddl());
            throw hidden.equals(e.getMessage()) ? e : new RetortException(hidden, e);
        }
    }

    private static DatabaseSchema applied(RetortConfig config, ScratchDatabase scratch, ModelDdl model,
            Connection target, Consumer<String> warnings) {
        if (config.models().devUrl().isPresent()) {
            DatabaseUrl url = config.models().devUrl().get();
            try (Connection dev = PassFile.connect(url.jdbcUrl(), url.connectionProperties(),
                    "the dev database " + url.redacted() + " (dev_url in [models])")) {
                ServerVersion.require(dev, "The dev database " + url.redacted() + " (dev_url in [models])");
                requireEmpty(dev, url);
                versionWarning(dev, target, warnings);
                try {
                    return scratch.normalize(model, dev);
                } catch (RetortException e) {
                    throw olderThanTarget(e, dev, target, "the dev database (dev_url in [models])");
                }
            } catch (SQLException e) {
                throw new RetortException("Could not connect to the dev database " + url.redacted()
                        + " (dev_url in [models]): " + Database.firstLine(e) + ".", e);
            }
        }
        EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(config.stateDir());
        Properties properties = server.connectionProperties();
        String name = PREFIX + ScratchDatabase.key(model);
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), properties)) {
            versionWarning(admin, target, warnings);
            lock(admin, "SELECT pg_advisory_lock(?)");
            try {
                if (isComplete(admin, name)) {
                    try (Connection dev = DriverManager.getConnection(server.jdbcUrl(name), properties)) {
                        return scratch.read(dev);
                    }
                }
                /*
                 * Earlier models' databases go first. DROP DATABASE makes the server checkpoint, which writes out
                 * every page not yet on disk: after the CREATE below, that was the whole new database, just copied
                 * from template0 (a second or more of a changed model's run on a slow disk). Before it, the dropped
                 * database's own pages are discarded unwritten and there is little else to write.
                 */
                dropOthers(admin, name);
                DatabaseSchema desired;
                // A stop while the model is applied drops the half-built database, as the next build would.
                try (DevDatabaseBuild build = DevDatabaseBuild.start(server, name)) {
                    build.create(admin);
                    try (Connection dev = DriverManager.getConnection(server.jdbcUrl(name), properties)) {
                        try {
                            desired = scratch.create(model, dev);
                        } catch (RetortException e) {
                            throw olderThanTarget(e, dev, target, "the dev database (the embedded PostgreSQL)");
                        }
                    } catch (RetortException e) {
                        try (Statement s = admin.createStatement()) {
                            s.execute("DROP DATABASE IF EXISTS " + name);
                        }
                        build.done();
                        throw e;
                    }
                    try (Statement s = admin.createStatement()) {
                        s.execute("COMMENT ON DATABASE " + name + " IS '" + COMPLETE + "'");
                    }
                    build.done();
                }
                return desired;
            } finally {
                lock(admin, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new RetortException("Could not use the dev database in the embedded PostgreSQL under "
                    + config.stateDir() + ": " + Database.firstLine(e) + ".", e);
        }
    }

    private static void versionWarning(Connection dev, Connection target, Consumer<String> warnings)
            throws SQLException {
        DevServerVersion.warning(dev.getMetaData().getDatabaseMajorVersion(),
                target.getMetaData().getDatabaseMajorVersion()).ifPresent(warnings);
    }

    /**
     * {@code failure}, the models refused by the dev database, with a sentence added when that database runs an older
     * PostgreSQL than the target: the models may use what came later (a virtual generated column, from 18; a
     * temporal key), which the older server cannot read, and the fix is a dev database of the target's version.
     */
    private static RetortException olderThanTarget(RetortException failure, Connection dev, Connection target,
            String described) throws SQLException {
        int devMajor = dev.getMetaData().getDatabaseMajorVersion();
        int targetMajor = target.getMetaData().getDatabaseMajorVersion();
        if (devMajor >= targetMajor) {
            return failure;
        }
        return new RetortException(failure.getMessage() + " The database runs PostgreSQL " + targetMajor + " and "
                + described + " PostgreSQL " + devMajor + ": if the models use what came after " + devMajor
                + " (such as a virtual generated column), set dev_url in [models] to an empty database on a PostgreSQL "
                + targetMajor + " server (\"PostgreSQL versions\" in docs/configuration.md).", failure);
    }

    private static boolean isComplete(Connection admin, String name) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && COMPLETE.equals(rs.getString(1));
            }
        }
    }

    /** Earlier models' databases: dropped when nobody uses them (a failure here only leaves them for next time). */
    private static void dropOthers(Connection admin, String keep) throws SQLException {
        List<String> others = new ArrayList<>();
        try (PreparedStatement s = admin.prepareStatement(
                "SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_dev\\_%' AND datname <> ?")) {
            s.setString(1, keep);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getString(1));
                }
            }
        }
        for (String other : others) {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + other);
            } catch (SQLException inUse) {
                // Another run is reading it; the next new model will try again.
            }
        }
    }

    private static void lock(Connection admin, String sql) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement(sql)) {
            s.setLong(1, LOCK);
            s.execute();
        }
    }
}
