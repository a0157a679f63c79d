package dev.weft;

/**
 * Thrown when a deadline passes: by a {@link Timeout} scope, {@link Asyncio#waitFor} and
 * {@link Asyncio#asCompleted}. Python's {@code TimeoutError}. Unchecked; its cause is the
 * {@link CancelledError} that interrupted the work, when there was one.
 *
 * <pre>{@code
 * try {
 *     Await.on(Asyncio.waitFor(fetch(url), 1.0));
 * } catch (TimeoutError e) {
 *     ...
 * }
 * }</pre>
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout without further detail. */
    public TimeoutError() {
        super();
    }

    /** A timeout caused by the cancellation that interrupted the work (Python's {@code raise TimeoutError from exc}). */
    public TimeoutError(Throwable cause) {
        super(null, cause);
    }
}
