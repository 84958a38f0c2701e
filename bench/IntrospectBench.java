import dev.retort.introspect.postgres.PostgresIntrospector;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Times introspection alone: the first run in a fresh JVM, then the median of 5 more, on the database at
 * {@code JDBC_URL} (user {@code postgres}). Run with Retort's libraries on the class path:
 * {@code java -cp "retort-cli/target/lib/*" bench/IntrospectBench.java JDBC_URL}.
 */
public class IntrospectBench {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", args.length > 1 ? args[1] : "postgres");
        PostgresIntrospector introspector = new PostgresIntrospector(
                new SchemaFilter(List.of(), Set.of(QualifiedName.of("retort_version"))));
        try (Connection c = DriverManager.getConnection(args[0], p)) {
            long t0 = System.nanoTime();
            DatabaseSchema first = introspector.introspect(c);
            double cold = (System.nanoTime() - t0) / 1e9;
            double[] warm = new double[5];
            for (int i = 0; i < warm.length; i++) {
                long t = System.nanoTime();
                introspector.introspect(c);
                warm[i] = (System.nanoTime() - t) / 1e9;
            }
            Arrays.sort(warm);
            System.out.printf("tables=%d first_run_s=%.3f median_s=%.3f%n", first.tables().size(), cold, warm[2]);
        }
    }
}
