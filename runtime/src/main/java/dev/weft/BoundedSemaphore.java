package dev.weft;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: Python's
 * {@code asyncio.BoundedSemaphore}. Over-releasing is almost always a bug, so it throws.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(4);
 * try (var slot = Await.on(pool.acquire())) {
 *     Await.on(useConnection());
 * }
 * pool.release();   // IllegalStateException: released too many times
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit, as Python's default. */
    public BoundedSemaphore() {
        this(1);
    }

    /** A bounded semaphore with {@code permits} permits, which is also its maximum. */
    public BoundedSemaphore(int permits) {
        super(permits);
        this.bound = permits;
    }

    /**
     * Python's {@code release()}.
     *
     * @throws IllegalStateException if every permit is already free
     */
    @Override
    public void release() {
        if (available() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times: all " + bound
                    + " permits are already free (release only what acquire() gave you)");
        }
        super.release();
    }
}
