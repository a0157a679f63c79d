package dev.weft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The future behind {@link Asyncio#gather}: Python's {@code _GatheringFuture}. Done when every
 * child is done or, without {@code settle}, at the first failure (the other children keep
 * running). Cancelling it cancels the children; it then ends cancelled once they are done, even
 * if some of them swallowed the cancellation.
 */
final class Gathering<T> extends Future<List<T>> {
    private final List<BaseFuture<? extends T, ?>> children;
    private final boolean settle;
    private int unfinished;
    private boolean cancelRequested;
    private String cancelRequestMessage;

    private Gathering(EventLoop loop, List<BaseFuture<? extends T, ?>> children, boolean settle, int unique) {
        super(loop);
        this.children = children;
        this.settle = settle;
        this.unfinished = unique;
    }

    @SuppressWarnings("unchecked")
    static <T> Gathering<T> of(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, boolean settle) {
        requireAwaitables(awaitables, settle ? "gatherSettled" : "gather");
        // The same awaitable given twice is run once and reported twice, as in Python.
        Map<Awaitable<?>, BaseFuture<? extends T, ?>> unique = new IdentityHashMap<>();
        List<BaseFuture<? extends T, ?>> children = new ArrayList<>(awaitables.size());
        for (Awaitable<? extends T> a : awaitables) {
            children.add(unique.computeIfAbsent(a, key -> loop.ensureFuture((Awaitable<T>) key)));
        }
        Gathering<T> gathering = new Gathering<>(loop, children, settle, unique.size());
        if (children.isEmpty()) {
            gathering.setResult(new ArrayList<>());
        }
        for (BaseFuture<? extends T, ?> child : unique.values()) {
            child.addDoneCallback(gathering::childDone);
        }
        return gathering;
    }

    /** Refuses a null collection or element before anything is scheduled, saying what {@code call} takes. */
    private static void requireAwaitables(Collection<? extends Awaitable<?>> awaitables, String call) {
        if (awaitables == null) {
            throw new NullPointerException(call + "(null): pass the awaitables to run together, as " + call
                    + "(a, b) or " + call + "(List.of(a, b)); with none it completes with an empty list");
        }
        int index = 0;
        for (Awaitable<?> a : awaitables) {
            if (a == null) {
                throw new NullPointerException(call + "(...): element " + index
                        + " is null; pass a Coroutine, a Task or a Future in every position");
            }
            index++;
        }
    }

    /** The awaitables it gathers, as futures, in argument order. */
    List<BaseFuture<? extends T, ?>> children() {
        return children;
    }

    @SuppressWarnings("unchecked")
    private void childDone(BaseFuture<?, ?> child) {
        unfinished--;
        if (isDone()) {
            child.failureOrNull(); // retrieved: the gather already reported its outcome
            return;
        }
        if (!settle) {
            Throwable failure = child.failureOrNull();
            if (failure != null) {
                end(failure);
                return;
            }
        }
        if (unfinished > 0) {
            return;
        }
        if (cancelRequested) {
            super.cancel(cancelRequestMessage);
            return;
        }
        List<Object> results = new ArrayList<>(children.size());
        for (BaseFuture<? extends T, ?> c : children) {
            Throwable failure = c.failureOrNull();
            results.add(failure != null ? failure : c.rawResult());
        }
        setResult((List<T>) results);
    }

    /**
     * The first failure ends the gather. Differs from Python, which sets a child's
     * {@code CancelledError} as the gather's exception: here the gather is cancelled instead, which
     * its awaiter sees the same way.
     */
    private void end(Throwable failure) {
        if (failure instanceof CancelledError cancelled) {
            super.cancel(cancelled.getMessage());
        } else {
            setException(failure);
        }
    }

    /**
     * Cancels every unfinished child; returns false (and stays pending) when none could be
     * cancelled, as Python's gather does.
     */
    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (BaseFuture<? extends T, ?> child : children) {
            any |= child.cancel(message);
        }
        if (any) {
            cancelRequested = true;
            cancelRequestMessage = message;
        }
        return any;
    }
}
