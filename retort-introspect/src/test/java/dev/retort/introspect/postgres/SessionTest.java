package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What introspection does to, and expects of, the caller's session. */
class SessionTest {
    private static final String DDL = """
            create schema app;
            create type mood as enum ('sad', 'happy');
            create type app.level as enum ('low', 'high');
            create table app.items (id serial, feeling public.mood default 'sad', level app.level);
            """;

    @Test
    void readsTheSameWhateverTheSessionSearchPathAndRestoresIt() throws SQLException {
        String url = Catalog.databaseWith(DDL);
        DatabaseSchema usual = Catalog.read(url, RichSchema.FILTER);

        DatabaseSchema withAppFirst;
        try (Connection connection = Catalog.connect(url)) {
            execute(connection, "set search_path = app, public");
            withAppFirst = new PostgresIntrospector(RichSchema.FILTER).introspect(connection);
            assertThat(searchPath(connection)).isEqualTo("app, public");
        }

        assertThat(withAppFirst).isEqualTo(usual);
        Table items = usual.table(QualifiedName.of("app", "items")).orElseThrow();
        assertThat(items.columns()).containsExactly(
                ColumnDef.of("id", "integer").notNull().defaultExpression("nextval('app.items_id_seq'::regclass)"),
                ColumnDef.of("feeling", "mood").defaultExpression("'sad'::mood"),
                ColumnDef.of("level", "app.level"));
    }

    @Test
    void readsInsideTheCallersTransactionAndLeavesItOpen() throws SQLException {
        String url = Catalog.databaseWith("create table kept (id int);");

        try (Connection connection = Catalog.connect(url)) {
            connection.setAutoCommit(false);
            execute(connection, "create table uncommitted (id int)");
            DatabaseSchema inside = new PostgresIntrospector(Catalog.DEFAULT).introspect(connection);
            assertThat(inside.tables()).extracting(Table::name)
                    .containsExactly(QualifiedName.of("kept"), QualifiedName.of("uncommitted"));
            assertThat(connection.getAutoCommit()).isFalse();
            connection.rollback();
            assertThat(searchPath(connection)).isEqualTo("\"$user\", public");
        }

        assertThat(Catalog.read(url, Catalog.DEFAULT).tables()).extracting(Table::name)
                .containsExactly(QualifiedName.of("kept"));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String searchPath(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show search_path")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
