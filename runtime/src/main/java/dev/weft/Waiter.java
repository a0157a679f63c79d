package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;

/**
 * A runtime coroutine that suspends its task until something wakes it, being itself what the
 * wakers hold (in a {@link WaiterQueue}, or as a timer's callback) instead of a {@link Future} made for each wait: a
 * wait costs no allocation, and the task is woken by a direct {@code callSoon}.
 *
 * <p>While suspended, a waiter is <em>pending</em>; {@link #wakeUp} delivers a value and schedules
 * the task; {@link #cancelWait} (called by {@link Task#cancel}) delivers a cancellation instead. It
 * is one or the other, never both, as with the future it replaces: a task cancelled after its
 * waiter was woken throws {@link CancelledError} at its next step, and the waiter still holds the
 * value it was woken with, so that it can give it back.
 */
abstract class Waiter<T> extends Coroutine<T> {
    /** {@link #wake} while suspended and not yet woken or cancelled. */
    private static final Object PENDING = new Object();

    /**
     * Null when not waiting; {@link #PENDING}; the value it was woken with (never null); or a
     * {@link Cancelled} once its wait was cancelled.
     */
    private Object wake;

    /** Suspends the task until {@link #wakeUp} or {@link #cancelWait}. */
    final Object suspend() {
        wake = PENDING;
        task.suspendOn(this);
        return $SUSPENDED;
    }

    /** Whether it has suspended and not yet resumed (with {@link #endWait}). */
    final boolean isWaiting() {
        return wake != null;
    }

    /** Whether it waits and was neither woken nor cancelled. */
    final boolean isPending() {
        return wake == PENDING;
    }

    /** Whether its wait was cancelled (it stays so until its task runs and takes it back). */
    final boolean isWaitCancelled() {
        return wake instanceof Cancelled;
    }

    /** Wakes a pending waiter with {@code value}, which must not be null: its task runs at the loop's next turn. */
    final void wakeUp(Object value) {
        wake = value;
        task.loop().scheduleStep(task);
    }

    /**
     * For {@link Task#cancel}: cancels a pending wait, so that the task throws {@link CancelledError}
     * at its next step; false if it was already woken or cancelled.
     */
    boolean cancelWait(String message) {
        if (wake != PENDING) {
            return false;
        }
        wake = new Cancelled(message);
        task.loop().scheduleStep(task);
        return true;
    }

    /** For {@link Task}'s step: the error its wait ended with, or null if it was woken. */
    final CancelledError failureOrNull() {
        return wake instanceof Cancelled cancelled ? new CancelledError(cancelled.message) : null;
    }

    /**
     * Called by the resumed waiter: ends the wait and returns the value it was woken with, or null
     * if it was not woken (cancelled, or its task was resumed with an exception).
     */
    final Object endWait() {
        Object w = wake;
        wake = null;
        return w == PENDING || w instanceof Cancelled ? null : w;
    }

    /** A cancelled wait, with the message the {@link CancelledError} carries. */
    private record Cancelled(String message) {
    }
}
