package dev.weft;

import java.util.Collection;
import java.util.NoSuchElementException;

/**
 * The iteration of {@link Asyncio#asCompleted}: Python's {@code as_completed}. Each element is
 * the next result in completion order; a failed awaitable throws its exception from
 * {@link #next()}, and once the timeout passes {@code next()} throws {@link TimeoutError}.
 * Coroutines are scheduled as tasks when {@code asCompleted} is called; the same awaitable given
 * twice counts once.
 */
final class AsCompleted<T> implements AsyncIterable<T>, AsyncIterator<T>, BaseFuture.Watcher {
    private final EventLoop loop;
    /** Pending awaitables not yet in {@link #finished}; 0 once the timeout passed. */
    private int remaining;
    private boolean timedOut;
    /**
     * The finished futures in completion order, from {@link #head} to {@link #tail}, kept in the
     * array that listed the awaitables: once an awaitable is watched its slot is free, and no more
     * finish than there are slots.
     */
    private final BaseFuture<?, ?>[] finished;
    private int head;
    private int tail;
    /** Where in {@link #finished} the timeout passed (the results before it are still handed out); -1 if it has not. */
    private int timedOutAt = -1;
    private Future<Boolean> arrival;
    /**
     * The answer of {@link #hasNext()} when it need not wait: one object for every element, not
     * one each. Made at its first use, which awaits it (debug mode reports a coroutine never awaited).
     */
    private Answer answer;
    private TimerHandle timer;

    AsCompleted(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
        Timeout.requireSeconds(timeout, "an asCompleted timeout");
        this.loop = loop;
        finished = FanOut.distinct(FanOut.futures(loop, awaitables));
        for (BaseFuture<?, ?> f : finished) {
            if (f.isDone()) {
                finished[tail++] = f; // at or before the slot being read
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
        finished[tail++] = future;
        if (remaining == 0 && timer != null) {
            timer.cancel();
        }
        wakeConsumer();
    }

    private void timedOut() {
        timedOut = true;
        remaining = 0;
        timedOutAt = tail;
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

    /** Completes with its value in its first step; see {@link Coroutine#rearmedOrNull}. */
    private static final class Answer extends Coroutine<Boolean> {
        Boolean value;

        @Override
        protected Object $step() {
            return value;
        }
    }

    private Coroutine<Boolean> answer(Boolean value) {
        Answer again = Coroutine.rearmedOrNull(answer);
        if (again == null) {
            again = answer = new Answer();
        }
        again.value = value;
        return again;
    }

    /** Iterated once, like Python's iterator. */
    @Override
    public AsyncIterator<T> iterator() {
        return this;
    }

    @Override
    public Coroutine<Boolean> hasNext() {
        if (head < tail || head == timedOutAt) {
            return answer(Boolean.TRUE);
        }
        if (remaining == 0) {
            return answer(Boolean.FALSE);
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
        if (head == timedOutAt) {
            timedOutAt = -1;
            head = tail;
            throw new TimeoutError();
        }
        if (head == tail) {
            throw new NoSuchElementException("await hasNext() first: no result has arrived");
        }
        BaseFuture<?, ?> next = finished[head];
        finished[head++] = null;
        return (T) next.resultOrThrow();
    }
}
