package dev.weft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The future behind {@link Asyncio#gather}: done when every child is done (or, without
 * {@code settle}, at the first failure); cancelling it cancels the children.
 */
final class Gathering<T> extends Future<List<T>> {
    private final List<BaseFuture<? extends T, ?>> children;
    private final boolean settle;
    private int remaining;

    private Gathering(EventLoop loop, List<BaseFuture<? extends T, ?>> children, boolean settle) {
        super(loop);
        this.children = children;
        this.settle = settle;
        this.remaining = children.size();
    }

    @SuppressWarnings("unchecked")
    static <T> Gathering<T> of(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, boolean settle) {
        // The same awaitable given twice is awaited once, as in Python.
        Map<Awaitable<?>, BaseFuture<? extends T, ?>> seen = new IdentityHashMap<>();
        List<BaseFuture<? extends T, ?>> children = new ArrayList<>(awaitables.size());
        for (Awaitable<? extends T> a : awaitables) {
            BaseFuture<? extends T, ?> f = seen.get(a);
            if (f == null) {
                f = loop.ensureFuture((Awaitable<T>) a);
                seen.put(a, f);
            }
            children.add(f);
        }
        Gathering<T> gathering = new Gathering<>(loop, children, settle);
        if (children.isEmpty()) {
            gathering.setResult(new ArrayList<>());
        }
        for (BaseFuture<? extends T, ?> child : children) {
            child.addDoneCallback(gathering::childDone);
        }
        return gathering;
    }

    @SuppressWarnings("unchecked")
    private void childDone(BaseFuture<?, ?> child) {
        remaining--;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.failureOrNull(); // retrieved: the gather already reported its outcome
            }
            return;
        }
        if (!settle) {
            Throwable failure = child.failureOrNull();
            if (failure != null) {
                setFailure(failure);
                return;
            }
        }
        if (remaining > 0) {
            return;
        }
        List<Object> results = new ArrayList<>(children.size());
        for (BaseFuture<? extends T, ?> c : children) {
            Throwable failure = c.failureOrNull();
            results.add(failure != null ? failure : c.rawResult());
        }
        setResult((List<T>) results);
    }

    private void setFailure(Throwable failure) {
        if (failure instanceof CancelledError cancelled) {
            super.cancel(cancelled.getMessage());
        } else {
            setException(failure);
        }
    }

    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (BaseFuture<? extends T, ?> child : children) {
            any |= child.cancel(message);
        }
        if (!any) {
            return super.cancel(message);
        }
        // The children's cancellation completes this future through childDone.
        return true;
    }
}
