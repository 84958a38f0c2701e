package dev.retort.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Starts a temporary server, prints its port and data directory, and exits without closing it. */
public final class StartTemporaryMain {
    private StartTemporaryMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), null);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("show data_directory")) {
            result.next();
            System.out.println(postgres.port() + " " + result.getString(1));
        }
    }
}
