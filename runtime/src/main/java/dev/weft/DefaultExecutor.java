package dev.weft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor for {@link EventLoop#runInExecutor} (CPython's
 * {@code loop._default_executor}): made on first use, replaceable by
 * {@link EventLoop#setDefaultExecutor}, and refusing work once shut down.
 *
 * <p>It runs each call on a virtual thread where the JVM has them (Java 21+); on Java 17 it is a
 * bounded pool of daemon threads, {@code min(32, cores + 4)} as Python's
 * {@code ThreadPoolExecutor}. Used from the loop's thread.
 */
final class DefaultExecutor {
    private ExecutorService executor;
    private boolean shutDown;

    /** The executor to run a call on; made on first use. */
    Executor get() {
        if (shutDown) {
            throw new IllegalStateException("the default executor has been shut down: pass an executor of your own");
        }
        if (executor == null) {
            executor = create();
        }
        return executor;
    }

    /** Replaces the executor; the one replaced is left running, as in Python. */
    void set(ExecutorService replacement) {
        executor = replacement;
    }

    /** Stops accepting work without waiting (loop close); returns the executor shut down, or null if none was made. */
    ExecutorService close() {
        shutDown = true;
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
        }
        return running;
    }

    /**
     * Stops accepting work; the returned stage completes once the running calls have finished, or
     * is null when no executor was ever made and there is nothing to wait for.
     */
    CompletableFuture<Void> shutdown() {
        ExecutorService running = close();
        if (running == null) {
            return null;
        }
        CompletableFuture<Void> terminated = new CompletableFuture<>();
        // A thread of its own waits, so that the loop keeps running while the calls finish.
        Thread waiter = new Thread(() -> {
            try {
                running.awaitTermination(300, TimeUnit.SECONDS);
                terminated.complete(null);
            } catch (InterruptedException e) {
                terminated.completeExceptionally(e);
            }
        }, "weft-executor-shutdown");
        waiter.setDaemon(true);
        waiter.start();
        return terminated;
    }

    private static ExecutorService create() {
        try {
            // Named reflectively: the runtime is compiled for Java 17, which has no virtual threads.
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException java17) {
            int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "weft-executor-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
