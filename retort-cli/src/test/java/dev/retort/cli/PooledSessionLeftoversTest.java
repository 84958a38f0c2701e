package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a migration leaves in a session besides its settings (docs/java-api.md): its temporary tables, prepared
 * statements and {@code LISTEN}s go with the run, and the pool's sessions get back only what they were lent with.
 */
class PooledSessionLeftoversTest {
    /** What a session holds: the rows of the table it sees as t, its prepared statements, channels, temp tables. */
    private static final String LEFTOVERS = "SELECT 'rows=' || (SELECT count(*) FROM t) || ' prepared=' || "
            + "coalesce((SELECT string_agg(name, ',' ORDER BY name) FROM pg_prepared_statements WHERE from_sql), '') "
            + "|| ' listen=' || coalesce((SELECT string_agg(c, ',' ORDER BY c) FROM pg_listening_channels() c), '') "
            + "|| ' temp=' || coalesce((SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
            + "WHERE relnamespace = pg_my_temp_schema() AND relkind IN ('r', 'v', 'S')), '')";

    @TempDir
    Path dir;

    @Test
    void theRunsTemporaryTablesPreparedStatementsAndListensDoNotStayInThePoolsSessions() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA app; CREATE TABLE app.t (id int); INSERT INTO app.t VALUES (1)");
        // A temporary copy of the application's table, which comes first on the search path: left behind, it would
        // hide the application's table in that session.
        cli.sql("d00000000001", "none", "scratch copy", "CREATE TEMP TABLE t AS SELECT id FROM app.t;\n"
                + "UPDATE app.t SET id = app.t.id FROM pg_temp.t WHERE pg_temp.t.id = app.t.id;\n"
                + "DELETE FROM pg_temp.t;", "SELECT 1;");
        cli.sql("d00000000002", "d00000000001", "session objects", "PREPARE myplan AS SELECT 1;\nLISTEN mychan;\n"
                + "CREATE TEMP TABLE scratch_tmp (id serial);\nCREATE TEMP SEQUENCE scratch_seq;\n"
                + "CREATE TEMP VIEW scratch_view AS SELECT id FROM scratch_tmp;\n"
                + "CREATE TEMP TABLE \"Odd name\" (id int);\n"
                + "PREPARE \"Odd plan\" AS SELECT 2;\nLISTEN \"Odd channel\";", "SELECT 1;");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cli.jdbcUrl);
        config.setUsername(TestPostgres.USER);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(250);
        // What the application's sessions hold of their own stays theirs.
        config.setConnectionInitSql("SET search_path TO app, public; CREATE TEMP TABLE app_scratch (id int); "
                + "PREPARE app_plan AS SELECT 1; LISTEN app_channel");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            List<String> lent = leftovers(pool);
            assertThat(lent).containsExactly("rows=1 prepared=app_plan listen=app_channel temp=app_scratch",
                    "rows=1 prepared=app_plan listen=app_channel temp=app_scratch");

            assertThat(retort(pool).upgrade("head").steps()).hasSize(2);

            assertThat(leftovers(pool)).isEqualTo(lent);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    /** What each of the pool's sessions holds, all borrowed at once so that every one of them is seen. */
    private static List<String> leftovers(HikariDataSource pool) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection connection = pool.getConnection();
                borrowed.add(connection);
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(LEFTOVERS)) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
                // The driver's own server-side statements (S_1, ...), which it prepares for a statement used often
                // enough: those made before the run are still there after it, or this fails.
                for (int use = 0; use < 6; use++) {
                    try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM t "
                            + "WHERE id > ?")) {
                        statement.setInt(1, use - 10);
                        statement.executeQuery().close();
                    }
                }
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
        return seen;
    }

    private Retort retort(HikariDataSource pool) {
        return new Retort(ConfigLoader.load(Optional.empty(), dir, Map.of(), Map.of(), pool), RunListener.NONE,
                line -> { });
    }
}
