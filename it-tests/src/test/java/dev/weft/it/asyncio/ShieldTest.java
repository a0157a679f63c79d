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
import dev.weft.ExceptionContext;
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code Asyncio.shield}, as CPython's test_tasks.py checks it. */
@ExtendWith(WeftExtension.class)
class ShieldTest {

    @Async
    static <T> Coroutine<T> awaitShielded(Future<T> inner) {
        return Coroutine.of(Await.on(Asyncio.shield(inner)));
    }

    /** Starts a task awaiting {@code inner} through a shield, and lets it reach the shield. */
    @Async
    static Coroutine<Task<Integer>> shieldedAwaiter(Future<Integer> inner) {
        Task<Integer> outer = Asyncio.createTask(awaitShielded(inner));
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(outer);
    }

    /**
     * Cancels a task awaiting a future through a shield, then completes that future with
     * {@code completeInner}; completes with what the loop's exception handler received.
     */
    @Async
    static Coroutine<List<ExceptionContext>> handledAfterOuterCancel(Consumer<Future<Integer>> completeInner) {
        Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
        handler.install(Asyncio.getRunningLoop());
        Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
        Task<Integer> outer = Await.on(shieldedAwaiter(inner));
        outer.cancel();
        Await.on(failureOf(outer));
        completeInner.accept(inner);
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(handler.contexts);
    }

    /** Mirrors test_tasks.py::test_shield_result. */
    @Test
    @Async
    void shieldResult() {
        Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
        Task<Integer> outer = Await.on(shieldedAwaiter(inner));
        inner.setResult(42);
        assertEquals(42, Await.on(outer));
    }

    /** Mirrors test_tasks.py::test_shield_exception. */
    @Test
    @Async
    void shieldException() {
        Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
        Task<Integer> outer = Await.on(shieldedAwaiter(inner));
        Boom boom = new Boom("inner");
        inner.setException(boom);
        assertSame(boom, Await.on(failureOf(outer)));
    }

    /** Mirrors test_tasks.py::test_shield_cancel_inner: cancelling the inner work cancels the awaiter. */
    @Test
    @Async
    void shieldCancelInner() {
        Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
        Task<Integer> outer = Await.on(shieldedAwaiter(inner));
        inner.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
        assertTrue(outer.isCancelled());
    }

    /** Mirrors test_tasks.py::test_shield_cancel_outer: cancelling the awaiter leaves the inner work alone. */
    @Test
    @Async
    void shieldCancelOuter() {
        Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
        Task<Integer> outer = Await.on(shieldedAwaiter(inner));
        outer.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
        assertFalse(inner.isCancelled());
        assertFalse(inner.isDone());
        inner.setResult(1);
    }

    /** Mirrors test_tasks.py::test_shield_cancel_outer_result: the inner result after the outer cancel is not lost or reported. */
    @Test
    @Async
    void shieldCancelOuterResult() {
        assertEquals(List.of(), Await.on(handledAfterOuterCancel(inner -> inner.setResult(1))));
    }

    /** Mirrors test_tasks.py::test_shield_cancel_outer_exception: the inner failure after the outer cancel is reported once. */
    @Test
    @Async
    void shieldCancelOuterException() {
        List<ExceptionContext> handled = Await.on(handledAfterOuterCancel(inner -> inner.setException(new Boom("late"))));
        assertEquals(1, handled.size());
        assertEquals("late", handled.get(0).exception().getMessage());
        assertEquals(0, Asyncio.getRunningLoop().stats().unretrieved());
    }

    /** Mirrors test_tasks.py::test_shield_shortcut: shielding something done completes without suspending. */
    @Test
    @Async
    void shieldShortcut() {
        Future<Integer> done = Asyncio.getRunningLoop().createFuture();
        done.setResult(42);
        assertEquals(42, Await.on(Asyncio.shield(done)));
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
    @Async
    void shieldEffect() {
        List<String> log = new ArrayList<>();
        Task<Void> outer = Asyncio.createTask(outerWork(log));
        Await.on(Asyncio.sleep(0.005));
        outer.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(outer)));
        Await.on(Asyncio.sleep(0.03));
        assertEquals(List.of("outer start", "inner start", "inner done"), log);
    }
}
