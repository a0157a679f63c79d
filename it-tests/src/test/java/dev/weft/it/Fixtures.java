package dev.weft.it;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import dev.weft.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The coroutines and recorders the end-to-end tests share. A test class is named after what it
 * tests ({@code LockTest} tests {@code Lock}), mirrors CPython's tests where it can (the case it
 * mirrors named in the test's comment), and writes each scenario as a {@code @Test @Async void}
 * test, run under {@code WeftExtension} unless the class says why not.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The exception {@code awaitable} fails with, or null if it succeeds. */
    @Async
    public static Coroutine<Throwable> failureOf(Awaitable<?> awaitable) {
        try {
            Await.on(awaitable);
        } catch (Throwable t) {
            return Coroutine.of(t);
        }
        return Coroutine.of(null);
    }

    /** A failure that tests can recognise. */
    public static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Boom(String message) {
            super(message);
        }
    }

    @Async
    public static <T> Coroutine<T> after(double delay, T value) {
        Await.on(Asyncio.sleep(delay));
        return Coroutine.of(value);
    }

    @Async
    public static <T> Coroutine<T> failAfter(double delay, RuntimeException error) {
        Await.on(Asyncio.sleep(delay));
        throw error;
    }

    /** Sleeps for {@code delay}, recording "cancelled" in {@code log} if it is cancelled. */
    @Async
    public static Coroutine<Void> sleeper(double delay, List<String> log) {
        try {
            Await.on(Asyncio.sleep(delay));
            log.add("slept");
        } catch (dev.weft.CancelledError e) {
            log.add("cancelled");
            throw e;
        }
        return Coroutine.done();
    }

    @Async
    public static Coroutine<Void> forever() {
        Await.on(Asyncio.sleep(3600));
        return Coroutine.done();
    }

    /** Collects what an event loop's exception handler receives. */
    public static final class HandlerLog {
        public final List<ExceptionContext> contexts = Collections.synchronizedList(new ArrayList<>());

        public void install(EventLoop loop) {
            loop.setExceptionHandler((l, context) -> contexts.add(context));
        }
    }

    /** Runs {@code coro} as a task that is cancelled on the loop's next turn; completes with what it threw. */
    @Async
    public static Coroutine<Throwable> failureWhenCancelledSoon(Coroutine<?> coro) {
        Task<?> task = Asyncio.createTask(coro);
        Asyncio.getRunningLoop().callSoon(task::cancel);
        Throwable failure = Await.on(failureOf(task));
        return Coroutine.of(failure);
    }

    /** Awaits {@code acquisition} (which is kept, never released) and then records {@code tag} in {@code result}. */
    @Async
    public static Coroutine<Boolean> acquireAndRecord(Coroutine<?> acquisition, List<Integer> result, int tag) {
        Await.on(acquisition);
        result.add(tag);
        return Coroutine.of(true);
    }

    /** Lets the loop run {@code n} turns (Python's repeated {@code await asyncio.sleep(0)}). */
    @Async
    public static Coroutine<Void> turns(int n) {
        for (int i = 0; i < n; i++) {
            Await.on(Asyncio.sleep(0));
        }
        return Coroutine.done();
    }
}
