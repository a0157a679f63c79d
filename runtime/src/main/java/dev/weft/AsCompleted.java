package dev.weft;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The iteration of {@link Asyncio#asCompleted}: Python's {@code as_completed}. Each element is
 * the next result in completion order; a failed awaitable throws its exception from
 * {@link #next()}, and once the timeout passes {@code next()} throws {@link TimeoutError}.
 * Coroutines are scheduled as tasks when {@code asCompleted} is called; the same awaitable given
 * twice counts once.
 */
final class AsCompleted<T> implements AsyncIterable<T>, AsyncIterator<T> {
    /** Marks, in the queue of finished futures, the point where the timeout passed. */
    private static final Object TIMED_OUT = new Object();

    private final EventLoop loop;
    private final Map<BaseFuture<? extends T, ?>, Boolean> todo = new IdentityHashMap<>();
    private final ArrayDeque<Object> finished = new ArrayDeque<>();
    private Future<Boolean> arrival;
    private TimerHandle timer;

    @SuppressWarnings("unchecked")
    AsCompleted(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
        Timeout.requireSeconds(timeout, "an asCompleted timeout");
        this.loop = loop;
        Map<Awaitable<?>, Boolean> seen = new IdentityHashMap<>();
        for (Awaitable<? extends T> a : awaitables) {
            if (seen.put(a, Boolean.TRUE) == null) {
                todo.put(loop.ensureFuture((Awaitable<T>) a), Boolean.TRUE);
            }
        }
        for (BaseFuture<? extends T, ?> f : todo.keySet()) {
            f.addDoneCallback(this::done);
        }
        if (timeout != Double.POSITIVE_INFINITY && !todo.isEmpty()) {
            timer = loop.callLater(timeout, this::timedOut);
        }
    }

    private void done(BaseFuture<?, ?> future) {
        if (todo.remove(future) == null) {
            return; // arrived after the timeout
        }
        finished.add(future);
        if (todo.isEmpty() && timer != null) {
            timer.cancel();
        }
        wakeConsumer();
    }

    private void timedOut() {
        todo.clear();
        finished.add(TIMED_OUT);
        wakeConsumer();
    }

    private void wakeConsumer() {
        Future<Boolean> waiting = arrival;
        if (waiting != null) {
            arrival = null;
            if (waiting.isDone()) {
                return; // its awaiter was cancelled
            }
            waiting.setResult(Boolean.TRUE);
        }
    }

    /** Iterated once, like Python's iterator. */
    @Override
    public AsyncIterator<T> iterator() {
        return this;
    }

    @Override
    public Coroutine<Boolean> hasNext() {
        if (!finished.isEmpty()) {
            return Coroutine.of(Boolean.TRUE);
        }
        if (todo.isEmpty()) {
            return Coroutine.of(Boolean.FALSE);
        }
        if (arrival != null && !arrival.isDone()) {
            throw new IllegalStateException("asCompleted is already waiting for the next result: iterate it from one place");
        }
        arrival = new Future<>(loop);
        return new FutureCoroutine<>(arrival);
    }

    /** The next result; throws the awaitable's exception, or {@link TimeoutError} once the deadline passed. */
    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        Object next = finished.poll();
        if (next == null) {
            throw new java.util.NoSuchElementException("await hasNext() first: no result has arrived");
        }
        if (next == TIMED_OUT) {
            finished.clear();
            throw new TimeoutError();
        }
        return (T) ((BaseFuture<?, ?>) next).resultOrThrow();
    }
}
