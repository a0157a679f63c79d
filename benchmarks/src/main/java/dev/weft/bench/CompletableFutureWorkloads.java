package dev.weft.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * W1-W5 as a Java developer would write them with {@link CompletableFuture} on one
 * single-thread executor (the event loop's counterpart): each workload starts on the executor,
 * and every continuation that must wait for another "task" goes back through it.
 */
final class CompletableFutureWorkloads {
    private CompletableFutureWorkloads() {
    }

    /** W1: each task starts on the executor, yields (a second trip through it), returns its index. */
    static CompletableFuture<Long> spawn(int count, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Integer>[] tasks = new CompletableFuture[count];
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks[i] = CompletableFuture.supplyAsync(() -> index, executor)
                        .thenApplyAsync(Function.identity(), executor);
            }
            return CompletableFuture.allOf(tasks).thenApply(allDone -> {
                long sum = 0;
                for (CompletableFuture<Integer> task : tasks) {
                    sum += task.join();
                }
                return sum;
            });
        }, executor).thenCompose(Function.identity());
    }

    /**
     * The fan-out benchmarks' baseline: {@code rounds} times, W1's tasks {@code width} at a time,
     * collected with {@code allOf}. Each round starts from the executor, so rounds do not nest.
     */
    static CompletableFuture<Long> fanOut(int width, int rounds, Executor executor) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        executor.execute(() -> fanOutRound(width, rounds, 0, executor, result));
        return result;
    }

    private static void fanOutRound(int width, int roundsLeft, long sumSoFar, Executor executor, CompletableFuture<Long> result) {
        if (roundsLeft == 0) {
            result.complete(sumSoFar);
            return;
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] tasks = new CompletableFuture[width];
        for (int i = 0; i < width; i++) {
            int index = i;
            tasks[i] = CompletableFuture.supplyAsync(() -> index, executor).thenApplyAsync(Function.identity(), executor);
        }
        CompletableFuture.allOf(tasks).thenRunAsync(() -> {
            long sum = sumSoFar;
            for (CompletableFuture<Integer> task : tasks) {
                sum += task.join();
            }
            fanOutRound(width, roundsLeft - 1, sum, executor, result);
        }, executor);
    }

    static CompletableFuture<Integer> plusOne(int i) {
        return CompletableFuture.completedFuture(i + 1);
    }

    /** W2: a chain of stages, each adding a child that is already complete. */
    static CompletableFuture<Long> chain(int count, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            CompletableFuture<Long> sum = CompletableFuture.completedFuture(0L);
            for (int i = 0; i < count; i++) {
                sum = sum.thenCombine(plusOne(i), (before, child) -> before + child);
            }
            return sum;
        }, executor).thenCompose(Function.identity());
    }

    /** W3: ping sends i and waits for the answer; pong answers i+1. */
    static CompletableFuture<Long> pingPong(int roundTrips, Executor executor) {
        AsyncBoundedQueue<Integer> requests = new AsyncBoundedQueue<>(1, executor);
        AsyncBoundedQueue<Integer> replies = new AsyncBoundedQueue<>(1, executor);
        CompletableFuture<Long> received = new CompletableFuture<>();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        executor.execute(() -> {
            new Pong(requests, replies, roundTrips, answered).next(0);
            new Ping(requests, replies, roundTrips, received).next(0, 0);
        });
        return received.thenCombine(answered, (sum, done) -> sum);
    }

    private record Ping(AsyncBoundedQueue<Integer> requests, AsyncBoundedQueue<Integer> replies, int roundTrips,
                        CompletableFuture<Long> received) {
        void next(int i, long sum) {
            if (i == roundTrips) {
                received.complete(sum);
                return;
            }
            requests.put(i).thenCompose(sent -> replies.take()).thenAccept(reply -> next(i + 1, sum + reply));
        }
    }

    private record Pong(AsyncBoundedQueue<Integer> requests, AsyncBoundedQueue<Integer> replies, int roundTrips,
                        CompletableFuture<Void> answered) {
        void next(int i) {
            if (i == roundTrips) {
                answered.complete(null);
                return;
            }
            requests.take().thenCompose(request -> replies.put(request + 1)).thenAccept(sent -> next(i + 1));
        }
    }

    /** W4: each sleeper is a future completed by the scheduler's timer. */
    static CompletableFuture<Long> sleepers(int[] millis, ScheduledExecutorService scheduler) {
        return CompletableFuture.supplyAsync(() -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Integer>[] sleepers = new CompletableFuture[millis.length];
            for (int i = 0; i < millis.length; i++) {
                int index = i;
                CompletableFuture<Integer> sleeper = new CompletableFuture<>();
                scheduler.schedule(() -> sleeper.complete(index), millis[i], TimeUnit.MILLISECONDS);
                sleepers[i] = sleeper;
            }
            return CompletableFuture.allOf(sleepers).thenApply(allDone -> {
                long sum = 0;
                for (CompletableFuture<Integer> sleeper : sleepers) {
                    sum += sleeper.join();
                }
                return sum;
            });
        }, scheduler).thenCompose(Function.identity());
    }

    /** W5: one stage per level; the leaf goes through the executor once. */
    static CompletableFuture<Integer> descend(int depth, Executor executor) {
        if (depth == 0) {
            return CompletableFuture.supplyAsync(() -> 0, executor);
        }
        return descend(depth - 1, executor).thenApply(below -> below + 1);
    }

    /** W5, repeated one after the other. */
    static CompletableFuture<Long> deep(int depth, int repeats, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            CompletableFuture<Long> sum = CompletableFuture.completedFuture(0L);
            for (int r = 0; r < repeats; r++) {
                sum = sum.thenCompose(before -> descend(depth, executor).thenApply(result -> before + result));
            }
            return sum;
        }, executor).thenCompose(Function.identity());
    }
}
