package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.revision.Plan;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs started together on DataSources of their own that wrap one pool (a routing DataSource per tenant, a tracing
 * proxy, Spring's proxies): they take their pairs of connections in turn as runs on the pool itself do.
 */
class WrappedDataSourceTest {
    private static final int RUNS = 4;

    @TempDir
    Path dir;

    /** A wrapper that hands every call to the pool, {@code unwrap} included: it unwraps to the pool. */
    @Test
    void runsOnWrappersThatUnwrapToOnePoolTakeTheirConnectionsInTurn() throws Exception {
        runTogetherOnWrappers(false);
    }

    /**
     * A wrapper that is a DataSource of its own, as Spring's {@code DelegatingDataSource}: it unwraps to itself when
     * asked for a DataSource, and to the pool only when asked for the pool's class.
     */
    @Test
    void runsOnWrappersThatUnwrapToThePoolsClassTakeTheirConnectionsInTurn() throws Exception {
        runTogetherOnWrappers(true);
    }

    /**
     * A pool whose connections the application holds, all of them: the run is told that the pool lent none in time,
     * not only that the server may be down.
     */
    @Test
    void aPoolWhoseConnectionsAreAllInUseIsNotBlamedOnTheServer() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 250); Connection first = pool.getConnection();
                Connection second = pool.getConnection()) {
            assertThatThrownBy(() -> retort(pool).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Could not get a connection from the DataSource given to "
                            + "ConfigLoader.load: ")
                    .hasMessageContaining("active=2, idle=0")
                    .hasMessageEndingWith(". The pool lent none in time: its connections may all be in use (by the "
                            + "application, or by runs on wrappers of the pool that do not unwrap to it, which do "
                            + "not take turns with this one), or it cannot connect; check the pool's size and the "
                            + "DataSource's settings, and that PostgreSQL is running and reachable at its URL.");
        }
        assertThat(cli.versions()).isEmpty();
    }

    /**
     * {@code RUNS} runs, each on a wrapper of its own over one pool of two, all asking for their first connection at
     * once: each would take one connection and wait for a second until the pool timed out, and all would fail.
     */
    private void runTogetherOnWrappers(boolean unwrapsToItself) throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);\nSELECT pg_sleep(0.5);", "DROP TABLE t1;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 1000)) {
            CountDownLatch together = new CountDownLatch(RUNS);
            List<Retort> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(retort(wrapper(pool, together, unwrapsToItself)));
            }
            ExecutorService threads = Executors.newFixedThreadPool(RUNS);
            try {
                List<Future<Plan>> plans = new ArrayList<>();
                for (Retort run : runs) {
                    plans.add(threads.submit(() -> run.upgrade("head")));
                }
                int steps = 0;
                for (Future<Plan> plan : plans) {
                    steps += plan.get(60, TimeUnit.SECONDS).steps().size();
                }
                assertThat(steps).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
            assertThat(cli.versions()).containsExactly("d00000000001");
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    /**
     * A DataSource of its own over {@code pool}, whose first request for a connection waits (half a second at most)
     * for those of the other runs.
     */
    private static DataSource wrapper(HikariDataSource pool, CountDownLatch together, boolean unwrapsToItself) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && args == null && together.getCount() > 0) {
                        together.countDown();
                        together.await(500, TimeUnit.MILLISECONDS);
                    }
                    boolean unwrap = method.getName().equals("unwrap");
                    if (unwrapsToItself && (unwrap || method.getName().equals("isWrapperFor"))
                            && ((Class<?>) args[0]).isInstance(proxy)) {
                        return unwrap ? proxy : Boolean.TRUE;
                    }
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static HikariDataSource pool(String jdbcUrl, long connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(TestPostgres.USER);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(connectionTimeout);
        return new HikariDataSource(config);
    }

    private Retort retort(DataSource dataSource) {
        return new Retort(ConfigLoader.load(Optional.empty(), dir, Map.of(), Map.of(), dataSource), RunListener.NONE,
                line -> { });
    }
}
