package dev.weft;

import java.util.concurrent.CompletionStage;

/**
 * The {@code await} of Python, as calls the weaver rewrites inside {@link Async} methods.
 *
 * <pre>{@code
 * @Async
 * static Coroutine<Integer> total() {
 *     int a = Await.on(fetchCount("a"));               // await a coroutine
 *     int b = Await.on(httpClient.sendAsync(req, h))    // await a CompletionStage
 *                  .body().length();
 *     return Coroutine.of(a + b);
 * }
 * }</pre>
 *
 * <p>None of these methods does anything when called directly: in code that the
 * {@code weft-maven-plugin} did not weave they throw {@link IllegalStateException}.
 */
public final class Await {
    /** The two ways to weave: at build time or while classes load. */
    private static final String WEAVE_REMEDY = "add the dev.weft:weft-maven-plugin to the build with the goals"
            + " 'weave' and 'weave-tests', or run with -javaagent:weft-agent.jar";

    private Await() {
    }

    /**
     * Python's {@code await x}: suspends the calling coroutine until {@code awaitable} is done and
     * returns its result, or rethrows its exception unchanged. A coroutine is run inline; anything
     * already complete is returned without suspending.
     */
    public static <T> T on(Awaitable<T> awaitable) {
        throw notWoven("Await.on");
    }

    /**
     * Awaits a {@link CompletionStage} completed on any thread; the coroutine resumes on its own
     * loop's thread. A failed stage rethrows its original exception, unwrapped from
     * {@link java.util.concurrent.CompletionException}.
     */
    public static <T> T on(CompletionStage<T> stage) {
        throw notWoven("Await.on");
    }

    /**
     * Python's {@code yield value} inside an {@code async def}: hands {@code value} to the consumer
     * of the {@link AsyncGenerator} and suspends until the next value is asked for.
     */
    public static <T> void yield(T value) {
        throw notWoven("Await.yield");
    }

    /**
     * Python's {@code async for}: {@code for (T x : Await.each(iterable))} inside an {@link Async}
     * method awaits each element; leaving the loop early closes the iterator.
     */
    public static <T> Iterable<T> each(AsyncIterable<T> iterable) {
        throw notWoven("Await.each");
    }

    static IllegalStateException notWoven(String call) {
        return new IllegalStateException(call + "(...) ran in code that was not woven. Mark the enclosing"
                + " method @dev.weft.Async (returning Coroutine<T> or AsyncGenerator<T>) and weave it: " + WEAVE_REMEDY + ".");
    }

    /**
     * Appended to every "must run inside a task / on a running loop" error. Code that was compiled
     * but never woven reaches these checks from inside an {@code @Async} method, where the message
     * alone would blame the caller's position instead of the missing weaving step.
     */
    static String notWovenHint() {
        return " If this runs inside an @Async method, that method was probably not woven: " + WEAVE_REMEDY + ".";
    }
}
