package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

import java.util.function.BooleanSupplier;

/**
 * A condition variable for coroutines of one event loop: Python's {@code asyncio.Condition}. A
 * coroutine holding the condition's lock can {@link #await()} until another one {@link #signal()}s
 * it; waiting releases the lock, and the lock is held again when the wait ends, even when the wait
 * ends with a cancellation.
 *
 * <p>Python's {@code notify}/{@code notify_all} are {@code signal}/{@code signalAll} here, because
 * {@link Object} reserves those names.
 *
 * <pre>{@code
 * Condition changed = new Condition();
 *
 * try (var held = Await.on(changed.acquire())) {          // async with changed:
 *     Await.on(changed.awaitFor(() -> !items.isEmpty())); //     await changed.wait_for(...)
 *     process(items.remove(0));
 * }
 * ...
 * try (var held = Await.on(changed.acquire())) {
 *     items.add(x);
 *     changed.signal();                                   //     changed.notify()
 * }
 * }</pre>
 */
public final class Condition {
    private final Lock lock;
    private final WaiterQueue waiters = new WaiterQueue();

    /** A condition over a new {@link Lock}. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which others may also acquire directly. */
    public Condition(Lock lock) {
        if (lock == null) {
            throw new NullPointerException("Condition(null): pass a Lock, or use new Condition()");
        }
        this.lock = lock;
    }

    /** Python's {@code acquire()}: acquires the underlying lock. */
    public Coroutine<Lock.Held> acquire() {
        return lock.acquire();
    }

    /** Python's {@code release()}: releases the underlying lock. */
    public void release() {
        lock.release();
    }

    /** Python's {@code locked()}. */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * Python's {@code wait()}: releases the lock, waits to be signalled, re-acquires the lock and
     * completes with true. The name {@code wait} belongs to {@link Object}.
     *
     * @throws IllegalStateException (when awaited) if the lock is not held
     */
    public Coroutine<Boolean> await() {
        return new SignalWait();
    }

    /**
     * Python's {@code wait_for(predicate)}: waits until {@code predicate} is true, checking it first
     * and after each signal, with the lock held. Completes with true.
     */
    public Coroutine<Boolean> awaitFor(BooleanSupplier predicate) {
        return new PredicateWait(predicate);
    }

    /** Python's {@code notify()}: wakes one waiter. The lock must be held. */
    public void signal() {
        signal(1);
    }

    /** Python's {@code notify(n)}: wakes up to {@code n} waiters, longest-waiting first. The lock must be held. */
    public void signal(int n) {
        waiters.checkThread("Condition.signal");
        requireLocked("signal");
        waiters.wake(n, Boolean.TRUE);
    }

    /** Python's {@code notify_all()}: wakes every waiter. The lock must be held. */
    public void signalAll() {
        waiters.checkThread("Condition.signalAll");
        requireLocked("signalAll");
        waiters.wakeAll(Boolean.TRUE);
    }

    private void requireLocked(String what) {
        if (!lock.isLocked()) {
            throw new IllegalStateException("Condition." + what + "() needs the lock: call it inside"
                    + " try (var held = Await.on(condition.acquire())) { ... }");
        }
    }

    @Override
    public String toString() {
        return "Condition[" + (lock.isLocked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }

    /** The coroutine of {@link #await()}: wait for a signal, then re-acquire the lock whatever happens. */
    private final class SignalWait extends Waiter<Boolean> {
        private static final int START = 0;
        private static final int SIGNALLED = 1;
        private static final int REACQUIRING = 2;

        private int state = START;
        /** The cancellation to rethrow once the lock is held again. */
        private Throwable error;

        @Override
        protected Object $step() {
            switch (state) {
                case START -> {
                    requireLocked("await");
                    lock.release();
                    waiters.add(this, Condition.this);
                    state = SIGNALLED;
                    return suspend();
                }
                case SIGNALLED -> {
                    endWait();
                    try {
                        $resumed(this);
                    } catch (Throwable cancelled) {
                        error = cancelled;
                    }
                    waiters.remove(this);
                    return reacquire();
                }
                default -> {
                    try {
                        $resumed(this);
                    } catch (CancelledError cancelled) {
                        // The lock must be held when wait ends: keep trying, rethrow the latest cancellation.
                        error = cancelled;
                        return reacquire();
                    }
                    return finish();
                }
            }
        }

        private Object reacquire() {
            state = REACQUIRING;
            return $await(this, lock.acquire()) == $SUSPENDED ? $SUSPENDED : finish();
        }

        private Object finish() {
            if (error != null) {
                // A signal may have reached us just before the cancellation: pass it on (a spurious
                // wake-up for someone else is allowed, a lost one is not).
                waiters.wake(1, Boolean.TRUE);
                throw Exceptions.sneaky(error);
            }
            return Boolean.TRUE;
        }
    }

    /** The coroutine of {@link #awaitFor}: check, wait, check again. */
    private final class PredicateWait extends Coroutine<Boolean> {
        private final BooleanSupplier predicate;
        private boolean waiting;

        PredicateWait(BooleanSupplier predicate) {
            this.predicate = predicate;
        }

        @Override
        protected Object $step() {
            if (waiting) {
                waiting = false;
                $resumed(this);
            }
            while (!predicate.getAsBoolean()) {
                if ($await(this, new SignalWait()) == $SUSPENDED) {
                    waiting = true;
                    return $SUSPENDED;
                }
            }
            return Boolean.TRUE;
        }
    }
}
