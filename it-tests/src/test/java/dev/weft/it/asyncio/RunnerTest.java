package dev.weft.it.asyncio;

import static dev.weft.it.asyncio.Fixtures.runAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import dev.weft.Task;
import dev.weft.it.asyncio.Fixtures.Boom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Asyncio.run}, as CPython's test_runners.py checks it. */
class RunnerTest {

    /** Mirrors test_runners.py::test_asyncio_run_return. */
    @Test
    void runReturn() {
        assertEquals(42, Asyncio.run(Fixtures.after(0, 42)));
    }

    /** Mirrors test_runners.py::test_asyncio_run_raises: the same exception object comes out. */
    @Test
    void runRaises() {
        Boom boom = new Boom("spam");
        assertSame(boom, assertThrows(Boom.class, () -> Asyncio.run(Fixtures.failAfter(0, boom))));
    }

    /** Mirrors test_runners.py::test_asyncio_run_only_coro. */
    @Test
    void runOnlyCoro() {
        assertThrows(NullPointerException.class, () -> Asyncio.run(null));
    }

    /** Mirrors test_runners.py::test_asyncio_run_debug. */
    @Test
    void runDebug() {
        assertTrue(Asyncio.run(isDebug(), true));
        assertFalse(Asyncio.run(isDebug()));
    }

    @Async
    static Coroutine<Boolean> isDebug() {
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(Asyncio.getRunningLoop().isDebug());
    }

    /** Mirrors test_runners.py::test_asyncio_run_from_running_loop. */
    @Test
    void runFromRunningLoop() {
        runAsync(() -> {
            Await.on(Asyncio.sleep(0));
            Coroutine<Integer> inner = Fixtures.after(0, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(inner));
            assertTrue(e.getMessage().contains("running event loop"), e.getMessage());
            Await.on(inner); // still usable: it was not consumed
            return Coroutine.done();
        });
    }

    /** Mirrors test_runners.py::test_asyncio_run_cancels_hanging_tasks. */
    @Test
    void runCancelsHangingTasks() {
        List<String> log = new ArrayList<>();
        Task<?>[] hanging = new Task<?>[1];
        Asyncio.run(Fixtures.asCoroutine(() -> {
            hanging[0] = Asyncio.createTask(Fixtures.sleeper(3600, log));
            Await.on(Asyncio.sleep(0));
            return Coroutine.done();
        }));
        assertTrue(hanging[0].isCancelled());
        assertEquals(List.of("cancelled"), log);
    }

    @Async
    static Coroutine<Void> failsWhenCancelled() {
        try {
            Await.on(Asyncio.sleep(3600));
        } catch (CancelledError e) {
            throw new Boom("during shutdown");
        }
        return Coroutine.done();
    }

    /** Mirrors test_runners.py::test_asyncio_run_reports_hanging_tasks_errors. */
    @Test
    void runReportsHangingTasksErrors() {
        List<ExceptionContext> contexts = new ArrayList<>();
        Asyncio.run(Fixtures.asCoroutine(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> contexts.add(context));
            Asyncio.createTask(failsWhenCancelled());
            Await.on(Asyncio.sleep(0));
            return Coroutine.done();
        }));
        assertEquals(1, contexts.size());
        assertTrue(contexts.get(0).message().contains("shutdown"), contexts.get(0).message());
        assertEquals("during shutdown", contexts.get(0).exception().getMessage());
    }

    /** Mirrors test_runners.py::test_asyncio_run_closes_loop: a fresh loop each time, closed afterwards. */
    @Test
    void runUsesAFreshLoopAndClosesIt() {
        EventLoop first = Asyncio.run(runningLoop());
        EventLoop second = Asyncio.run(runningLoop());
        assertTrue(first != second);
        assertTrue(first.isClosed());
        assertTrue(second.isClosed());
    }

    @Async
    static Coroutine<EventLoop> runningLoop() {
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(Asyncio.getRunningLoop());
    }

    /** Mirrors test_runners.py::test_asyncio_run_closes_gens_after_hanging_tasks_errors: the executor is shut down. */
    @Test
    void runShutsDownTheDefaultExecutor() {
        EventLoop loop = Asyncio.run(usesExecutor());
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    }

    @Async
    static Coroutine<EventLoop> usesExecutor() {
        Await.on(Asyncio.toThread(() -> 1));
        return Coroutine.of(Asyncio.getRunningLoop());
    }

    /** Mirrors test_runners.py::test_asyncio_run_cancels_hanging_tasks, when main itself fails. */
    @Test
    void runCancelsLeftoversWhenMainFails() {
        Task<?>[] hanging = new Task<?>[1];
        assertThrows(Boom.class, () -> Asyncio.run(Fixtures.asCoroutine(() -> {
            hanging[0] = Asyncio.createTask(Fixtures.forever());
            Await.on(Asyncio.sleep(0));
            throw new Boom("main failed");
        })));
        assertTrue(hanging[0].isCancelled());
    }
}
