package dev.weft;

import static dev.weft.WovenCode.$resumed;

/**
 * The coroutine of {@link Asyncio#sleep} with a positive delay (a zero one is {@link YieldOnce}):
 * suspends its task until its timer is due.
 *
 * <p>It is its own timer callback and its own {@link Waiter}: the due timer wakes it directly and
 * {@link Task#cancel} cancels its timer, so a sleep costs no {@link Future} and no callback object.
 * As in asyncio, the woken task runs at the loop's next turn, not inside the timer's.
 */
final class Sleep<T> extends Waiter<T> implements Runnable {
    /** What the timer wakes the sleep with: a waiter's value is never null, and a sleep's own result may be. */
    private static final Object ELAPSED = Boolean.TRUE;

    private final T result;
    /** Made with the delay, scheduled at the first step. */
    private final TimerHandle timer;

    Sleep(double delay, T result) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("sleep(NaN): the delay must be a number of seconds");
        }
        this.result = result;
        this.timer = new TimerHandle(delay, this);
    }

    @Override
    protected Object $step() {
        if (!isWaiting()) {
            // Scheduled before suspending: if the loop refuses it, the task is not left waiting on it.
            task.loop().callLater(timer);
            return suspend();
        }
        endWait();
        $resumed(this);
        return result;
    }

    /** The timer's callback: the delay has elapsed, unless the wait was cancelled meanwhile. */
    @Override
    public void run() {
        if (isPending()) {
            wakeUp(ELAPSED);
        }
    }

    /** Also cancels the timer, so that a cancelled sleep leaves nothing registered with the loop. */
    @Override
    boolean cancelWait(String message) {
        if (!super.cancelWait(message)) {
            return false;
        }
        timer.cancel();
        return true;
    }
}
