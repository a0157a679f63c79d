package dev.weft;

/**
 * A mutual-exclusion lock for coroutines of one event loop: Python's {@code asyncio.Lock}.
 *
 * <p>Waiters acquire the lock in the order they asked for it. A waiter cancelled while waiting, or
 * cancelled just after being woken, never keeps the lock and passes the wake-up on to the next one.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 *
 * try (var held = Await.on(lock.acquire())) {   // async with lock:
 *     Await.on(writeRecord(r));
 * }                                             // released here, however the block ends
 * }</pre>
 */
public final class Lock {
    private final WaiterQueue waiters = new WaiterQueue();
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {
    }

    /**
     * The proof of one acquisition: closing it releases the lock (once, however often it is closed).
     * Use it in try-with-resources.
     */
    public interface Held extends AutoCloseable {
        /** Releases the lock if this acquisition still holds it. */
        @Override
        void close();
    }

    /**
     * Python's {@code acquire()}: waits until the lock is free, takes it, and completes with the
     * handle that releases it.
     */
    public Coroutine<Held> acquire() {
        return new Acquire();
    }

    /**
     * Python's {@code release()}: frees the lock and wakes the longest-waiting coroutine.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void release() {
        waiters.checkThread("Lock.release");
        if (!locked) {
            throw new IllegalStateException("Lock.release() on an unlocked lock: release only after acquire(),"
                    + " ideally through try (var held = Await.on(lock.acquire())) { ... }");
        }
        locked = false;
        waiters.wakeHead(Boolean.TRUE);
    }

    /** Python's {@code locked()}. */
    public boolean isLocked() {
        return locked;
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }

    /** One acquisition: the coroutine of {@link #acquire()}, then the {@link Held} handle it completes with. */
    private final class Acquire extends Waiting<Held> implements Held {
        private boolean released;

        @Override
        WaiterQueue queue() {
            return waiters;
        }

        @Override
        Object begin() {
            // Only barge in when nobody waits or was already woken: FIFO fairness.
            if (!locked && !waiters.anyNotCancelled()) {
                locked = true;
                return this;
            }
            return waitIn(Lock.this);
        }

        @Override
        Object woken(Object value) {
            locked = true;
            return this;
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            // A wake-up meant for this waiter must not be lost: hand it to the next one.
            if (!locked) {
                waiters.wakeHead(Boolean.TRUE);
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release();
            }
        }
    }
}
