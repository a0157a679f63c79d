package dev.weft;

import java.util.ArrayDeque;

/**
 * The FIFO of coroutines waiting inside a synchronisation primitive or queue: the basis of fair
 * wake-up. A waiter removes itself when it resumes (woken or cancelled), so a woken waiter stays
 * visible here until its task has actually run; that is what lets the primitives tell "someone was
 * already promised this" from "nobody is waiting".
 *
 * <p>A primitive is bound to the loop of the first coroutine that waits on it, as asyncio's are
 * since Python 3.10.
 */
final class WaiterQueue {
    private final ArrayDeque<Waiter<?>> waiters = new ArrayDeque<>();
    private EventLoop loop;

    /** Appends {@code waiter}, about to suspend in its task. */
    void add(Waiter<?> waiter, Object owner) {
        EventLoop current = waiter.task.loop();
        if (loop == null) {
            loop = current;
        } else if (loop != current) {
            throw new IllegalStateException(owner + " is bound to a different event loop: create one per loop");
        }
        waiters.add(waiter);
    }

    /**
     * Once a task has waited here, rejects {@code what} from a thread other than its loop's, in
     * debug mode (see {@link EventLoop#checkThread}); a primitive nobody waited on has no loop yet.
     */
    void checkThread(String what) {
        EventLoop bound = loop;
        if (bound != null) {
            bound.checkThread(what);
        }
    }

    void remove(Waiter<?> waiter) {
        waiters.removeFirstOccurrence(waiter);
    }

    /** Wakes the head waiter with {@code value} if it is still pending (asyncio's {@code _wake_up_first}). */
    void wakeHead(Object value) {
        Waiter<?> head = waiters.peekFirst();
        if (head != null && head.isPending()) {
            head.wakeUp(value);
        }
    }

    /** Wakes the first pending waiter with {@code value}; false when none is pending. */
    boolean wakeNext(Object value) {
        for (Waiter<?> w : waiters) {
            if (w.isPending()) {
                w.wakeUp(value);
                return true;
            }
        }
        return false;
    }

    /** Wakes up to {@code n} pending waiters, oldest first. */
    void wake(int n, Object value) {
        for (Waiter<?> w : waiters) {
            if (n <= 0) {
                return;
            }
            if (w.isPending()) {
                w.wakeUp(value);
                n--;
            }
        }
    }

    void wakeAll(Object value) {
        wake(Integer.MAX_VALUE, value);
    }

    /** Whether some waiter has not been cancelled (it waits, or was woken and has not run yet). */
    boolean anyNotCancelled() {
        for (Waiter<?> w : waiters) {
            if (!w.isWaitCancelled()) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    int size() {
        return waiters.size();
    }
}
