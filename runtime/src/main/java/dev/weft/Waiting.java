package dev.weft;

import static dev.weft.WovenCode.$resumed;

/**
 * A runtime coroutine that may wait to be woken, possibly several times: the shape of every
 * blocking operation of the primitives and queues ({@code acquire}, {@code get}, ...).
 *
 * <p>Subclasses implement {@link #begin()} and {@link #woken}; either returns the result or
 * {@link #waitIn} / {@link #suspend()}. When the task is cancelled while waiting, {@link #abandon}
 * undoes the bookkeeping, including a wake-up that was delivered just before the cancellation,
 * and the {@link CancelledError} propagates.
 */
abstract class Waiting<T> extends Waiter<T> {
    /** The first step: the result when no wait is needed, else {@code waitIn(...)}. */
    abstract Object begin();

    /** Resumed after being woken with {@code value}: the result, or {@code waitIn(...)} again. */
    abstract Object woken(Object value);

    /**
     * The task stopped waiting because of {@code error} (a cancellation); undo and let it propagate.
     * {@code wokenWith} is the value it had been woken with just before, or null. Nothing to undo
     * unless the wait took or was handed something.
     */
    void abandon(Object wokenWith, Throwable error) {
    }

    /**
     * The queue this coroutine waits in, or null if whoever wakes it holds it directly. It leaves
     * the queue whenever it resumes, woken or abandoned, before {@link #woken} or {@link #abandon}
     * run; until then a woken waiter stays visible there.
     */
    abstract WaiterQueue queue();

    /** Appends this coroutine to its {@link #queue()} and suspends until it is woken; {@code owner} names the primitive in errors. */
    final Object waitIn(Object owner) {
        queue().add(this, owner);
        return suspend();
    }

    @Override
    protected final Object $step() {
        if (!isWaiting()) {
            return begin();
        }
        Object value = endWait();
        WaiterQueue queue = queue();
        if (queue != null) {
            queue.remove(this);
        }
        try {
            $resumed(this);
        } catch (Throwable error) {
            abandon(value, error);
            throw error;
        }
        return woken(value);
    }
}
