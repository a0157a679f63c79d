package dev.weft;

/**
 * A counter of permits for coroutines of one event loop: Python's {@code asyncio.Semaphore}.
 * {@link #acquire()} takes a permit, waiting while there is none; {@link #release()} gives one back.
 *
 * <p>Permits go to waiters in the order they asked, even when a permit is free at the moment a
 * newcomer asks while others still wait. A waiter cancelled just after being given a permit gives it
 * back to the next waiter.
 *
 * <pre>{@code
 * Semaphore limit = new Semaphore(10);            // at most 10 downloads at a time
 *
 * try (var permit = Await.on(limit.acquire())) {  // async with limit:
 *     Await.on(download(url));
 * }
 * }</pre>
 */
public class Semaphore {
    private final WaiterQueue waiters = new WaiterQueue();
    private int value;

    /** A semaphore with one permit, as Python's default. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code permits} free permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's initial value must be >= 0, not " + permits);
        }
        this.value = permits;
    }

    /**
     * The proof of one acquired permit: closing it releases the permit (once, however often it is
     * closed). Use it in try-with-resources.
     */
    public interface Held extends AutoCloseable {
        /** Releases the permit if this acquisition still holds it. */
        @Override
        void close();
    }

    /** Python's {@code acquire()}: waits for a permit and completes with the handle that releases it. */
    public Coroutine<Held> acquire() {
        return new Acquire();
    }

    /** Python's {@code release()}: returns a permit and wakes the longest-waiting coroutine. */
    public void release() {
        waiters.checkThread("Semaphore.release");
        value++;
        wakeUpNext();
    }

    /** Python's {@code locked()}: true when an {@link #acquire()} now would have to wait. */
    public boolean isLocked() {
        return value == 0 || waiters.anyNotCancelled();
    }

    /** The number of free permits. */
    public int available() {
        return value;
    }

    /** A permit is handed over at wake-up time, so no newcomer can take it before the woken waiter runs. */
    private boolean wakeUpNext() {
        if (value > 0 && waiters.wakeNext(Boolean.TRUE)) {
            value--;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (isLocked() ? "locked" : "unlocked, value:" + value)
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
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
            if (!isLocked()) {
                value--;
                return this;
            }
            return waitIn(Semaphore.this);
        }

        @Override
        Object woken(Object ignored) {
            wakeMoreIfFree();
            return this;
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            if (wokenWith != null) {
                value++; // the permit handed to us goes back
            }
            wakeMoreIfFree();
        }

        /** Newcomers queued behind us while permits were free: let as many in as there are permits. */
        private void wakeMoreIfFree() {
            while (wakeUpNext()) {
                // each round hands one free permit to the next waiter
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
