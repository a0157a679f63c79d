package dev.weft;

import java.util.concurrent.CancellationException;

/**
 * Thrown at the {@code Await.on} of a task that is being cancelled: Python's
 * {@code asyncio.CancelledError}. Catch it only to clean up, then rethrow it.
 *
 * <pre>{@code
 * try {
 *     Await.on(Asyncio.sleep(10));
 * } catch (CancelledError e) {
 *     Await.on(connection.aclose());   // awaiting during cleanup is fine
 *     throw e;
 * }
 * }</pre>
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }

    /** A cancellation carrying the message given to {@code Task.cancel(msg)}. */
    public CancelledError(String message) {
        super(message);
    }
}
