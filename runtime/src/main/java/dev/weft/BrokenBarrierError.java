package dev.weft;

/**
 * Thrown by {@link Barrier#await()} when the barrier is aborted or reset while the caller waits, or
 * is already broken: Python's {@code asyncio.BrokenBarrierError}.
 */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A broken-barrier error saying why. */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
