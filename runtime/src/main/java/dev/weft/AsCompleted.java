package dev.weft;

import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The iteration of {@link Asyncio#asCompleted}: Python's {@code as_completed}. Each element is
 * the next result in completion order; a failed awaitable throws its exception from
 * {@link #next()}, and once the timeout passes {@code next()} throws {@link TimeoutError}.
 * Coroutines are scheduled as tasks when {@code asCompleted} is called; the same awaitable given
 * twice counts once.
 */
final class AsCompleted<T> implements AsyncIterable<T>, AsyncIterator<T>, BaseFuture.Watcher {
    /** Marks, in the queue of finished futures, the point where the timeout passed. */
    private static final Object TIMED_OUT = new Object();

    private final EventLoop loop;
    /** Pending awaitables not yet in {@link #finished}; 0 once the timeout passed. */
    private int remaining;
    private boolean timedOut;
    /** Sized for every awaitable at once (and the timeout's mark): a million results never regrow it. */
    private final ArrayDeque<Object> finished;
    private Future<Boolean> arrival;
    /**
     * The answer of {@link #hasNext()} when a result is waiting: one object for every element, not
     * one each. Made at its first use, which awaits it (debug mode reports a coroutine never awaited).
     */
    private Ready ready;
    private TimerHandle timer;

    AsCompleted(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
        Timeout.requireSeconds(timeout, "an asCompleted timeout");
        this.loop = loop;
        BaseFuture<? extends T, ?>[] futures = FanOut.distinct(FanOut.futures(loop, awaitables));
        finished = new ArrayDeque<>(futures.length + 1);
        for (BaseFuture<? extends T, ?> f : futures) {
            if (f.isDone()) {
                finished.add(f);
            } else {
                remaining++;
                f.addWatcher(this);
            }
        }
        if (timeout != Double.POSITIVE_INFINITY && remaining > 0) {
            timer = loop.callLater(timeout, this::timedOut);
        }
    }

    @Override
    public void childDone(BaseFuture<?, ?> future) {
        if (timedOut) {
            return; // arrived after the timeout
        }
        remaining--;
        finished.add(future);
        if (remaining == 0 && timer != null) {
            timer.cancel();
        }
        wakeConsumer();
    }

    private void timedOut() {
        timedOut = true;
        remaining = 0;
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

    /** Completes with true in its first step; see {@link Coroutine#rearm()}. */
    private static final class Ready extends Coroutine<Boolean> {
        @Override
        protected Object $step() {
            return Boolean.TRUE;
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
            if (ready == null) {
                ready = new Ready();
            } else {
                ready.rearm();
            }
            return ready;
        }
        if (remaining == 0) {
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
