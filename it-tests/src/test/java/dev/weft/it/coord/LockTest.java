package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Future;
import dev.weft.Lock;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** asyncio's Lock, after CPython's {@code Lib/test/test_asyncio/test_locks.py::LockTests}. */
@ExtendWith(WeftExtension.class)
class LockTest {

    /** Mirrors test_locks.py::LockTests::test_acquire: waiters get the lock in FIFO order, one per release. */
    @Test
    @Async
    void acquire() {
        Lock lock = new Lock();
        List<Integer> result = new ArrayList<>();
        Await.on(lock.acquire());
        Task<Boolean> t1 = Asyncio.createTask(Fixtures.acquireAndRecord(lock.acquire(), result, 1));
        Task<Boolean> t2 = Asyncio.createTask(Fixtures.acquireAndRecord(lock.acquire(), result, 2));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        lock.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);

        Task<Boolean> t3 = Asyncio.createTask(Fixtures.acquireAndRecord(lock.acquire(), result, 3));
        lock.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2), result);
        lock.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(t1.result() && t2.result() && t3.result());
    }

    /** Mirrors test_locks.py::LockTests::test_acquire_cancel: a cancelled waiter leaves no trace. */
    @Test
    @Async
    void acquireCancel() {
        Lock lock = new Lock();
        Await.on(lock.acquire());
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureWhenCancelledSoon(lock.acquire())));
        assertEquals("Lock[locked]", lock.toString());
        lock.release();
        assertFalse(lock.isLocked());
    }

    @Async
    static Coroutine<Void> lockit(Lock lock, Future<Void> blocker) {
        Await.on(lock.acquire());
        try {
            if (blocker != null) {
                Await.on(blocker);
            }
        } finally {
            lock.release();
        }
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::LockTests::test_cancel_race: the head waiter is cancelled while the
     * holder releases; the wake-up moves on to the next waiter.
     */
    @Test
    @Async
    void cancelRace() {
        Lock lock = new Lock();
        Future<Void> fa = Asyncio.getRunningLoop().createFuture();
        Task<Void> ta = Asyncio.createTask(lockit(lock, fa));
        Await.on(Asyncio.sleep(0));
        assertTrue(lock.isLocked());
        Task<Void> tb = Asyncio.createTask(lockit(lock, null));
        Await.on(Asyncio.sleep(0));
        assertEquals("Lock[locked, waiters:1]", lock.toString());
        Task<Void> tc = Asyncio.createTask(lockit(lock, null));
        Await.on(Asyncio.sleep(0));
        assertEquals("Lock[locked, waiters:2]", lock.toString());

        fa.setResult(null);
        tb.cancel();
        Await.on(Asyncio.sleep(0));
        assertFalse(lock.isLocked());
        assertTrue(ta.isDone());
        assertTrue(tb.isCancelled());
        Await.on(tc);
        assertFalse(lock.isLocked());
    }

    @Async
    static Coroutine<Void> countingLockit(Lock lock, int[] counts) {
        counts[0]++;
        Await.on(lock.acquire());
        counts[1]++;
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::LockTests::test_cancel_release_race (bpo-32734): cancelling the first
     * waiter and releasing in the same loop turn lets exactly one waiter in.
     */
    @Test
    @Async
    void cancelReleaseRace() {
        Lock lock = new Lock();
        int[] counts = new int[2]; // calls, acquisitions
        Await.on(lock.acquire());
        Task<Void> t1 = Asyncio.createTask(countingLockit(lock, counts));
        Task<Void> t2 = Asyncio.createTask(countingLockit(lock, counts));
        Task<Void> t3 = Asyncio.createTask(countingLockit(lock, counts));
        Await.on(Asyncio.sleep(0));

        Asyncio.getRunningLoop().callSoon(() -> {
            t1.cancel();
            lock.release();
        });
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(t1)));
        assertEquals(1, counts[1], "only one acquisition");
        assertEquals(3, counts[0]);
        assertTrue(t1.isCancelled() && t2.isDone());

        t3.cancel();
        Await.on(Asyncio.sleep(0));
        assertTrue(t3.isCancelled());
    }

    /**
     * Mirrors test_locks.py::LockTests::test_finished_waiter_cancelled: a waiter cancelled as the
     * lock is released does not strand the next one.
     */
    @Test
    @Async
    void finishedWaiterCancelled() {
        Lock lock = new Lock();
        Await.on(lock.acquire());
        assertTrue(lock.isLocked());
        Task<Lock.Held> tb = Asyncio.createTask(lock.acquire());
        Await.on(Asyncio.sleep(0));
        assertEquals("Lock[locked, waiters:1]", lock.toString());

        Task<Lock.Held> tc = Asyncio.createTask(lock.acquire());
        tb.cancel();
        lock.release();
        Await.on(Asyncio.sleep(0));
        assertTrue(lock.isLocked());
        assertTrue(tb.isCancelled());
        Await.on(tc).close();
        assertFalse(lock.isLocked());
    }

    /**
     * The wake-up race the other way round: the woken waiter is cancelled after release() chose it
     * but before it ran. It must not keep the lock, and the next waiter must get it (the bug of
     * bpo-27585 / gh-90155 in CPython's history).
     */
    @Test
    @Async
    void wokenWaiterCancelledBeforeItRunsPassesTheLockOn() {
        Lock lock = new Lock();
        Await.on(lock.acquire());
        Task<Lock.Held> tb = Asyncio.createTask(lock.acquire());
        Task<Lock.Held> tc = Asyncio.createTask(lock.acquire());
        Await.on(Asyncio.sleep(0));
        lock.release();  // wakes tb...
        tb.cancel();     // ...which is cancelled before it runs
        Await.on(Fixtures.turns(2));
        assertTrue(tb.isCancelled());
        assertTrue(tc.isDone(), "the wake-up passed on to tc");
        assertTrue(lock.isLocked());
        tc.result().close();
        assertFalse(lock.isLocked());
    }

    /** Mirrors test_locks.py::LockTests::test_release_not_acquired. */
    @Test
    void releaseNotAcquired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Lock().release());
        assertTrue(e.getMessage().contains("acquire()"), e.getMessage());
    }

    /** Mirrors test_locks.py::LockTests::test_release_no_waiters. */
    @Test
    @Async
    void releaseNoWaiters() {
        Lock lock = new Lock();
        Await.on(lock.acquire());
        assertTrue(lock.isLocked());
        lock.release();
        assertFalse(lock.isLocked());
    }

    /** Mirrors test_locks.py::LockTests::test_context_manager: try-with-resources on the Held handle. */
    @Test
    @Async
    void contextManager() {
        Lock lock = new Lock();
        assertFalse(lock.isLocked());
        try (var held = Await.on(lock.acquire())) {
            assertTrue(lock.isLocked());
            Await.on(Asyncio.sleep(0));
        }
        assertFalse(lock.isLocked());
        try (var held = Await.on(lock.acquire())) {
            throw new IllegalArgumentException("body fails");
        } catch (IllegalArgumentException expected) {
            assertFalse(lock.isLocked(), "released before the catch runs");
        }
    }

    /**
     * After test_locks.py::LockTests::test_context_manager (the handle of one acquisition releases
     * once): closing a Held twice must not release somebody else's acquisition.
     */
    @Test
    @Async
    void heldReleasesOnlyOnce() {
        Lock lock = new Lock();
        Lock.Held first = Await.on(lock.acquire());
        first.close();
        Lock.Held second = Await.on(lock.acquire());
        first.close();
        assertTrue(lock.isLocked(), "the second acquisition still holds the lock");
        second.close();
        assertFalse(lock.isLocked());
    }

    /** Mirrors test_locks.py::LockTests::test_repr. */
    @Test
    @Async
    void repr() {
        Lock lock = new Lock();
        assertEquals("Lock[unlocked]", lock.toString());
        Await.on(lock.acquire());
        assertEquals("Lock[locked]", lock.toString());
    }

    /**
     * Mirrors test_locks.py::ConditionTests::test_ambiguous_loops (wrong_loop_in_lock): a lock
     * waited on from one loop cannot be waited on from another.
     */
    @Test
    void lockIsBoundToTheLoopOfItsFirstWaiter() {
        Lock lock = new Lock();
        Asyncio.run(waitOnce(lock));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(waitOnce(lock)));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }

    @Async
    static Coroutine<Void> waitOnce(Lock lock) {
        try (var held = Await.on(lock.acquire())) {
            Task<Lock.Held> waiter = Asyncio.createTask(lock.acquire());
            Await.on(Asyncio.sleep(0));
            if (waiter.isDone()) {
                waiter.result().close();
            }
        }
        Await.on(Asyncio.sleep(0));
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> criticalSection(Lock lock, int[] inside, int[] entered, Random random) {
        try (var held = Await.on(lock.acquire())) {
            inside[0]++;
            try {
                assertEquals(1, inside[0], "two coroutines inside the lock");
                entered[0]++;
                Await.on(Asyncio.sleep(0));
                if (random.nextBoolean()) {
                    Await.on(Asyncio.sleep(0));
                }
            } finally {
                inside[0]--;
            }
        }
        return Coroutine.done();
    }

    /**
     * Random cancellations against many lockers (the invariant CPython's lock tests check one race
     * at a time): mutual exclusion always holds and every locker that is not cancelled gets in.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @Async
    void mutualExclusionSurvivesRandomCancellations(long seed) {
        Random random = new Random(seed);

        Lock lock = new Lock();
        int[] inside = new int[1];
        int[] entered = new int[1];
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(Asyncio.createTask(criticalSection(lock, inside, entered, random)));
        }
        int cancelled = 0;
        for (int round = 0; round < 100; round++) {
            Await.on(Asyncio.sleep(0));
            Task<Void> victim = tasks.get(random.nextInt(tasks.size()));
            if (victim.cancel()) {
                cancelled++;
            }
        }
        List<Object> outcomes = Await.on(Asyncio.gatherSettled(tasks));
        int completed = 0;
        for (Object o : outcomes) {
            if (o == null) {
                completed++;
            } else {
                assertInstanceOf(CancelledError.class, o);
            }
        }
        assertTrue(entered[0] >= completed, entered[0] + " entries for " + completed + " completions");
        assertEquals(tasks.size(), completed + countCancelled(tasks));
        assertTrue(cancelled > 0);
        assertFalse(lock.isLocked(), "nobody keeps the lock");
        assertNull(Await.on(Fixtures.failureOf(lock.acquire())), "and it can be acquired again");
    }

    private static int countCancelled(List<Task<Void>> tasks) {
        int n = 0;
        for (Task<Void> t : tasks) {
            n += t.isCancelled() ? 1 : 0;
        }
        return n;
    }

    /**
     * After test_locks.py::LockTests::test_acquire_cancel, cancelled by a timeout: an acquire that
     * times out leaves no waiter and never takes the lock.
     */
    @Test
    @Async
    void acquireTimeout() {
        Lock lock = new Lock();
        Lock.Held held = Await.on(lock.acquire());
        try (var deadline = Asyncio.timeout(0.02)) {
            Await.on(lock.acquire());
            fail("the lock is held: the acquire must time out");
        } catch (TimeoutError expected) {
            assertEquals("Lock[locked]", lock.toString());
        }
        held.close();
        assertFalse(lock.isLocked(), "the timed-out acquire did not take the lock");
    }
}
