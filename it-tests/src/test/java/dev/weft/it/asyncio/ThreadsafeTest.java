package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.AllowPendingTasks;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A loop on a thread of its own, fed from other threads: {@code EventLoop.startOnNewThread},
 * {@code shutdown()}, {@code Asyncio.runCoroutineThreadsafe} (as CPython's
 * test_tasks.RunCoroutineThreadsafeTests checks it) and {@code Task.toCompletableFuture()}.
 */
@ExtendWith(WeftExtension.class)
class ThreadsafeTest {
    private static final long WAIT = 10;
    private EventLoop loop;

    @BeforeEach
    void start() {
        loop = EventLoop.startOnNewThread("weft-background");
    }

    @AfterEach
    void stop() {
        loop.shutdown();
    }

    @Async
    static Coroutine<Integer> add(int a, int b, boolean fail, boolean cancelSelf) {
        Await.on(Asyncio.sleep(0.01));
        if (fail) {
            throw new Boom("Fail!");
        }
        if (cancelSelf) {
            Asyncio.currentTask().cancel();
            Await.on(Asyncio.sleep(0));
        }
        return Coroutine.of(a + b);
    }

    @Async
    static Coroutine<String> threadName() {
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(Thread.currentThread().getName());
    }

    @Async
    static Coroutine<Void> waitForCancel(CountDownLatch started, List<String> log) {
        started.countDown();
        try {
            Await.on(Asyncio.sleep(3600));
        } finally {
            log.add("finally ran");
        }
        return Coroutine.done();
    }

    /** Mirrors test_tasks.RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe. */
    @Test
    void runCoroutineThreadsafe() throws Exception {
        assertEquals(3, Asyncio.runCoroutineThreadsafe(add(1, 2, false, false), loop).get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void theCoroutineRunsOnTheLoopsThread() throws Exception {
        assertTrue(loop.isRunning());
        assertEquals("weft-background", Asyncio.runCoroutineThreadsafe(threadName(), loop).get(WAIT, TimeUnit.SECONDS));
    }

    /** Mirrors test_tasks.RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_with_exception: the original exception. */
    @Test
    void runCoroutineThreadsafeWithException() {
        CompletableFuture<Integer> future = Asyncio.runCoroutineThreadsafe(add(1, 2, true, false), loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(Boom.class, e.getCause());
        assertEquals("Fail!", e.getCause().getMessage());
    }

    /**
     * Mirrors test_tasks.RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_with_timeout: the
     * caller gives up and cancels the future, which cancels the task on the loop.
     */
    @Test
    void runCoroutineThreadsafeWithTimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> future = Asyncio.runCoroutineThreadsafe(waitForCancel(started, log), loop);
        assertTrue(started.await(WAIT, TimeUnit.SECONDS));
        assertThrows(TimeoutException.class, () -> future.get(0, TimeUnit.MILLISECONDS));
        assertTrue(future.cancel(true));
        assertEquals(0, Asyncio.runCoroutineThreadsafe(pendingTasksAfterATurn(), loop).get(WAIT, TimeUnit.SECONDS));
        assertEquals(List.of("finally ran"), log);
    }

    @Async
    static Coroutine<Integer> pendingTasksAfterATurn() {
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(Asyncio.allTasks().size() - 1);
    }

    /** Mirrors test_tasks.RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_task_cancelled. */
    @Test
    void runCoroutineThreadsafeTaskCancelled() {
        CompletableFuture<Integer> future = Asyncio.runCoroutineThreadsafe(add(1, 2, false, true), loop);
        assertThrows(CancellationException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
        assertTrue(future.isCancelled());
    }

    /**
     * Mirrors test_tasks.RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_task_factory_exception:
     * when the task cannot be made, the future carries why.
     */
    @Test
    void runCoroutineThreadsafeWhenTheTaskCannotBeMade() throws Exception {
        Coroutine<Integer> once = add(1, 2, false, false);
        assertEquals(3, Asyncio.runCoroutineThreadsafe(once, loop).get(WAIT, TimeUnit.SECONDS));
        CompletableFuture<Integer> again = Asyncio.runCoroutineThreadsafe(once, loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> again.get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void runCoroutineThreadsafeOnAClosedLoopThrows() {
        loop.shutdown();
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, () -> Asyncio.runCoroutineThreadsafe(add(1, 2, false, false), loop));
    }

    @Test
    @Async
    void aCoroutineOfOneLoopAwaitsWorkSentToAnother() {
        String remote = Await.on(Asyncio.runCoroutineThreadsafe(threadName(), loop));
        assertEquals("weft-background", remote);
        assertFalse(Thread.currentThread().getName().equals(remote));
    }

    @Test
    @AllowPendingTasks
    void shutdownCancelsTheTasksLeftAndClosesTheLoop() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> future = Asyncio.runCoroutineThreadsafe(waitForCancel(started, log), loop);
        assertTrue(started.await(WAIT, TimeUnit.SECONDS));
        loop.shutdown();
        assertTrue(loop.isClosed());
        assertFalse(loop.isRunning());
        assertTrue(future.isCancelled());
        assertEquals(List.of("finally ran"), log);
        loop.shutdown(); // again: nothing to do
    }

    @Async
    static Coroutine<Void> shutDown(EventLoop loop) {
        Await.on(Asyncio.sleep(0));
        loop.shutdown();
        return Coroutine.done();
    }

    @Test
    void shutdownOnTheLoopsOwnThreadThrows() throws Exception {
        CompletableFuture<Throwable> refused = Asyncio.runCoroutineThreadsafe(Fixtures.failureOf(shutDown(loop)), loop);
        Throwable e = refused.get(WAIT, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, e);
        assertTrue(e.getMessage().contains("own thread"), e.getMessage());
    }

    @Test
    void shutdownOfALoopNotStartedOnItsOwnThreadThrows() {
        try (EventLoop plain = new EventLoop()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, plain::shutdown);
            assertTrue(e.getMessage().contains("startOnNewThread"), e.getMessage());
        }
    }

    /** A task made on the loop's thread, handed to this one. */
    private <T> Task<T> taskOnLoop(Coroutine<T> coroutine) throws Exception {
        return Asyncio.runCoroutineThreadsafe(spawn(coroutine), loop).get(WAIT, TimeUnit.SECONDS);
    }

    @Async
    static <T> Coroutine<Task<T>> spawn(Coroutine<T> coroutine) {
        return Coroutine.of(Asyncio.createTask(coroutine));
    }

    @Test
    void toCompletableFutureCompletesWithTheResult() throws Exception {
        Task<Integer> task = taskOnLoop(add(20, 22, false, false));
        assertEquals(42, task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));
    }

    @Async
    static Coroutine<Void> throwsChecked(IOException e) throws IOException {
        Await.on(Asyncio.sleep(0));
        throw e;
    }

    @Test
    void toCompletableFutureCarriesTheOriginalExceptionAndCountsAsRetrieving() throws Exception {
        List<ExceptionContext> reported = new CopyOnWriteArrayList<>();
        loop.callSoonThreadsafe(() -> loop.setExceptionHandler((l, context) -> reported.add(context)));
        IOException original = new IOException("disk gone");
        CompletableFuture<Void> future = taskOnLoop(throwsChecked(original)).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
        assertSame(original, e.getCause());
        loop.shutdown();
        assertEquals(List.of(), reported);
    }

    @Test
    void aCancelledTaskCancelsTheFutureWithItsMessage() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Task<Void> task = taskOnLoop(waitForCancel(started, new CopyOnWriteArrayList<>()));
        CompletableFuture<Void> future = task.toCompletableFuture();
        assertTrue(started.await(WAIT, TimeUnit.SECONDS));
        loop.callSoonThreadsafe(() -> task.cancel("enough"));
        // JDK 17's get() throws the stored CancelledError itself; JDK 23 and later wrap it in a fresh
        // CancellationException whose cause it is.
        CancellationException thrown = assertThrows(CancellationException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
        CancelledError e = assertInstanceOf(CancelledError.class, thrown instanceof CancelledError ? thrown : thrown.getCause());
        assertEquals("enough", e.getMessage());
        assertTrue(future.isCancelled());
    }

    @Test
    void cancellingTheFutureCancelsTheTaskFromAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        Task<Void> task = taskOnLoop(waitForCancel(started, log));
        assertTrue(started.await(WAIT, TimeUnit.SECONDS));
        assertTrue(task.toCompletableFuture().cancel(false));
        Task<Void> observed = Asyncio.runCoroutineThreadsafe(settled(task), loop).get(WAIT, TimeUnit.SECONDS);
        assertTrue(observed.isCancelled());
        assertEquals(List.of("finally ran"), log);
    }

    @Async
    static <T> Coroutine<Task<T>> settled(Task<T> task) {
        Await.on(Asyncio.gatherSettled(task));
        return Coroutine.of(task);
    }

    @Test
    @Async
    void toCompletableFutureOnTheLoopsThreadIsAwaitable() {
        Task<Integer> task = Asyncio.createTask(add(2, 3, false, false));
        CompletableFuture<Integer> future = task.toCompletableFuture();
        assertEquals(5, Await.on(future));
        assertTrue(future.isDone());
    }

    @Test
    void toCompletableFutureOfATaskOfAClosedLoop() throws Exception {
        Task<Integer> task = taskOnLoop(add(1, 1, false, false));
        assertEquals(2, task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));
        loop.shutdown();
        assertEquals(2, task.toCompletableFuture().get(0, TimeUnit.SECONDS));
    }
}
