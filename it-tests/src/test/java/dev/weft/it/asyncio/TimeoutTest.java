package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.ReturnWhen;
import dev.weft.Task;
import dev.weft.Timeout;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Asyncio.timeout} / {@code timeoutAt} scopes, as CPython's test_timeouts.py checks them. */
@ExtendWith(WeftExtension.class)
class TimeoutTest {

    /** Awaits {@code body} inside {@code cm}, which must interrupt it with a TimeoutError and be expired. */
    @Async
    private static Coroutine<Void> interruptedBy(Timeout cm, Coroutine<Void> body) {
        try (cm) {
            Await.on(body);
            fail("the timeout should have interrupted the body");
        } catch (TimeoutError expected) {
            // expected
        }
        assertTrue(cm.expired());
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> twoZeroSleeps() {
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        return Coroutine.done();
    }

    /** NaN is neither a time nor "none": every call taking a timeout refuses it and says which. */
    @Test
    @Async
    void nanTimeoutsAreRefusedByEveryCallTakingOne() {
        Task<Void> sleeper = Asyncio.createTask(Asyncio.sleep(0));
        assertNaNRefused("a timeout", () -> Asyncio.timeout(Double.NaN));
        assertNaNRefused("a waitFor timeout", () -> Asyncio.waitFor(sleeper, Double.NaN));
        assertNaNRefused("a wait timeout", () -> Asyncio.wait(List.of(sleeper), ReturnWhen.ALL_COMPLETED, Double.NaN));
        assertNaNRefused("an asCompleted timeout", () -> Asyncio.asCompleted(List.of(sleeper), Double.NaN));
        Await.on(sleeper);
    }

    private static void assertNaNRefused(String what, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(what + " of NaN"), e.getMessage());
    }

    /** Mirrors test_timeouts.py::test_timeout_basic. */
    @Test
    @Async
    void timeoutBasic() {
        Await.on(interruptedBy(Asyncio.timeout(0.01), Asyncio.sleep(10)));
    }

    /** Mirrors test_timeouts.py::test_timeout_at_basic. */
    @Test
    @Async
    void timeoutAtBasic() {
        double deadline = Asyncio.getRunningLoop().time() + 0.01;
        Timeout cm = Asyncio.timeoutAt(deadline);
        Await.on(interruptedBy(cm, Asyncio.sleep(10)));
        assertEquals(deadline, cm.when());
    }

    /** Mirrors test_timeouts.py::test_nested_timeouts: only the outermost expired scope raises. */
    @Test
    @Async
    void nestedTimeouts() {
        double deadline = Asyncio.getRunningLoop().time() + 0.01;
        boolean cancelled = false;
        Timeout cm1 = Asyncio.timeoutAt(deadline);
        Timeout cm2 = null;
        try (cm1) {
            try {
                cm2 = Asyncio.timeoutAt(deadline);
                try (var inner = cm2) {
                    Await.on(Asyncio.sleep(10));
                }
            } catch (CancelledError e) {
                cancelled = true;
                throw e;
            }
            fail("unreachable");
        } catch (TimeoutError expected) {
            // expected
        }
        assertTrue(cancelled);
        assertTrue(cm1.expired());
        assertTrue(cm2.expired());
    }

    /** Mirrors test_timeouts.py::test_waiter_cancelled. */
    @Test
    @Async
    void waiterCancelled() {
        boolean cancelled = false;
        try (var t = Asyncio.timeout(0.01)) {
            try {
                Await.on(Asyncio.sleep(10));
            } catch (CancelledError e) {
                cancelled = true;
                throw e;
            }
        } catch (TimeoutError expected) {
            // expected
        }
        assertTrue(cancelled);
    }

    /** Mirrors test_timeouts.py::test_timeout_not_called. */
    @Test
    @Async
    void timeoutNotCalled() {
        Timeout cm = Asyncio.timeout(10);
        try (cm) {
            Await.on(Asyncio.sleep(0.01));
        }
        double t1 = Asyncio.getRunningLoop().time();
        assertFalse(cm.expired());
        assertTrue(cm.when() > t1);
    }

    /**
     * Mirrors test_timeouts.py::test_timeout_disabled and test_timeout_at_disabled (None is
     * POSITIVE_INFINITY here).
     */
    @ParameterizedTest(name = "timeoutAt: {0}")
    @ValueSource(booleans = {false, true})
    @Async
    void timeoutDisabled(boolean absolute) {
        Timeout cm = absolute ? Asyncio.timeoutAt(Double.POSITIVE_INFINITY) : Asyncio.timeout(Double.POSITIVE_INFINITY);
        try (cm) {
            Await.on(Asyncio.sleep(0.01));
        }
        assertFalse(cm.expired());
        assertEquals(Double.POSITIVE_INFINITY, cm.when());
    }

    /** Mirrors test_timeouts.py::test_timeout_zero. */
    @Test
    @Async
    void timeoutZero() {
        EventLoop loop = Asyncio.getRunningLoop();
        double t0 = loop.time();
        Timeout cm = Asyncio.timeout(0);
        Await.on(interruptedBy(cm, Asyncio.sleep(10)));
        double t1 = loop.time();
        assertTrue(t0 <= cm.when() && cm.when() <= t1);
    }

    /** Mirrors test_timeouts.py::test_timeout_zero_sleep_zero. */
    @Test
    @Async
    void timeoutZeroSleepZero() {
        Await.on(interruptedBy(Asyncio.timeout(0), twoZeroSleeps()));
    }

    /** Mirrors test_timeouts.py::test_timeout_in_the_past_sleep_zero. */
    @Test
    @Async
    void timeoutInThePastSleepZero() {
        double t0 = Asyncio.getRunningLoop().time();
        Timeout cm = Asyncio.timeout(-11);
        Await.on(interruptedBy(cm, twoZeroSleeps()));
        assertTrue(cm.when() <= t0);
    }

    /** Mirrors test_timeouts.py::test_foreign_exception_passed. */
    @Test
    @Async
    void foreignExceptionPassed() {
        Await.on(Asyncio.sleep(0));
        Timeout cm = Asyncio.timeout(0.01);
        try (cm) {
            throw new Boom("key");
        } catch (Boom expected) {
            // expected
        }
        assertFalse(cm.expired());
    }

    /** Mirrors test_timeouts.py::test_foreign_exception_on_timeout. */
    @Test
    @Async
    void foreignExceptionOnTimeout() {
        try (var t = Asyncio.timeout(0.01)) {
            Await.on(crashInFinally());
            fail("unreachable");
        } catch (Boom expected) {
            // the exception raised while being cancelled wins over the timeout
        }
    }

    @Async
    static Coroutine<Void> crashInFinally() {
        try {
            Await.on(Asyncio.sleep(1));
        } finally {
            throw new Boom("finally");
        }
    }

    /** Mirrors test_timeouts.py::test_foreign_cancel_doesnt_timeout_if_not_expired. */
    @Test
    @Async
    void foreignCancelDoesntTimeoutIfNotExpired() {
        Timeout cm = Asyncio.timeout(10);
        try (cm) {
            Asyncio.currentTask().cancel();
            Await.on(Asyncio.sleep(10));
            fail("the cancel should have interrupted the sleep");
        } catch (CancelledError expected) {
            // a CancelledError, not a TimeoutError: the scope had not expired
        }
        assertFalse(cm.expired());
    }

    /** Mirrors test_timeouts.py::test_outer_task_is_not_cancelled. */
    @Test
    @Async
    void outerTaskIsNotCancelled() {
        Task<Void> task = Asyncio.createTask(timesOutQuietly());
        Await.on(task);
        assertFalse(task.isCancelled());
        assertTrue(task.isDone());
    }

    @Async
    static Coroutine<Void> timesOutQuietly() {
        try (var t = Asyncio.timeout(0.001)) {
            Await.on(Asyncio.sleep(10));
        } catch (TimeoutError expected) {
            return Coroutine.done();
        }
        throw new AssertionError("no TimeoutError");
    }

    /** Mirrors test_timeouts.py::test_nested_timeouts_concurrent. */
    @Test
    @Async
    void nestedTimeoutsConcurrent() throws InterruptedException {
        boolean innerSawCancellation = false;
        try (var outer = Asyncio.timeout(0.002)) {
            try (var inner = Asyncio.timeout(0.1)) {
                Thread.sleep(10); // the loop is busy past the outer deadline
                Await.on(Asyncio.sleep(1));
            } catch (CancelledError e) {
                innerSawCancellation = true; // not expired itself, the inner scope lets it pass
                throw e;
            }
        } catch (TimeoutError expected) {
            // expected
        }
        assertTrue(innerSawCancellation);
    }

    /** Mirrors test_timeouts.py::test_nested_timeouts_loop_busy. */
    @Test
    @Async
    void nestedTimeoutsLoopBusy() throws InterruptedException {
        EventLoop loop = Asyncio.getRunningLoop();
        double t0 = loop.time();
        try (var outer = Asyncio.timeout(0.1)) {
            try (var inner = Asyncio.timeout(0.01)) {
                Thread.sleep(100);
                Await.on(Asyncio.sleep(1));
                fail("unreachable");
            } catch (TimeoutError caughtByInner) {
                // expected
            }
            Await.on(Asyncio.sleep(10)); // interrupted by the outer scope
            fail("unreachable");
        } catch (TimeoutError expected) {
            // expected
        }
        double t1 = loop.time();
        assertTrue(t1 <= t0 + 1);
    }

    /** Mirrors test_timeouts.py::test_reschedule. */
    @Test
    @Async
    void reschedule() {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Timeout> fut = loop.createFuture();
        double deadline1 = loop.time() + 10;
        double deadline2 = deadline1 + 20;
        Task<Void> task = Asyncio.createTask(publishTimeout(deadline1, fut));
        Timeout cm = Await.on(fut);
        assertEquals(deadline1, cm.when());
        cm.reschedule(deadline2);
        assertEquals(deadline2, cm.when());
        cm.reschedule(Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, cm.when());
        task.cancel();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(task)));
        assertFalse(cm.expired());
    }

    @Async
    static Coroutine<Void> publishTimeout(double deadline, Future<Timeout> fut) {
        try (var cm = Asyncio.timeoutAt(deadline)) {
            fut.setResult(cm);
            Await.on(Asyncio.sleep(50));
        }
        return Coroutine.done();
    }

    /** Mirrors test_timeouts.py::test_reschedule, extending a deadline so that it does not expire. */
    @Test
    @Async
    void rescheduleLaterAvoidsExpiry() {
        EventLoop loop = Asyncio.getRunningLoop();
        Timeout cm = Asyncio.timeout(0.02);
        try (cm) {
            cm.reschedule(loop.time() + 0.2);
            Await.on(Asyncio.sleep(0.05));
        }
        assertFalse(cm.expired());
    }

    /** Mirrors test_timeouts.py::test_repr_active, test_repr_expired, test_repr_finished and test_repr_disabled. */
    @Test
    @Async
    void reprs() {
        try (var cm = Asyncio.timeout(10)) {
            assertTrue(cm.toString().matches("<Timeout \\[active\\] when=\\d+\\.\\d*(E-?\\d+)?>"), cm.toString());
        }
        Timeout expired = Asyncio.timeout(0.01);
        try (expired) {
            Await.on(Asyncio.sleep(10));
        } catch (TimeoutError expected) {
            // expected
        }
        assertEquals("<Timeout [expired]>", expired.toString());
        Timeout finished = Asyncio.timeout(10);
        try (finished) {
            Await.on(Asyncio.sleep(0));
        }
        assertEquals("<Timeout [finished]>", finished.toString());
        try (var disabled = Asyncio.timeout(Double.POSITIVE_INFINITY)) {
            assertEquals("<Timeout [active] when=None>", disabled.toString());
        }
    }

    /** Mirrors test_timeouts.py::test_nested_timeout_in_finally. */
    @Test
    @Async
    void nestedTimeoutInFinally() {
        boolean innerTimedOut = false;
        try (var outer = Asyncio.timeout(0.01)) {
            try {
                Await.on(Asyncio.sleep(1));
            } finally {
                try (var inner = Asyncio.timeout(0.01)) {
                    Await.on(Asyncio.sleep(10));
                } catch (TimeoutError e) {
                    innerTimedOut = true;
                }
            }
        } catch (TimeoutError expected) {
            // expected
        }
        assertTrue(innerTimedOut);
    }

    /** Mirrors test_timeouts.py::test_timeout_after_cancellation. */
    @Test
    @Async
    void timeoutAfterCancellation() {
        boolean timedOut = false;
        try {
            Asyncio.currentTask().cancel();
            Await.on(Asyncio.sleep(1));
        } catch (CancelledError swallowed) {
            // the work was cancelled; clean up below
        } finally {
            try (var t = Asyncio.timeout(0.0)) {
                Await.on(Asyncio.sleep(1));
            } catch (TimeoutError e) {
                timedOut = true;
            }
        }
        assertTrue(timedOut);
        Asyncio.currentTask().uncancel();
    }

    /** Mirrors test_timeouts.py::test_cancel_in_timeout_after_cancellation. */
    @Test
    @Async
    void cancelInTimeoutAfterCancellation() {
        boolean cancelled = false;
        try {
            Asyncio.currentTask().cancel();
            Await.on(Asyncio.sleep(1));
        } catch (CancelledError swallowed) {
            // the work was cancelled; clean up below
        } finally {
            try (var t = Asyncio.timeout(1.0)) {
                Asyncio.currentTask().cancel();
                Await.on(Asyncio.sleep(2));
            } catch (CancelledError e) {
                cancelled = true;
            }
        }
        assertTrue(cancelled);
        Asyncio.currentTask().uncancel();
        Asyncio.currentTask().uncancel();
    }

    /** Mirrors test_timeouts.py::test_timeout_exception_cause. */
    @Test
    @Async
    void timeoutExceptionCause() {
        try (var t = Asyncio.timeout(0)) {
            Await.on(Asyncio.sleep(1));
            fail("unreachable");
        } catch (TimeoutError e) {
            assertInstanceOf(CancelledError.class, e.getCause());
        }
    }

    /** Mirrors test_timeouts.py::test_timeout_finished. */
    @Test
    @Async
    void timeoutFinished() {
        Timeout cm = Asyncio.timeout(0.01);
        try (cm) {
            Await.on(Asyncio.sleep(0));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
        assertTrue(e.getMessage().contains("finished"), e.getMessage());
    }

    /** Mirrors test_timeouts.py::test_timeout_without_task. */
    @Test
    void timeoutWithoutTask() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.timeout(0.01));
        assertTrue(e.getMessage().contains("task"), e.getMessage());
    }

    /** Mirrors test_timeouts.py::test_timeout_basic, with an outer cancellation arriving after the expiry. */
    @Test
    @Async
    void outerCancellationPassesThroughAnExpiredScope() {
        Task<Void> victim = Asyncio.createTask(timeoutThenOuterCancel());
        Await.on(Asyncio.sleep(0.03));
        victim.cancel("outer");
        Throwable outcome = Await.on(Fixtures.failureOf(victim));
        assertInstanceOf(CancelledError.class, outcome);
    }

    @Async
    static Coroutine<Void> timeoutThenOuterCancel() {
        try (var t = Asyncio.timeout(0.01)) {
            try {
                Await.on(Asyncio.sleep(10));
            } finally {
                Await.on(Asyncio.sleep(10)); // cleanup still running when the outer cancel arrives
            }
        }
        return Coroutine.done();
    }
}
