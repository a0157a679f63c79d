package dev.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * W1-W5 written with virtual threads and blocking calls. Every workload runs inside a virtual
 * thread, so that with {@code -Djdk.virtualThreadScheduler.parallelism=1} all of it shares one
 * carrier, as Weft shares one loop thread.
 */
final class VirtualThreadWorkloads {
    private VirtualThreadWorkloads() {
    }

    /** Runs {@code body} in a new virtual thread and waits for its result. */
    static <T> T inVirtualThread(Callable<T> body) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                result.set(body.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("virtual-thread workload failed", failure.get());
        }
        return result.get();
    }

    /** W1. */
    static long spawn(int count) throws InterruptedException, ExecutionException {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> tasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks.add(threads.submit(() -> {
                    Thread.yield();
                    return index;
                }));
            }
            long sum = 0;
            for (Future<Integer> task : tasks) {
                sum += task.get();
            }
            return sum;
        }
    }

    /** W2: in a virtual thread an await of a non-suspending child is a plain call. */
    static long chain(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += plusOne(i);
        }
        return sum;
    }

    private static int plusOne(int i) {
        return i + 1;
    }

    /** W3. */
    static long pingPong(int roundTrips) throws InterruptedException {
        BlockingQueue<Integer> requests = new ArrayBlockingQueue<>(1);
        BlockingQueue<Integer> replies = new ArrayBlockingQueue<>(1);
        Thread pong = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < roundTrips; i++) {
                    replies.put(requests.take() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long sum = 0;
        for (int i = 0; i < roundTrips; i++) {
            requests.put(i);
            sum += replies.take();
        }
        pong.join();
        return sum;
    }

    /** W4. */
    static long sleepers(int[] millis) throws InterruptedException, ExecutionException {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> sleepers = new ArrayList<>(millis.length);
            for (int i = 0; i < millis.length; i++) {
                int index = i;
                int sleep = millis[i];
                sleepers.add(threads.submit(() -> {
                    Thread.sleep(sleep);
                    return index;
                }));
            }
            long sum = 0;
            for (Future<Integer> sleeper : sleepers) {
                sum += sleeper.get();
            }
            return sum;
        }
    }

    private static int descend(int depth) {
        if (depth == 0) {
            Thread.yield();
            return 0;
        }
        return descend(depth - 1) + 1;
    }

    /** W5. */
    static long deep(int depth, int repeats) {
        long sum = 0;
        for (int r = 0; r < repeats; r++) {
            sum += descend(depth);
        }
        return sum;
    }
}
