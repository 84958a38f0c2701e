package dev.retort.command;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Whose turn it is, among the runs of this JVM on one pool, to take connections from it: one turn per pool, handed out
 * in the order asked for. Runs on DataSources of their own that wrap one pool take turns on the pool, as far as the
 * wrappers tell it ({@link UnderlyingPool}).
 *
 * <p>A run holds its first connection while it borrows a second one for the lock. Runs started together on one pool
 * (a parallel loop over tenants, modules migrating at start) could each take one connection and all wait for their
 * second: with as many runs as connections, none gets one, and all fail when the pool times out. Taking turns, a run
 * borrows its pair while the others wait before borrowing anything, so a pool of two serves any number of them; the
 * run whose turn it is waits for the connections the runs before it hold, however long they hold them, while a pool
 * large enough lets the runs go on side by side once each has its pair.
 *
 * <p>Pools are told apart by identity (a pool's {@code equals} is not Retort's to trust) and held weakly: an
 * application that makes a DataSource per tenant and drops it leaves nothing here. Runs on wrappers that do not tell
 * their pool do not take turns with one another, which the message of a pool that timed out says.
 */
final class DataSourceTurns {
    private static final ReferenceQueue<DataSource> DROPPED = new ReferenceQueue<>();
    private static final Map<Key, Turn> TURNS = new HashMap<>();

    private DataSourceTurns() {
    }

    /** The turn of {@code dataSource}'s pool, the same for every run on it or on another DataSource over it. */
    static Turn of(DataSource dataSource) {
        // The application's code, which may take its time or its own locks, is asked outside this class's lock.
        return ofPool(UnderlyingPool.of(dataSource));
    }

    private static synchronized Turn ofPool(DataSource dataSource) {
        for (Reference<?> dropped; (dropped = DROPPED.poll()) != null; ) {
            TURNS.remove((Key) dropped);
        }
        Turn turn = TURNS.get(new Key(dataSource, null));
        if (turn == null) {
            turn = new Turn();
            TURNS.put(new Key(dataSource, DROPPED), turn);
        }
        return turn;
    }

    /** The turn of one DataSource, and how many of its connections this JVM's runs hold. */
    static final class Turn {
        /** Fair: the runs take their turns in the order they asked. */
        private final Semaphore semaphore = new Semaphore(1, true);
        private final AtomicInteger lent = new AtomicInteger();

        void take() throws InterruptedException {
            semaphore.acquire();
        }

        void end() {
            semaphore.release();
        }

        void lent() {
            lent.incrementAndGet();
        }

        void givenBack() {
            lent.decrementAndGet();
        }

        /** Whether runs of this JVM hold connections of the DataSource besides the {@code own} of the caller. */
        boolean othersHold(int own) {
            return lent.get() > own;
        }
    }

    /** A DataSource by identity, weakly held. */
    private static final class Key extends WeakReference<DataSource> {
        private final int hash;

        Key(DataSource dataSource, ReferenceQueue<DataSource> queue) {
            super(dataSource, queue);
            this.hash = System.identityHashCode(dataSource);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            if (!(other instanceof Key key) || key.hash != hash) {
                return false;
            }
            DataSource referent = get();
            return referent != null && referent == key.get();
        }
    }
}
