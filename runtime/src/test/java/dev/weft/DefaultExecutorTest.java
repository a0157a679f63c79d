package dev.weft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link DefaultExecutor}: made on first use, replaceable, closed for good once shut down. */
class DefaultExecutorTest {
    private final DefaultExecutor executor = new DefaultExecutor();

    @Test
    void theSameExecutorServesEveryCall() {
        try {
            assertSame(executor.get(), executor.get());
        } finally {
            executor.close();
        }
    }

    /** Virtual threads where the JVM has them, else the bounded pool's daemon threads. */
    @Test
    void callsRunOnVirtualThreadsOrOnDaemonPoolThreads() throws Exception {
        try {
            CompletableFuture<Thread> ranOn = CompletableFuture.supplyAsync(Thread::currentThread, executor.get());
            Thread thread = ranOn.get(10, TimeUnit.SECONDS);
            if (Runtime.version().feature() >= 21) {
                assertTrue((Boolean) Thread.class.getMethod("isVirtual").invoke(thread), thread::toString);
            } else {
                assertTrue(thread.isDaemon() && thread.getName().startsWith("weft-executor-"), thread::toString);
            }
        } finally {
            executor.close();
        }
    }

    @Test
    void setReplacesTheExecutor() {
        ExecutorService mine = Executors.newSingleThreadExecutor();
        try {
            executor.set(mine);
            assertSame(mine, executor.get());
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void aClosedExecutorRefusesWorkSayingWhatToDo() {
        executor.get();
        ExecutorService closed = executor.close();
        assertTrue(closed.isShutdown());
        IllegalStateException e = assertThrows(IllegalStateException.class, executor::get);
        assertTrue(e.getMessage().contains("pass an executor of your own"), e.getMessage());
    }

    @Test
    void shuttingDownWhatWasNeverMadeHasNothingToWaitFor() {
        assertNull(executor.shutdown());
        assertThrows(IllegalStateException.class, executor::get);
    }

    @Test
    void shutdownCompletesOnceTheRunningCallsHaveFinished() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        executor.get().execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        CompletableFuture<Void> terminated = executor.shutdown();
        assertFalse(terminated.isDone(), "a call is still running");
        release.countDown();
        terminated.get(10, TimeUnit.SECONDS);
    }
}
