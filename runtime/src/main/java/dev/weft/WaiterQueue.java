package dev.weft;

import java.util.ArrayDeque;

/**
 * The FIFO of futures that coroutines wait on inside a synchronisation primitive or queue: the
 * basis of fair wake-up. A waiter's own coroutine removes its future when it resumes (woken or
 * cancelled), so a woken future stays visible here until its task has actually run; that is what
 * lets the primitives tell "someone was already promised this" from "nobody is waiting".
 *
 * <p>A primitive is bound to the loop of the first coroutine that waits on it, as asyncio's are
 * since Python 3.10.
 */
final class WaiterQueue {
    private final ArrayDeque<Future<Object>> futures = new ArrayDeque<>();
    private EventLoop loop;

    /** A new pending future for the task running {@code frame}, appended to the queue. */
    Future<Object> add(Coroutine<?> frame, Object owner) {
        EventLoop current = frame.task.loop();
        if (loop == null) {
            loop = current;
        } else if (loop != current) {
            throw new IllegalStateException(owner + " is bound to a different event loop: create one per loop");
        }
        Future<Object> future = new Future<>(current);
        futures.add(future);
        return future;
    }

    void remove(Future<Object> future) {
        futures.removeFirstOccurrence(future);
    }

    /** Completes the head future with {@code value} if it is still pending (asyncio's {@code _wake_up_first}). */
    void wakeHead(Object value) {
        Future<Object> head = futures.peekFirst();
        if (head != null && !head.isDone()) {
            head.setResult(value);
        }
    }

    /** Completes the first pending future with {@code value}; false when none is pending. */
    boolean wakeNext(Object value) {
        for (Future<Object> f : futures) {
            if (!f.isDone()) {
                f.setResult(value);
                return true;
            }
        }
        return false;
    }

    /** Completes up to {@code n} pending futures, oldest first. */
    void wake(int n, Object value) {
        for (Future<Object> f : futures) {
            if (n <= 0) {
                return;
            }
            if (!f.isDone()) {
                f.setResult(value);
                n--;
            }
        }
    }

    void wakeAll(Object value) {
        wake(Integer.MAX_VALUE, value);
    }

    /** Whether some waiter has not been cancelled (it waits, or was woken and has not run yet). */
    boolean anyNotCancelled() {
        for (Future<Object> f : futures) {
            if (!f.isCancelled()) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return futures.isEmpty();
    }

    int size() {
        return futures.size();
    }
}
