package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import dev.weft.Future;
import dev.weft.TimerHandle;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link EventLoop}, as CPython's test_base_events.py, test_events.py and test_threads.py check it. */
@ExtendWith(WeftExtension.class)
class EventLoopTest {

    /** Mirrors test_base_events.py::test_call_soon: callbacks run in FIFO order, not inline. */
    @Test
    void callSoon() {
        try (EventLoop loop = new EventLoop()) {
            List<Integer> log = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                loop.callSoon(() -> log.add(n));
            }
            assertEquals(List.of(), log);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of(0, 1, 2, 3, 4), log);
        }
    }

    /** Mirrors test_base_events.py::test__run_once: timers run by deadline, then in insertion order. */
    @Test
    void timersOrderedByTimeThenInsertion() {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            double now = loop.time();
            loop.callAt(now + 0.02, () -> log.add("late"));
            loop.callAt(now + 0.01, () -> log.add("a"));
            loop.callAt(now + 0.01, () -> log.add("b"));
            loop.callAt(now + 0.01, () -> log.add("c"));
            loop.callAt(now + 0.03, loop::stop);
            loop.runForever();
            assertEquals(List.of("a", "b", "c", "late"), log);
        }
    }

    /** Mirrors test_base_events.py::test_call_later: the callback runs after the delay. */
    @Test
    void callLater() {
        try (EventLoop loop = new EventLoop()) {
            double[] ranAt = new double[1];
            double t0 = loop.time();
            loop.callLater(0.05, () -> {
                ranAt[0] = loop.time();
                loop.stop();
            });
            loop.runForever();
            assertTrue(ranAt[0] - t0 >= 0.049, "ran after " + (ranAt[0] - t0));
        }
    }

    /** Mirrors test_base_events.py::test_call_later_negative_delays: past deadlines run at once, in deadline order. */
    @Test
    void callLaterNegativeDelays() {
        try (EventLoop loop = new EventLoop()) {
            List<Integer> log = new ArrayList<>();
            loop.callLater(-1, () -> log.add(1));
            loop.callLater(-2, () -> log.add(2));
            loop.callLater(0.001, loop::stop);
            loop.runForever();
            assertEquals(List.of(2, 1), log);
        }
    }

    /** Mirrors test_base_events.py::test_time_and_call_at: time() is monotonic and callAt honours it. */
    @Test
    void timeAndCallAt() {
        try (EventLoop loop = new EventLoop()) {
            double[] ranAt = new double[1];
            double when = loop.time() + 0.03;
            loop.callAt(when, () -> {
                ranAt[0] = loop.time();
                loop.stop();
            });
            loop.runForever();
            assertTrue(ranAt[0] >= when);
        }
    }

    /** Mirrors test_events.py::TimerTests::test_timer: a cancelled timer never runs; when() and isCancelled(). */
    @Test
    void timerCancel() {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            TimerHandle h = loop.callLater(0.01, () -> log.add("ran"));
            assertFalse(h.isCancelled());
            assertTrue(h.when() > 0);
            h.cancel();
            h.cancel();
            assertTrue(h.isCancelled());
            loop.callLater(0.02, loop::stop);
            loop.runForever();
            assertEquals(List.of(), log);
            assertEquals(0, loop.stats().timers());
        }
    }

    /** Mirrors test_base_events.py::test__run_once_cancelled_event_cleanup: cancelled timers do not pile up. */
    @Test
    void cancelledTimersAreCompacted() {
        try (EventLoop loop = new EventLoop()) {
            List<TimerHandle> handles = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                handles.add(loop.callLater(3600, () -> { }));
            }
            loop.callLater(7200, () -> { }); // one live timer that stays
            for (TimerHandle h : handles) {
                h.cancel();
            }
            EventLoop.Stats stats = loop.stats();
            assertEquals(1, stats.timers());
            assertTrue(stats.cancelledTimers() <= 100, "cancelled timers held: " + stats.cancelledTimers());
        }
    }

    /** Mirrors test_events.py::test_call_soon_threadsafe: callbacks from other threads wake a sleeping loop at once. */
    @Test
    void callSoonThreadsafeWakesTheLoop() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            loop.callLater(30, loop::stop); // the loop would sleep this long without a wake-up
            Thread[] producers = new Thread[4];
            for (int i = 0; i < producers.length; i++) {
                int n = i;
                producers[i] = new Thread(() -> {
                    try {
                        running.await();
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    loop.callSoonThreadsafe(() -> {
                        log.add("from " + n);
                        if (log.size() == producers.length) {
                            loop.stop();
                        }
                    });
                });
                producers[i].start();
            }
            long t0 = System.nanoTime();
            loop.runForever();
            double took = (System.nanoTime() - t0) / 1e9;
            assertEquals(4, log.size());
            assertTrue(took < 5, "the loop slept " + took + " s instead of waking up");
            for (Thread t : producers) {
                t.join();
            }
        }
    }

    /** Mirrors test_events.py::test_run_in_executor: the call runs on another thread, the result lands on the loop. */
    @Test
    @Async
    void runInExecutor() {
        Thread loopThread = Thread.currentThread();
        Thread ran = Await.on(Asyncio.getRunningLoop().runInExecutor(null, Thread::currentThread));
        assertNotEquals(loopThread, ran);
        assertSame(loopThread, Thread.currentThread());
    }

    /** Mirrors test_base_events.py::test_set_default_executor. */
    @Test
    void setDefaultExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-executor"));
        try {
            toThreadRunsOn(executor);
            assertTrue(executor.isShutdown(), "the entry point shuts the default executor down, as Asyncio.run does");
        } finally {
            executor.shutdownNow();
        }
    }

    @Async
    private static void toThreadRunsOn(ExecutorService executor) {
        Asyncio.getRunningLoop().setDefaultExecutor(executor);
        String name = Await.on(Asyncio.toThread(() -> Thread.currentThread().getName()));
        assertEquals("custom-executor", name);
    }

    /** Mirrors test_threads.py::test_to_thread. */
    @Test
    @Async
    void toThread() {
        assertEquals(42, Await.on(Asyncio.toThread(() -> {
            Thread.sleep(10); // blocking is fine off the loop
            return 42;
        })));
    }

    /**
     * The default executor: a virtual thread per call where the JVM has them (Java 21+), else a
     * daemon thread of a bounded pool; never the loop's thread. (test_threads.py::test_to_thread
     * checks only the result; the thread kind is Weft's choice.)
     */
    @Test
    @Async
    void toThreadUsesVirtualThreadsWhereTheJvmHasThem() throws Exception {
        boolean jvmHasVirtualThreads = Runtime.version().feature() >= 21;
        Thread loopThread = Thread.currentThread();
        Thread worker = Await.on(Asyncio.toThread(Thread::currentThread));
        assertNotEquals(loopThread, worker);
        assertTrue(worker.isDaemon());
        if (jvmHasVirtualThreads) {
            assertEquals(true, Thread.class.getMethod("isVirtual").invoke(worker));
        } else {
            assertTrue(worker.getName().startsWith("weft-executor-"), worker.getName());
        }
    }

    /** Mirrors test_threads.py::test_to_thread_exception: the exception arrives unchanged, checked ones too. */
    @Test
    @Async
    void toThreadException() {
        java.io.IOException io = new java.io.IOException("disk");
        Throwable outcome = Await.on(failureOf(Asyncio.toThread(() -> {
            throw io;
        })));
        assertSame(io, outcome);
    }

    /** Mirrors test_threads.py::test_to_thread_concurrent: blocking calls run in parallel on the default pool. */
    @Test
    @Async
    void toThreadConcurrent() {
        EventLoop loop = Asyncio.getRunningLoop();
        double t0 = loop.time();
        List<Coroutine<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            calls.add(Asyncio.toThread(() -> {
                Thread.sleep(200);
                return n;
            }));
        }
        assertEquals(List.of(0, 1, 2, 3), Await.on(Asyncio.gather(calls)));
        assertTrue(loop.time() - t0 < 0.7, "the calls ran one after another");
    }

    /** Mirrors test_base_events.py::test_close: a closed loop accepts no further work; closing twice is harmless. */
    @Test
    void close() {
        EventLoop loop = new EventLoop();
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close();
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callLater(1, () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.createTask(Asyncio.sleep(0)));
        assertThrows(IllegalStateException.class, loop::runForever);
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    }

    /** Mirrors test_events.py::test_run_until_complete_stopped: stopping before the work is done throws. */
    @Test
    void runUntilCompleteStopped() {
        try (EventLoop loop = new EventLoop()) {
            Future<Void> never = loop.createFuture();
            loop.callSoon(loop::stop);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never));
            assertTrue(e.getMessage().contains("stopped"), e.getMessage());
        }
    }

    /** Mirrors test_events.py::test_run_until_complete_nesting: a running loop cannot be run again. */
    @Test
    @Async
    void runUntilCompleteNesting() {
        EventLoop loop = Asyncio.getRunningLoop();
        Await.on(Asyncio.sleep(0));
        assertTrue(loop.isRunning());
        Coroutine<Void> inner = Asyncio.sleep(0);
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(inner));
        Await.on(inner); // still usable: it was not consumed
        EventLoop other = new EventLoop();
        assertThrows(IllegalStateException.class, other::runForever); // one loop per thread
        other.close();
    }

    /** Mirrors test_events.py::test_get_event_loop_returns_running_loop: no running loop outside, the loop inside. */
    @Test
    void getRunningLoop() {
        assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
        try (EventLoop loop = new EventLoop()) {
            EventLoop[] seen = new EventLoop[1];
            loop.callSoon(() -> {
                seen[0] = Asyncio.getRunningLoop();
                loop.stop();
            });
            loop.runForever();
            assertSame(loop, seen[0]);
        }
        assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
    }

    /** Mirrors test_base_events.py::test_default_exc_handler_callback: an error in a callback is logged, the loop goes on. */
    @Test
    void defaultExceptionHandlerLogsCallbackErrors() {
        try (LogCapture log = new LogCapture(); EventLoop loop = new EventLoop()) {
            List<String> ran = new ArrayList<>();
            loop.callSoon(() -> {
                throw new Boom("in callback");
            });
            loop.callSoon(() -> ran.add("next"));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of("next"), ran);
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("Exception in callback")), log.messages().toString());
        }
    }

    /** Mirrors test_base_events.py::test_set_exc_handler_custom. */
    @Test
    void customExceptionHandler() {
        try (EventLoop loop = new EventLoop()) {
            List<ExceptionContext> contexts = new ArrayList<>();
            loop.setExceptionHandler((l, context) -> contexts.add(context));
            assertTrue(loop.getExceptionHandler() != null);
            Boom boom = new Boom("x");
            loop.callSoon(() -> {
                throw boom;
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, contexts.size());
            assertSame(boom, contexts.get(0).exception());
            assertTrue(contexts.get(0).message().startsWith("Exception in callback"));
            loop.setExceptionHandler(null);
            assertEquals(null, loop.getExceptionHandler());
        }
    }

    /** Mirrors test_base_events.py::test_set_exc_handler_broken: a failing handler is itself logged. */
    @Test
    void brokenExceptionHandler() {
        try (LogCapture log = new LogCapture(); EventLoop loop = new EventLoop()) {
            loop.setExceptionHandler((l, context) -> {
                throw new Boom("handler broke");
            });
            loop.callSoon(() -> {
                throw new Boom("callback broke");
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("Unhandled error in exception handler")), log.messages().toString());
        }
    }

    /** Mirrors test_base_events.py::test_check_thread: in debug mode, callSoon from another thread is refused. */
    @Test
    @Async
    void checkThread() {
        EventLoop loop = Asyncio.getRunningLoop();
        loop.setDebug(true);
        Throwable[] refused = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                loop.callSoon(() -> { });
            } catch (IllegalStateException e) {
                refused[0] = e;
            }
        });
        other.start();
        Await.on(Asyncio.toThread(() -> {
            other.join();
            return null;
        }));
        loop.setDebug(false);
        assertInstanceOf(IllegalStateException.class, refused[0]);
        assertTrue(refused[0].getMessage().contains("callSoonThreadsafe"));
    }

    /** Mirrors test_base_events.py::test_run_forever_stop_before_run: stop() before runForever() runs one turn. */
    @Test
    void stopBeforeRunRunsOneTurn() {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            loop.callSoon(() -> log.add("ran"));
            loop.stop();
            loop.runForever();
            assertEquals(List.of("ran"), log);
            assertFalse(loop.isRunning());
        }
    }

    /** Mirrors test_base_events.py::test_single_selecter_event_callback_after_stopping: a turn completes after stop(). */
    @Test
    void callbacksScheduledBeforeStopStillRun() {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            loop.callSoon(loop::stop);
            loop.callSoon(() -> log.add("same turn"));
            loop.runForever();
            assertEquals(List.of("same turn"), log);
        }
    }

    /** Mirrors test_events.py::test_create_future: a future of this loop, awaited from a coroutine. */
    @Test
    void runUntilCompleteOfAFuture() {
        try (EventLoop loop = new EventLoop()) {
            Future<String> f = loop.createFuture();
            loop.callLater(0.01, () -> f.setResult("set"));
            assertEquals("set", loop.runUntilComplete(f));
            assertSame(loop, f.getLoop());
        }
    }

    /** Captures what the runtime logs through System.Logger (backed by java.util.logging by default). */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        private final Logger logger = Logger.getLogger("dev.weft");

        LogCapture() {
            logger.addHandler(this);
        }

        List<String> messages() {
            synchronized (messages) {
                return new ArrayList<>(messages);
            }
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            Object[] params = record.getParameters();
            if (params != null) {
                message = java.text.MessageFormat.format(message, params);
            }
            messages.add(message);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
