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
import dev.weft.BoundedSemaphore;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Semaphore;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * asyncio's Semaphore and BoundedSemaphore, after CPython's
 * {@code Lib/test/test_asyncio/test_locks.py::SemaphoreTests}.
 */
@ExtendWith(WeftExtension.class)
class SemaphoreTest {

    /** Mirrors test_locks.py::SemaphoreTests::test_initial_value_zero. */
    @Test
    void initialValueZero() {
        assertTrue(new Semaphore(0).isLocked());
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_semaphore_value. */
    @Test
    void negativeValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_repr. */
    @Test
    @Async
    void repr() {
        Semaphore sem = new Semaphore();
        assertEquals("Semaphore[unlocked, value:1]", sem.toString());
        Await.on(sem.acquire());
        assertEquals("Semaphore[locked]", sem.toString());
        Task<Semaphore.Held> waiter = Asyncio.createTask(sem.acquire());
        Await.on(Asyncio.sleep(0));
        assertEquals("Semaphore[locked, waiters:1]", sem.toString());
        waiter.cancel();
        Await.on(Fixtures.failureOf(waiter));
    }

    /**
     * Mirrors test_locks.py::SemaphoreTests::test_acquire: permits released while others wait go to
     * the waiters, not to a newcomer.
     */
    @Test
    @Async
    void acquire() {
        Semaphore sem = new Semaphore(3);
        List<Integer> result = new ArrayList<>();
        Await.on(sem.acquire());
        Await.on(sem.acquire());
        assertFalse(sem.isLocked());

        Task<Boolean> t1 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 1));
        Task<Boolean> t2 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 2));
        Task<Boolean> t3 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 3));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(sem.isLocked());
        assertEquals("Semaphore[locked, waiters:2]", sem.toString());
        assertEquals(0, sem.available());

        Task<Boolean> t4 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 4));
        sem.release();
        sem.release();
        assertEquals(0, sem.available(), "the permits went straight to the waiters");

        Await.on(Asyncio.sleep(0));
        assertEquals(0, sem.available());
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(sem.isLocked());
        assertEquals("Semaphore[locked, waiters:1]", sem.toString());
        assertTrue(t1.result() && t2.result() && t3.result());
        assertFalse(t4.isDone());

        sem.release();
        Await.on(t4);
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_acquire_cancel. */
    @Test
    @Async
    void acquireCancel() {
        Semaphore sem = new Semaphore();
        Await.on(sem.acquire());
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureWhenCancelledSoon(sem.acquire())));
        assertEquals("Semaphore[locked]", sem.toString(), "no waiter left behind");
    }

    /**
     * Mirrors test_locks.py::SemaphoreTests::test_acquire_cancel_before_awoken: cancelled waiters are
     * skipped, the permit goes to the first live one.
     */
    @Test
    @Async
    void acquireCancelBeforeAwoken() {
        Semaphore sem = new Semaphore(0);
        Task<Semaphore.Held> t1 = Asyncio.createTask(sem.acquire());
        Task<Semaphore.Held> t2 = Asyncio.createTask(sem.acquire());
        Task<Semaphore.Held> t3 = Asyncio.createTask(sem.acquire());
        Task<Semaphore.Held> t4 = Asyncio.createTask(sem.acquire());
        Await.on(Asyncio.sleep(0));

        t1.cancel();
        t2.cancel();
        sem.release();
        Await.on(Fixtures.turns(2));
        assertTrue(t3.isDone());
        assertFalse(t4.isDone());
        t4.cancel();
        Await.on(Asyncio.sleep(0));
    }

    /**
     * Mirrors test_locks.py::SemaphoreTests::test_acquire_hang: the release that coincides with a
     * cancellation reaches the next waiter.
     */
    @Test
    @Async
    void acquireHang() {
        Semaphore sem = new Semaphore(0);
        Task<Semaphore.Held> t1 = Asyncio.createTask(sem.acquire());
        Task<Semaphore.Held> t2 = Asyncio.createTask(sem.acquire());
        Await.on(Asyncio.sleep(0));
        t1.cancel();
        sem.release();
        Await.on(Fixtures.turns(2));
        assertTrue(sem.isLocked());
        assertTrue(t2.isDone());
    }

    @Async
    static Coroutine<Void> holdBrieflyThenCancel(Semaphore sem, Task<?>[] other) {
        try (var permit = Await.on(sem.acquire())) {
            Await.on(Asyncio.sleep(0));
        }
        other[0].cancel();
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> neverEnters(Semaphore sem) {
        try (var permit = Await.on(sem.acquire())) {
            throw new AssertionError("should have been cancelled before getting the permit");
        }
    }

    /**
     * Mirrors test_locks.py::SemaphoreTests::test_acquire_no_hang (gh-90155): a waiter given the
     * permit and cancelled before it runs gives the permit back.
     */
    @Test
    @Async
    void acquireNoHang() {
        Semaphore sem = new Semaphore(1);
        Task<?>[] t2 = new Task<?>[1];
        Task<Void> t1 = Asyncio.createTask(holdBrieflyThenCancel(sem, t2));
        t2[0] = Asyncio.createTask(neverEnters(sem));
        List<Object> outcomes = Await.on(Asyncio.gatherSettled(t1, t2[0]));
        assertNull(outcomes.get(0));
        assertInstanceOf(CancelledError.class, outcomes.get(1));
        assertEquals(1, sem.available(), "the permit came back");
        Await.on(Asyncio.waitFor(sem.acquire(), 1.0));
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_release_not_acquired. */
    @Test
    void boundedReleaseNotAcquired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new BoundedSemaphore().release());
        assertTrue(e.getMessage().contains("too many"), e.getMessage());
    }

    /** After test_locks.py::SemaphoreTests::test_release_not_acquired: one release per acquisition, no more. */
    @Test
    @Async
    void boundedSemaphoreAllowsBalancedReleases() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        Await.on(sem.acquire());
        Await.on(sem.acquire());
        sem.release();
        sem.release();
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals(2, sem.available());
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_release_no_waiters. */
    @Test
    @Async
    void releaseNoWaiters() {
        Semaphore sem = new Semaphore();
        Await.on(sem.acquire());
        assertTrue(sem.isLocked());
        sem.release();
        assertFalse(sem.isLocked());
    }

    @Async
    static Coroutine<Void> twiceInTurn(Semaphore sem, List<String> result, String tag) {
        Await.on(sem.acquire());
        result.add(tag + "_1");
        Await.on(Asyncio.sleep(0.01));
        sem.release();
        Await.on(sem.acquire());
        result.add(tag + "_2");
        Await.on(Asyncio.sleep(0.01));
        sem.release();
        return Coroutine.done();
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_acquire_fifo_order: a releaser re-queues behind the others. */
    @Test
    @Async
    void acquireFifoOrder() {
        Semaphore sem = new Semaphore(1);
        List<String> result = new ArrayList<>();
        try (var tg = new TaskGroup()) {
            tg.createTask(twiceInTurn(sem, result, "c1"));
            tg.createTask(twiceInTurn(sem, result, "c2"));
            tg.createTask(twiceInTurn(sem, result, "c3"));
        }
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    @Async
    static Coroutine<Boolean> acquireReleaseAcquire(Semaphore sem, List<Integer> result) {
        Await.on(sem.acquire());
        result.add(2);
        sem.release();
        Await.on(sem.acquire());
        result.add(4);
        return Coroutine.of(true);
    }

    /**
     * Mirrors test_locks.py::SemaphoreTests::test_acquire_fifo_order_2: a woken waiter that has not
     * run yet still holds its place against a re-acquire.
     */
    @Test
    @Async
    void acquireFifoOrder2() {
        Semaphore sem = new Semaphore(1);
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t1 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 1));
        Task<Boolean> t2 = Asyncio.createTask(acquireReleaseAcquire(sem, result));
        Task<Boolean> t3 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 3));
        Await.on(Asyncio.sleep(0));
        sem.release();
        sem.release();
        Await.on(Asyncio.gather(t1, t2, t3));
        assertEquals(List.of(1, 2, 3, 4), result);
    }

    /** Mirrors test_locks.py::SemaphoreTests::test_acquire_fifo_order_3: a cancelled waiter loses its place. */
    @Test
    @Async
    void acquireFifoOrder3() {
        Semaphore sem = new Semaphore(0);
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t1 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 1));
        Task<Boolean> t2 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 2));
        Task<Boolean> t3 = Asyncio.createTask(Fixtures.acquireAndRecord(sem.acquire(), result, 3));
        Await.on(Asyncio.sleep(0));
        t1.cancel();
        Await.on(Asyncio.sleep(0));
        sem.release();
        sem.release();
        Await.on(Asyncio.gatherSettled(t1, t2, t3));
        assertEquals(List.of(2, 3), result);
    }

    /** Mirrors test_locks.py::LockTests::test_context_manager for semaphores: the permit returns on close. */
    @Test
    @Async
    void contextManager() {
        Semaphore sem = new Semaphore(2);
        try (var a = Await.on(sem.acquire()); var b = Await.on(sem.acquire())) {
            assertTrue(sem.isLocked());
            a.close();
            a.close();
            assertEquals(1, sem.available(), "a second close of the same permit is ignored");
        }
        assertEquals(2, sem.available());
    }
}
