package dev.weft;

/**
 * A result that will be set later, on one event loop: Python's {@code asyncio.Future}.
 *
 * <p>Futures connect callback-style code to coroutines: the producer calls {@link #setResult} or
 * {@link #setException}, a coroutine awaits the future. Done callbacks run through the loop, never
 * inline.
 *
 * <pre>{@code
 * Future<String> f = Asyncio.getRunningLoop().createFuture();
 * loop.callLater(0.5, () -> f.setResult("ready"));
 * String s = Await.on(f);
 * }</pre>
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> extends BaseFuture<T, Future<T>> {
    /** A pending future on {@code loop}. Prefer {@link EventLoop#createFuture()}. */
    public Future(EventLoop loop) {
        super(loop);
    }
}
