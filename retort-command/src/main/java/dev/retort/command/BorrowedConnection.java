package dev.retort.command;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A connection borrowed from an application's {@code DataSource}, which gives the session back what it held (its
 * {@link SessionSnapshot}) before {@code close} returns it to the pool. Every other call goes to the pool's
 * connection as it is, {@code unwrap} included.
 *
 * <p>A session whose state cannot be given back (its server went away, a reset was refused) is aborted, so that the
 * pool drops it rather than lend the application a session with a migration's role or search path.
 */
final class BorrowedConnection implements InvocationHandler {
    private final Connection pooled;
    private final SessionSnapshot snapshot;
    private final Runnable returned;
    private boolean closed;

    private BorrowedConnection(Connection pooled, SessionSnapshot snapshot, Runnable returned) {
        this.pooled = pooled;
        this.snapshot = snapshot;
        this.returned = returned;
    }

    /**
     * Wraps {@code pooled}, just taken from the pool, after reading what it holds; {@code returned} runs once it is
     * given back. Closes {@code pooled} when its state cannot be read.
     */
    static Connection wrap(Connection pooled, Runnable returned) throws SQLException {
        SessionSnapshot snapshot;
        try {
            snapshot = SessionSnapshot.take(pooled);
        } catch (SQLException | RuntimeException e) {
            // The snapshot's failure is what the user needs to read, and the connection counts as given back even
            // when the pool refuses it (a later failure would otherwise blame a connection Retort still held).
            try {
                pooled.close();
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            } finally {
                returned.run();
            }
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new BorrowedConnection(pooled, snapshot, returned));
    }

    /**
     * The settings made in the session of {@code connection} before Retort borrowed it, by name in lower case; none
     * when it is not a borrowed connection.
     */
    static Map<String, String> sessionSettings(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof BorrowedConnection borrowed) {
            return borrowed.snapshot.settings();
        }
        return Map.of();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close":
                close();
                return null;
            case "isClosed":
                return closed || pooled.isClosed();
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "borrowed " + pooled;
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                break;
            case "isWrapperFor":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return true;
                }
                break;
            default:
                break;
        }
        if (closed) {
            throw new SQLException("Retort gave this connection back to the pool already.", "08003");
        }
        try {
            return method.invoke(pooled, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!pooled.isClosed()) {
                try {
                    snapshot.restore(pooled);
                } catch (SQLException | RuntimeException e) {
                    abort();
                }
            }
        } finally {
            try {
                pooled.close();
            } catch (SQLException e) {
                // An aborted session's pool may say so as it takes it back; the run itself is done.
            } finally {
                returned.run();
            }
        }
    }

    /** Ends the session under the pool's connection, which the pool then finds broken and replaces. */
    private void abort() {
        try {
            pooled.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // Nothing more to do: the pool's own check of the connection is left.
        }
    }
}
