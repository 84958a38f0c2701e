package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The list of PostgreSQL's own functions that {@link UserCode} reads holds every one of the test server's. */
class BuiltinFunctionsTest {
    /** The functions of builtin-functions.txt: run it on a server of a new major version to add its own. */
    static final String QUERY = """
            SELECT DISTINCT p.proname FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = 'pg_catalog'::regnamespace
              AND p.proname NOT LIKE '\\_%'
              AND p.prorettype <> ALL ('{internal,trigger,event_trigger,language_handler,fdw_handler,index_am_handler,
                  table_am_handler,tsm_handler,cstring}'::regtype[])
              AND NOT p.proargtypes::oid[] && '{internal,cstring}'::regtype[]::oid[]
              AND coalesce(obj_description(p.oid, 'pg_proc'), '') NOT LIKE 'implementation of %'
              AND coalesce(obj_description(p.oid, 'pg_proc'), '') <> 'I/O'
              AND p.proname !~ '_to_xml(schema|_and_xmlschema)?$'
              AND p.proname NOT IN ('ts_stat', 'ts_rewrite')
            ORDER BY 1""";

    @Test
    void everyFunctionOfTheServersCatalogIsListed() throws SQLException {
        List<String> missing = new ArrayList<>();
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.USER);
        try (Connection connection = new org.postgresql.Driver().connect(TestPostgres.freshDatabase(), properties);
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(QUERY)) {
            int listed = 0;
            while (rs.next()) {
                listed++;
                if (!UserCode.builtin(rs.getString(1))) {
                    missing.add(rs.getString(1));
                }
            }
            assertThat(listed).isGreaterThan(1000);
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void functionsThatRunAQueryGivenAsTextAreNotListed() {
        for (String name : List.of("query_to_xml", "table_to_xml", "cursor_to_xmlschema", "ts_stat", "ts_rewrite")) {
            assertThat(UserCode.builtin(name)).as(name).isFalse();
        }
        assertThat(UserCode.builtin("lower")).isTrue();
        assertThat(UserCode.builtin("uuidv7")).isTrue(); // PostgreSQL 18's
    }
}
