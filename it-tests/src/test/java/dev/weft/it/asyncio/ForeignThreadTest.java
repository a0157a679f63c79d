package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Barrier;
import dev.weft.CancelledError;
import dev.weft.Condition;
import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.Lock;
import dev.weft.Queue;
import dev.weft.Semaphore;
import dev.weft.Task;
import dev.weft.TimerHandle;
import dev.weft.it.Fixtures;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * In debug mode every loop-bound method refuses a call from another thread before changing
 * anything, as {@code callSoon} does in asyncio's debug mode (test_base_events.py::test_check_thread):
 * a refused call must leave nothing behind that would keep {@link Asyncio#run} waiting.
 */
// Without WeftExtension: the hang guard runs each test on a thread of its own, whose loops the extension does not watch.
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // only a guard: a regression shows up as a test waiting forever
class ForeignThreadTest {

    @Test
    @Async
    void createTaskIsRefusedAndLeavesNoTask() throws InterruptedException {
        EventLoop loop = inDebugMode();
        Coroutine<Integer> work = Fixtures.after(0, 1);
        assertRefused(() -> loop.createTask(work));
        assertEquals(1, loop.stats().tasks(), "only the main task");
        assertEquals(1, Await.on(work), "the coroutine was not claimed by the refused task");
    }

    @Test
    @Async
    void taskCancelIsRefusedAndLeavesTheTaskWaiting() throws InterruptedException {
        inDebugMode();
        Task<Integer> sleeper = Asyncio.createTask(Fixtures.after(60, 1));
        Await.on(Asyncio.sleep(0));
        assertRefused(sleeper::cancel);
        assertRefused(sleeper::uncancel);
        assertEquals(0, sleeper.cancelling());
        sleeper.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(sleeper)));
    }

    @Test
    @Async
    void futureMethodsAreRefused() throws InterruptedException {
        Future<Integer> future = inDebugMode().createFuture();
        Consumer<Future<Integer>> callback = f -> { };
        assertRefused(() -> future.setResult(1));
        assertRefused(() -> future.setException(new Fixtures.Boom("from elsewhere")));
        assertRefused(future::cancel);
        assertRefused(() -> future.addDoneCallback(callback));
        assertRefused(() -> future.removeDoneCallback(callback));
        assertFalse(future.isDone());
        future.setResult(2);
        assertEquals(2, Await.on(future));
    }

    @Test
    @Async
    void timersAreRefused() throws InterruptedException {
        EventLoop loop = inDebugMode();
        TimerHandle timer = loop.callLater(60, () -> { });
        assertRefused(() -> loop.callLater(0, () -> { }));
        assertRefused(() -> loop.callAt(loop.time(), () -> { }));
        assertRefused(timer::cancel);
        assertFalse(timer.isCancelled());
        timer.cancel();
        Await.on(Asyncio.sleep(0));
    }

    @Test
    @Async
    void eventIsRefusedOnceBound() throws InterruptedException {
        inDebugMode();
        Event event = new Event();
        Task<Boolean> waiter = Asyncio.createTask(event.await());
        Await.on(Asyncio.sleep(0));
        assertRefused(event::set);
        assertRefused(event::clear);
        assertFalse(event.isSet());
        event.set();
        assertTrue(Await.on(waiter));
    }

    @Test
    @Async
    void lockAndSemaphoreAreRefusedOnceBound() throws InterruptedException {
        inDebugMode();
        Lock lock = new Lock();
        Lock.Held held = Await.on(lock.acquire());
        Task<Lock.Held> lockWaiter = Asyncio.createTask(lock.acquire());
        Semaphore semaphore = new Semaphore(0);
        Task<Semaphore.Held> permitWaiter = Asyncio.createTask(semaphore.acquire());
        Await.on(Asyncio.sleep(0));
        assertRefused(lock::release);
        assertRefused(semaphore::release);
        assertTrue(lock.isLocked());
        assertEquals(0, semaphore.available());
        held.close();
        semaphore.release();
        Await.on(lockWaiter).close();
        Await.on(permitWaiter).close();
    }

    @Async
    static Coroutine<Boolean> signalled(Condition condition) {
        try (var held = Await.on(condition.acquire())) {
            return Coroutine.of(Await.on(condition.await()));
        }
    }

    @Test
    @Async
    void conditionIsRefusedOnceBound() throws InterruptedException {
        inDebugMode();
        Condition condition = new Condition();
        Task<Boolean> waiter = Asyncio.createTask(signalled(condition));
        Await.on(Asyncio.sleep(0));
        try (var held = Await.on(condition.acquire())) {
            assertRefused(condition::signal);
            assertRefused(condition::signalAll);
            condition.signal();
        }
        assertTrue(Await.on(waiter));
    }

    @Test
    @Async
    void barrierIsRefusedOnceBound() throws InterruptedException {
        inDebugMode();
        Barrier barrier = new Barrier(2);
        Task<Integer> first = Asyncio.createTask(barrier.await());
        Await.on(Asyncio.sleep(0));
        assertRefused(barrier::reset);
        assertRefused(barrier::abort);
        assertFalse(barrier.isBroken());
        assertEquals(1, barrier.waiting());
        assertEquals(1, Await.on(barrier.await()));
        assertEquals(0, Await.on(first));
    }

    @Test
    @Async
    void queueIsRefusedOnceBound() throws InterruptedException {
        inDebugMode();
        Queue<Integer> queue = new Queue<>();
        Task<Integer> getter = Asyncio.createTask(queue.get());
        Await.on(Asyncio.sleep(0));
        assertRefused(() -> queue.putNowait(1));
        assertRefused(queue::getNowait);
        assertRefused(queue::taskDone);
        assertRefused(queue::shutdown);
        assertTrue(queue.isEmpty());
        queue.putNowait(2);
        assertEquals(2, Await.on(getter));
    }

    /** The running loop, in debug mode from now on. */
    private static EventLoop inDebugMode() {
        EventLoop loop = Asyncio.getRunningLoop();
        loop.setDebug(true);
        return loop;
    }

    /** Runs {@code call} on another thread and checks it was refused with the advice to hand it over. */
    private static void assertRefused(Executable call) throws InterruptedException {
        Throwable[] outcome = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                call.execute();
            } catch (Throwable t) {
                outcome[0] = t;
            }
        }, "foreign");
        other.start();
        other.join(); // holds the loop briefly: the call needs nothing from it
        IllegalStateException refused = assertInstanceOf(IllegalStateException.class, outcome[0]);
        assertTrue(refused.getMessage().contains("callSoonThreadsafe"), refused.getMessage());
    }
}
