package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.AsyncIterator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code Asyncio.asCompleted}, as CPython's test_tasks.py checks it. */
@ExtendWith(WeftExtension.class)
class AsCompletedTest {

    /** Mirrors test_tasks.py::test_as_completed: results arrive in completion order. */
    @Test
    @Async
    void asCompleted() {
        List<String> order = new ArrayList<>();
        for (String s : Await.each(Asyncio.asCompleted(List.of(
                Fixtures.after(0.03, "a"), Fixtures.after(0.01, "b"), Fixtures.after(0.02, "c"))))) {
            order.add(s);
        }
        assertEquals(List.of("b", "c", "a"), order);
    }

    /** Mirrors test_tasks.py::test_as_completed_with_timeout: past the deadline the next element throws TimeoutError. */
    @Test
    @Async
    void asCompletedWithTimeout() {
        List<String> order = new ArrayList<>();
        Task<String> slow = Asyncio.createTask(Fixtures.after(10, "slow"));
        try {
            for (String s : Await.each(Asyncio.asCompleted(List.of(slow, Fixtures.after(0.01, "fast")), 0.5))) {
                order.add(s);
            }
            fail("expected a TimeoutError");
        } catch (TimeoutError expected) {
            // expected
        }
        assertEquals(List.of("fast"), order);
        slow.cancel();
    }

    /** Mirrors test_tasks.py::test_as_completed_with_unused_timeout: a timeout that never fires leaves no timer. */
    @Test
    @Async
    void asCompletedWithUnusedTimeout() {
        EventLoop loop = Asyncio.getRunningLoop();
        List<String> order = new ArrayList<>();
        for (String s : Await.each(Asyncio.asCompleted(List.of(Fixtures.after(0.01, "a")), 10))) {
            order.add(s);
        }
        assertEquals(List.of("a"), order);
        assertEquals(0, loop.stats().timers());
    }

    /** Mirrors test_tasks.py::test_as_completed_reverse_wait: results already done are handed out at once. */
    @Test
    @Async
    void asCompletedReverseWait() {
        Task<String> a = Asyncio.createTask(Fixtures.after(0.02, "a"));
        Task<String> b = Asyncio.createTask(Fixtures.after(0.01, "b"));
        var it = Asyncio.asCompleted(List.of(a, b)).iterator();
        Await.on(Asyncio.sleep(0.05));
        List<String> order = new ArrayList<>();
        while (Await.on(it.hasNext())) {
            order.add(it.next());
        }
        assertEquals(List.of("b", "a"), order);
    }

    /** Mirrors test_tasks.py::test_as_completed_concurrent: two at the same time both arrive. */
    @Test
    @Async
    void asCompletedConcurrent() {
        List<String> order = new ArrayList<>();
        for (String s : Await.each(Asyncio.asCompleted(List.of(Fixtures.after(0.01, "a"), Fixtures.after(0.01, "b"))))) {
            order.add(s);
        }
        assertEquals(2, order.size());
        assertTrue(order.containsAll(List.of("a", "b")));
    }

    /** Mirrors test_tasks.py::test_as_completed_duplicate_coroutines: the same awaitable twice counts once. */
    @Test
    @Async
    void asCompletedDuplicates() {
        Coroutine<String> c = Fixtures.after(0.001, "ok");
        List<String> order = new ArrayList<>();
        for (String s : Await.each(Asyncio.asCompleted(List.of(c, c)))) {
            order.add(s);
        }
        assertEquals(List.of("ok"), order);
    }

    /** Mirrors test_tasks.py::test_as_completed: a failure is thrown in its turn, later results still wait. */
    @Test
    @Async
    void asCompletedFailureInItsTurn() {
        List<String> order = new ArrayList<>();
        Task<String> late = Asyncio.createTask(Fixtures.after(0.03, "late"));
        try {
            for (String s : Await.each(Asyncio.asCompleted(List.of(
                    Fixtures.after(0.01, "first"), Fixtures.<String>failAfter(0.02, new Boom("second")), late)))) {
                order.add(s);
            }
            fail("expected the failure");
        } catch (Boom expected) {
            assertEquals("second", expected.getMessage());
        }
        assertEquals(List.of("first"), order);
        assertEquals("late", Await.on(late));
    }

    /** Mirrors test_tasks.py::test_as_completed: an empty collection yields nothing. */
    @Test
    @Async
    void asCompletedEmpty() {
        int n = 0;
        for (Object ignored : Await.each(Asyncio.asCompleted(List.<Task<Object>>of()))) {
            n++;
        }
        assertEquals(0, n);
    }

    /** Weft: with a result ready, hasNext() asked twice before either answer is awaited gives two answers, both awaitable. */
    @Test
    @Async
    void hasNextTwiceBeforeAwaitingEither() {
        Task<String> done = Asyncio.createTask(Fixtures.after(0, "only"));
        Await.on(done);
        AsyncIterator<String> results = Asyncio.asCompleted(List.of(done)).iterator();
        Coroutine<Boolean> first = results.hasNext();
        Coroutine<Boolean> second = results.hasNext();
        assertTrue(Await.on(first));
        assertTrue(Await.on(second));
        assertEquals("only", results.next());
        assertFalse(Await.on(results.hasNext()));
    }
}
