package dev.weft.it.asyncio;

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
import dev.weft.Runner;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Asyncio.run} and {@code Runner}, as CPython's test_runners.py checks them. */
// Without WeftExtension: these tests check the entry points' own debug default and the tasks they cancel.
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
    @Async
    void runFromRunningLoop() {
        Await.on(Asyncio.sleep(0));
        Coroutine<Integer> inner = Fixtures.after(0, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(inner));
        assertTrue(e.getMessage().contains("running event loop"), e.getMessage());
        Await.on(inner); // still usable: it was not consumed
    }

    /** Mirrors test_runners.py::test_asyncio_run_cancels_hanging_tasks. */
    @Test
    void runCancelsHangingTasks() {
        List<String> log = new ArrayList<>();
        Task<Void> hanging = Asyncio.run(leaveASleeper(log));
        assertTrue(hanging.isCancelled());
        assertEquals(List.of("cancelled"), log);
    }

    /** Returns a task that sleeps for an hour, still sleeping. */
    @Async
    static Coroutine<Task<Void>> leaveASleeper(List<String> log) {
        Task<Void> sleeper = Asyncio.createTask(Fixtures.sleeper(3600, log));
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(sleeper);
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

    @Async
    static Coroutine<Void> leaveATaskThatFailsWhenCancelled(List<ExceptionContext> contexts) {
        Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> contexts.add(context));
        Asyncio.createTask(failsWhenCancelled());
        Await.on(Asyncio.sleep(0));
        return Coroutine.done();
    }

    /** Mirrors test_runners.py::test_asyncio_run_reports_hanging_tasks_errors. */
    @Test
    void runReportsHangingTasksErrors() {
        List<ExceptionContext> contexts = new ArrayList<>();
        Asyncio.run(leaveATaskThatFailsWhenCancelled(contexts));
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
        assertThrows(Boom.class, () -> Asyncio.run(failLeavingATask(hanging)));
        assertTrue(hanging[0].isCancelled());
    }

    /** Fails with the task it put in {@code hanging[0]} still sleeping. */
    @Async
    static Coroutine<Void> failLeavingATask(Task<?>[] hanging) {
        hanging[0] = Asyncio.createTask(Fixtures.forever());
        Await.on(Asyncio.sleep(0));
        throw new Boom("main failed");
    }

    /** Mirrors test_runners.RunnerTests.test_run: several runs share the runner's loop. */
    @Test
    void runnerRunsShareTheLoop() {
        try (Runner runner = new Runner()) {
            EventLoop first = runner.run(runningLoop());
            EventLoop second = runner.run(runningLoop());
            assertSame(first, second);
            assertSame(first, runner.getLoop());
            assertFalse(first.isClosed());
        }
    }

    /** Mirrors test_runners.RunnerTests.test_non_debug and test_debug, through a loop factory. */
    @Test
    void runnerDebugComesFromTheLoop() {
        try (Runner runner = new Runner()) {
            assertFalse(runner.run(isDebug()));
        }
        try (Runner runner = new Runner(() -> {
            EventLoop loop = new EventLoop();
            loop.setDebug(true);
            return loop;
        })) {
            assertTrue(runner.run(isDebug()));
        }
    }

    /** Mirrors test_runners.RunnerTests.test_custom_factory. */
    @Test
    void runnerUsesItsLoopFactory() {
        EventLoop custom = new EventLoop();
        try (Runner runner = new Runner(() -> custom)) {
            assertSame(custom, runner.getLoop());
            assertSame(custom, runner.run(runningLoop()));
        }
        assertTrue(custom.isClosed());
    }

    @Test
    void runnerRefusesAFactoryThatGivesNoFreshLoop() {
        EventLoop closed = new EventLoop();
        closed.close();
        try (Runner runner = new Runner(() -> closed)) {
            assertThrows(IllegalStateException.class, runner::getLoop);
        }
        try (Runner runner = new Runner(() -> null)) {
            assertThrows(IllegalStateException.class, runner::getLoop);
        }
        assertThrows(NullPointerException.class, () -> new Runner(null));
    }

    /** Mirrors test_runners.RunnerTests.test_explicit_close: the loop is closed, and the runner refuses further runs. */
    @Test
    void runnerExplicitClose() {
        Runner runner = new Runner();
        EventLoop loop = runner.run(runningLoop());
        runner.close();
        assertTrue(loop.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(Fixtures.after(0, 1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, runner::getLoop);
    }

    /** Mirrors test_runners.RunnerTests.test_double_close. */
    @Test
    void runnerDoubleClose() {
        Runner runner = new Runner();
        EventLoop loop = runner.getLoop();
        runner.close();
        assertTrue(loop.isClosed());
        runner.close();
        assertTrue(loop.isClosed());
    }

    /** Closing a runner that never ran closes it for good (Python would let it run later). */
    @Test
    void runnerClosedBeforeRunningStaysClosed() {
        Runner runner = new Runner();
        runner.close();
        assertThrows(IllegalStateException.class, () -> runner.run(Fixtures.after(0, 1)));
    }

    /** Mirrors test_runners.RunnerTests.test_recursive_run. */
    @Test
    void runnerRecursiveRun() {
        try (Runner runner = new Runner()) {
            runner.run(runAgainInside(runner));
        }
    }

    @Async
    static Coroutine<Void> runAgainInside(Runner runner) {
        Await.on(Asyncio.sleep(0));
        Coroutine<Integer> inner = Fixtures.after(0, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(inner));
        assertTrue(e.getMessage().contains("running event loop"), e.getMessage());
        Await.on(inner);
        return Coroutine.done();
    }

    /** A task left by one run goes on during the next; closing the runner cancels what is left. */
    @Test
    void runnerKeepsTasksBetweenRunsAndCancelsThemOnClose() {
        List<String> log = new ArrayList<>();
        Runner runner = new Runner();
        Task<Void> background = runner.run(leaveASleeper(log));
        assertFalse(background.isDone());
        assertEquals(1, runner.run(ThreadsafeTest.pendingTasksAfterATurn()), "the first run's task goes on");
        runner.close();
        assertTrue(background.isCancelled());
        assertEquals(List.of("cancelled"), log);
    }

    /** Mirrors test_runners.RunnerTests.test_run_non_coro (the type system refuses most; null is left). */
    @Test
    void runnerRunOnlyCoro() {
        try (Runner runner = new Runner()) {
            assertThrows(NullPointerException.class, () -> runner.run(null));
        }
    }
}
