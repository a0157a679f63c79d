package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Barrier;
import dev.weft.BrokenBarrierError;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's Barrier, after CPython's {@code Lib/test/test_asyncio/test_locks.py::BarrierTests}. */
@ExtendWith(WeftExtension.class)
class BarrierTest {
    private static final int N = 5;

    /** Starts {@code n} tasks made by {@code coro} and gathers them. */
    @Async
    static <T> Coroutine<List<T>> gatherTasks(int n, Supplier<Coroutine<T>> coro) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(coro.get()));
        }
        return Asyncio.gather(tasks);
    }

    /** Mirrors test_locks.py::BarrierTests::test_barrier_parties. */
    @Test
    void barrierParties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(N, new Barrier(N).parties());
    }

    /** Mirrors test_locks.py::BarrierTests::test_repr. */
    @Test
    @Async
    void repr() {
        Barrier barrier = new Barrier(N);
        assertEquals("Barrier[filling, waiters:0/5]", barrier.toString());
        List<Task<Integer>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiters.add(Asyncio.createTask(barrier.await()));
        }
        Await.on(Asyncio.sleep(0));
        assertEquals("Barrier[filling, waiters:2/5]", barrier.toString());
        for (int i = 0; i < 3; i++) {
            waiters.add(Asyncio.createTask(barrier.await()));
        }
        Await.on(Asyncio.sleep(0));
        assertEquals("Barrier[draining]", barrier.toString());
        for (int i = 0; i < 2; i++) {
            waiters.add(Asyncio.createTask(barrier.await()));
        }
        Await.on(Asyncio.sleep(0));
        barrier.reset();
        assertEquals("Barrier[resetting]", barrier.toString());
        barrier.abort();
        assertEquals("Barrier[broken]", barrier.toString());
        assertTrue(barrier.isBroken());
        Await.on(Asyncio.gatherSettled(waiters));
    }

    @Async
    static Coroutine<Integer> arriveAndRecord(Barrier barrier, List<Integer> results) {
        int i = Await.on(barrier.await());
        results.add(i);
        return Coroutine.of(i);
    }

    /** Mirrors test_locks.py::BarrierTests::test_context_manager: every party gets a distinct index. */
    @Test
    @Async
    void indicesAreDistinct() {
        Barrier barrier = new Barrier(3);
        List<Integer> results = new ArrayList<>();
        Await.on(gatherTasks(3, () -> arriveAndRecord(barrier, results)));
        Collections.sort(results);
        assertEquals(List.of(0, 1, 2), results);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    /** Mirrors test_locks.py::BarrierTests::test_filling_one_task. */
    @Test
    @Async
    void fillingOneTask() {
        Barrier barrier = new Barrier(1);
        assertEquals(0, Await.on(barrier.await()));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    /** Mirrors test_locks.py::BarrierTests::test_filling_one_task_twice. */
    @Test
    @Async
    void fillingOneTaskTwice() {
        Barrier barrier = new Barrier(1);
        Task<Integer> t1 = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.sleep(0));
        assertEquals(0, barrier.waiting());
        Task<Integer> t2 = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.sleep(0));
        assertEquals(t1.result(), t2.result());
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    /** Mirrors test_locks.py::BarrierTests::test_filling_task_by_task. */
    @Test
    @Async
    void fillingTaskByTask() {
        Barrier barrier = new Barrier(3);
        Task<Integer> t1 = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.sleep(0));
        assertEquals(1, barrier.waiting());
        Task<Integer> t2 = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.sleep(0));
        assertEquals(2, barrier.waiting());
        Task<Integer> t3 = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.gather(t1, t2, t3));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Async
    static Coroutine<Void> passTwice(Barrier barrier, List<Boolean> results) {
        Await.on(barrier.await());
        results.add(true);
        Await.on(barrier.await());
        results.add(false);
        return Coroutine.done();
    }

    /** Mirrors test_locks.py::BarrierTests::test_filling_tasks_wait_twice: the barrier is reusable. */
    @Test
    @Async
    void fillingTasksWaitTwice() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results = new ArrayList<>();
        Await.on(gatherTasks(N, () -> passTwice(barrier, results)));
        assertEquals(2 * N, results.size());
        assertEquals(N, Collections.frequency(results, true));
        assertEquals(List.of(true, true, true, true, true), results.subList(0, N), "no one starts round two early");
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Async
    static Coroutine<Void> recordDraining(Barrier barrier, List<Boolean> results) {
        Await.on(barrier.await());
        results.add(barrier.toString().contains("draining"));
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::BarrierTests::test_draining_state: the barrier drains until the last
     * released party has left.
     */
    @Test
    @Async
    void drainingState() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results = new ArrayList<>();
        Await.on(gatherTasks(N, () -> recordDraining(barrier, results)));
        assertEquals(N, results.size());
        assertFalse(results.get(N - 1));
        assertFalse(results.subList(0, N - 1).contains(false));
    }

    @Async
    static Coroutine<Void> rewaitOrBlock(Barrier barrier, Barrier noWaiting, int[] rewait) {
        Await.on(barrier.await());
        if (rewait[0] > 0) {
            rewait[0]--;
            Await.on(barrier.await());
        } else {
            Await.on(noWaiting.await());
            Await.on(barrier.await());
        }
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::BarrierTests::test_blocking_tasks_while_draining: parties arriving while
     * the barrier drains wait for the next round.
     */
    @Test
    @Async
    void blockingTasksWhileDraining() {
        int rewait = 2;
        Barrier barrier = new Barrier(N);
        Barrier noWaiting = new Barrier(N - rewait);
        Await.on(gatherTasks(N, () -> rewaitOrBlock(barrier, noWaiting, new int[] {rewait})));
    }

    /** Mirrors test_locks.py::BarrierTests::test_filling_tasks_cancel_one: a cancelled party leaves the count. */
    @Test
    @Async
    void fillingTasksCancelOne() {
        Barrier barrier = new Barrier(3);
        List<Integer> results = new ArrayList<>();
        Task<Integer> t1 = Asyncio.createTask(arriveAndRecord(barrier, results));
        Await.on(Asyncio.sleep(0));
        assertEquals(1, barrier.waiting());
        Task<Integer> t2 = Asyncio.createTask(arriveAndRecord(barrier, results));
        Await.on(Asyncio.sleep(0));
        assertEquals(2, barrier.waiting());

        t1.cancel();
        Await.on(Asyncio.sleep(0));
        assertEquals(1, barrier.waiting());
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(t1)));

        Task<Integer> t3 = Asyncio.createTask(arriveAndRecord(barrier, results));
        Await.on(Asyncio.sleep(0));
        assertEquals(2, barrier.waiting());
        Task<Integer> t4 = Asyncio.createTask(arriveAndRecord(barrier, results));
        Await.on(Asyncio.gather(t2, t3, t4));
        assertEquals(3, results.size());
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    /** Mirrors test_locks.py::BarrierTests::test_reset_barrier. */
    @Test
    void resetBarrier() {
        Barrier barrier = new Barrier(1);
        barrier.reset();
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Async
    static Coroutine<Boolean> brokenOnWait(Barrier barrier) {
        try {
            Await.on(barrier.await());
            return Coroutine.of(false);
        } catch (BrokenBarrierError e) {
            return Coroutine.of(true);
        }
    }

    /** Mirrors test_locks.py::BarrierTests::test_reset_barrier_while_tasks_waiting. */
    @Test
    @Async
    void resetBarrierWhileTasksWaiting() {
        Barrier barrier = new Barrier(N);
        List<Task<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < N - 1; i++) {
            tasks.add(Asyncio.createTask(brokenOnWait(barrier)));
        }
        Await.on(Asyncio.sleep(0));
        barrier.reset();
        assertEquals(List.of(true, true, true, true), Await.on(Asyncio.gather(tasks)));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.toString().contains("resetting"));
        assertFalse(barrier.isBroken());
    }

    @Async
    static Coroutine<Void> waitAgainAfterReset(Barrier barrier, List<Boolean> results1, List<Boolean> results2) {
        try {
            Await.on(barrier.await());
        } catch (BrokenBarrierError e) {
            results1.add(true);
        } finally {
            Await.on(barrier.await());
            results2.add(true);
        }
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::BarrierTests::test_reset_barrier_while_tasks_waiting_and_waiting_again:
     * parties broken by a reset can use the barrier again at once.
     */
    @Test
    @Async
    void resetBarrierWhileTasksWaitingAndWaitingAgain() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < N - 1; i++) {
            tasks.add(Asyncio.createTask(waitAgainAfterReset(barrier, results1, results2)));
        }
        Await.on(Asyncio.sleep(0));
        barrier.reset();
        Await.on(Asyncio.sleep(0));
        Task<Integer> last = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.gather(tasks));
        Await.on(last);
        assertFalse(barrier.isBroken());
        assertEquals(N - 1, results1.size());
        assertEquals(N - 1, results2.size());
        assertEquals(0, barrier.waiting());
    }

    @Async
    static Coroutine<Void> resetWhenHalfDrained(Barrier barrier, List<Boolean> results1, int restOfTasks, int[] count) {
        try {
            Await.on(barrier.await());
        } catch (BrokenBarrierError e) {
            results1.add(true);
            return Coroutine.done();
        }
        count[0]++;
        if (count[0] == N - restOfTasks) {
            barrier.reset(); // the other released parties are still draining: they are not broken
        }
        return Coroutine.done();
    }

    /**
     * After test_locks.py::BarrierTests::test_reset_barrier_when_tasks_half_draining: a reset while
     * released parties drain breaks nobody who was already released, and the barrier fills again.
     */
    @Test
    @Async
    void resetBarrierWhenTasksHalfDraining() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        Await.on(gatherTasks(N, () -> resetWhenHalfDrained(barrier, results1, N / 2, new int[1])));
        assertEquals(List.of(), results1);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.toString().contains("resetting"));
        assertFalse(barrier.isBroken());
        List<Integer> again = Await.on(gatherTasks(N, barrier::await));
        Collections.sort(again);
        assertEquals(List.of(0, 1, 2, 3, 4), again, "the barrier fills again after the reset");
    }

    /** Mirrors test_locks.py::BarrierTests::test_abort_barrier. */
    @Test
    @Async
    void abortBarrier() {
        Barrier barrier = new Barrier(1);
        barrier.abort();
        assertEquals(0, barrier.waiting());
        assertTrue(barrier.isBroken());
        BrokenBarrierError e = assertInstanceOf(BrokenBarrierError.class, Await.on(Fixtures.failureOf(barrier.await())));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    }

    @Async
    static Coroutine<Void> abortOnFailure(Barrier barrier, List<Boolean> results1, List<Boolean> results2) {
        try {
            int i = Await.on(barrier.await());
            if (i == N / 2) {
                throw new IllegalStateException("party " + i + " fails");
            }
            Await.on(barrier.await());
            results1.add(true);
        } catch (BrokenBarrierError e) {
            results2.add(true);
        } catch (IllegalStateException e) {
            barrier.abort();
        }
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::BarrierTests::test_abort_barrier_when_exception: one failing party
     * aborts, every other waiting party gets BrokenBarrierError.
     */
    @Test
    @Async
    void abortBarrierWhenException() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        Await.on(gatherTasks(N, () -> abortOnFailure(barrier, results1, results2)));
        assertTrue(barrier.isBroken());
        assertEquals(0, results1.size());
        assertEquals(N - 1, results2.size());
        assertEquals(0, barrier.waiting());
    }

    @Async
    static Coroutine<Void> abortThenReset(Barrier barrier1, Barrier barrier2, List<Boolean> results1,
            List<Boolean> results2, List<Boolean> results3) {
        try {
            int i = Await.on(barrier1.await());
            if (i == N / 2) {
                throw new IllegalStateException("party " + i + " fails");
            }
            Await.on(barrier1.await());
            results1.add(true);
        } catch (BrokenBarrierError e) {
            results2.add(true);
        } catch (IllegalStateException e) {
            barrier1.abort();
        }
        // Everyone has left barrier1 before the reset, and nobody enters it again before.
        int i = Await.on(barrier2.await());
        if (i == N / 2) {
            barrier1.reset();
        }
        Await.on(barrier2.await());
        Await.on(barrier1.await());
        results3.add(true);
        return Coroutine.done();
    }

    /**
     * Mirrors test_locks.py::BarrierTests::test_abort_barrier_when_exception_then_resetting: a reset
     * repairs an aborted barrier.
     */
    @Test
    @Async
    void abortBarrierWhenExceptionThenResetting() {
        Barrier barrier1 = new Barrier(N);
        Barrier barrier2 = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        List<Boolean> results3 = new ArrayList<>();
        Await.on(gatherTasks(N, () -> abortThenReset(barrier1, barrier2, results1, results2, results3)));
        assertFalse(barrier1.isBroken());
        assertEquals(0, results1.size());
        assertEquals(N - 1, results2.size());
        assertEquals(N, results3.size());
        assertEquals(0, barrier1.waiting());
    }
}
