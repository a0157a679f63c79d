package dev.weft;

/**
 * Python's asynchronous iterator ({@code __anext__}), split Java-style into an awaited
 * {@link #hasNext()} and a plain {@link #next()}.
 *
 * <pre>{@code
 * AsyncIterator<Row> it = rows.iterator();
 * while (Await.on(it.hasNext())) {
 *     handle(it.next());
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> {
    /**
     * Awaits the next element; completes with false when there is none. Like
     * {@link java.util.Iterator#hasNext()}, it does not move on: awaited again before
     * {@link #next()}, it completes the same way and the element stays available.
     */
    Coroutine<Boolean> hasNext();

    /** The element fetched by the last {@code hasNext()} that completed with true. */
    T next();
}
