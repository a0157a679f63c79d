package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio's Lock behaviour, after CPython's {@code Lib/test/test_asyncio/test_locks.py::LockTests}. */
class LockTest {

    @Async
    static Coroutine<Boolean> acquireAndRecord(Lock lock, List<Integer> result, int tag) {
        Await.on(lock.acquire());
        result.add(tag);
        return Coroutine.of(true);
    }

    @Async
    static Coroutine<Void> acquireInOrder() {
        Lock lock = new Lock();
        List<Integer> result = new ArrayList<>();
        Await.on(lock.acquire());
        Task<Boolean> t1 = Asyncio.createTask(acquireAndRecord(lock, result, 1));
        Task<Boolean> t2 = Asyncio.createTask(acquireAndRecord(lock, result, 2));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        lock.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);

        Task<Boolean> t3 = Asyncio.createTask(acquireAndRecord(lock, result, 3));
        lock.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2), result);
        lock.release();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(t1.result() && t2.result() && t3.result());
        return Coroutine.done();
    }

    /** Mirrors test_locks.py::LockTests::test_acquire. */
    @Test
    void acquire() {
        Asyncio.run(acquireInOrder());
    }

    @Async
    static Coroutine<Void> acquireCancel() {
        Lock lock = new Lock();
        Await.on(lock.acquire());
        Task<Lock.Held> task = Asyncio.createTask(lock.acquire());
        Asyncio.getRunningLoop().callSoon(task::cancel);
        try {
            Await.on(task);
            fail("the acquire should have been cancelled");
        } catch (CancelledError expected) {
            // the cancellation reaches whoever awaits the task
        }
        assertTrue(task.isCancelled());
        assertFalse(lock.toString().contains("waiters"), lock.toString());
        lock.release();
        assertFalse(lock.isLocked());
        return Coroutine.done();
    }

    /** Mirrors test_locks.py::LockTests::test_acquire_cancel. */
    @Test
    void acquireCancelLeavesNoWaiter() {
        Asyncio.run(acquireCancel());
    }
}
