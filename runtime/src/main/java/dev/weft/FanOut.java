package dev.weft;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The children of a fan-out ({@code gather}, {@code asCompleted}, {@code wait}): the futures of
 * the awaitables in argument order, and the same list with each child once. The common case, tasks
 * created in order and given in that order, is recognised by their ids alone, so that a million
 * children cost no hashing.
 */
final class FanOut {
    private FanOut() {
    }

    /**
     * The futures of {@code awaitables}, in order; each coroutine becomes a task, once even if it
     * is given twice (as in Python, where the same awaitable is run once and reported twice).
     */
    @SuppressWarnings("unchecked")
    static <T> BaseFuture<? extends T, ?>[] futures(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables) {
        int firstId = Task.nextId();
        BaseFuture<? extends T, ?>[] futures = new BaseFuture[awaitables.size()];
        int i = 0;
        for (Awaitable<? extends T> a : awaitables) {
            futures[i++] = a instanceof Coroutine<?> c && scheduledSince(c, firstId)
                    ? (BaseFuture<? extends T, ?>) c.task
                    : loop.ensureFuture((Awaitable<T>) a);
        }
        return futures;
    }

    /** True when {@code coroutine} is the root of a task made since {@code firstId}: given earlier in the same call. */
    private static boolean scheduledSince(Coroutine<?> coroutine, int firstId) {
        Task<?> task = coroutine.task;
        return task != null && task.getCoroutine() == coroutine && task.id() - firstId >= 0;
    }

    /** {@code futures} with each future once, first occurrences in order; {@code futures} itself when nothing repeats. */
    static <T> BaseFuture<? extends T, ?>[] distinct(BaseFuture<? extends T, ?>[] futures) {
        int previous = 0;
        for (int i = 0; i < futures.length; i++) {
            // Ids only grow (until they wrap), so tasks with rising ids are distinct.
            if (!(futures[i] instanceof Task<?> task) || (i > 0 && task.id() - previous <= 0)) {
                return distinctByIdentity(futures);
            }
            previous = task.id();
        }
        return futures;
    }

    private static <T> BaseFuture<? extends T, ?>[] distinctByIdentity(BaseFuture<? extends T, ?>[] futures) {
        Set<BaseFuture<?, ?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int count = 0;
        BaseFuture<? extends T, ?>[] distinct = futures.clone();
        for (BaseFuture<? extends T, ?> f : futures) {
            if (seen.add(f)) {
                distinct[count++] = f;
            }
        }
        return java.util.Arrays.copyOf(distinct, count);
    }
}
