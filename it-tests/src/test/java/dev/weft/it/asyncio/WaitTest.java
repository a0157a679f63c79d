package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.EventLoop;
import dev.weft.ReturnWhen;
import dev.weft.Task;
import dev.weft.Wait;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code Asyncio.wait}, as CPython's test_tasks.py checks it. */
@ExtendWith(WeftExtension.class)
class WaitTest {

    /** Mirrors test_tasks.py::test_wait: ALL_COMPLETED waits for every task. */
    @Test
    @Async
    void waitAllCompleted() {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<String> a = Asyncio.createTask(Fixtures.after(0.01, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(0.03, "b"));
        double t0 = loop.time();
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(b, a)));
        assertTrue(loop.time() - t0 >= 0.029);
        assertEquals(Set.of(a, b), r.done());
        assertEquals(Set.of(), r.pending());
    }

    /** Mirrors test_tasks.py::test_wait_duplicate_coroutines: duplicates count once. */
    @Test
    @Async
    void waitDuplicates() {
        Task<String> a = Asyncio.createTask(Fixtures.after(0.01, "a"));
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(a, a)));
        assertEquals(Set.of(a), r.done());
    }

    /** The result's sets answer lookups and take changes like the sets Python returns (they start as arrays). */
    @Test
    @Async
    void resultSetsLookUpAndChange() {
        Task<String> a = Asyncio.createTask(Fixtures.after(0, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(0, "b"));
        Task<String> c = Asyncio.createTask(Fixtures.after(0, "c"));
        Task<String> slow = Asyncio.createTask(Fixtures.after(10, "slow"));
        Await.on(Asyncio.sleep(0.01));
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(a, b, c, slow), ReturnWhen.FIRST_COMPLETED));
        assertEquals(List.of(a, b, c), List.copyOf(r.done()));
        java.util.Iterator<Task<String>> it = r.done().iterator();
        it.next();
        it.remove();
        assertEquals(List.of(b, c), List.copyOf(r.done()));
        assertTrue(r.done().contains(b));
        assertFalse(r.done().contains(a));
        assertTrue(r.done().remove(c));
        assertTrue(r.done().add(a));
        assertEquals(List.of(b, a), List.copyOf(r.done()));
        assertEquals(Set.of(slow), r.pending());
        slow.cancel();
    }

    /** Mirrors test_tasks.py::test_wait_first_completed. */
    @Test
    @Async
    void waitFirstCompleted() {
        Task<String> a = Asyncio.createTask(Fixtures.after(10, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(0.01, "b"));
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(b), r.done());
        assertEquals(Set.of(a), r.pending());
        assertFalse(a.isDone());
        a.cancel();
    }

    /** Mirrors test_tasks.py::test_wait_really_done: FIRST_COMPLETED with tasks already done returns them all as done. */
    @Test
    @Async
    void waitReallyDone() {
        Task<String> a = Asyncio.createTask(Fixtures.after(0, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(0, "b"));
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(a, b), r.done());
    }

    /** Mirrors test_tasks.py::test_wait_first_exception. */
    @Test
    @Async
    void waitFirstException() {
        Task<Object> a = Asyncio.createTask(Fixtures.after(10, "a"));
        Task<Object> b = Asyncio.createTask(Fixtures.failAfter(0.01, new Boom("b")));
        Wait.Result<Object> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(b), r.done());
        assertEquals(Set.of(a), r.pending());
        a.cancel();
    }

    /** Mirrors test_tasks.py::test_wait_first_exception_in_wait: without failures FIRST_EXCEPTION waits for all. */
    @Test
    @Async
    void waitFirstExceptionWithoutFailures() {
        Task<Object> a = Asyncio.createTask(Fixtures.after(0.02, "a"));
        Task<Object> b = Asyncio.createTask(Fixtures.after(0.01, "b"));
        Wait.Result<Object> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(a, b), r.done());
    }

    /** Mirrors test_tasks.py::test_wait_first_exception, where a cancellation is not a failure. */
    @Test
    @Async
    void waitFirstExceptionIgnoresCancellation() {
        Task<Object> a = Asyncio.createTask(Fixtures.after(0.03, "a"));
        Task<Object> b = Asyncio.createTask(Fixtures.after(10, "b"));
        Await.on(Asyncio.sleep(0));
        b.cancel();
        Wait.Result<Object> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(a, b), r.done());
    }

    /** Mirrors test_tasks.py::test_wait_with_exception: wait never throws the tasks' exceptions. */
    @Test
    @Async
    void waitWithException() {
        Task<Object> a = Asyncio.createTask(Fixtures.failAfter(0.01, new Boom("a")));
        Task<Object> b = Asyncio.createTask(Fixtures.after(0.02, "b"));
        Wait.Result<Object> r = Await.on(Asyncio.wait(List.of(a, b)));
        assertEquals(Set.of(a, b), r.done());
        assertInstanceOf(Boom.class, a.exception());
    }

    /** Mirrors test_tasks.py::test_wait_with_timeout. */
    @Test
    @Async
    void waitWithTimeout() {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<String> a = Asyncio.createTask(Fixtures.after(0.01, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(10, "b"));
        double t0 = loop.time();
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED, 0.3));
        double took = loop.time() - t0;
        assertTrue(took >= 0.299 && took < 5, "took " + took);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
        assertFalse(b.isCancelled()); // wait cancels nothing
        assertEquals(1, loop.stats().timers(), "only b's sleep remains: wait's own timer is gone");
        b.cancel();
    }

    /** Mirrors test_tasks.py::test_wait_concurrent_complete: a timeout shorter than the tasks. */
    @Test
    @Async
    void waitConcurrentComplete() {
        Task<String> a = Asyncio.createTask(Fixtures.after(0.01, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(0.1, "b"));
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED, 0.001));
        assertEquals(Set.of(), r.done());
        assertEquals(Set.of(a, b), r.pending());
        Await.on(Asyncio.gather(a, b));
    }

    /** Mirrors test_tasks.py::test_wait_errors: an empty collection is refused. */
    @Test
    @Async
    void waitErrors() {
        Await.on(Asyncio.sleep(0));
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Task<Object>>of()));
        Task<Void> task = Asyncio.createTask(Asyncio.sleep(0));
        assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(task), null));
        Await.on(task);
    }

    /** Mirrors test_tasks.py::test_yield_wait_does_not_shield_cancel: cancelling the waiter cancels only the waiter. */
    @Test
    @Async
    void waitDoesNotShieldCancel() {
        Task<String> a = Asyncio.createTask(Fixtures.after(10, "a"));
        Task<Wait.Result<String>> waiter = Asyncio.createTask(Asyncio.wait(List.of(a)));
        Await.on(Asyncio.sleep(0));
        waiter.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(waiter)));
        assertFalse(a.isDone()); // the waited task is untouched
        a.cancel();
    }
}
