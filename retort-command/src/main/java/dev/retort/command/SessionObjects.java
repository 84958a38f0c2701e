package dev.retort.command;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * What a session borrowed from an application's pool holds besides its settings, and what removes those a run added:
 * its temporary tables, views and sequences, the statements prepared with SQL's {@code PREPARE}, and the channels it
 * listens on. A temporary table left behind comes first on the search path, and would hide the application's table of
 * the same name in that session; a prepared statement's or a channel's name would clash with the application's.
 *
 * <p>Both the reading and the removal ride on queries the snapshot sends anyway: nothing is added to a run that left
 * nothing, and one statement to one that did. The driver's own prepared statements ({@code S_1}, ...; not
 * {@code from_sql}) are the driver's cache, which the application's next statements rely on: they are left alone.
 *
 * @param temporary the oids of the session's temporary relations, as text
 * @param prepared  the names of its statements prepared with {@code PREPARE}
 * @param channels  the channels it listens on
 */
record SessionObjects(List<String> temporary, List<String> prepared, List<String> channels) {
    /** Three columns that read what the session holds, as text arrays. */
    static final String READ = "ARRAY(SELECT oid::text FROM pg_catalog.pg_class "
            + "WHERE relnamespace = pg_catalog.pg_my_temp_schema()), "
            + "ARRAY(SELECT name FROM pg_catalog.pg_prepared_statements WHERE from_sql), "
            + "ARRAY(SELECT pg_catalog.pg_listening_channels())";
    /**
     * A column of the statements that remove what the session holds and did not hold when read, given the three
     * arrays read as parameters. {@code pg_temp} is the session's own temporary schema, whatever the search path;
     * {@code CASCADE} takes a run's view with the run's table it reads, and {@code IF EXISTS} lets the view's own
     * statement find it gone (likewise a serial column's sequence).
     */
    static final String ADDED = "ARRAY(SELECT format('DROP %s IF EXISTS pg_temp.%I CASCADE', CASE relkind "
            + "WHEN 'v' THEN 'VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, relname) FROM pg_catalog.pg_class "
            + "WHERE relnamespace = pg_catalog.pg_my_temp_schema() AND relkind IN ('r', 'p', 'v', 'S') "
            + "AND oid::text <> ALL (?::text[])) "
            + "|| ARRAY(SELECT 'DEALLOCATE ' || pg_catalog.quote_ident(name) FROM pg_catalog.pg_prepared_statements "
            + "WHERE from_sql AND name <> ALL (?::text[])) "
            + "|| ARRAY(SELECT 'UNLISTEN ' || pg_catalog.quote_ident(channel) "
            + "FROM pg_catalog.pg_listening_channels() AS channel WHERE channel <> ALL (?::text[]))";

    SessionObjects {
        temporary = List.copyOf(temporary);
        prepared = List.copyOf(prepared);
        channels = List.copyOf(channels);
    }

    /** What the {@link #READ} columns from {@code first} on read. */
    static SessionObjects read(ResultSet rs, int first) throws SQLException {
        return new SessionObjects(strings(rs.getArray(first)), strings(rs.getArray(first + 1)),
                strings(rs.getArray(first + 2)));
    }

    /** The {@link #ADDED} column's parameters, from {@code first} on. */
    void bind(PreparedStatement statement, Connection connection, int first) throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", temporary.toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text", prepared.toArray()));
        statement.setArray(first + 2, connection.createArrayOf("text", channels.toArray()));
    }

    /** The statements of the {@link #ADDED} column in {@code column}. */
    static List<String> added(ResultSet rs, int column) throws SQLException {
        return strings(rs.getArray(column));
    }

    /** Runs the {@code added} statements, if any, in one round trip. */
    static void remove(Connection connection, List<String> added) throws SQLException {
        if (!added.isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(String.join("; ", added));
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
