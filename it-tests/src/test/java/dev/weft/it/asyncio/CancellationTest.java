package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Task cancellation, as CPython's test_tasks.py checks it. */
@ExtendWith(WeftExtension.class)
class CancellationTest {

    /** Mirrors test_tasks.py::test_cancel: cancelling a task before it starts. */
    @Test
    @Async
    void cancelBeforeStart() {
        List<String> log = new ArrayList<>();
        Task<Void> task = Asyncio.createTask(Fixtures.sleeper(10, log));
        assertTrue(task.cancel());
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(task.isCancelled());
        assertEquals(List.of(), log); // the body never ran
    }

    /** Mirrors test_tasks.py::test_cancel_yield: cancelling a task suspended at sleep(0). */
    @Test
    @Async
    void cancelYield() {
        List<String> log = new ArrayList<>();
        Task<Void> task = Asyncio.createTask(Fixtures.sleeper(0, log));
        Await.on(Asyncio.sleep(0)); // the task is now suspended in sleep(0)
        assertTrue(task.cancel());
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertEquals(List.of("cancelled"), log);
    }

    @Async
    static Coroutine<Void> awaitFuture(Future<Void> f) {
        Await.on(f);
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_cancel_inner_future: cancelling the awaited future cancels the task. */
    @Test
    @Async
    void cancelInnerFuture() {
        Future<Void> f = Asyncio.getRunningLoop().createFuture();
        Task<Void> task = Asyncio.createTask(awaitFuture(f));
        Await.on(Asyncio.sleep(0));
        f.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(task.isCancelled());
    }

    /** Mirrors test_tasks.py::test_cancel_both_task_and_inner_future. */
    @Test
    @Async
    void cancelBothTaskAndInnerFuture() {
        Future<Void> f = Asyncio.getRunningLoop().createFuture();
        Task<Void> task = Asyncio.createTask(awaitFuture(f));
        Await.on(Asyncio.sleep(0));
        f.cancel();
        task.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(f.isCancelled());
        assertTrue(task.isCancelled());
    }

    @Async
    static Coroutine<Integer> catchesCancellation(Future<Integer> f) {
        try {
            Await.on(f);
            return Coroutine.of(0);
        } catch (CancelledError e) {
            Await.on(Asyncio.sleep(0)); // awaiting during cleanup works
            return Coroutine.of(42);
        }
    }

    /** Mirrors test_tasks.py::test_cancel_task_catching: a task that swallows the cancellation completes normally. */
    @Test
    @Async
    void cancelTaskCatching() {
        Future<Integer> f = Asyncio.getRunningLoop().createFuture();
        Task<Integer> task = Asyncio.createTask(catchesCancellation(f));
        Await.on(Asyncio.sleep(0));
        task.cancel();
        assertEquals(42, Await.on(task));
        assertFalse(task.isCancelled());
    }

    @Async
    static Coroutine<Integer> ignoresCancellation(Future<Integer> f1, Future<Integer> f2) {
        int res = 0;
        try {
            Await.on(f1);
        } catch (CancelledError ignored) {
            res = Await.on(f2);
        }
        return Coroutine.of(res);
    }

    /** Mirrors test_tasks.py::test_cancel_task_ignoring: after swallowing a cancellation the task keeps awaiting. */
    @Test
    @Async
    void cancelTaskIgnoring() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Integer> f1 = loop.createFuture();
        Future<Integer> f2 = loop.createFuture();
        Task<Integer> task = Asyncio.createTask(ignoresCancellation(f1, f2));
        Await.on(Asyncio.sleep(0));
        task.cancel();
        Await.on(Asyncio.sleep(0));
        assertTrue(f1.isCancelled());
        f2.setResult(42);
        assertEquals(42, Await.on(task));
        assertFalse(task.isCancelled());
    }

    @Async
    static Coroutine<Integer> cancelsItself(List<String> log) {
        Asyncio.currentTask().cancel();
        log.add("still running until the next await");
        Await.on(Asyncio.sleep(100));
        log.add("unreachable");
        return Coroutine.of(12);
    }

    /** Mirrors test_tasks.py::test_cancel_current_task. */
    @Test
    @Async
    void cancelCurrentTask() {
        List<String> log = new ArrayList<>();
        Task<Integer> task = Asyncio.createTask(cancelsItself(log));
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(task.isCancelled());
        assertEquals(List.of("still running until the next await"), log);
    }

    @Async
    static Coroutine<Integer> cancelsItselfAtTheEnd() {
        Await.on(Asyncio.sleep(0));
        Asyncio.currentTask().cancel();
        return Coroutine.of(12);
    }

    /** Mirrors test_tasks.py::test_cancel_at_end: a task cancelled after its last await ends cancelled. */
    @Test
    @Async
    void cancelAtEnd() {
        Task<Integer> task = Asyncio.createTask(cancelsItselfAtTheEnd());
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(task.isCancelled());
    }

    @Async
    static Coroutine<Void> awaitsTask(Task<Void> inner) {
        Await.on(inner);
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_cancel_awaited_task: cancelling a task that awaits another cancels that one too. */
    @Test
    @Async
    void cancelAwaitedTask() {
        Task<Void> inner = Asyncio.createTask(Fixtures.forever());
        Task<Void> outer = Asyncio.createTask(awaitsTask(inner));
        Await.on(Asyncio.sleep(0));
        outer.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
        assertTrue(inner.isCancelled());
    }

    /** Mirrors test_tasks.py::test_task_cancel_message_getter and test_cancel_with_message_then_future_result. */
    @Test
    @Async
    void cancelWithMessageThenFutureResult() {
        Task<Void> task = Asyncio.createTask(Fixtures.forever());
        Await.on(Asyncio.sleep(0));
        task.cancel("my message");
        Throwable outcome = Await.on(failureOf(task));
        assertEquals("my message", outcome.getMessage());
        try {
            task.result();
        } catch (CancelledError e) {
            assertEquals("my message", e.getMessage());
        }
    }

    /** Mirrors test_tasks.py::test_cancel_with_message_then_future_exception. */
    @Test
    @Async
    void cancelWithMessageThenFutureException() {
        Task<Void> task = Asyncio.createTask(Fixtures.forever());
        Await.on(Asyncio.sleep(0));
        task.cancel("my message");
        Await.on(failureOf(task));
        try {
            task.exception();
            throw new AssertionError("exception() of a cancelled task must throw");
        } catch (CancelledError e) {
            assertEquals("my message", e.getMessage());
        }
    }

    /** Mirrors test_tasks.py::test_cancel_with_message_before_starting_task. */
    @Test
    @Async
    void cancelWithMessageBeforeStartingTask() {
        Task<Void> task = Asyncio.createTask(Fixtures.forever());
        task.cancel("my message");
        Throwable outcome = Await.on(failureOf(task));
        assertEquals("my message", outcome.getMessage());
    }

    /** Mirrors test_tasks.py::test_cancelling: the count of pending requests. */
    @Test
    @Async
    void cancelling() {
        Task<Void> task = Asyncio.createTask(Fixtures.forever());
        Await.on(Asyncio.sleep(0));
        assertEquals(0, task.cancelling());
        task.cancel();
        assertEquals(1, task.cancelling());
        task.cancel();
        assertEquals(2, task.cancelling());
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
    }

    @Async
    static Coroutine<String> uncancelsAndContinues() {
        try {
            Await.on(Asyncio.sleep(10));
        } catch (CancelledError e) {
            Asyncio.currentTask().uncancel();
        }
        Await.on(Asyncio.sleep(0.001)); // not cancelled again
        return Coroutine.of("survived");
    }

    /** Mirrors test_tasks.py::test_uncancel_basic. */
    @Test
    @Async
    void uncancelBasic() {
        Task<String> task = Asyncio.createTask(uncancelsAndContinues());
        Await.on(Asyncio.sleep(0));
        task.cancel();
        assertEquals("survived", Await.on(task));
        assertEquals(0, task.cancelling());
        assertFalse(task.isCancelled());
    }

    /** Mirrors test_tasks.py::test_uncancel_resets_must_cancel: uncancelling to zero withdraws a pending cancel. */
    @Test
    @Async
    void uncancelResetsMustCancel() {
        Task<String> task = Asyncio.createTask(Fixtures.after(0.001, "ran"));
        task.cancel();
        assertEquals(0, task.uncancel());
        assertEquals("ran", Await.on(task));
    }

    @Async
    static Coroutine<List<String>> structuredBlocks() {
        List<String> log = new ArrayList<>();
        Task<?> me = Asyncio.currentTask();
        try {
            me.cancel();
            Await.on(Asyncio.sleep(0));
        } catch (CancelledError e) {
            log.add("first " + me.uncancel());
        }
        try {
            me.cancel();
            Await.on(Asyncio.sleep(0));
        } catch (CancelledError e) {
            log.add("second " + me.uncancel());
        }
        Await.on(Asyncio.sleep(0));
        log.add("done " + me.cancelling());
        return Coroutine.of(log);
    }

    /** Mirrors test_tasks.py::test_uncancel_structured_blocks: each block withdraws its own request. */
    @Test
    @Async
    void uncancelStructuredBlocks() {
        assertEquals(List.of("first 0", "second 0", "done 0"), Await.on(Asyncio.createTask(structuredBlocks())));
    }

    @Async
    static Coroutine<String> cleansUpWithAwaits(List<String> log) {
        try {
            Await.on(Asyncio.sleep(10));
        } finally {
            Await.on(Asyncio.sleep(0.001));
            log.add("finally ran after an await");
        }
        return Coroutine.of("unreachable");
    }

    /** Mirrors test_tasks.py::test_cancellation_exception_context: finally blocks run and may await. */
    @Test
    @Async
    void finallyMayAwaitDuringCancellation() {
        List<String> log = new ArrayList<>();
        Task<String> task = Asyncio.createTask(cleansUpWithAwaits(log));
        Await.on(Asyncio.sleep(0));
        task.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertEquals(List.of("finally ran after an await"), log);
    }

    @Async
    static Coroutine<String> awaitStage(CompletableFuture<String> stage) {
        return Coroutine.of(Await.on(stage));
    }

    /** Mirrors test_futures.py::test_wrap_future_cancel: cancelling the awaiter cancels the CompletableFuture. */
    @Test
    @Async
    void wrapFutureCancel() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Task<String> task = Asyncio.createTask(awaitStage(stage));
        Await.on(Asyncio.sleep(0));
        task.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(stage.isCancelled());
    }

    /** Mirrors test_futures.py::test_wrap_future_cancel2: a stage cancelled elsewhere cancels the awaiting task. */
    @Test
    @Async
    void wrapFutureCancelledElsewhere() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Task<String> task = Asyncio.createTask(awaitStage(stage));
        Await.on(Asyncio.sleep(0));
        new Thread(() -> stage.cancel(false)).start();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertTrue(task.isCancelled());
    }

    /** Mirrors test_tasks.py::test_task_cancel_sleeping_task: the sleep's timer is gone after the cancel. */
    @Test
    @Async
    void cancelSleepingTaskLeavesNoTimer() {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<Void> task = Asyncio.createTask(Fixtures.forever());
        Await.on(Asyncio.sleep(0));
        assertEquals(1, loop.stats().timers());
        task.cancel();
        Await.on(failureOf(task));
        assertEquals(0, loop.stats().timers());
    }

    @Async
    static Coroutine<Void> waitsUntilCancelledTwice(List<String> log) {
        for (int i = 0; i < 2; i++) {
            try {
                Await.on(Asyncio.sleep(10));
            } catch (CancelledError e) {
                log.add("cancel " + i);
            }
        }
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_cancel_task_ignoring, cancelling the same task twice at two awaits. */
    @Test
    @Async
    void eachCancelHitsTheCurrentAwait() {
        List<String> log = new ArrayList<>();
        Task<Void> task = Asyncio.createTask(waitsUntilCancelledTwice(log));
        Await.on(Asyncio.sleep(0));
        task.cancel();
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        task.cancel();
        Await.on(task);
        assertEquals(List.of("cancel 0", "cancel 1"), log);
        assertEquals(2, task.cancelling());
    }

    /** Mirrors test_tasks.py::test_cancel: cancel() of a done task returns false and changes nothing. */
    @Test
    @Async
    void cancelDoneTask() {
        Task<Integer> task = Asyncio.createTask(Fixtures.after(0, 5));
        Await.on(task);
        assertFalse(task.cancel());
        assertEquals(5, task.result());
        assertNull(task.exception());
    }
}
