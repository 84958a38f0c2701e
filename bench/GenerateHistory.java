import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a linear history of N SQL migrations (each: one table of 5 columns and one index) into DIR/migrations/versions.
 * Usage: {@code java bench/GenerateHistory.java N DIR}.
 */
public class GenerateHistory {
    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path versions = Path.of(args[1], "migrations", "versions");
        Files.createDirectories(versions);
        String down = "none";
        for (int i = 1; i <= n; i++) {
            String id = String.format("%012x", 0xb0000000000L + i);
            Files.writeString(versions.resolve(id + "_table_" + i + ".sql"), """
                    -- revision: %1$s
                    -- down_revision: %2$s
                    -- message: table %3$d
                    -- +upgrade
                    CREATE TABLE t_%3$d (id bigint PRIMARY KEY, name varchar(100) NOT NULL, qty integer DEFAULT 0,
                        price numeric(10,2), created_at timestamptz NOT NULL DEFAULT now());
                    CREATE INDEX ix_t_%3$d_name ON t_%3$d (name);
                    -- +downgrade
                    DROP TABLE t_%3$d;
                    """.formatted(id, down, i));
            down = id;
        }
    }
}
