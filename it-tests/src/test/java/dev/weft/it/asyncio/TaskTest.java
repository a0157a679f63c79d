package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link Task} API, as CPython's test_tasks.py and test_futures.py check it. */
@ExtendWith(WeftExtension.class)
class TaskTest {

    /** Mirrors test_tasks.py::test_get_coro. */
    @Test
    @Async
    void getCoro() {
        Coroutine<Integer> coro = Fixtures.after(0, 1);
        Task<Integer> task = Asyncio.createTask(coro);
        assertSame(coro, task.getCoroutine());
        Await.on(task);
    }

    /** Mirrors test_tasks.py::test_task_set_name_pylong and test_task_repr_name: default and explicit names. */
    @Test
    @Async
    void names() {
        Task<Void> unnamed = Asyncio.createTask(Asyncio.sleep(0));
        assertTrue(unnamed.getName().matches("Task-\\d+"), unnamed.getName());
        Task<Void> named = Asyncio.createTask(Asyncio.sleep(0), "the name");
        assertEquals("the name", named.getName());
        named.setName("renamed");
        assertEquals("renamed", named.getName());
        assertTrue(named.toString().contains("renamed"));
        Await.on(Asyncio.gather(unnamed, named));
    }

    /** Mirrors test_tasks.py::test_task_set_methods: a task's outcome cannot be set from outside. */
    @Test
    @Async
    void taskSetMethods() {
        Task<Void> task = Asyncio.createTask(Asyncio.sleep(0));
        assertThrows(UnsupportedOperationException.class, () -> task.setResult(null));
        assertThrows(UnsupportedOperationException.class, () -> task.setException(new Boom("x")));
        Await.on(task);
    }

    /** Mirrors test_futures.py::test_initial_state and test_result: result() of a pending task is InvalidStateError. */
    @Test
    @Async
    void resultBeforeDone() {
        Task<Integer> task = Asyncio.createTask(Fixtures.after(0.01, 7));
        assertFalse(task.isDone());
        assertFalse(task.isCancelled());
        assertThrows(IllegalStateException.class, task::result);
        assertThrows(IllegalStateException.class, task::exception);
        assertEquals(7, Await.on(task));
        assertEquals(7, task.result());
        assertNull(task.exception());
    }

    /** Mirrors test_futures.py::test_exception: result() rethrows the same exception, exception() returns it. */
    @Test
    @Async
    void exceptionState() {
        Boom boom = new Boom("x");
        Task<Object> task = Asyncio.createTask(Fixtures.failAfter(0, boom));
        assertSame(boom, Await.on(failureOf(task)));
        assertSame(boom, task.exception());
        assertSame(boom, assertThrows(Boom.class, task::result));
    }

    /** Mirrors test_futures.py::test_cancel: result() and exception() of a cancelled task throw CancelledError. */
    @Test
    @Async
    void cancelledState() {
        Task<Void> task = Asyncio.createTask(Fixtures.forever());
        Await.on(Asyncio.sleep(0));
        assertTrue(task.cancel());
        Await.on(failureOf(task));
        assertTrue(task.isCancelled());
        assertTrue(task.isDone());
        assertThrows(CancelledError.class, task::result);
        assertThrows(CancelledError.class, task::exception);
        assertFalse(task.cancel());
    }

    /** Mirrors test_futures.py::test_callbacks_invoked_on_set_result: callbacks run through the loop, in order. */
    @Test
    @Async
    void doneCallbacksRunThroughTheLoop() {
        List<String> log = new ArrayList<>();
        dev.weft.Future<Integer> f = Asyncio.getRunningLoop().createFuture();
        f.addDoneCallback(x -> log.add("first " + x.result()));
        f.addDoneCallback(x -> log.add("second " + x.result()));
        f.setResult(1);
        assertEquals(List.of(), log); // not inline: scheduled on the loop
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of("first 1", "second 1"), log);
    }

    /** Mirrors test_futures.py::test_callbacks_invoked_on_set_result, adding a callback to a done task. */
    @Test
    @Async
    void doneCallbackOnADoneTaskIsScheduled() {
        List<String> log = new ArrayList<>();
        Task<Integer> task = Asyncio.createTask(Fixtures.after(0, 1));
        Await.on(task);
        task.addDoneCallback(t -> log.add("late"));
        assertEquals(List.of(), log);
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of("late"), log);
    }

    /** Mirrors test_futures.py::test_remove_done_callback: every registration of the callback goes. */
    @Test
    @Async
    void removeDoneCallback() {
        Await.on(assertOnlyBRunsOnceAIsRemoved(List.of("a", "b", "a"), 2));
    }

    /** Mirrors test_futures.py::test_callbacks_remove_first_callback. */
    @Test
    @Async
    void removeFirstCallback() {
        Await.on(assertOnlyBRunsOnceAIsRemoved(List.of("a", "b"), 1));
    }

    /**
     * Adds the callbacks "a" and "b" to a task in the order of {@code registrations}, removes "a"
     * ({@code removed} registrations go at once, none are left for a second removal) and checks
     * that only "b" runs.
     */
    @Async
    private static Coroutine<Void> assertOnlyBRunsOnceAIsRemoved(List<String> registrations, int removed) {
        List<String> log = new ArrayList<>();
        Consumer<Task<Integer>> a = t -> log.add("a");
        Consumer<Task<Integer>> b = t -> log.add("b");
        Task<Integer> task = Asyncio.createTask(Fixtures.after(0, 1));
        for (String name : registrations) {
            task.addDoneCallback(name.equals("a") ? a : b);
        }
        assertEquals(removed, task.removeDoneCallback(a));
        assertEquals(0, task.removeDoneCallback(a));
        Await.on(task);
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of("b"), log);
        return Coroutine.done();
    }

    @Async
    static Coroutine<Task<?>> reportCurrentTask() {
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(Asyncio.currentTask());
    }

    /** Mirrors test_tasks.py::test_current_task: none outside a loop, each task's own inside. */
    @Test
    void currentTask() {
        assertNull(Asyncio.currentTask());
        eachTaskIsCurrentWhileItRuns();
        assertNull(Asyncio.currentTask());
    }

    @Async
    private static void eachTaskIsCurrentWhileItRuns() {
        Task<Task<?>> task = Asyncio.createTask(reportCurrentTask());
        assertSame(task, Await.on(task));
        assertNotEquals(task, Asyncio.currentTask());
    }

    @Async
    static Coroutine<Void> interleaved(Task<?>[] self, List<Boolean> checks, double delay) {
        checks.add(Asyncio.currentTask() == self[0]);
        Await.on(Asyncio.sleep(delay));
        checks.add(Asyncio.currentTask() == self[0]);
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_current_task_with_interleaving_tasks. */
    @Test
    @Async
    void currentTaskWithInterleavingTasks() {
        List<Boolean> checks = new ArrayList<>();
        Task<?>[] a = new Task<?>[1];
        Task<?>[] b = new Task<?>[1];
        a[0] = Asyncio.createTask(interleaved(a, checks, 0.02));
        b[0] = Asyncio.createTask(interleaved(b, checks, 0.01));
        Await.on(Asyncio.gather(a[0], b[0]));
        assertEquals(List.of(true, true, true, true), checks);
    }

    /** Mirrors test_tasks.py::test_task_awaits_on_itself. */
    @Test
    @Async
    void taskAwaitsOnItself() {
        Task<?>[] self = new Task<?>[1];
        self[0] = Asyncio.createTask(awaitSelf(self));
        Throwable outcome = Await.on(failureOf(self[0]));
        assertInstanceOf(IllegalStateException.class, outcome);
    }

    @Async
    static Coroutine<Void> awaitSelf(Task<?>[] self) {
        Await.on(Asyncio.sleep(0));
        Await.on(self[0]);
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_all_tasks: unfinished tasks of the running loop, the running one included. */
    @Test
    @Async
    void allTasks() {
        Task<Void> sleeper = Asyncio.createTask(Asyncio.sleep(0.01));
        assertTrue(Asyncio.allTasks().contains(sleeper));
        assertTrue(Asyncio.allTasks().contains(Asyncio.currentTask()));
        Await.on(sleeper);
        assertFalse(Asyncio.allTasks().contains(sleeper));
    }

    /** Mirrors test_tasks.py::test_sleep: sleep(delay, result) completes with the result after the delay. */
    @Test
    @Async
    void sleep() {
        EventLoop loop = Asyncio.getRunningLoop();
        double t0 = loop.time();
        assertEquals("done", Await.on(Asyncio.sleep(0.05, "done")));
        assertTrue(loop.time() - t0 >= 0.049);
    }

    /**
     * Cancelling a sleeping task cancels its timer at once, so nothing stays scheduled for it;
     * sleep(0, result) yields once and completes with its result.
     */
    @Test
    @Async
    void cancellingASleepCancelsItsTimer() {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<String> sleeper = Asyncio.createTask(Asyncio.sleep(3600, "never"));
        Await.on(Asyncio.sleep(0));
        assertEquals(1, loop.stats().timers());
        assertTrue(sleeper.cancel("enough"));
        assertEquals(0, loop.stats().timers());
        assertEquals(1, loop.stats().cancelledTimers());
        assertEquals("enough", assertInstanceOf(CancelledError.class, Await.on(failureOf(sleeper))).getMessage());
        assertEquals("now", Await.on(Asyncio.sleep(0, "now")));
    }

    @Async
    static Coroutine<Void> countTurns(List<String> log, String name) {
        for (int i = 0; i < 3; i++) {
            log.add(name + i);
            Await.on(Asyncio.sleep(0));
        }
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_sleep_zero: sleep(0) yields to the other ready tasks exactly once. */
    @Test
    @Async
    void sleepZeroInterleaves() {
        List<String> log = new ArrayList<>();
        Await.on(Asyncio.gather(countTurns(log, "a"), countTurns(log, "b")));
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
    }

    /** Mirrors test_tasks.py::test_task_exception_never_retrieved style checks in test_futures.py::test_tb_logger_exception_retrieved. */
    @Test
    @Async
    void retrievedExceptionIsNotReported() {
        Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
        handler.install(Asyncio.getRunningLoop());
        Task<Object> task = Asyncio.createTask(Fixtures.failAfter(0, new Boom("seen")));
        Await.on(failureOf(task));
        assertEquals(0, Asyncio.getRunningLoop().stats().unretrieved());
    }

    /** Mirrors test_tasks.py::test_exception_chaining_after_await: exceptions propagate as the same object through tasks. */
    @Test
    @Async
    void exceptionsPropagateUnchanged() {
        Boom boom = new Boom("same");
        Task<Object> inner = Asyncio.createTask(Fixtures.failAfter(0.001, boom));
        Task<Object> outer = Asyncio.createTask(awaitTask(inner));
        assertSame(boom, Await.on(failureOf(outer)));
    }

    @Async
    static Coroutine<Object> awaitTask(Task<Object> task) {
        return Coroutine.of(Await.on(task));
    }

    /** The loop's entry point into a task is not part of the public API: nobody else may step a task. */
    @Test
    void taskCannotBeSteppedFromOutside() {
        assertFalse(Runnable.class.isAssignableFrom(Task.class));
        assertThrows(NoSuchMethodException.class, () -> Task.class.getMethod("run"));
    }
}
