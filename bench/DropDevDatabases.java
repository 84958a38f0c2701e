import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Drops the dev databases (the normalised-model cache) of a project's embedded PostgreSQL, so the next
 * autogenerate starts cold. Usage: {@code java -cp "retort-cli/target/lib/*" bench/DropDevDatabases.java STATE_DIR}.
 */
public class DropDevDatabases {
    public static void main(String[] args) throws Exception {
        Properties state = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0], "postgres.properties"))) {
            state.load(in);
        }
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        String url = "jdbc:postgresql://127.0.0.1:" + state.getProperty("port") + "/postgres";
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_dev\\_%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                s.execute("DROP DATABASE " + name);
            }
        }
    }
}
