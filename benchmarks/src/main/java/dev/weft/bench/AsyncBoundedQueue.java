package dev.weft.bench;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The bounded asynchronous queue a {@link CompletableFuture} user writes for W3, confined to one
 * single-thread executor. Waiters are woken through the executor, as an event loop would, so that a
 * long conversation never nests continuations on the stack.
 */
final class AsyncBoundedQueue<T> {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final int capacity;
    private final Executor executor;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<T>> takers = new ArrayDeque<>();
    private final ArrayDeque<PendingPut<T>> putters = new ArrayDeque<>();

    private record PendingPut<T>(T item, CompletableFuture<Void> accepted) {
    }

    AsyncBoundedQueue(int capacity, Executor executor) {
        this.capacity = capacity;
        this.executor = executor;
    }

    CompletableFuture<Void> put(T item) {
        CompletableFuture<T> taker = takers.poll();
        if (taker != null) {
            executor.execute(() -> taker.complete(item));
            return DONE;
        }
        if (items.size() < capacity) {
            items.add(item);
            return DONE;
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        putters.add(new PendingPut<>(item, accepted));
        return accepted;
    }

    CompletableFuture<T> take() {
        T item = items.poll();
        if (item == null) {
            CompletableFuture<T> taken = new CompletableFuture<>();
            takers.add(taken);
            return taken;
        }
        PendingPut<T> putter = putters.poll();
        if (putter != null) {
            items.add(putter.item());
            executor.execute(() -> putter.accepted().complete(null));
        }
        return CompletableFuture.completedFuture(item);
    }
}
