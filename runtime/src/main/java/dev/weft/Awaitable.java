package dev.weft;

/**
 * Something an {@code @Async} method can {@code Await.on}: Python's <em>awaitable</em>.
 *
 * <p>The awaitables are {@link Coroutine}s (run inline by the awaiting coroutine) and
 * {@link Future}s, of which {@link Task} is one. {@code Await.on} also accepts any
 * {@link java.util.concurrent.CompletionStage}.
 *
 * <pre>{@code
 * Awaitable<String> a = fetch(url);   // a coroutine
 * String body = Await.on(a);
 * }</pre>
 *
 * @param <T> the type of the value the awaitable produces
 */
public sealed interface Awaitable<T> permits Coroutine, BaseFuture {
}
