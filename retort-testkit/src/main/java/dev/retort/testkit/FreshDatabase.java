package dev.retort.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects the JDBC URL of a new, empty database into a {@code String} parameter of a test,
 * a lifecycle method or a constructor.
 *
 * <pre>{@code
 * @Test
 * void createsTheTable(@FreshDatabase String url) throws SQLException {
 *     try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, null)) { ... }
 * }
 * }</pre>
 *
 * <p>Each annotated parameter gets a database of its own, from {@link TestPostgres#freshDatabase()}.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FreshDatabaseExtension.class)
public @interface FreshDatabase {
}
