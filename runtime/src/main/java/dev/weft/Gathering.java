package dev.weft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The future behind {@link Asyncio#gather}: Python's {@code _GatheringFuture}. Done when every
 * child is done or, without {@code settle}, at the first failure (the other children keep
 * running). Cancelling it cancels the children; it then ends cancelled once they are done, even
 * if some of them swallowed the cancellation.
 */
final class Gathering<T> extends Future<List<T>> implements BaseFuture.Watcher, FanIn {
    /** In argument order, with repeats: each is reported where it was given. */
    private final BaseFuture<? extends T, ?>[] children;
    private final boolean settle;
    private int unfinished;
    private boolean cancelRequested;
    private String cancelRequestMessage;

    private Gathering(EventLoop loop, BaseFuture<? extends T, ?>[] children, boolean settle) {
        super(loop);
        this.children = children;
        this.settle = settle;
    }

    static <T> Gathering<T> of(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, boolean settle) {
        requireAwaitables(awaitables, settle ? "gatherSettled" : "gather");
        Gathering<T> gathering = new Gathering<>(loop, FanOut.futures(loop, awaitables), settle);
        // A done child's failure may end the gather here; the pending ones are watched all the same,
        // so that their outcomes are retrieved when they end.
        for (BaseFuture<? extends T, ?> child : FanOut.distinct(gathering.children)) {
            if (child.isDone()) {
                gathering.settled(child);
            } else {
                gathering.unfinished++;
                child.addWatcher(gathering);
            }
        }
        if (gathering.unfinished == 0 && !gathering.isDone()) {
            gathering.collect();
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
    @Override
    public List<BaseFuture<? extends T, ?>> children() {
        return Arrays.asList(children);
    }

    @Override
    public String kind() {
        return "gather";
    }

    @Override
    public void childDone(BaseFuture<?, ?> child) {
        unfinished--;
        settled(child);
        if (unfinished == 0 && !isDone()) {
            collect();
        }
    }

    /** Takes in a done child's outcome: a failure ends the gather unless it settles. */
    private void settled(BaseFuture<?, ?> child) {
        if (isDone()) {
            child.failureOrNull(); // retrieved: the gather already reported its outcome
            return;
        }
        if (!settle) {
            Throwable failure = child.failureOrNull();
            if (failure != null) {
                end(failure);
            }
        }
    }

    /** Every child is done and none ended the gather: its results, or its cancellation. */
    @SuppressWarnings("unchecked")
    private void collect() {
        if (cancelRequested) {
            super.cancel(cancelRequestMessage);
            return;
        }
        List<Object> results = new ArrayList<>(children.length);
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
        // Set first: a cancelled future child reports its completion at once, from inside this loop.
        cancelRequested = true;
        cancelRequestMessage = message;
        boolean any = false;
        for (BaseFuture<? extends T, ?> child : children) {
            any |= child.cancel(message);
        }
        if (!any) {
            cancelRequested = false;
            cancelRequestMessage = null;
        }
        return any;
    }
}
