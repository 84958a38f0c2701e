import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The least a JVM command against PostgreSQL does: connect with the JDBC driver, run one query, print the
 * answer. {@code bench/vs-psql.sh} runs it with the launcher's JVM flags and a class-data archive of its own, as
 * the floor under {@code retort current}: what is left between the two is what Retort itself does.
 *
 * <p>Usage: {@code java -cp postgresql.jar:. ConnectAndQuery JDBC-URL USER SQL}
 */
public final class ConnectAndQuery {
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(args[2])) {
            while (rows.next()) {
                System.out.println(rows.getString(1));
            }
        }
    }
}
