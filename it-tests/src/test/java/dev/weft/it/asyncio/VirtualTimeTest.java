package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Runner;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.test.VirtualTime;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code EventLoop.withVirtualTime()}: idle gaps are skipped, nothing else changes. A test marked
 * {@link VirtualTime} gets such a loop from {@link WeftExtension}. The timeout,
 * wait_for, wait and as_completed suites also run under virtual time as a whole (the
 * {@code virtual-time} surefire execution, {@code -Dweft.virtualTime=true}).
 */
@ExtendWith(WeftExtension.class)
class VirtualTimeTest {

    @Async
    static Coroutine<Double> sleepAnHour() {
        Await.on(Asyncio.sleep(3600));
        return Coroutine.of(Asyncio.getRunningLoop().time());
    }

    /** Guards against waiting for real: an hour-long sleep would not end within this. */
    private static final long NOT_AN_HOUR_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** On a loop from {@link EventLoop#withVirtualTime()}, through a {@link Runner} as its Javadoc shows. */
    @Test
    void anHourLongSleepEndsAtOnceAndTheClockReadsAnHour() {
        long start = System.nanoTime();
        double now;
        try (Runner runner = new Runner(EventLoop::withVirtualTime)) {
            now = runner.run(sleepAnHour());
        }
        assertTrue(System.nanoTime() - start < NOT_AN_HOUR_NANOS);
        assertTrue(now >= 3600 && now < 3601, "time() read " + now);
    }

    @Test
    void theClockStartsAtZero() {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            assertTrue(loop.isVirtualTime());
            assertTrue(loop.time() < 1, "time() read " + loop.time());
        }
        try (EventLoop loop = new EventLoop()) {
            // Real time unless the system property asks every loop for virtual time.
            assertEquals(Boolean.getBoolean("weft.virtualTime"), loop.isVirtualTime());
        }
    }

    @Test
    @VirtualTime
    @Async
    void timersFireInTheOrderAndAtTheTimesTheRealClockWould() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.getRunningLoop();
        loop.callLater(200, () -> log.add("b at " + Math.round(loop.time())));
        loop.callLater(100, () -> log.add("a at " + Math.round(loop.time())));
        loop.callLater(300, () -> log.add("c at " + Math.round(loop.time())));
        Await.on(Asyncio.sleep(400));
        assertEquals(List.of("a at 100", "b at 200", "c at 300"), log);
    }

    @Async
    static Coroutine<String> blockingCall(long millis) {
        String r = Await.on(Asyncio.toThread(() -> {
            Thread.sleep(millis);
            return "returned";
        }));
        return Coroutine.of(r);
    }

    /** Work on another thread holds the clock: the long timeout does not fire while it runs. */
    @Test
    @VirtualTime
    @Async
    void workInFlightIsNotSkipped() {
        double start = Asyncio.getRunningLoop().time();
        assertEquals("returned", Await.on(Asyncio.waitFor(blockingCall(100), 60)));
        double elapsed = Asyncio.getRunningLoop().time() - start;
        assertTrue(elapsed < 60, "the clock jumped over work in flight: " + elapsed);
    }

    /** And a timeout shorter than that work fires at the real pace, as with the real clock. */
    @Test
    @VirtualTime
    @Async
    void aTimeoutShorterThanTheWorkInFlightStillFires() {
        Throwable failure = Await.on(Fixtures.failureOf(Asyncio.waitFor(blockingCall(500), 0.05)));
        assertInstanceOf(TimeoutError.class, failure);
    }

    /** A stage completed by another thread counts as work in flight too. */
    @Test
    @VirtualTime
    @Async
    void anAwaitedStageCompletedElsewhereWinsOverALaterTimer() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Thread completer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            stage.complete("from another thread");
        });
        completer.start();
        assertEquals("from another thread", Await.on(Asyncio.waitFor(awaitStage(stage), 3600)));
    }

    @Async
    static Coroutine<String> awaitStage(CompletableFuture<String> stage) {
        return Coroutine.of(Await.on(stage));
    }
}
