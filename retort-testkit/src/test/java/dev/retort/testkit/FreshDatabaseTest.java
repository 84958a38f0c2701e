package dev.retort.testkit;

import static dev.retort.testkit.TestPostgresTest.connect;
import static dev.retort.testkit.TestPostgresTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FreshDatabaseTest {
    private String fromSetUp;

    @BeforeEach
    void setUp(@FreshDatabase String url) {
        fromSetUp = url;
    }

    @Test
    void injectsTheUrlOfANewDatabase(@FreshDatabase String url) throws Exception {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("create table flask (id int primary key)");
            statement.execute("insert into flask values (1)");
            assertThat(query(connection, "select count(*) from flask")).isEqualTo("1");
        }
    }

    @Test
    void eachAnnotatedParameterGetsItsOwnDatabase(@FreshDatabase String first, @FreshDatabase String second) {
        assertThat(first).isNotEqualTo(second).isNotEqualTo(fromSetUp).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(second).isNotEqualTo(fromSetUp);
    }
}
