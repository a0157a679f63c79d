package dev.weft.it.asyncio;

import static dev.weft.it.asyncio.Fixtures.failureOf;
import static dev.weft.it.asyncio.Fixtures.runAsync;
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
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.it.asyncio.Fixtures.Boom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Asyncio.shield}, as CPython's test_tasks.py checks it. */
class ShieldTest {

    @Async
    static <T> Coroutine<T> awaitShielded(Future<T> inner) {
        return Coroutine.of(Await.on(Asyncio.shield(inner)));
    }

    /** Mirrors test_tasks.py::test_shield_result. */
    @Test
    void shieldResult() {
        runAsync(() -> {
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
            Await.on(Asyncio.sleep(0));
            inner.setResult(42);
            assertEquals(42, Await.on(outer));
            return Coroutine.done();
        });
    }

    /** Mirrors test_tasks.py::test_shield_exception. */
    @Test
    void shieldException() {
        runAsync(() -> {
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
            Await.on(Asyncio.sleep(0));
            Boom boom = new Boom("inner");
            inner.setException(boom);
            assertSame(boom, Await.on(failureOf(outer)));
            return Coroutine.done();
        });
    }

    /** Mirrors test_tasks.py::test_shield_cancel_inner: cancelling the inner work cancels the awaiter. */
    @Test
    void shieldCancelInner() {
        runAsync(() -> {
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
            Await.on(Asyncio.sleep(0));
            inner.cancel();
            assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
            assertTrue(outer.isCancelled());
            return Coroutine.done();
        });
    }

    /** Mirrors test_tasks.py::test_shield_cancel_outer: cancelling the awaiter leaves the inner work alone. */
    @Test
    void shieldCancelOuter() {
        runAsync(() -> {
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
            Await.on(Asyncio.sleep(0));
            outer.cancel();
            assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
            assertFalse(inner.isCancelled());
            assertFalse(inner.isDone());
            inner.setResult(1);
            return Coroutine.done();
        });
    }

    /** Mirrors test_tasks.py::test_shield_cancel_outer_result: the inner result after the outer cancel is not lost or reported. */
    @Test
    void shieldCancelOuterResult() {
        runAsync(() -> {
            Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
            handler.install(Asyncio.getRunningLoop());
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
            Await.on(Asyncio.sleep(0));
            outer.cancel();
            Await.on(failureOf(outer));
            inner.setResult(1);
            Await.on(Asyncio.sleep(0));
            assertEquals(List.of(), handler.contexts);
            return Coroutine.done();
        });
    }

    /** Mirrors test_tasks.py::test_shield_cancel_outer_exception: the inner failure after the outer cancel is reported once. */
    @Test
    void shieldCancelOuterException() {
        runAsync(() -> {
            Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
            handler.install(Asyncio.getRunningLoop());
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
            Await.on(Asyncio.sleep(0));
            outer.cancel();
            Await.on(failureOf(outer));
            inner.setException(new Boom("late"));
            Await.on(Asyncio.sleep(0));
            assertEquals(1, handler.contexts.size());
            assertEquals("late", handler.contexts.get(0).exception().getMessage());
            assertEquals(0, Asyncio.getRunningLoop().stats().unretrieved());
            return Coroutine.done();
        });
    }

    /** Mirrors test_tasks.py::test_shield_shortcut: shielding something done completes without suspending. */
    @Test
    void shieldShortcut() {
        runAsync(() -> {
            Future<Integer> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(42);
            assertEquals(42, Await.on(Asyncio.shield(done)));
            return Coroutine.done();
        });
    }

    @Async
    static Coroutine<Void> innerWork(List<String> log) {
        log.add("inner start");
        Await.on(Asyncio.sleep(0.02));
        log.add("inner done");
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> outerWork(List<String> log) {
        log.add("outer start");
        Await.on(Asyncio.shield(innerWork(log)));
        log.add("outer done");
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_shield_effect: the outer task is cancelled, the shielded coroutine completes. */
    @Test
    void shieldEffect() {
        runAsync(() -> {
            List<String> log = new ArrayList<>();
            Task<Void> outer = Asyncio.createTask(outerWork(log));
            Await.on(Asyncio.sleep(0.005));
            outer.cancel();
            assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
            Await.on(Asyncio.sleep(0.03));
            assertEquals(List.of("outer start", "inner start", "inner done"), log);
            return Coroutine.done();
        });
    }
}
