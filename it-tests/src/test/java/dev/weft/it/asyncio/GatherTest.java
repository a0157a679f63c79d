package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** {@code Asyncio.gather} and {@code gatherSettled}, as CPython's test_tasks.py (GatherTests) checks them. */
@ExtendWith(WeftExtension.class)
class GatherTest {

    /** Mirrors test_tasks.py::test_constructor_empty_sequence. */
    @Test
    @Async
    void emptySequence() {
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), Await.on(Asyncio.gather(List.<Task<Object>>of())));
        assertEquals(List.of(), Await.on(Asyncio.gatherSettled()));
    }

    /** Mirrors test_tasks.py::test_result_exception_success: results in argument order, not completion order. */
    @Test
    @Async
    void resultsInArgumentOrder() {
        List<String> r = Await.on(Asyncio.gather(Fixtures.after(0.03, "a"), Fixtures.after(0.01, "b"), Fixtures.after(0.02, "c")));
        assertEquals(List.of("a", "b", "c"), r);
    }

    /** Mirrors test_tasks.py::test_one_exception: the first failure propagates while the others keep running. */
    @Test
    @Async
    void oneException() {
        Boom boom = new Boom("first");
        Task<Object> slow = Asyncio.createTask(Fixtures.after(0.5, "slow"));
        Task<Object> failing = Asyncio.createTask(Fixtures.failAfter(0.01, boom));
        assertSame(boom, Await.on(failureOf(Asyncio.gather(slow, failing))));
        assertFalse(slow.isDone()); // not cancelled
        assertEquals("slow", Await.on(slow));
    }

    /** Mirrors test_tasks.py::test_return_exceptions: failures become list elements. */
    @Test
    @Async
    void returnExceptions() {
        Boom boom = new Boom("x");
        List<Object> r = Await.on(Asyncio.gatherSettled(Fixtures.after(0.01, 1), Fixtures.failAfter(0, boom), Fixtures.after(0, 3)));
        assertEquals(Arrays.asList(1, boom, 3), r);
    }

    /** Mirrors test_tasks.py::test_one_cancellation: a cancelled child cancels the gather. */
    @Test
    @Async
    void oneCancellation() {
        Task<Void> a = Asyncio.createTask(Fixtures.forever());
        Task<Integer> b = Asyncio.createTask(Fixtures.after(0.5, 2));
        Coroutine<List<Object>> gathered = Asyncio.gather(a, b);
        Await.on(Asyncio.sleep(0));
        a.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(gathered)));
        assertFalse(b.isDone()); // others keep running
        Await.on(b);
    }

    /** Mirrors test_tasks.py::test_result_exception_one_cancellation: with gatherSettled a cancelled child is a CancelledError element. */
    @Test
    @Async
    void resultExceptionOneCancellation() {
        Task<Void> a = Asyncio.createTask(Fixtures.forever());
        Task<Integer> b = Asyncio.createTask(Fixtures.after(0.01, 2));
        Coroutine<List<Object>> gathered = Asyncio.gatherSettled(a, b);
        Await.on(Asyncio.sleep(0));
        a.cancel("why");
        List<Object> r = Await.on(gathered);
        assertInstanceOf(CancelledError.class, r.get(0));
        assertEquals("why", ((CancelledError) r.get(0)).getMessage());
        assertEquals(2, r.get(1));
    }

    @Async
    static Coroutine<List<Object>> gatherTwo(Task<Void> a, Task<Void> b) {
        return Coroutine.of(Await.on(Asyncio.gather(a, b)));
    }

    /** Mirrors test_tasks.py::test_cancellation_broadcast: cancelling the awaiter of a gather cancels every child. */
    @Test
    @Async
    void cancellationBroadcast() {
        Task<Void> a = Asyncio.createTask(Fixtures.forever());
        Task<Void> b = Asyncio.createTask(Fixtures.forever());
        Task<List<Object>> parent = Asyncio.createTask(gatherTwo(a, b));
        Await.on(Asyncio.sleep(0));
        parent.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(parent)));
        assertTrue(a.isCancelled());
        assertTrue(b.isCancelled());
    }

    @Async
    static Coroutine<String> swallowsCancel() {
        try {
            Await.on(Asyncio.sleep(10));
        } catch (CancelledError e) {
            return Coroutine.of("swallowed");
        }
        return Coroutine.of("slept");
    }

    /** Mirrors test_tasks.py::test_cancel_gather_2: the gather ends cancelled even if a child swallowed the cancellation. */
    @Test
    @Async
    void cancelGatherEvenIfChildSwallows() {
        Task<String> child = Asyncio.createTask(swallowsCancel());
        Task<List<Object>> parent = Asyncio.createTask(gatherSettledOne(child));
        Await.on(Asyncio.sleep(0));
        parent.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(parent)));
        assertEquals("swallowed", child.result());
    }

    @Async
    static Coroutine<List<Object>> gatherSettledOne(Task<String> child) {
        return Coroutine.of(Await.on(Asyncio.gatherSettled(child)));
    }

    /** Mirrors test_tasks.py::test_cancel_gather_1: cancelling a gather whose children are already done fails. */
    @Test
    @Async
    void cancelGatherOfFinishedChildren() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Integer> f = loop.createFuture();
        Task<List<Integer>> gathered = Asyncio.createTask(Asyncio.gather(f));
        Await.on(Asyncio.sleep(0));
        f.setResult(1);
        // the gather's awaiting task cannot cancel a done child: the cancel lands on the task itself
        assertTrue(gathered.cancel());
        assertInstanceOf(CancelledError.class, Await.on(failureOf(gathered)));
    }

    /** Mirrors test_tasks.py::test_duplicate_coroutines: the same coroutine twice runs once, reported twice. */
    @Test
    @Async
    void duplicateCoroutines() {
        Coroutine<String> c = Fixtures.after(0.001, "abc");
        Task<String> t = Asyncio.createTask(Fixtures.after(0.001, "def"));
        List<String> r = Await.on(Asyncio.gather(c, c, t, t, c));
        assertEquals(List.of("abc", "abc", "def", "def", "abc"), r);
    }

    /** Mirrors test_tasks.py::test_constructor_homogenous_futures: plain futures gathered. */
    @Test
    @Async
    void homogenousFutures() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = loop.createFuture();
        Coroutine<List<Integer>> gathered = Asyncio.gather(a, b);
        loop.callLater(0.01, () -> b.setResult(2));
        loop.callLater(0.02, () -> a.setResult(1));
        assertEquals(List.of(1, 2), Await.on(gathered));
    }

    /** Mirrors test_tasks.py::test_exception_marking: failures of children after the gather failed are marked retrieved. */
    @Test
    @Async
    void exceptionMarking() {
        Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
        handler.install(Asyncio.getRunningLoop());
        Task<Object> first = Asyncio.createTask(Fixtures.failAfter(0.001, new Boom("first")));
        Task<Object> second = Asyncio.createTask(Fixtures.failAfter(0.01, new Boom("second")));
        Await.on(failureOf(Asyncio.gather(first, second)));
        Await.on(Asyncio.wait(List.of(second))); // wait() does not retrieve; the gather's callback runs first
        assertTrue(second.isDone());
        assertEquals(0, Asyncio.getRunningLoop().stats().unretrieved());
    }

    /** Mirrors test_tasks.py::test_gather_shield: shielded children survive the gather's cancellation. */
    @Test
    @Async
    void gatherShield() {
        Task<Integer> inner1 = Asyncio.createTask(Fixtures.after(0.02, 1));
        Task<Integer> inner2 = Asyncio.createTask(Fixtures.after(0.02, 2));
        Task<List<Integer>> outer = Asyncio.createTask(Asyncio.gather(Asyncio.shield(inner1), Asyncio.shield(inner2)));
        Await.on(Asyncio.sleep(0));
        outer.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
        assertEquals(1, Await.on(inner1));
        assertEquals(2, Await.on(inner2));
    }

    /** Mirrors test_tasks.py::test_constructor_heterogenous_futures: coroutines, tasks and futures together. */
    @Test
    @Async
    void heterogenousAwaitables() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Object> f = loop.createFuture();
        loop.callLater(0.005, () -> f.setResult("future"));
        List<Object> r = Await.on(Asyncio.gather(Fixtures.after(0, "coroutine"), Asyncio.createTask(Fixtures.after(0, "task")), f));
        assertEquals(List.of("coroutine", "task", "future"), r);
    }

    /** Mirrors test_tasks.py::test_return_exceptions, with many children gathered from a collection. */
    @Test
    @Async
    void gatherCollection() {
        List<Coroutine<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            work.add(Fixtures.after((100 - i) / 10000.0, i));
        }
        List<Integer> r = Await.on(Asyncio.gather(work));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, r.get(i));
        }
    }

    @Test
    @Async
    void nullArgumentsSayWhatToPass() {
        Await.on(Asyncio.sleep(0));
        assertNamesTheFix(() -> Asyncio.gather((Awaitable<Object>[]) null));
        assertNamesTheFix(() -> Asyncio.gather((Collection<Task<Object>>) null));
        assertNamesTheFix(() -> Asyncio.gatherSettled((Awaitable<?>[]) null));
        assertNamesTheFix(() -> Asyncio.gatherSettled((Collection<Task<Object>>) null));
        Coroutine<Integer> first = Fixtures.after(0, 1);
        NullPointerException element = assertThrows(NullPointerException.class, () -> Asyncio.gather(first, null));
        assertTrue(element.getMessage().contains("element 1"), element.getMessage());
        Await.on(first); // refused, so still ours to await
    }

    private static void assertNamesTheFix(Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains("pass"), String.valueOf(e.getMessage()));
    }
}
