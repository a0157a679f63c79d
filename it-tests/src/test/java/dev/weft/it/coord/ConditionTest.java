package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Condition;
import dev.weft.Coroutine;
import dev.weft.Lock;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's Condition, after CPython's {@code Lib/test/test_asyncio/test_locks.py::ConditionTests}. */
@ExtendWith(WeftExtension.class)
class ConditionTest {

    /** Acquires, waits once, records {@code tag}; keeps the lock (as the CPython test does). */
    @Async
    static Coroutine<Boolean> waitKeepingLock(Condition cond, List<Integer> result, int tag) {
        Await.on(cond.acquire());
        if (Await.on(cond.await())) {
            result.add(tag);
        }
        return Coroutine.of(true);
    }

    /** Acquires, waits once, records {@code tag}, releases. */
    @Async
    static Coroutine<Boolean> waitAndRelease(Condition cond, List<Integer> result, int tag) {
        Await.on(cond.acquire());
        if (Await.on(cond.await())) {
            result.add(tag);
            cond.release();
        }
        return Coroutine.of(true);
    }

    /**
     * Mirrors test_locks.py::ConditionTests::test_wait: waiting releases the lock; a signalled waiter
     * continues only once it holds the lock again.
     */
    @Test
    @Async
    void waitReleasesAndReacquires() {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t1 = Asyncio.createTask(waitKeepingLock(cond, result, 1));
        Task<Boolean> t2 = Asyncio.createTask(waitKeepingLock(cond, result, 2));
        Task<Boolean> t3 = Asyncio.createTask(waitKeepingLock(cond, result, 3));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);
        assertFalse(cond.isLocked());

        Await.on(cond.acquire());
        cond.signal();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);
        assertTrue(cond.isLocked());

        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(cond.isLocked());

        cond.signal(2);
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(cond.isLocked());

        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2), result);
        assertTrue(cond.isLocked());

        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(cond.isLocked());
        assertTrue(t1.result() && t2.result() && t3.result());
    }

    /** Mirrors test_locks.py::ConditionTests::test_wait_cancel: the lock is held again after a cancelled wait. */
    @Test
    @Async
    void waitCancel() {
        Condition cond = new Condition();
        Await.on(cond.acquire());
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureWhenCancelledSoon(cond.await())));
        assertEquals("Condition[locked]", cond.toString(), "no waiter left, lock held");
    }

    /**
     * Mirrors test_locks.py::ConditionTests::test_wait_cancel_contested: cancelled while re-acquiring
     * a contested lock, the waiter still ends up holding it.
     */
    @Test
    @Async
    void waitCancelContested() {
        Condition cond = new Condition();
        Await.on(cond.acquire());
        assertTrue(cond.isLocked());
        Task<Boolean> waitTask = Asyncio.createTask(cond.await());
        Await.on(Asyncio.sleep(0));
        assertFalse(cond.isLocked());

        Await.on(cond.acquire());
        assertTrue(cond.isLocked());
        cond.signal();
        Asyncio.getRunningLoop().callSoon(waitTask::cancel);
        Asyncio.getRunningLoop().callSoon(cond::release);
        Await.on(Fixtures.failureOf(waitTask)); // cancelled or not, the lock must be held
        assertTrue(cond.isLocked());
    }

    @Async
    static Coroutine<Void> waitOnCond(Condition cond, boolean[] waited) {
        try (var held = Await.on(cond.acquire())) {
            waited[0] = true;
            Await.on(cond.await());
        }
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::ConditionTests::test_wait_cancel_after_notify (bpo-32841): a waiter
     * cancelled after being notified, while it waits for the lock, is cancelled cleanly.
     */
    @Test
    @Async
    void waitCancelAfterNotify() {
        Condition cond = new Condition();
        boolean[] waited = new boolean[1];
        Task<Void> waiter = Asyncio.createTask(waitOnCond(cond, waited));
        Await.on(Asyncio.sleep(0));

        Await.on(cond.acquire());
        cond.signal();
        Await.on(Asyncio.sleep(0)); // the waiter now waits for the lock
        waiter.cancel();
        Await.on(Asyncio.sleep(0)); // the cancellation is delivered
        cond.release();
        Await.on(Asyncio.sleep(0)); // the waiter gets the lock back and is cancelled
        assertTrue(waiter.isCancelled());
        assertTrue(waited[0]);
        assertFalse(cond.isLocked(), "the waiter's try-with-resources released the lock");
    }

    /** Mirrors test_locks.py::ConditionTests::test_wait_unacquired. */
    @Test
    @Async
    void waitUnacquired() {
        IllegalStateException e = assertInstanceOf(IllegalStateException.class,
                Await.on(Fixtures.failureOf(new Condition().await())));
        assertTrue(e.getMessage().contains("acquire()"), e.getMessage());
    }

    @Async
    static Coroutine<Boolean> waitForPredicate(Condition cond, boolean[] flag, List<Integer> result) {
        Await.on(cond.acquire());
        if (Await.on(cond.awaitFor(() -> flag[0]))) {
            result.add(1);
            cond.release();
        }
        return Coroutine.of(true);
    }

    /** Mirrors test_locks.py::ConditionTests::test_wait_for: a signal with a false predicate keeps waiting. */
    @Test
    @Async
    void waitFor() {
        Condition cond = new Condition();
        boolean[] flag = new boolean[1];
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t = Asyncio.createTask(waitForPredicate(cond, flag, result));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        Await.on(cond.acquire());
        cond.signal();
        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        flag[0] = true;
        Await.on(cond.acquire());
        cond.signal();
        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(t.isDone() && t.result());
    }

    /**
     * Mirrors test_locks.py::ConditionTests::test_wait_for_unacquired: a predicate that is already
     * true needs no lock; waiting does.
     */
    @Test
    @Async
    void waitForUnacquired() {
        assertTrue(Await.on(new Condition().awaitFor(() -> true)));
        assertInstanceOf(IllegalStateException.class, Await.on(Fixtures.failureOf(new Condition().awaitFor(() -> false))));
    }

    /** Mirrors test_locks.py::ConditionTests::test_notify: signal(n) wakes n waiters, oldest first. */
    @Test
    @Async
    void notifyWakesOldestFirst() {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t1 = Asyncio.createTask(waitAndRelease(cond, result, 1));
        Task<Boolean> t2 = Asyncio.createTask(waitAndRelease(cond, result, 2));
        Task<Boolean> t3 = Asyncio.createTask(waitAndRelease(cond, result, 3));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        Await.on(cond.acquire());
        cond.signal(1);
        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);

        Await.on(cond.acquire());
        cond.signal(1);
        cond.signal(2048);
        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(t1.result() && t2.result() && t3.result());
    }

    /** Mirrors test_locks.py::ConditionTests::test_notify_all. */
    @Test
    @Async
    void signalAllWakesEveryWaiter() {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t1 = Asyncio.createTask(waitAndRelease(cond, result, 1));
        Task<Boolean> t2 = Asyncio.createTask(waitAndRelease(cond, result, 2));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        Await.on(cond.acquire());
        cond.signalAll();
        cond.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2), result);
        assertTrue(t1.result() && t2.result());
    }

    /** Mirrors test_locks.py::ConditionTests::test_notify_unacquired and test_notify_all_unacquired. */
    @Test
    void notifyUnacquired() {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, cond::signalAll);
    }

    /** Mirrors test_locks.py::ConditionTests::test_context_manager. */
    @Test
    @Async
    void contextManager() {
        Condition cond = new Condition();
        assertFalse(cond.isLocked());
        try (var held = Await.on(cond.acquire())) {
            assertTrue(cond.isLocked());
        }
        assertFalse(cond.isLocked());
    }

    /** Mirrors test_locks.py::ConditionTests::test_explicit_lock: a condition and its lock share one state. */
    @Test
    @Async
    void explicitLock() {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        try (var held = Await.on(cond.acquire())) {
            assertTrue(lock.isLocked());
            assertTrue(cond.isLocked());
        }
        assertFalse(lock.isLocked());
        try (var held = Await.on(lock.acquire())) {
            assertTrue(cond.isLocked());
        }
        assertFalse(cond.isLocked());
    }

    @Async
    static Coroutine<Void> consumer(Condition cond, int[] state) {
        try (var held = Await.on(cond.acquire())) {
            for (;;) {
                Await.on(cond.awaitFor(() -> state[0] != 0));
                if (state[0] < 0) {
                    return Coroutine.done();
                }
                state[0]--;
            }
        }
    }

    /**
     * Mirrors test_locks.py::ConditionTests::test_cancelled_wakeup: a waiter cancelled at the same
     * time as it is signalled passes the signal on, so the item is still consumed.
     */
    @Test
    @Async
    void cancelledWakeupIsNotLost() {
        Condition cond = new Condition();
        int[] state = new int[1];
        Task<Void> c0 = Asyncio.createTask(consumer(cond, state));
        Task<Void> c1 = Asyncio.createTask(consumer(cond, state));
        Await.on(Asyncio.sleep(0));
        try (var held = Await.on(cond.acquire())) {
            state[0]++;
            cond.signal(1);
            c0.cancel(); // while it waits to run
        }
        Await.on(Fixtures.turns(5));
        assertEquals(0, state[0], "the signal reached the other consumer");
        assertTrue(c0.isCancelled());

        state[0] = -1;
        try (var held = Await.on(cond.acquire())) {
            cond.signalAll();
        }
        assertNull(Await.on(c1));
    }

    /** Mirrors test_locks.py::ConditionTests::test_repr. */
    @Test
    @Async
    void repr() {
        Condition cond = new Condition();
        assertEquals("Condition[unlocked]", cond.toString());
        Task<Boolean> waiter = Asyncio.createTask(waitKeepingLock(cond, new ArrayList<>(), 1));
        Await.on(Asyncio.sleep(0));
        assertEquals("Condition[unlocked, waiters:1]", cond.toString());
        Await.on(cond.acquire());
        assertEquals("Condition[locked, waiters:1]", cond.toString());
        waiter.cancel();
        cond.release();
        Await.on(Fixtures.failureOf(waiter));
        assertTrue(waiter.isCancelled());
        assertEquals("Condition[locked]", cond.toString(), "the cancelled waiter re-acquired the lock");
    }

    /** Mirrors test_locks.py::ConditionTests::test_timeout_in_block: a timed-out wait still leaves the lock held. */
    @Test
    @Async
    void timeoutInBlock() {
        Condition cond = new Condition();
        try (var held = Await.on(cond.acquire())) {
            assertInstanceOf(TimeoutError.class, Await.on(Fixtures.failureOf(Asyncio.waitFor(cond.await(), 0.05))));
            assertTrue(cond.isLocked(), "the wait re-acquired the lock before the timeout surfaced");
        }
        assertFalse(cond.isLocked());
    }
}
