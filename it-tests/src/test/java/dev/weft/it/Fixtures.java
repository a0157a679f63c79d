package dev.weft.it.asyncio;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small coroutines and recorders shared by the asyncio tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A test body written as an async lambda. */
    @FunctionalInterface
    interface AsyncBody {
        Coroutine<Void> run() throws Exception;
    }

    /** Runs {@code body} with {@link Asyncio#run}. */
    static void runAsync(AsyncBody body) {
        try {
            Asyncio.run(body.run());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Turns an async lambda into its coroutine, for bodies built by helper methods. */
    static Coroutine<Void> asCoroutine(AsyncBody body) {
        try {
            return body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The exception {@code awaitable} fails with, or null if it succeeds. */
    @Async
    static Coroutine<Throwable> failureOf(dev.weft.Awaitable<?> awaitable) {
        try {
            Await.on(awaitable);
        } catch (Throwable t) {
            return Coroutine.of(t);
        }
        return Coroutine.of(null);
    }

    /** A failure that tests can recognise. */
    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    @Async
    static <T> Coroutine<T> after(double delay, T value) {
        Await.on(Asyncio.sleep(delay));
        return Coroutine.of(value);
    }

    @Async
    static <T> Coroutine<T> failAfter(double delay, RuntimeException error) {
        Await.on(Asyncio.sleep(delay));
        throw error;
    }

    /** Sleeps for {@code delay}, recording "cancelled" in {@code log} if it is cancelled. */
    @Async
    static Coroutine<Void> sleeper(double delay, List<String> log) {
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
    static Coroutine<Void> forever() {
        Await.on(Asyncio.sleep(3600));
        return Coroutine.done();
    }

    /** Collects what an event loop's exception handler receives. */
    static final class HandlerLog {
        final List<ExceptionContext> contexts = Collections.synchronizedList(new ArrayList<>());

        void install(EventLoop loop) {
            loop.setExceptionHandler((l, context) -> contexts.add(context));
        }
    }
}
