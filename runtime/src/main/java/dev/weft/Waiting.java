package dev.weft;

/**
 * A runtime coroutine that may suspend on a fresh waiter future, possibly several times: the shape
 * of every blocking operation of the primitives and queues ({@code acquire}, {@code get}, ...).
 *
 * <p>Subclasses implement {@link #begin()} and {@link #woken}; either returns the result or
 * {@link #waitOn(Future)}. When the task is cancelled while waiting, {@link #abandon} undoes the
 * bookkeeping, including a wake-up that was delivered just before the cancellation (the future is
 * then done but not cancelled), and the {@link CancelledError} propagates.
 */
abstract class Waiting<T> extends Coroutine<T> {
    private Future<Object> waiter;

    /** The first step: the result when no wait is needed, else {@code waitOn(...)}. */
    abstract Object begin();

    /** Resumed after {@code waiter} completed with {@code value}: the result, or {@code waitOn(...)} again. */
    abstract Object woken(Future<Object> waiter, Object value);

    /** The task stopped waiting on {@code waiter} because of {@code error} (a cancellation); undo and let it propagate. */
    abstract void abandon(Future<Object> waiter, Throwable error);

    /** Suspends until {@code future}, which must be pending, completes. */
    final Object waitOn(Future<Object> future) {
        waiter = future;
        return $await(this, future);
    }

    /** Whether {@code waiter} was completed by a wake-up (as opposed to cancelled or still pending). */
    static boolean wasWoken(Future<Object> waiter) {
        return waiter.isDone() && !waiter.isCancelled();
    }

    @Override
    protected final Object $step() {
        Future<Object> w = waiter;
        if (w == null) {
            return begin();
        }
        waiter = null;
        Object value;
        try {
            value = $resumed(this);
        } catch (Throwable error) {
            if (!w.isDone()) {
                w.cancel();
            }
            abandon(w, error);
            throw error;
        }
        return woken(w, value);
    }
}
