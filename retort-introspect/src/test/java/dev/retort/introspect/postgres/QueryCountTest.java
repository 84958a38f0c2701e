package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.DatabaseSchema;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Introspection runs as many queries for a thousand tables as for one. */
class QueryCountTest {
    // Every table has a serial key, a unique column, a check, a foreign key, an index and a comment, so that
    // each catalog query has rows to return for each table.
    private static final String TABLES = """
            do $$
            begin
                for i in 1..%d loop
                    execute format('create table t%%s (id serial primary key, name text not null unique,
                        size int check (size > 0), parent int references t1 (id))', i);
                    execute format('create index t%%s_size on t%%s (size desc)', i, i);
                    execute format('comment on table t%%s is %%L', i, 'table ' || i);
                end loop;
            end
            $$;
            """;

    @Test
    void runsAFixedNumberOfQueriesWhateverTheNumberOfTables() throws SQLException {
        AtomicInteger forOne = new AtomicInteger();
        AtomicInteger forThousand = new AtomicInteger();

        DatabaseSchema one = introspectCounting(Catalog.databaseWith(TABLES.formatted(1)), forOne);
        DatabaseSchema thousand = introspectCounting(Catalog.databaseWith(TABLES.formatted(1000)), forThousand);

        assertThat(one.tables()).hasSize(1);
        assertThat(thousand.tables()).hasSize(1000);
        assertThat(thousand.sequences()).hasSize(1000);
        assertThat(thousand.tables()).allSatisfy(table -> {
            assertThat(table.columns()).hasSize(4);
            assertThat(table.foreignKeys()).hasSize(1);
            assertThat(table.indexes()).hasSize(1);
        });
        assertThat(forOne.get()).isPositive();
        assertThat(forThousand.get()).isEqualTo(forOne.get());
    }

    private static DatabaseSchema introspectCounting(String url, AtomicInteger executions) throws SQLException {
        try (Connection connection = Catalog.connect(url)) {
            return new PostgresIntrospector(Catalog.DEFAULT).introspect(counting(connection, executions));
        }
    }

    /** {@code connection}, counting each statement it executes. */
    private static Connection counting(Connection connection, AtomicInteger executions) {
        return proxy(Connection.class, connection, (target, method, arguments) -> {
            Object result = invoke(method, target, arguments);
            return switch (method.getName()) {
                case "createStatement" -> proxy(Statement.class, result, countingStatement(executions));
                case "prepareStatement" -> proxy(PreparedStatement.class, result, countingStatement(executions));
                case "prepareCall" -> proxy(CallableStatement.class, result, countingStatement(executions));
                default -> result;
            };
        });
    }

    private static Handler countingStatement(AtomicInteger executions) {
        return (target, method, arguments) -> {
            if (method.getName().startsWith("execute")) {
                executions.incrementAndGet();
            }
            return invoke(method, target, arguments);
        };
    }

    /** An {@link InvocationHandler} that is given the proxied object. */
    private interface Handler {
        Object handle(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler invocation = (proxy, method, arguments) -> handler.handle(target, method, arguments);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments)
            throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
