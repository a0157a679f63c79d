package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ReturnWhen;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.SlowStep;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A coroutine awaiting a task or future of another loop, which runs on its own thread: it resumes
 * on its own loop's thread, and cancelling it stops the wait (and cancels the awaited task, as a
 * cancelled await of a task of the same loop does).
 */
@ExtendWith(WeftExtension.class)
class CrossLoopTest {
    private static final long WAIT = 10;
    private EventLoop other;

    @BeforeEach
    void start() {
        other = EventLoop.startOnNewThread("weft-other");
    }

    @AfterEach
    void stop() {
        other.shutdown();
    }

    /** A task made on {@code loop}'s thread. */
    @Async
    private static <T> Coroutine<Task<T>> taskOn(EventLoop loop, Coroutine<T> coroutine) {
        return Coroutine.of(Await.on(Asyncio.runCoroutineThreadsafe(ThreadsafeTest.spawn(coroutine), loop)));
    }

    @Async
    static Coroutine<String> nameAfter(double delay) {
        Await.on(Asyncio.sleep(delay));
        return Coroutine.of(Thread.currentThread().getName());
    }

    /** The hang this fixes: the awaiter used to be scheduled on the other loop and never resumed. */
    @Test
    @Async
    void awaitingATaskOfAnotherLoopResumesOnTheAwaitersThread() {
        Task<String> remote = Await.on(taskOn(other, nameAfter(0.02)));
        String here = Thread.currentThread().getName();
        assertEquals("weft-other", Await.on(remote));
        assertEquals(here, Thread.currentThread().getName());
    }

    @Test
    @Async
    void aDoneTaskOfAnotherLoopIsAwaitedToo() {
        Task<String> remote = Await.on(taskOn(other, nameAfter(0)));
        Await.on(remote.toCompletableFuture());
        assertTrue(remote.isDone());
        assertEquals("weft-other", Await.on(remote));
    }

    @Test
    @Async
    void theOriginalExceptionCrossesLoops() {
        Boom boom = new Boom("remote");
        Task<Integer> remote = Await.on(taskOn(other, Fixtures.failAfter(0.01, boom)));
        assertSame(boom, Await.on(Fixtures.failureOf(remote)));
    }

    @Test
    @Async
    void aCancelledTaskOfAnotherLoopCancelsTheAwaiterWithItsMessage() {
        Task<Void> remote = Await.on(taskOn(other, Fixtures.forever()));
        other.callSoonThreadsafe(() -> remote.cancel("stop it"));
        Throwable e = Await.on(Fixtures.failureOf(remote));
        assertInstanceOf(CancelledError.class, e);
        assertEquals("stop it", e.getMessage());
    }

    @Test
    @Async
    void cancellingTheAwaiterStopsTheWaitAndCancelsTheAwaitedTask() {
        List<String> log = new CopyOnWriteArrayList<>();
        Task<Void> remote = Await.on(taskOn(other, Fixtures.sleeper(3600, log)));
        assertInstanceOf(TimeoutError.class, Await.on(Fixtures.failureOf(Asyncio.waitFor(remote, 0.02))));
        Task<Void> settled = Await.on(Asyncio.runCoroutineThreadsafe(ThreadsafeTest.settled(remote), other));
        assertTrue(settled.isCancelled());
        assertEquals(List.of("cancelled"), log);
    }

    @Test
    @Async
    void gatherAndShieldTakeTasksOfOtherLoops() {
        Task<String> a = Await.on(taskOn(other, nameAfter(0.01)));
        Task<String> b = Await.on(taskOn(other, nameAfter(0)));
        assertEquals(List.of("weft-other", "weft-other"), Await.on(Asyncio.gather(a, b)));
        assertEquals("weft-other", Await.on(Asyncio.shield(a)));
    }

    @Test
    @Async
    void waitRefusesTasksOfOtherLoops() {
        Task<String> remote = Await.on(taskOn(other, nameAfter(0)));
        Throwable e = Await.on(Fixtures.failureOf(Asyncio.wait(List.of(remote), ReturnWhen.ALL_COMPLETED)));
        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("another"), e.getMessage());
    }

    @Test
    void runUntilCompleteTakesATaskOfAnotherLoop() throws Exception {
        Task<String> remote = Asyncio.runCoroutineThreadsafe(ThreadsafeTest.spawn(nameAfter(0.01)), other)
                .get(WAIT, TimeUnit.SECONDS);
        try (EventLoop mine = new EventLoop()) {
            assertEquals("weft-other", mine.runUntilComplete(remote));
        }
    }

    // ---- 4 loops on 4 threads awaiting each other's tasks ----

    private static final int LOOPS = 4;
    private static final int AWAITS_PER_LOOP = 25_000;
    /** Tasks a loop asks another loop for at a time: fewer trips through the inboxes. */
    private static final int BATCH = 50;

    /** Made on the loop it runs on: checks it runs there, sometimes suspends, returns {@code 2 * k}. */
    @Async
    static Coroutine<Integer> work(int k, Thread home, boolean suspend, ConcurrentLinkedQueue<String> errors) {
        if (suspend) {
            Await.on(Asyncio.sleep(0));
        }
        if (Thread.currentThread() != home) {
            errors.add("work " + k + " ran on " + Thread.currentThread().getName() + ", not " + home.getName());
        }
        return Coroutine.of(2 * k);
    }

    @Async
    static Coroutine<List<Task<Integer>>> spawnBatch(int first, long seed, ConcurrentLinkedQueue<String> errors) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Task<Integer>> tasks = new ArrayList<>(BATCH);
        for (int k = first; k < first + BATCH; k++) {
            tasks.add(Asyncio.createTask(work(k, Thread.currentThread(), random.nextBoolean(), errors)));
        }
        return Coroutine.of(tasks);
    }

    /** Awaits {@code task} of another loop, checking it resumes here with the right value. */
    @Async
    static Coroutine<Void> awaitRemote(Task<Integer> task, int k, Thread home, ConcurrentLinkedQueue<String> errors) {
        int value = Await.on(task);
        if (Thread.currentThread() != home) {
            errors.add("result of " + k + " delivered on " + Thread.currentThread().getName() + ", not " + home.getName());
        }
        if (value != 2 * k) {
            errors.add("result of " + k + " was " + value);
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> driver(int self, EventLoop[] loops, long seed, AtomicInteger delivered,
                                  AtomicInteger cancelled, ConcurrentLinkedQueue<String> errors) {
        SplittableRandom random = new SplittableRandom(seed);
        Thread home = Thread.currentThread();
        for (int first = 0; first < AWAITS_PER_LOOP; first += BATCH) {
            int target = (self + 1 + random.nextInt(LOOPS - 1)) % LOOPS;
            List<Task<Integer>> remote = Await.on(
                    Asyncio.runCoroutineThreadsafe(spawnBatch(first, random.nextLong(), errors), loops[target]));
            List<Task<Void>> awaiters = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                awaiters.add(Asyncio.createTask(awaitRemote(remote.get(i), first + i, home, errors)));
            }
            Await.on(Asyncio.sleep(0));
            for (Task<Void> awaiter : awaiters) {
                if (random.nextInt(10) == 0) {
                    awaiter.cancel();
                }
            }
            for (Object outcome : Await.on(Asyncio.gatherSettled(awaiters))) {
                if (outcome instanceof CancelledError) {
                    cancelled.incrementAndGet();
                } else if (outcome != null) {
                    errors.add("awaiter failed with " + outcome);
                } else {
                    delivered.incrementAndGet();
                }
            }
        }
        return Coroutine.done();
    }

    /**
     * 100,000 awaits of tasks of other loops, each of 4 loops on its own thread awaiting the
     * others', with random cancellations: every await ends once, every result arrives on the
     * awaiter's thread, and nothing deadlocks. The loops run in debug mode, which refuses any call
     * made from the wrong thread.
     */
    @Test
    @SlowStep(10) // four busy loops in debug mode on a small machine: a step may wait seconds for a core
    void fourLoopsAwaitEachOthersTasks() throws Exception {
        EventLoop[] loops = new EventLoop[LOOPS];
        for (int i = 0; i < LOOPS; i++) {
            loops[i] = EventLoop.startOnNewThread("weft-stress-" + i);
        }
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        try {
            List<CompletableFuture<Void>> drivers = new ArrayList<>();
            for (int i = 0; i < LOOPS; i++) {
                drivers.add(Asyncio.runCoroutineThreadsafe(driver(i, loops, 1234 + i, delivered, cancelled, errors), loops[i]));
            }
            CompletableFuture.allOf(drivers.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        } finally {
            for (EventLoop loop : loops) {
                loop.shutdown();
            }
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(LOOPS * AWAITS_PER_LOOP, delivered.get() + cancelled.get());
        assertTrue(cancelled.get() > 0 && delivered.get() > 0, delivered + " delivered, " + cancelled + " cancelled");
    }
}
