package dev.weft;

import java.util.concurrent.Flow;

/**
 * Something {@code async for} can iterate: {@code for (T x : Await.each(iterable))} inside an
 * {@link Async} method.
 *
 * <pre>{@code
 * for (String line : Await.each(lines(file))) {
 *     System.out.println(line);
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> {
    /** Python's {@code __aiter__}. */
    AsyncIterator<T> iterator();

    /**
     * Iterates the items of a reactive-streams {@link Flow.Publisher} with backpressure: each
     * iteration subscribes once and requests {@value PublisherIterable#DEFAULT_BATCH} items at a time,
     * asking for the next batch only when the previous one has been consumed. Leaving the loop early
     * cancels the subscription; a publisher error is thrown at the loop. The publisher may signal on
     * any thread: items reach the loop through {@link EventLoop#callSoonThreadsafe}.
     *
     * <pre>{@code
     * SubmissionPublisher<String> ticks = ...;
     * for (String tick : Await.each(AsyncIterable.from(ticks))) {
     *     if (tick.equals("stop")) break;   // cancels the subscription
     * }
     * }</pre>
     */
    static <T> AsyncIterable<T> from(Flow.Publisher<? extends T> publisher) {
        return from(publisher, PublisherIterable.DEFAULT_BATCH);
    }

    /** Like {@link #from(Flow.Publisher)}, requesting {@code batch} items at a time. */
    static <T> AsyncIterable<T> from(Flow.Publisher<? extends T> publisher, int batch) {
        return new PublisherIterable<>(publisher, batch);
    }
}
