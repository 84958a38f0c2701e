package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole create script of a model that uses every feature runs on a real PostgreSQL. */
class RichModelOnPostgresTest {

    @Test
    void theDdlOfARichModelRunsOnPostgres(@TempDir Path dir) throws SQLException {
        JpaModel model = RichModel.write(new EntityProject(dir)).load();
        String url = TestPostgres.freshDatabase();

        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, null);
                Statement statement = connection.createStatement()) {
            for (String sql : model.statements()) {
                statement.execute(sql);
            }
            assertThat(rows(statement, """
                    select table_schema || '.' || table_name from information_schema.tables
                    where table_schema in ('public', 'inventory') order by 1""")).containsExactly(
                    "inventory.items", "public.card_payment", "public.invoice", "public.items_watchers",
                    "public.payment", "public.user_roles", "public.users", "public.vehicle");
            assertThat(rows(statement, "select typname from pg_type where typtype = 'e'")).containsExactly("status");
            assertThat(rows(statement, "select sequence_name from information_schema.sequences order by 1"))
                    .contains("vehicle_ids", "document_seq", "payment_seq", "items_seq");
            assertThat(rows(statement, "select obj_description('users'::regclass)"))
                    .containsExactly("People who can sign in; they're also customers");
            // The check constraint Hibernate adds for a STRING enum is really there.
            assertThat(rows(statement, """
                    select count(*) from information_schema.check_constraints
                    where check_clause like '%status%ACTIVE%'""")).doesNotContain("0");
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
