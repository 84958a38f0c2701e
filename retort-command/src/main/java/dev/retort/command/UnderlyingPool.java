package dev.retort.command;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The pool behind a DataSource that wraps one, as far as the wrapper tells it: runs on wrappers of their own over one
 * pool (a DataSource per tenant, a tracing proxy, Spring's proxies) take their turns on the pool
 * ({@link DataSourceTurns}), or each would hold one of its connections while waiting for a second.
 *
 * <p>A wrapper tells it through JDBC's {@code unwrap}: a proxy that hands every call on, and a pool such as HikariCP
 * asked for a {@code DataSource}, give the object they wrap, followed as long as each gives another one; a wrapper
 * that is a {@code DataSource} itself (Spring's {@code DelegatingDataSource}) gives its pool only when asked for the
 * pool's class, which is looked for by name among the pools applications use, so that Retort depends on none of them.
 * A wrapper that tells nothing (whose {@code unwrap} fails) is its own pool.
 */
final class UnderlyingPool {
    /** The classes of the pools applications use, which a wrapper may unwrap to. */
    private static final List<String> POOLS = List.of("com.zaxxer.hikari.HikariDataSource",
            "org.apache.commons.dbcp2.BasicDataSource", "org.apache.tomcat.jdbc.pool.DataSource",
            "com.mchange.v2.c3p0.AbstractComboPooledDataSource", "io.agroal.api.AgroalDataSource",
            "com.alibaba.druid.pool.DruidDataSource", "org.vibur.dbcp.ViburDBCPDataSource");
    /** Wrappers over wrappers are followed this deep at most: an {@code unwrap} may go round in a circle. */
    private static final int DEPTH = 16;

    private UnderlyingPool() {
    }

    /** The pool {@code dataSource} lends the connections of: itself when it tells no other. */
    static DataSource of(DataSource dataSource) {
        DataSource pool = innermost(dataSource);
        for (String name : POOLS) {
            Class<?> poolClass = loaded(name, pool);
            if (poolClass == null) {
                continue;
            }
            if (poolClass.isInstance(pool)) {
                return pool;
            }
            DataSource unwrapped = unwrapped(pool, poolClass);
            if (unwrapped != null) {
                return innermost(unwrapped);
            }
        }
        return pool;
    }

    /** The last of the DataSources that {@code unwrap(DataSource.class)} gives from {@code dataSource} on. */
    private static DataSource innermost(DataSource dataSource) {
        Set<DataSource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        DataSource current = dataSource;
        while (seen.add(current) && seen.size() <= DEPTH) {
            DataSource next = unwrapped(current, DataSource.class);
            if (next == null || seen.contains(next)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** What {@code dataSource} unwraps to as a {@code wanted}, when that is a DataSource other than itself. */
    private static DataSource unwrapped(DataSource dataSource, Class<?> wanted) {
        try {
            if (!dataSource.isWrapperFor(wanted)) {
                return null;
            }
            Object unwrapped = dataSource.unwrap(wanted);
            return unwrapped instanceof DataSource other && other != dataSource ? other : null;
        } catch (SQLException | RuntimeException | LinkageError e) {
            // A wrapper that cannot say (a proxy that refuses the call, a driver older than JDBC 4): its own pool.
            return null;
        }
    }

    /** The class {@code name} as the application sees it, from the loader of {@code dataSource} or the thread's. */
    private static Class<?> loaded(String name, DataSource dataSource) {
        for (ClassLoader loader : new ClassLoader[] {dataSource.getClass().getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader != null) {
                try {
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // Not a pool this application uses, or not one this loader sees.
                }
            }
        }
        return null;
    }
}
