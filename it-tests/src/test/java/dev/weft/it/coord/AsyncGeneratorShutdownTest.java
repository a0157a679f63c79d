package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import dev.weft.Task;
import dev.weft.test.AllowPendingTasks;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link EventLoop#shutdownAsyncgens()} and the step of {@code Asyncio.run} that awaits it, after
 * CPython's {@code Lib/test/test_asyncgen.py::AsyncGenAsyncioTest} shutdown tests and
 * {@code Lib/test/test_asyncio/test_runners.py}.
 *
 * <p>Each test keeps its generators referenced until it has checked them: the loop holds them
 * weakly, and a collected generator cannot be closed.
 */
@ExtendWith(WeftExtension.class)
class AsyncGeneratorShutdownTest {

    @Async
    static AsyncGenerator<Integer> logsItsClose(List<String> log, String name) {
        try {
            Await.yield(1);
            Await.yield(2);
        } finally {
            log.add(name + " closing");
            Await.on(Asyncio.sleep(0));
            log.add(name + " closed");
        }
        return AsyncGenerator.end();
    }

    @Async
    static AsyncGenerator<Integer> failsToClose(List<String> log) {
        try {
            Await.yield(1);
        } finally {
            log.add("failing closed");
            Await.yield(1 / (log.size() - log.size()));
        }
        return AsyncGenerator.end();
    }

    /** Sets a handler collecting the loop's error reports, then takes one value from each generator and drops them. */
    @SafeVarargs
    @Async
    static Coroutine<Void> startAndAbandon(List<ExceptionContext> reports, AsyncGenerator<Integer>... gens) {
        Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
        for (AsyncGenerator<Integer> gen : gens) {
            assertTrue(Await.on(gen.iterator().hasNext()));
        }
        return Coroutine.done();
    }

    /** {@code Asyncio.run} of {@link #startAndAbandon}: what the loop's exception handler was told. */
    @SafeVarargs
    static List<ExceptionContext> runAbandoning(AsyncGenerator<Integer>... gens) {
        List<ExceptionContext> reports = new ArrayList<>();
        Asyncio.run(startAndAbandon(reports, gens));
        return reports;
    }

    /** After test_asyncgen.py::test_async_gen_asyncio_shutdown_02, iterated by hand: Asyncio.run closes the generator. */
    @Test
    void abandonedStartedGeneratorIsClosedWhenRunEnds() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = logsItsClose(log, "gen");
        assertEquals(List.of(), runAbandoning(gen));
        assertEquals(List.of("gen closing", "gen closed"), log);
        assertTrue(gen.isFinished());
    }

    /** Mirrors test_asyncgen.py::test_asyncgen_nonstarted_hooks_are_cancellable: a generator never started is left alone. */
    @Test
    void unstartedGeneratorIsNotTouched() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = logsItsClose(log, "gen");
        assertEquals(List.of(), runAbandoning()); // gen exists during the run but never starts
        assertEquals(List.of(), log);
        assertFalse(gen.isFinished());
    }

    @Async
    static Coroutine<Void> exhaustOneCloseOther(AsyncGenerator<Integer> exhausted, AsyncGenerator<Integer> closed) {
        for (int ignored : Await.each(exhausted)) {
            // runs to the end
        }
        assertTrue(Await.on(closed.hasNext()));
        Await.on(closed.aclose());
        return Coroutine.done();
    }

    /** After test_asyncgen.py::test_async_gen_aclose_after_exhaustion: a finished generator is not closed again. */
    @Test
    void exhaustedOrClosedGeneratorIsNotClosedTwice() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> exhausted = logsItsClose(log, "exhausted");
        AsyncGenerator<Integer> closed = logsItsClose(log, "closed");
        Asyncio.run(exhaustOneCloseOther(exhausted, closed));
        assertEquals(List.of("exhausted closing", "exhausted closed", "closed closing", "closed closed"), log);
    }

    /**
     * Mirrors test_asyncgen.py::test_async_gen_asyncio_shutdown_exception_01: the failure is
     * reported with the generator, and the other generators are closed all the same.
     */
    @Test
    void failingCloseIsReportedAndTheOthersAreClosed() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> first = logsItsClose(log, "first");
        AsyncGenerator<Integer> failing = failsToClose(log);
        AsyncGenerator<Integer> last = logsItsClose(log, "last");
        List<ExceptionContext> reports = runAbandoning(first, failing, last);
        assertTrue(log.containsAll(List.of("first closed", "failing closed", "last closed")), log.toString());
        assertEquals(1, reports.size());
        ExceptionContext report = reports.get(0);
        assertSame(failing, report.source());
        assertInstanceOf(ArithmeticException.class, report.exception());
        assertTrue(report.message().contains("an error occurred during closing of asynchronous generator"), report.message());
        assertTrue(first.isFinished() && failing.isFinished() && last.isFinished());
    }

    /** Mirrors test_asyncgen.py::test_async_gen_asyncio_shutdown_01: every generator is closed, concurrently. */
    @Test
    void severalAbandonedGeneratorsAreClosedConcurrently() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> a = logsItsClose(log, "a");
        AsyncGenerator<Integer> b = logsItsClose(log, "b");
        AsyncGenerator<Integer> c = logsItsClose(log, "c");
        assertEquals(List.of(), runAbandoning(a, b, c));
        // Each finally awaits between its two entries, so closes run one after another would not interleave.
        assertEquals(List.of("a closing", "b closing", "c closing", "a closed", "b closed", "c closed"), log);
        assertTrue(a.isFinished() && b.isFinished() && c.isFinished());
    }

    @Async
    static Coroutine<String> later(String value) {
        Await.on(Asyncio.sleep(0.01));
        return Coroutine.of(value);
    }

    @Async
    static AsyncGenerator<Integer> awaitsInFinally(List<String> log) {
        try {
            Await.yield(1);
            Await.yield(2);
        } finally {
            Task<String> task = Asyncio.createTask(later("task"));
            log.add(Await.on(later("coroutine")));
            log.add(Await.on(task));
        }
        return AsyncGenerator.end();
    }

    /** After test_asyncgen.py::test_async_gen_asyncio_aclose_12: a finally that awaits a coroutine and a task works during shutdown. */
    @Test
    void finallyThatAwaitsRunsDuringShutdown() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = awaitsInFinally(log);
        assertEquals(List.of(), runAbandoning(gen));
        assertEquals(List.of("coroutine", "task"), log);
        assertTrue(gen.isFinished());
    }

    @Async
    static AsyncGenerator<Integer> fidget() {
        while (true) {
            Await.yield(1);
            Await.on(Asyncio.sleep(1));
        }
    }

    @Async
    static Coroutine<Void> spin(AsyncGenerator<Integer> spinner) {
        try {
            for (int ignored : Await.each(spinner)) {
                // forever, until cancelled
            }
        } catch (CancelledError e) {
            throw new ArithmeticException("/ by zero");
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> leaveASpinnerAndFail(AsyncGenerator<Integer> spinner, List<ExceptionContext> reports) {
        Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
        Asyncio.createTask(spin(spinner));
        Await.on(Asyncio.sleep(0));
        throw new IllegalStateException("fancy exit");
    }

    /** Mirrors test_runners.py::test_asyncio_run_closes_gens_after_hanging_tasks_errors. */
    @Test
    @AllowPendingTasks // the spinning task, which Asyncio.run cancels
    void runClosesGeneratorsAfterHangingTasksErrors() {
        AsyncGenerator<Integer> spinner = fidget();
        List<ExceptionContext> reports = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(leaveASpinnerAndFail(spinner, reports)));
        assertEquals("fancy exit", e.getMessage());
        assertTrue(spinner.isFinished());
        assertEquals(1, reports.size(), "only the leftover task's failure");
        assertInstanceOf(ArithmeticException.class, reports.get(0).exception());
    }

    /** Runs {@code steps} on a new loop driven by hand, then closes the loop. */
    static void onOwnLoop(Consumer<EventLoop> steps) {
        EventLoop loop = new EventLoop();
        try {
            steps.accept(loop);
        } finally {
            loop.close();
        }
    }

    /** Mirrors test_asyncgen.py::test_async_gen_asyncio_shutdown_01 on a loop driven by hand. */
    @Test
    void shutdownAsyncgensOnALoopDrivenByHand() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = logsItsClose(log, "gen");
        onOwnLoop(loop -> {
            loop.runUntilComplete(startAndAbandon(new ArrayList<>(), gen));
            assertEquals(List.of(), log);
            loop.runUntilComplete(loop.shutdownAsyncgens());
            assertEquals(List.of("gen closing", "gen closed"), log);
            loop.runUntilComplete(loop.shutdownAsyncgens());
        });
        assertEquals(2, log.size(), "a second shutdown finds nothing left to close");
        assertTrue(gen.isFinished());
    }

    /** After base_events.py's firstiter hook: a generator started after the shutdown is still tracked, and a later one closes it. */
    @Test
    void generatorStartedAfterShutdownIsClosedByTheNextOne() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = logsItsClose(log, "late");
        onOwnLoop(loop -> {
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(startAndAbandon(new ArrayList<>(), gen));
            loop.runUntilComplete(loop.shutdownAsyncgens());
        });
        assertEquals(List.of("late closing", "late closed"), log);
        assertTrue(gen.isFinished());
    }
}
