package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.Wait;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code Asyncio.waitFor}, as CPython's test_waitfor.py checks it. */
@ExtendWith(WeftExtension.class)
class WaitForTest {
    private static final double EPSILON = 0.0001;
    private static final double SLOW_TASK_SECONDS = 0.2;

    private boolean flag;
    private boolean exited;

    /** Runs for a fixed time, ignoring cancellation requests (test_waitfor.py's SlowTask). */
    @Async
    Coroutine<Void> slowTask() {
        double exitAt = System.nanoTime() / 1e9 + SLOW_TASK_SECONDS;
        for (;;) {
            double toSleep = exitAt - System.nanoTime() / 1e9;
            if (toSleep <= 0) {
                break;
            }
            try {
                Await.on(Asyncio.sleep(toSleep));
            } catch (CancelledError ignored) {
                // keeps running
            }
        }
        exited = true;
        return Coroutine.done();
    }

    /** Mirrors test_waitfor.py::test_asyncio_wait_for_cancelled. */
    @Test
    @Async
    void asyncioWaitForCancelled() {
        Task<Void> waitForTask = Asyncio.createTask(Asyncio.waitFor(slowTask(), SLOW_TASK_SECONDS * 2));
        Await.on(Asyncio.sleep(0));
        waitForTask.cancel();
        Await.on(Asyncio.wait(List.of(waitForTask)));
        assertTrue(exited);
    }

    /** Mirrors test_waitfor.py::test_asyncio_wait_for_timeout. */
    @Test
    @Async
    void asyncioWaitForTimeout() {
        try {
            Await.on(Asyncio.waitFor(slowTask(), SLOW_TASK_SECONDS / 2));
        } catch (TimeoutError ignored) {
            // the slow task ignores cancellation, so this may or may not time out
        }
        assertTrue(exited);
    }

    /** Mirrors test_waitfor.py::test_wait_for_timeout_less_then_0_or_0_future_done. */
    @Test
    @Async
    void waitForTimeoutZeroFutureDone() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<String> fut = loop.createFuture();
        fut.setResult("done");
        double t0 = loop.time();
        String ret = Await.on(Asyncio.waitFor(fut, 0));
        assertEquals("done", ret);
        assertTrue(fut.isDone());
        assertTrue(loop.time() - t0 < 0.1);
    }

    @Async
    Coroutine<Void> setsFlag() {
        flag = true;
        return Coroutine.done();
    }

    /** Mirrors test_waitfor.py::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started. */
    @Test
    @Async
    void waitForTimeoutZeroCoroutineNotStarted() {
        Throwable outcome = Await.on(failureOf(Asyncio.waitFor(setsFlag(), 0)));
        assertInstanceOf(TimeoutError.class, outcome);
        assertFalse(flag);
    }

    @Async
    Coroutine<String> runningUntilCancelled(Future<Void> started) {
        flag = true;
        started.setResult(null);
        try {
            Await.on(Asyncio.sleep(10));
        } finally {
            flag = false;
        }
        return Coroutine.of("done");
    }

    /** Mirrors test_waitfor.py::test_wait_for_timeout_less_then_0_or_0, for both 0 and -1. */
    @Test
    @Async
    void waitForTimeoutZeroOrNegative() {
        EventLoop loop = Asyncio.getRunningLoop();
        for (double timeout : new double[] {0, -1}) {
            Future<Void> started = loop.createFuture();
            Task<String> fut = Asyncio.createTask(runningUntilCancelled(started));
            Await.on(started);
            double t0 = loop.time();
            Throwable outcome = Await.on(failureOf(Asyncio.waitFor(fut, timeout)));
            assertInstanceOf(TimeoutError.class, outcome);
            assertTrue(fut.isDone());
            assertTrue(fut.isCancelled());
            assertFalse(flag);
            assertTrue(loop.time() - t0 < 0.1);
        }
    }

    /** Mirrors test_waitfor.py::test_wait_for. */
    @Test
    @Async
    void waitForTimesOutAndCancelsTheTask() {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<String> fut = Asyncio.createTask(runningUntilCancelled(loop.createFuture()));
        double t0 = loop.time();
        Throwable outcome = Await.on(failureOf(Asyncio.waitFor(fut, 0.1)));
        assertInstanceOf(TimeoutError.class, outcome);
        assertTrue(fut.isCancelled());
        assertTrue(loop.time() - t0 < 0.5);
        assertFalse(flag);
    }

    /** Mirrors test_waitfor.py::test_wait_for_blocking (no timeout). */
    @Test
    @Async
    void waitForBlocking() {
        String res = Await.on(Asyncio.waitFor(Fixtures.after(0, "done"), Double.POSITIVE_INFINITY));
        assertEquals("done", res);
    }

    /** Mirrors test_waitfor.py::test_wait_for_race_condition. */
    @Test
    @Async
    void waitForRaceCondition() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<String> fut = loop.createFuture();
        Coroutine<String> waiting = Asyncio.waitFor(fut, 0.2);
        loop.callLater(0.1, () -> fut.setResult("ok"));
        assertEquals("ok", Await.on(waiting));
    }

    @Async
    static Coroutine<Integer> swallowsCancellation() {
        try {
            Await.on(Asyncio.sleep(1));
            throw new AssertionError("expected a cancellation");
        } catch (CancelledError expected) {
            return Coroutine.of(1);
        }
    }

    /** Mirrors test_waitfor.py::test_wait_for_cancellation_race_condition. */
    @Test
    @Async
    void waitForCancellationRaceCondition() {
        assertEquals(1, Await.on(Asyncio.waitFor(swallowsCancellation(), 0.01)));
    }

    @Async
    Coroutine<Void> slowToCancel() {
        try {
            Await.on(Asyncio.sleep(10));
        } catch (CancelledError e) {
            Await.on(Asyncio.sleep(EPSILON));
            throw e;
        } finally {
            flag = true;
        }
        return Coroutine.done();
    }

    /** Mirrors test_waitfor.py::test_wait_for_waits_for_task_cancellation. */
    @Test
    @Async
    void waitForWaitsForTaskCancellation() {
        Task<Void> inner = Asyncio.createTask(slowToCancel());
        Throwable outcome = Await.on(failureOf(Asyncio.waitFor(inner, EPSILON)));
        assertInstanceOf(TimeoutError.class, outcome);
        assertTrue(flag);
        assertInstanceOf(CancelledError.class, outcome.getCause());
    }

    /** Mirrors test_waitfor.py::test_wait_for_waits_for_task_cancellation_w_timeout_0. */
    @Test
    @Async
    void waitForWaitsForTaskCancellationWithTimeoutZero() {
        Task<Void> inner = Asyncio.createTask(slowToCancel());
        Await.on(Asyncio.sleep(EPSILON));
        Throwable outcome = Await.on(failureOf(Asyncio.waitFor(inner, 0)));
        assertInstanceOf(TimeoutError.class, outcome);
        assertTrue(flag);
        assertInstanceOf(CancelledError.class, outcome.getCause());
    }

    @Async
    static Coroutine<Void> raisesWhileCancelled() {
        try {
            Await.on(Asyncio.sleep(0.2));
        } finally {
            throw new Boom("foo");
        }
    }

    /** Mirrors test_waitfor.py::test_wait_for_reraises_exception_during_cancellation. */
    @Test
    @Async
    void waitForReraisesExceptionDuringCancellation() {
        Task<Void> inner = Asyncio.createTask(raisesWhileCancelled());
        Throwable outcome = Await.on(failureOf(Asyncio.waitFor(inner, EPSILON)));
        assertInstanceOf(Boom.class, outcome);
    }

    @Async
    static Coroutine<Integer> holdsUpCancellation() {
        try {
            Await.on(Asyncio.sleep(0.3));
        } catch (CancelledError first) {
            try {
                Await.on(Asyncio.sleep(0.3));
            } catch (CancelledError second) {
                Await.on(Asyncio.sleep(0.3));
            }
        }
        return Coroutine.of(42);
    }

    /** Mirrors test_waitfor.py::test_wait_for_self_cancellation. */
    @Test
    @Async
    void waitForSelfCancellation() {
        Task<Integer> inner = Asyncio.createTask(holdsUpCancellation());
        Task<Integer> task = Asyncio.createTask(Asyncio.waitFor(inner, 0.1));
        task.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertEquals(42, Await.on(inner));
    }

    @Async
    static Coroutine<Void> blockForever(Future<Void> never) {
        Await.on(never);
        return Coroutine.done();
    }

    @Async
    private static Coroutine<Void> cancelWaitFor(double timeout) {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<Void> task = Asyncio.createTask(blockForever(loop.createFuture()));
        Task<Void> waiting = Asyncio.createTask(Asyncio.waitFor(task, timeout));
        loop.callSoon(waiting::cancel);
        assertInstanceOf(CancelledError.class, Await.on(failureOf(waiting)));
        assertTrue(task.isCancelled()); // cancelling the wait also cancels the task
        return Coroutine.done();
    }

    /** Mirrors test_waitfor.py::test_cancel_blocking_wait_for. */
    @Test
    @Async
    void cancelBlockingWaitFor() {
        Await.on(cancelWaitFor(Double.POSITIVE_INFINITY));
    }

    /** Mirrors test_waitfor.py::test_cancel_wait_for. */
    @Test
    @Async
    void cancelWaitFor() {
        Await.on(cancelWaitFor(60.0));
    }

    @Async
    static Coroutine<Integer> returns42WhenCancelled() {
        try {
            Await.on(Asyncio.sleep(10));
        } catch (CancelledError e) {
            return Coroutine.of(42);
        }
        return Coroutine.of(0);
    }

    /** Mirrors test_waitfor.py::test_wait_for_cancel_suppressed. */
    @Test
    @Async
    void waitForCancelSuppressed() {
        assertEquals(42, Await.on(Asyncio.waitFor(returns42WhenCancelled(), 0.1)));
    }

    @Async
    Coroutine<Void> waitForThenSleep() {
        Await.on(Asyncio.waitFor(Fixtures.after(0, null), 100));
        Await.on(Asyncio.sleep(1));
        flag = true;
        return Coroutine.done();
    }

    /** Mirrors test_waitfor.py::test_wait_for_issue86296. */
    @Test
    @Async
    void waitForIssue86296() {
        Task<Void> task = Asyncio.createTask(waitForThenSleep());
        Await.on(Asyncio.sleep(0));
        assertFalse(task.isDone());
        task.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(task)));
        assertFalse(flag);
    }

    /** Mirrors test_tasks.py::test_wait_for_with_global_loop: a result in time passes through. */
    @Test
    @Async
    void waitForReturnsResultInTime() {
        assertEquals("fast", Await.on(Asyncio.waitFor(Fixtures.after(0.01, "fast"), 1.0)));
        Future<String> fut = Asyncio.getRunningLoop().createFuture();
        Boom boom = new Boom("x");
        Asyncio.getRunningLoop().callLater(0.01, () -> fut.setException(boom));
        assertSame(boom, Await.on(failureOf(Asyncio.waitFor(fut, 1.0))));
    }

    /** Mirrors test_tasks.py::test_wait_for_timeout_less_then_0_or_0: the wait keeps the outcome of wait(). */
    @Test
    @Async
    void waitAcceptsTheWaitForTask() {
        Task<String> t = Asyncio.createTask(Asyncio.waitFor(Fixtures.after(0.01, "x"), 1));
        Wait.Result<String> r = Await.on(Asyncio.wait(List.of(t)));
        assertEquals(1, r.done().size());
        assertEquals("x", t.result());
    }
}
